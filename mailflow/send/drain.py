"""Drain the outbox through a transport, retrying with backoff.

Several daemons may drain one database at once. Each leases a small batch (ids and
envelopes, not the bytes), keeps the lease alive with a heartbeat while it sends, checks
it when loading each message, renews it with the mark made just before DATA (a
compare-and-set: one write per message before the send), and settles each message with a
compare-and-set (see mailflow.store.outbox). A pass holds one connection to the server for
all its batches. A message whose server answer was lost after
it was handed over is marked `unknown` and not sent again by itself: it may have arrived.
So is one whose sender stopped (SIGKILL, power cut) while handing it over: the mark made
just before DATA outlives the sender, and the next pass settles it as `unknown`.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from functools import partial

from sqlmodel import Session

from mailflow import logs, metrics
from mailflow.errors import MailflowError, SendFailed, SendRejected, SendUncertain
from mailflow.send.base import Transport
from mailflow.store import outbox
from mailflow.store.claims import record_event
from mailflow.store.database import Database
from mailflow.store.outbox import Leased

log = logging.getLogger(__name__)
Result = SendFailed | SendRejected | SendUncertain | None
Clock = Callable[[], datetime]
BATCH_SIZE = 20
UNCERTAIN_EVENT = "mail.delivery_uncertain"
HELD = "held"  # taken by the transport, recorded when its flush has delivered it


@dataclass(frozen=True)
class DrainReport:
    """How one pass over the outbox went."""

    sent: int = 0
    retried: int = 0
    failed: int = 0
    error: str = ""
    uncertain: int = 0  # handed over, answer lost: not resent, shown as `unknown`


class _Connection:
    """The pass's one connection to the server: opened when the first message is sent,
    reused for every message after it (the transport reconnects a dropped one), closed
    when the pass ends. A pass that finds nothing due never connects."""

    def __init__(self, make: Callable[[], Transport]) -> None:
        self._make = make
        self._open: Transport | None = None

    async def get(self) -> Transport:
        if self._open is None:
            self._open = await self._make().__aenter__()
        return self._open

    async def close(self, error: BaseException | None = None) -> None:
        """Close the connection; after `error`, what a transport still holds is dropped."""
        transport, self._open = self._open, None
        if transport is not None:
            await transport.__aexit__(type(error) if error else None, error, None)


@dataclass(frozen=True)
class _Pass:
    db: Database
    connection: _Connection
    clock: Clock
    max_attempts: int
    more: Callable[[], bool]
    lease: timedelta


async def drain_outbox(db: Database, transport: Callable[[], Transport], clock: Clock,
                       max_attempts: int, more: Callable[[], bool] = lambda: True,
                       batch_size: int = BATCH_SIZE, lease: timedelta = outbox.LEASE,
                       busy: Callable[[], None] = lambda: None) -> DrainReport:
    """Send every due message once, `batch_size` at a time while `more()` says go on,
    over one connection; failures are rescheduled or marked failed. Stops at the first
    batch the server cut short (down or refusing for now): the rest wait for the next pass.
    `busy()` is called whenever a full batch was leased (more may be due: another drain
    can help)."""
    run = _Pass(db, _Connection(transport), clock, max_attempts, more, lease)
    total = DrainReport()
    try:
        while True:
            report, leased = await _drain_batch(run, batch_size, busy)
            total = DrainReport(total.sent + report.sent, total.retried + report.retried,
                                total.failed + report.failed, report.error,
                                total.uncertain + report.uncertain)
            if report.error or leased < batch_size or not more():
                break
    except BaseException as error:
        await run.connection.close(error)
        raise
    await run.connection.close()
    return total


async def _drain_batch(run: _Pass, batch_size: int,
                       busy: Callable[[], None]) -> tuple[DrainReport, int]:
    with run.db.transaction() as session:
        abandoned = _settle_abandoned(session, run.clock())
        leased = outbox.lease_due(session, run.clock(), batch_size, run.lease)
    if not leased:
        return DrainReport(uncertain=abandoned), 0
    if len(leased) == batch_size:
        busy()
    async with _heartbeat(run, leased[0].token):
        statuses, error = await _send_batch(run, leased)
    report = _report(statuses, error)
    return replace(report, uncertain=report.uncertain + abandoned), len(leased)


def _settle_abandoned(session: Session, now: datetime) -> int:
    """Mark `unknown` the messages a stopped sender was handing over (never resent: they
    may have arrived), each with an event on its claim; how many there were."""
    abandoned = outbox.settle_abandoned(session, now)
    for item in abandoned:
        log.warning("outbox message %s (%s) may have been delivered by a sender that stopped "
                    "while handing it over; not resent", item.id, item.message_id)
        record_event(session, item.claim_id, now, UNCERTAIN_EVENT, {
            "outbox_id": item.id, "message_id": item.message_id,
            "why": outbox.ABANDONED_ERROR})
    return len(abandoned)


async def _send_batch(run: _Pass, leased: list[Leased]) -> tuple[list[str | None], str]:
    """Send the batch in order; the statuses it left behind and the error that cut it short."""
    statuses: list[str | None] = []
    error, tried = "", 0
    held: list[Leased] = []  # taken by a transport that delivers them at its next flush
    try:
        connection = await run.connection.get()
    except SendFailed as failure:
        # The server is unreachable: nothing was offered, so no message uses an attempt;
        # they all wait (for as long as the outage lasts) and go out when it is back.
        return [_settle(run, partial(outbox.postpone, leased=item, now=run.clock(),
                                     error=str(failure))) for item in leased], str(failure)
    for item in leased:
        if not run.more():
            break
        tried += 1
        status, result = await _attempt(run, connection, item)
        if status == HELD:
            held.append(item)
            continue
        statuses.append(status)
        if isinstance(result, SendFailed):
            error = str(result)
            break  # gone or refusing for now: the rest wait, without using an attempt
    statuses += await _flush(run, connection, held)
    statuses += [_settle(run, partial(outbox.release, leased=item, now=run.clock()))
                 for item in leased[tried:]]
    return statuses, error


async def _flush(run: _Pass, connection: Transport, held: list[Leased]) -> list[str | None]:
    """Have the transport deliver the messages it holds, all at once, and record them."""
    if not held:
        return []
    result: Result = None
    try:
        await connection.flush()
    except (SendFailed, SendUncertain) as error:
        log.warning("outbox: %d message(s) not delivered for sure: %s", len(held), error)
        result = error
    with run.db.transaction() as session:  # one commit records them all
        statuses = [_record(session, item, result, run) for item in held]
    for item, status in zip(held, statuses, strict=True):
        metrics.count_sent(item.kind, status)
    return statuses


async def _attempt(run: _Pass, connection: Transport,
                   item: Leased) -> tuple[str | None, Result]:
    """Send one leased message if it is still ours; its new status and the send's result."""
    with run.db.transaction() as session:
        raw = outbox.take(session, item)
    if raw is None:
        log.info("outbox message %s was taken over by another sender; skipped", item.id)
        return None, None
    with logs.bound(message_id=item.message_id):
        try:
            result = await _send_one(connection, item, raw, partial(_handing_over, run, item))
        except _LeaseRanOut:
            log.info("outbox message %s: its lease ran out before the hand-over; left to "
                     "the sender that takes it", item.id)
            return None, None
    if result is None and connection.delivers_on_flush:
        return HELD, None
    status = _settle(run, lambda session: _record(session, item, result, run))
    metrics.count_sent(item.kind, status)
    return status, result


