"""Drain the outbox through a transport, retrying with backoff."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from mailflow.errors import SendFailed, SendRejected
from mailflow.send.base import Transport
from mailflow.store import outbox
from mailflow.store.database import Database
from mailflow.store.tables import OutboxRow

log = logging.getLogger(__name__)
Result = SendFailed | SendRejected | None


@dataclass(frozen=True)
class DrainReport:
    """How one pass over the outbox went."""

    sent: int = 0
    retried: int = 0
    failed: int = 0
    error: str = ""


async def drain_outbox(db: Database, transport: Callable[[], Transport], now: datetime,
                       max_attempts: int, more: Callable[[], bool] = lambda: True,
                       batch_size: int = 100) -> DrainReport:
    """Send every due message once, `batch_size` at a time while `more()` says go on;
    failures are rescheduled or marked failed. Stops at the first batch the server cut
    short (down or refusing for now): the rest wait for the next pass."""
    total = DrainReport()
    while True:
        report, leased = await _drain_batch(db, transport, now, max_attempts, batch_size)
        total = DrainReport(total.sent + report.sent, total.retried + report.retried,
                            total.failed + report.failed, report.error)
        if report.error or leased < batch_size or not more():
            return total


async def _drain_batch(db: Database, transport: Callable[[], Transport], now: datetime,
                       max_attempts: int, batch_size: int) -> tuple[DrainReport, int]:
    with db.transaction() as session:
        leased = outbox.lease_due(session, now, batch_size)
    if not leased:
        return DrainReport(), 0
    results: list[Result] = []
    try:
        async with transport() as connection:
            for row in leased:
                results.append(await _send_one(connection, row))
                _save(db, row, results[-1], now, max_attempts)
                if isinstance(results[-1], SendFailed):
                    break  # gone or refusing for now: the rest wait, without using an attempt
    except SendFailed as error:
        # The server is unreachable: nothing was offered, so no message uses an attempt;
        # they all wait (for as long as the outage lasts) and go out when it is back.
        _postpone(db, leased[len(results):], now, str(error))
        return _report(db, leased, str(error)), len(leased)
    if len(results) < len(leased):
        _release(db, leased[len(results):], now)
    stopped_by = results[-1] if isinstance(results[-1], SendFailed) else None
    return _report(db, leased, str(stopped_by or "")), len(leased)


async def _send_one(connection: Transport, row: OutboxRow) -> Result:
    try:
        await connection.send(row.sender, json.loads(row.recipients), row.raw)
    except SendRejected as error:
        log.warning("outbox message %s refused for good: %s", row.id, error)
        return error
    except SendFailed as error:
        log.warning("outbox message %s not sent for now: %s", row.id, error)
        return error
    return None


def _postpone(db: Database, rows: list[OutboxRow], now: datetime, error: str) -> None:
    with db.transaction() as session:
        for row in rows:
            current = session.get(OutboxRow, row.id)
            assert current is not None
            outbox.postpone(current, now, error)
            session.add(current)


def _release(db: Database, rows: list[OutboxRow], now: datetime) -> None:
    with db.transaction() as session:
        for row in rows:
            current = session.get(OutboxRow, row.id)
            assert current is not None
            outbox.release(current, now)
            session.add(current)


def _save(db: Database, row: OutboxRow, result: Result, now: datetime, max_attempts: int) -> None:
    with db.transaction() as session:
        current = session.get(OutboxRow, row.id)
        assert current is not None
        if result is None:
            outbox.mark_sent(current, now)
        elif isinstance(result, SendRejected):
            outbox.mark_failed(current, str(result))
        else:
            outbox.mark_retry(current, now, str(result), max_attempts)
        session.add(current)


def _report(db: Database, leased: list[OutboxRow], error: str) -> DrainReport:
    with db.transaction() as session:
        rows = [session.get(OutboxRow, row.id) for row in leased]
    statuses = [row.status for row in rows if row is not None]
    return DrainReport(sent=statuses.count("sent"), retried=statuses.count("pending"),
                       failed=statuses.count("failed"), error=error)
