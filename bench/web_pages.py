"""The rendered size of the web pages: `python bench/web_pages.py [--rows 50] [--turns 15 30]
[--sqlite-only]`.

On SQLite (a temporary file) and PostgreSQL (a scratch database next to MAILFLOW_TEST_PG),
a desk gets --rows claims of long letters from different customers and one claim of --turns
turns (the customer's letters, every third with a photo, and the specialist's answers; the
timeline also holds the follow-up mails to the specialist and the relays to the customer).
Prints the bytes of the claims list (a page of --rows rows), the staff claim page and the
customer's page, beside the issue's limit of 100 KB without images. Asserts nothing
(tests/web/test_page_sizes.py pins the default sizes).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import postgres_database  # noqa: E402
from tests.web.page_sizes import LIMIT, measure  # noqa: E402

PG = os.environ.get("MAILFLOW_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def sizes(kind: str, rows: int, turns: int) -> dict[str, int]:
    with tempfile.TemporaryDirectory() as folder:
        if kind == "sqlite":
            return measure(Path(folder), f"sqlite:///{folder}/pages.sqlite3", rows, turns)
        with postgres_database(PG, "mf_bench_web_pages") as url:
            return measure(Path(folder), url, rows, turns)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--rows", type=int, default=50)
    parser.add_argument("--turns", type=int, nargs="+", default=[15, 30])
    parser.add_argument("--sqlite-only", action="store_true")
    args = parser.parse_args()
    kinds = ["sqlite"] if args.sqlite_only else ["sqlite", "postgresql"]
    print(f"page sizes in bytes (limit {LIMIT}), claims list of {args.rows} rows")
    print(f"{'database':11} {'turns':>5} {'messages':>8} {'claims list':>12} "
          f"{'claim page':>11} {'customer page':>14}")
    for kind in kinds:
        for turns in args.turns:
            got = sizes(kind, args.rows, turns)
            marks = {name: "!" if got[name] >= LIMIT else " " for name in got}
            print(f"{kind:11} {turns:>5} {got['messages']:>8} "
                  f"{got['claims list']:>11}{marks['claims list']} "
                  f"{got['claim page']:>10}{marks['claim page']} "
                  f"{got['customer page']:>13}{marks['customer page']}", flush=True)
    print("(! marks a page over the limit)")


if __name__ == "__main__":
    main()
