"""The service's small rules: sd_notify datagrams, log context, credentials, health verdicts."""

from __future__ import annotations

import io
import json
import logging
import signal
import socket
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

import pytest
from pydantic import SecretStr

from mailflow import health, logs
from mailflow.config import credential_file, read_secret
from mailflow.notify import Notifier
from mailflow.service import Service

NOW = datetime(2026, 12, 3, 12, 0, tzinfo=UTC)


@pytest.fixture
def receiver(tmp_path: Path) -> Iterator[tuple[socket.socket, str]]:
    path = str(tmp_path / "n")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(path)
    sock.settimeout(5)
    yield sock, path
    sock.close()


def test_watchdog_pings_at_most_once_per_half_period(
        receiver: tuple[socket.socket, str]) -> None:
    """alive() sends WATCHDOG=1 only when half of WATCHDOG_USEC passed since the last one."""
    sock, path = receiver
    clock = iter([0.0, 0.4, 1.1, 1.2])
    notifier = Notifier({"NOTIFY_SOCKET": path, "WATCHDOG_USEC": "2000000"},
                        monotonic=lambda: next(clock))
    assert notifier.watchdog_interval == 1.0
    for _ in range(4):
        notifier.alive()
    notifier.stopping()
    received = [sock.recv(100) for _ in range(3)]
    assert received == [b"WATCHDOG=1", b"WATCHDOG=1", b"STOPPING=1"]


def test_reloading_carries_the_monotonic_time(receiver: tuple[socket.socket, str]) -> None:
    """RELOADING=1 comes with MONOTONIC_USEC, as Type=notify-reload requires."""
    sock, path = receiver
    Notifier({"NOTIFY_SOCKET": path}).reloading()
    fields = dict(line.split("=") for line in sock.recv(100).decode().splitlines())
    assert fields["RELOADING"] == "1"
    assert int(fields["MONOTONIC_USEC"]) > 0


def test_without_a_manager_nothing_is_sent_and_no_watchdog_runs() -> None:
    """Outside systemd, or with a watchdog meant for another process, the notifier is idle."""
    assert not Notifier({}).active
    assert Notifier({}).watchdog_interval is None
    other = Notifier({"NOTIFY_SOCKET": "/run/x", "WATCHDOG_USEC": "10", "WATCHDOG_PID": "1"})
    assert other.watchdog_interval is None
    Notifier({}).ready()  # no socket, no error


def record_with(formatter: logging.Formatter, message: str) -> str:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(formatter)
    handler.addFilter(logs.ContextFilter())
    logger = logging.getLogger("tests.operations")
    logger.addHandler(handler)
    try:
        logger.warning(message)
    finally:
        logger.removeHandler(handler)
    return stream.getvalue().strip()


def test_json_lines_carry_the_bound_claim_and_message_id() -> None:
    """Inside `bound`, each JSON line has message_id, and claim once bound; not after."""
    with logs.bound(message_id="m1@example.org"):
        logs.bind(claim="CLM-2026-000001")
        inside = json.loads(record_with(logs.JsonFormatter(), "stored"))
    outside = json.loads(record_with(logs.JsonFormatter(), "idle"))
    assert inside["message_id"] == "m1@example.org"
    assert inside["claim"] == "CLM-2026-000001"
    assert inside["message"] == "stored"
    assert "claim" not in outside
    assert "message_id" not in outside


def test_plain_lines_name_the_message_in_brackets() -> None:
    """Plain text lines end with [claim=... message_id=...] while a message is in hand."""
    with logs.bound(claim="CLM-2026-000002", message_id="m2@example.org"):
        line = record_with(logging.Formatter(logs.PLAIN), "sent")
    assert line.endswith("sent [claim=CLM-2026-000002 message_id=m2@example.org]")


def test_secrets_come_from_the_credentials_directory(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A LoadCredential= file named after the key is read; an empty one counts as absent,
    and a value in the config still wins."""
    (tmp_path / "mailbox.password").write_text("from-systemd\n", encoding="utf-8")
    (tmp_path / "outgoing.password").write_text("", encoding="utf-8")
    monkeypatch.setenv("CREDENTIALS_DIRECTORY", str(tmp_path))
    assert read_secret(SecretStr(""), None, "mailbox.password") == "from-systemd"
    assert read_secret(SecretStr("configured"), None, "mailbox.password") == "configured"
    assert credential_file("outgoing.password") is None
    assert credential_file("security.secret") is None


def snapshot(poll_age: float | None, outbox_age: float | None) -> health.Snapshot:
    polls = () if poll_age is None else (health.Poll("imap://a", NOW, poll_age),)
    return health.Snapshot(outbox_backlog=1 if outbox_age else 0, outbox_oldest_age=outbox_age,
                           quarantine_size=0, polls=polls, deadline_lag=0.0)


@pytest.mark.parametrize(("poll_age", "outbox_age", "expected"), [
    (10.0, None, []),
    (10.0, 50.0, []),
    (None, None, ["stalled"]),
    (400.0, None, ["stalled"]),
    (10.0, 4000.0, ["outbox_old"]),
    (400.0, 4000.0, ["stalled", "outbox_old"]),
])
def test_health_problems_follow_the_bounds(poll_age: float | None, outbox_age: float | None,
                                           expected: list[str]) -> None:
    """Intake stalls past max_poll_age (or before any read); the outbox past max_outbox_age."""
    found = health.problems(snapshot(poll_age, outbox_age), "imap://a", max_poll_age=300,
                            max_outbox_age=1800)
    assert found == expected


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_landing_inside_the_loops_wait_does_not_deadlock(signum: int) -> None:
    """SIGTERM/SIGHUP handled while the main thread holds the event's internal lock (it was
    inside `stop.wait()`) sets the event once the lock is free, instead of waiting for it
    forever (a daemon hung after STOPPING=1 under load)."""
    service = Service(cast(Any, None), None, notifier=Notifier({}))
    event = service.stop if signum == signal.SIGTERM else service.reload_requested
    handler = service._request_stop if signum == signal.SIGTERM else service._request_reload
    with event._cond:  # type: ignore[attr-defined]  # what Event.wait holds while it starts
        handler(signum, None)
        assert not event.is_set()
    assert event.wait(5)


def test_bind_outside_any_bound_block_leaves_nothing_behind() -> None:
    """A `bind` with no enclosing `bound` (a caller that forgot it) adds nothing to later
    lines: a claim number must not stick to every line the process writes afterwards."""
    logs.bind(claim="CLM-2026-000009")
    later = json.loads(record_with(logs.JsonFormatter(), "idle"))
    assert "claim" not in later
