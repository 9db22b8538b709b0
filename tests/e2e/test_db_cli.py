"""`mailflow db ...` and the schema check every other command makes, as a user runs them."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import make_url, text

from mailflow.store.database import SCHEMA_LOCK_KEY, Database
from tests import corpus
from tests.e2e.inprocess import mailflow as in_process
from tests.e2e.test_cli import mailflow, one_line_error

pytestmark = pytest.mark.e2e


def write_config(folder: Path, db_url: str) -> Path:
    path = folder / "mailflow.toml"
    path.write_text(
        f'[database]\nurl = "{db_url}"\n'
        f'[mailbox]\nkind = "maildir"\npath = "{folder / "inbox"}"\n'
        f'[outgoing]\nkind = "maildir"\npath = "{folder / "outbox"}"\n'
        f'[storage]\nattachments_dir = "{folder / "blobs"}"\n'
        '[company]\nclaims_address = "claims@example.test"\n'
        '[security]\nsecret = "db-secret"\n', encoding="utf-8")
    return path


def upgrade_to(db_url: str, target: str) -> None:
    database = Database(db_url)
    database.upgrade(target)
    database.dispose()


def test_a_behind_schema_stops_every_command_with_one_line(tmp_path: Path, db_url: str) -> None:
    """On a schema one migration behind, the CLI, the daemon and `ingest` (exit 75) stop
    with one line naming `mailflow db upgrade`; after that command they work. (`ingest` and
    `db upgrade` run as processes, the others in this process: tests/e2e/inprocess.py.)"""
    upgrade_to(db_url, "0004")
    config = write_config(tmp_path, db_url)
    for args in (("claims", "list"), ("run", "--once"), ("run",), ("db", "check")):
        result = in_process(config, *args)
        assert result.returncode != 0, args
        line = one_line_error(result)
        assert "0004" in line
        assert Database.head() in line
        assert "`mailflow db upgrade`" in line
    ingest = mailflow(config, "ingest", stdin=corpus.english())
    assert ingest.returncode == 75  # the MTA keeps the message and tries again later
    assert "`mailflow db upgrade`" in one_line_error(ingest)
    upgraded = mailflow(config, "db", "upgrade")
    assert upgraded.returncode == 0, upgraded.stderr
    assert f"from 0004 to {Database.head()}" in upgraded.stdout
    assert in_process(config, "claims", "list").returncode == 0
    assert in_process(config, "db", "current").stdout.strip() == Database.head()


def test_an_empty_database_counts_as_behind_in_both_languages(tmp_path: Path,
                                                             db_url: str) -> None:
    """A database nobody upgraded is refused in English and in Russian, naming the command."""
    config = write_config(tmp_path, db_url)
    english = one_line_error(mailflow(config, "claims", "list"))
    russian = one_line_error(mailflow(config, "claims", "list", env={"MAILFLOW_LANG": "ru"}))
    assert "no schema yet" in english
    assert "`mailflow db upgrade`" in english
    assert "выполните `mailflow db upgrade`" in russian
    assert mailflow(config, "db", "current").stdout.strip() == "none"


def test_a_newer_schema_is_refused_and_not_touched(tmp_path: Path, db_url: str) -> None:
    """A schema from a newer mailflow stops the CLI and `db upgrade` with one line, unchanged."""
    upgrade_to(db_url, "head")
    database = Database(db_url)
    with database.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    config = write_config(tmp_path, db_url)
    for args in (("claims", "list"), ("db", "upgrade")):
        result = mailflow(config, *args)
        assert result.returncode != 0
        assert "newer than this mailflow" in one_line_error(result)
    assert database.revision() == "9999"
    database.dispose()


@pytest.mark.postgres
def test_two_upgrades_at_once_both_succeed_and_migrate_once(tmp_path: Path,
                                                            pg_url: str) -> None:
    """Two `mailflow db upgrade` started together on an empty PostgreSQL database queue on
    the schema lock; both exit 0 and the schema is at head, recorded once."""
    config = write_config(tmp_path, pg_url)
    plain = make_url(pg_url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(plain, autocommit=True) as holder:
        holder.execute("SELECT pg_advisory_lock(%s)", (SCHEMA_LOCK_KEY,))
        upgraders = [start_upgrade(config) for _ in range(2)]
        wait_for_lock_waiters(holder, 2)
        holder.execute("SELECT pg_advisory_unlock(%s)", (SCHEMA_LOCK_KEY,))
        results = [upgrader.communicate(timeout=120) for upgrader in upgraders]
    assert [u.returncode for u in upgraders] == [0, 0], results
    outputs = sorted(out for out, _ in results)
    assert outputs[0].startswith("database schema is at")  # the second found nothing to do
    assert outputs[1].startswith("database schema upgraded from none")
    with psycopg.connect(plain) as connection:
        rows = connection.execute("SELECT version_num FROM alembic_version").fetchall()
    assert rows == [(Database.head(),)]


def start_upgrade(config: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "mailflow", "--config", str(config), "db", "upgrade"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "MAILFLOW_LANG": "en"})


def wait_for_lock_waiters(holder: psycopg.Connection[tuple[object, ...]], count: int) -> None:
    """Until `count` other sessions wait for the advisory lock the holder has."""
    deadline = time.monotonic() + 60
    query = "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
    while time.monotonic() < deadline:
        row = holder.execute(query).fetchone()
        if row is not None and row[0] == count:
            return
        time.sleep(0.05)
    pytest.fail(f"{count} upgraders never waited for the schema lock")