class _LeaseRanOut(Exception):
    """The message stopped being ours just before its hand-over: nothing was sent."""


def _handing_over(run: _Pass, item: Leased) -> None:
    """Mark the message as being handed over, or stop the send if it is no longer ours."""
    with run.db.transaction() as session:
        if not outbox.mark_handing_over(session, item, run.clock(), run.lease):
            raise _LeaseRanOut(item.id)


async def _send_one(connection: Transport, item: Leased, raw: bytes,
                    handing_over: Callable[[], None]) -> Result:
    try:
        await connection.send(item.sender, item.recipients, raw, handing_over)
    except SendRejected as error:
        log.warning("outbox message %s refused for good: %s", item.id, error)
        return error
    except SendUncertain as error:
        log.warning("outbox message %s may have been delivered, not resent: %s", item.id, error)
        return error
    except SendFailed as error:
        log.warning("outbox message %s not sent for now: %s", item.id, error)
        return error
    return None


def _record(session: Session, item: Leased, result: Result, run: _Pass) -> str | None:
    """Store how a send went, as a compare-and-set on the message's row."""
    now = run.clock()
    if result is None:
        return outbox.mark_sent(session, item, now)
    if isinstance(result, SendRejected):
        return outbox.mark_failed(session, item, str(result))
    if isinstance(result, SendUncertain):
        status = outbox.mark_unknown(session, item, str(result))
        if status is not None:
            record_event(session, item.claim_id, now, UNCERTAIN_EVENT, {
                "outbox_id": item.id, "message_id": item.message_id, "why": str(result)})
        return status
    return outbox.mark_retry(session, item, now, str(result), run.max_attempts)


def _settle(run: _Pass, change: Callable[[Session], str | None]) -> str | None:
    with run.db.transaction() as session:
        return change(session)


@asynccontextmanager
async def _heartbeat(run: _Pass, token: str) -> AsyncIterator[None]:
    """Renew lease `token` every quarter lease while the block runs."""
    task = asyncio.create_task(_renew_forever(run, token))
    try:
        yield
    finally:
        task.cancel()
        with suppress(asyncio.CancelledError):
            await task


async def _renew_forever(run: _Pass, token: str) -> None:
    while True:
        await asyncio.sleep(run.lease.total_seconds() / 4)
        try:
            await asyncio.to_thread(_renew, run, token)
        except MailflowError as error:  # the per-message check still guards the send
            log.warning("cannot renew outbox lease %s: %s", token, error)


def _renew(run: _Pass, token: str) -> None:
    with run.db.transaction() as session:
        outbox.renew(session, token, run.clock(), run.lease)


def _report(statuses: list[str | None], error: str) -> DrainReport:
    return DrainReport(sent=statuses.count("sent"), retried=statuses.count("pending"),
                       failed=statuses.count("failed"), error=error,
                       uncertain=statuses.count("unknown"))
