"""Graceful shutdown: SIGTERM to a busy `mailflow run` stops it fast, nothing half-done.

A hundred claims wait in dovecot (two batches of 50). The daemon is started as a user runs
it, sent SIGTERM once it is visibly working (20 stored, inside its first batch), and must
exit on its own with code 0 and no traceback, having moved only what it committed. A
`run --once` afterwards finishes the rest. (300 messages proved nothing more: the stop
comes within the first batch either way; the rest only lengthened the final run.)
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from contextlib import closing
from email import message_from_bytes
from pathlib import Path

import pytest

from tests import corpus
from tests.integration import support
from tests.servers import Dovecot, SmtpSink, address, password

pytestmark = [pytest.mark.imap, pytest.mark.smtp, pytest.mark.e2e]
MESSAGES = 100
STOP_DEADLINE = 10.0


def write_config(folder: Path, dovecot: Dovecot, sink: SmtpSink) -> Path:
    path = folder / "mailflow.toml"
    path.write_text(
        f'[database]\nurl = "sqlite:///{folder / "mailflow.sqlite3"}"\n'
        f'[mailbox]\nkind = "imap"\nhost = "{dovecot.host}"\nport = {dovecot.imap_port}\n'
        f'security = "none"\nusername = "{address("claims")}"\n'
        f'password = "{password("claims")}"\nbatch_size = 50\npoll_interval = 1\n'
        f'[outgoing]\nkind = "smtp"\nhost = "{sink.host}"\nport = {sink.port}\n'
        'security = "none"\n'
        '[company]\nclaims_address = "claims@example.test"\n'
        '[security]\nsecret = "shutdown-secret"\n', encoding="utf-8")
    return path


def mailflow(config: Path, *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "mailflow", "--config", str(config), "--log-level", "warning",
         *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        env={**os.environ, "MAILFLOW_LANG": "en"})


def stored_ids(database: Path) -> Counter[str]:
    """Message-IDs of incoming messages committed so far (read beside the running daemon)."""
    if not database.exists():
        return Counter()
    with closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=30)) as db:
        try:
            rows = db.execute("SELECT message_id FROM messages WHERE direction = 'in'").fetchall()
        except sqlite3.OperationalError:  # no schema yet
            return Counter()
    return Counter(row[0] for row in rows)


def ids_in(dovecot: Dovecot, folder: str) -> list[str]:
    return [str(message_from_bytes(raw)["Message-ID"]).strip("<>")
            for raw in dovecot.messages("claims", folder)]


def wait_until_working(daemon: subprocess.Popen[bytes], database: Path) -> None:
    deadline = time.monotonic() + 60
    while len(stored_ids(database)) < 20:
        assert daemon.poll() is None, "the daemon exited on its own"
        if time.monotonic() > deadline:
            pytest.fail("the daemon stored nothing within 60 s")
        time.sleep(0.02)


def test_sigterm_stops_a_busy_daemon_cleanly_and_the_next_run_finishes(
        tmp_path: Path, clean_dovecot: Dovecot, smtp_sink: SmtpSink) -> None:
    """SIGTERM mid-batch exits 0 within seconds with committed work moved; --once does the rest."""
    raws = [corpus.english(sender=f"Customer {n} <stop{n}@example.org>",
                           message_id=f"stop.{n}@example.org", subject=f"Broken item {n}")
            for n in range(MESSAGES)]
    clean_dovecot.append("claims", raws)
    config = write_config(tmp_path, clean_dovecot, smtp_sink)
    support.upgrade_config(config)
    database = tmp_path / "mailflow.sqlite3"

    daemon = mailflow(config, "run")
    try:
        wait_until_working(daemon, database)
        daemon.send_signal(signal.SIGTERM)
        _, stderr = daemon.communicate(timeout=STOP_DEADLINE)
    finally:
        if daemon.poll() is None:
            daemon.kill()
            daemon.communicate()
    assert daemon.returncode == 0, stderr.decode()
    assert b"Traceback" not in stderr, stderr.decode()

    at_stop = stored_ids(database)
    print(f"\nstored when SIGTERM was handled: {len(at_stop)} of {MESSAGES}")
    assert len(at_stop) < MESSAGES, "the daemon finished the whole mailbox instead of stopping"
    assert set(ids_in(clean_dovecot, "Processed")) == set(at_stop)  # moved = committed
    assert len(ids_in(clean_dovecot, "INBOX")) == MESSAGES - len(at_stop)

    final = mailflow(config, "run", "--once")
    _, stderr = final.communicate(timeout=120)
    assert final.returncode == 0, stderr.decode()
    stored = stored_ids(database)
    assert set(stored) == {f"stop.{n}@example.org" for n in range(MESSAGES)}
    assert set(stored.values()) == {1}
    assert ids_in(clean_dovecot, "INBOX") == []
    assert sorted(ids_in(clean_dovecot, "Processed")) == sorted(stored)
    acked = Counter(mail.rcpt_tos[0] for mail in smtp_sink.received)
    assert acked == Counter({f"stop{n}@example.org": 1 for n in range(MESSAGES)})
