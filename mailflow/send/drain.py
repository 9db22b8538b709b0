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
    statuses: list[str] = []
    error = ""
    try:
        async with transport() as connection:
            for row in leased:
                result = await _send_one(connection, row)
                statuses += _update(db, [row], _outcome(result, now, max_attempts))
                if isinstance(result, SendFailed):
                    error = str(result)
                    break  # gone or refusing for now: the rest wait, without using an attempt
    except SendFailed as failure:
        # The server is unreachable: nothing was offered, so no message uses an attempt;
        # they all wait (for as long as the outage lasts) and go out when it is back.
        error = str(failure)
        statuses += _update(db, leased[len(statuses):],
                            lambda row: outbox.postpone(row, now, error))
        return _report(statuses, error), len(leased)
    statuses += _update(db, leased[len(statuses):], lambda row: outbox.release(row, now))
    return _report(statuses, error), len(leased)


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


def _outcome(result: Result, now: datetime, max_attempts: int) -> Callable[[OutboxRow], None]:
    """How a send's result changes its outbox row."""
    if result is None:
        return lambda row: outbox.mark_sent(row, now)
    if isinstance(result, SendRejected):
        return lambda row: outbox.mark_failed(row, str(result))
    return lambda row: outbox.mark_retry(row, now, str(result), max_attempts)


def _update(db: Database, rows: list[OutboxRow],
            change: Callable[[OutboxRow], None]) -> list[str]:
    """Apply `change` to the stored rows in one transaction; their new statuses."""
    if not rows:
        return []
    with db.transaction() as session:
        current = [session.get(OutboxRow, row.id) for row in rows]
        for row in current:
            assert row is not None
            change(row)
            session.add(row)
        return [row.status for row in current if row is not None]


def _report(statuses: list[str], error: str) -> DrainReport:
    return DrainReport(sent=statuses.count("sent"), retried=statuses.count("pending"),
                       failed=statuses.count("failed"), error=error)
