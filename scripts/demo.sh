#!/usr/bin/env bash
# The README's first command: set up and run mailflow on the embedded default
# (SQLite + a local Maildir inbox and outbox under ./demo), with sample claims.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
rm -rf demo
.venv/bin/mailflow --config config/demo.toml demo
echo
first=$(.venv/bin/mailflow --config config/demo.toml claims list --format json \
        | .venv/bin/python -c 'import json,sys; c=json.load(sys.stdin); print(c[-1]["number"] if c else "")')
if [ -n "$first" ]; then
  .venv/bin/mailflow --config config/demo.toml claims show "$first"
fi
echo
echo "Acknowledgements sent (Maildir outbox): demo/outbox/new/"
ls demo/outbox/new | head
