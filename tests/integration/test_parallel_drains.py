"""Outbox drains side by side, and one connection per drain, against a real aiosmtpd sink."""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import pytest

from mailflow.config import OutgoingSettings
from mailflow.send.drain import DrainReport, drain_outbox
from mailflow.send.drainers import Drainers
from mailflow.send.smtp import SmtpTransport
from mailflow.store.database import Database
from tests.integration.test_outbox import NOW, enqueue, rows, subjects
from tests.servers import HOST, SmtpSink

pytestmark = pytest.mark.smtp
WAIT = 120.0  # seconds before giving up on the drains (a failure, never a measured time)


def drain_pass(db: Database, port: int, batch_size: int,
               busy: Callable[[], None] = lambda: None) -> DrainReport:
    settings = OutgoingSettings(kind="smtp", host=HOST, port=port, security="none", timeout=10)
    return asyncio.run(drain_outbox(db, lambda: SmtpTransport(settings, ""), lambda: NOW, 10,
                                    batch_size=batch_size, busy=busy))


def keys(count: int) -> list[str]:
    return [f"ack-{n}" for n in range(count)]


def test_one_drain_pass_sends_every_batch_over_one_connection(
        db: Database, smtp_sink: SmtpSink) -> None:
    """A pass over three batches opens one SMTP connection and sends all of them over it."""
    enqueue(db, *keys(45))
    assert drain_pass(db, smtp_sink.port, batch_size=20) == DrainReport(sent=45)
    assert len({item.peer for item in smtp_sink.received}) == 1
    assert sorted(subjects(smtp_sink)) == sorted(keys(45))


def test_parallel_drains_send_every_message_exactly_once(
        db: Database, smtp_sink: SmtpSink) -> None:
    """Four drains leasing small batches of one outbox at once send each message once, each
    recorded sent after one attempt."""
    enqueue(db, *keys(60))
    smtp_sink.take_time(0.01)  # keeps the drains' batches in flight together
    with ThreadPoolExecutor(max_workers=4) as pool:
        reports = list(pool.map(lambda _: drain_pass(db, smtp_sink.port, 5), range(4)))
    assert sum(report.sent for report in reports) == 60
    assert Counter(subjects(smtp_sink)) == Counter(keys(60))
    assert {(row.status, row.attempts) for row in rows(db)} == {("sent", 1)}


def test_poked_drainers_share_a_burst_and_send_each_message_once(
        db: Database, smtp_sink: SmtpSink) -> None:
    """Three drain threads woken by one poke (a full batch calls for help) send a burst of
    80 messages, each exactly once."""
    enqueue(db, *keys(80))
    smtp_sink.take_time(0.01)
    drainers = Drainers(lambda busy: drain_pass(db, smtp_sink.port, 5, busy), parallel=3,
                        interval=3600, clock=lambda: NOW)
    drainers.start()
    try:
        deadline = time.monotonic() + WAIT
        while {row.status for row in rows(db)} != {"sent"}:
            if time.monotonic() > deadline:
                pytest.fail(f"not all sent: {Counter(row.status for row in rows(db))}")
            time.sleep(0.1)
    finally:
        drainers.shutdown()
    assert Counter(subjects(smtp_sink)) == Counter(keys(80))
    assert {row.attempts for row in rows(db)} == {1}
    print(f"\n80 messages over {len({item.peer for item in smtp_sink.received})} connections")
