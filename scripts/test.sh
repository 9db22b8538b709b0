#!/usr/bin/env bash
# The test command (see README): installs what the tests need when it is missing (the
# virtualenv and packages, dovecot, a running PostgreSQL), then runs ruff, mypy and pytest.
# Extra arguments go to pytest: `bash scripts/test.sh tests/unit -q`.
set -euo pipefail
cd "$(dirname "$0")/.."

apt_install() {
  if [ -z "${apt_updated:-}" ]; then
    apt-get update -q
    apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@"
}

ensure_dovecot() {
  if ! command -v dovecot >/dev/null && [ ! -x /usr/sbin/dovecot ]; then
    apt_install dovecot-imapd dovecot-lmtpd
  fi
}

# systemd-analyze (verify, security --offline) checks the units; it runs without systemd
# as PID 1.
ensure_systemd_analyze() {
  if ! command -v systemd-analyze >/dev/null; then
    apt_install systemd
  fi
}

# Trust on 127.0.0.1 is set up only for a cluster this script installed itself (a fresh CI box).
ensure_postgres() {
  local fresh=""
  if ! command -v pg_ctlcluster >/dev/null || [ -z "$(ls /etc/postgresql 2>/dev/null)" ]; then
    apt_install postgresql
    fresh=1
  fi
  local version
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  if [ -n "$fresh" ]; then
    sed -i '1i host all postgres 127.0.0.1/32 trust' "/etc/postgresql/$version/main/pg_hba.conf"
  fi
  if ! pg_isready -q -h 127.0.0.1 -p 5432; then
    pg_ctlcluster --skip-systemctl-redirect "$version" main start
  elif [ -n "$fresh" ]; then
    pg_ctlcluster --skip-systemctl-redirect "$version" main reload
  fi
  for _ in $(seq 50); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 0.2; done
  local query="select count(*) from pg_database where datname = 'test'"
  if [ "$(psql -h 127.0.0.1 -U postgres -d postgres -tAc "$query")" = "0" ]; then
    psql -h 127.0.0.1 -U postgres -d postgres -qc "create database test"
  fi
}

# Debian's Chromium for the browser test (Playwright drives it; it never downloads a browser).
ensure_chromium() {
  if [ ! -x /usr/bin/chromium ]; then
    apt_install chromium
  fi
}

# The many `python -m mailflow` processes the tests start would each recompile mailflow when
# the environment forbids bytecode caches; the caches go to the ignored __pycache__ folders.
unset PYTHONDONTWRITEBYTECODE

# shellcheck source=scripts/setup.sh
source scripts/setup.sh
ensure_dovecot
ensure_systemd_analyze
ensure_postgres
ensure_chromium

.venv/bin/ruff check mailflow tests bench
# mypy's cache lives outside the work tree, so a fresh clone on the same machine (CI's) reuses
# it: 23 s cold, 1 s warm. mypy checks each cached module against its file's hash, so a
# stale entry is rechecked, never trusted.
export MYPY_CACHE_DIR="${MYPY_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/mailflow/mypy}"
.venv/bin/mypy --strict mailflow
.venv/bin/pytest "$@"
