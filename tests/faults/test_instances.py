"""Two daemons on one PostgreSQL database share a slow SMTP server: nothing is sent twice.

Twelve messages wait in the outbox. Two real `mailflow run` processes start together and
drain it through one aiosmtpd sink that takes longer over each message than a daemon's
lease on its batch lasts (`lease_seconds = 1`), and each daemon looks for due mail every
0.3 s. Only the lease heartbeat keeps the other daemon off a message in flight; every
Message-ID must reach the server exactly once. (Twelve, not thirty: a daemon leases up to
20 at a time, so with thirty the first daemon's batch of 20 took 30 s while the second
sent its 10; with twelve the batch in flight still outlasts the lease 18 times over, with
the other daemon polling all along.)
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from email import message_from_bytes
from pathlib import Path

import pytest
from sqlmodel import select

from mailflow.store import outbox
from mailflow.store.database import Database
from mailflow.store.tables import OutboxRow
from tests.servers import SmtpSink

pytestmark = [pytest.mark.smtp, pytest.mark.postgres, pytest.mark.e2e]
MESSAGES = 12
SLOWER_THAN_THE_LEASE = 1.5  # seconds per message; the lease is 1 s


@pytest.fixture
def slow_sink() -> Iterator[SmtpSink]:
    """A sink of its own that answers each message after SLOWER_THAN_THE_LEASE seconds."""
    sink = SmtpSink()
    sink.take_time(SLOWER_THAN_THE_LEASE)
    sink.start()
    yield sink
    sink.stop()


def write_config(folder: Path, db_url: str, sink: SmtpSink) -> Path:
    path = folder / "mailflow.toml"
    path.write_text(
        f'[database]\nurl = "{db_url}"\n'
        f'[mailbox]\nkind = "maildir"\npath = "{folder / "inbox"}"\nidle = false\n'
        f'[outgoing]\nkind = "smtp"\nhost = "{sink.host}"\nport = {sink.port}\n'
        'security = "none"\nlease_seconds = 1\ntimeout = 20\ndrain_interval = 0.3\n'
        f'[storage]\nattachments_dir = "{folder / "blobs"}"\n'
        '[company]\nclaims_address = "claims@example.test"\n'
        '[security]\nsecret = "instances-secret"\n', encoding="utf-8")
    return path


def queue(db: Database) -> set[str]:
    now = datetime.now(UTC)
    ids = {f"twice.{n}@example.test" for n in range(MESSAGES)}
    with db.transaction() as session:
        for message_id in sorted(ids):
            raw = (f"From: claims@example.test\r\nTo: c@example.org\r\n"
                   f"Message-ID: <{message_id}>\r\nSubject: {message_id}\r\n\r\nHello.\r\n")
            outbox.enqueue(session, dedup_key=message_id, claim_id=None, kind="acknowledgement",
                           sender="claims@example.test", recipients=["c@example.org"],
                           message_id=message_id, raw=raw.encode(), now=now)
    return ids


def daemon(config: Path, log: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "mailflow", "--config", str(config), "--log-level", "info",
         "run"], stdout=subprocess.DEVNULL, stderr=log.open("wb"),
        env={**os.environ, "MAILFLOW_LANG": "en"})


def statuses(db: Database) -> Counter[str]:
    with db.transaction() as session:
        return Counter(session.exec(select(OutboxRow.status)).all())


def wait_until_all_sent(db: Database, daemons: list[subprocess.Popen[bytes]]) -> None:
    deadline = time.monotonic() + 180
    while statuses(db) != Counter({"sent": MESSAGES}):
        assert all(d.poll() is None for d in daemons), "a daemon exited on its own"
        if time.monotonic() > deadline:
            pytest.fail(f"not all sent within 180 s: {statuses(db)}")
        time.sleep(0.2)


def stop(daemons: list[subprocess.Popen[bytes]]) -> None:
    for process in daemons:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    for process in daemons:
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_two_daemons_sharing_a_slow_server_send_every_message_once(
        tmp_path: Path, pg_url: str, slow_sink: SmtpSink) -> None:
    """Every queued Message-ID arrives exactly once and is recorded sent after one attempt,
    though each send outlasts the lease the other daemon could otherwise take over."""
    db = Database(pg_url)
    db.upgrade()
    expected = queue(db)
    config = write_config(tmp_path, pg_url, slow_sink)
    logs = [tmp_path / "a.log", tmp_path / "b.log"]
    daemons = [daemon(config, log) for log in logs]
    try:
        wait_until_all_sent(db, daemons)
    finally:
        stop(daemons)
    for process, log in zip(daemons, logs, strict=True):
        assert process.returncode == 0, log.read_text()
        assert "Traceback" not in log.read_text(), log.read_text()
    arrived = Counter(str(message_from_bytes(m.content)["Message-ID"]).strip("<>")
                      for m in slow_sink.received)
    print(f"\n{len(slow_sink.received)} received over "
          f"{len({m.peer for m in slow_sink.received})} connections")
    assert arrived == Counter(expected)
    with db.transaction() as session:
        assert {row.attempts for row in session.exec(select(OutboxRow)).all()} == {1}
    db.dispose()
