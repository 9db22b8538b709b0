"""The daemon's health as the database shows it: for `mailflow status` and the metrics.

Every query is a COUNT or MIN over an indexed column (or a primary-key table of a few
rows), so a scrape every few seconds costs nothing on a database of years of claims.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func
from sqlmodel import col, select

from mailflow.store.database import Database
from mailflow.store.tables import JobRunRow, MailboxStateRow, OutboxRow, QuarantineRow

DEADLINE_JOB = "deadlines"  # the job id Runner.serve schedules the deadline pass under


@dataclass(frozen=True)
class Poll:
    """When one mailbox was last read without error."""

    source: str
    polled_at: datetime | None
    age: float | None  # seconds, None when never


@dataclass(frozen=True)
class Snapshot:
    outbox_backlog: int
    outbox_oldest_age: float | None  # seconds, None when nothing waits
    quarantine_size: int
    polls: tuple[Poll, ...]
    deadline_lag: float | None  # seconds late beyond the interval; None before a first run


def snapshot(db: Database, now: datetime, deadline_interval: float) -> Snapshot:
    """Read the figures at `now` (one short transaction)."""
    with db.transaction() as session:
        backlog, oldest = session.exec(
            select(func.count(), func.min(OutboxRow.created_at))
            .where(OutboxRow.status == "pending")).one()
        held = session.exec(select(func.count()).select_from(QuarantineRow)
                            .where(QuarantineRow.status == "held")).one()
        polls = session.exec(select(MailboxStateRow.source, MailboxStateRow.polled_at)
                             .order_by(col(MailboxStateRow.source))).all()
        finished = session.exec(select(JobRunRow.finished_at)
                                .where(JobRunRow.job_id == DEADLINE_JOB)).first()
    lag = None if finished is None else max(0.0, _age(now, finished) - deadline_interval)
    return Snapshot(
        outbox_backlog=int(backlog), outbox_oldest_age=_age(now, oldest) if oldest else None,
        quarantine_size=int(held),
        polls=tuple(Poll(source, at, _age(now, at) if at else None) for source, at in polls),
        deadline_lag=lag)


def problems(state: Snapshot, source: str | tuple[str, ...], max_poll_age: float,
             max_outbox_age: float) -> list[str]:
    """What is wrong, as keys for the CLI's words: "stalled" (for any of the mailboxes
    `source` names), "outbox_old" (empty: healthy)."""
    found = []
    if any(_stalled(state, name, max_poll_age)
           for name in ((source,) if isinstance(source, str) else source)):
        found.append("stalled")
    if state.outbox_oldest_age is not None and state.outbox_oldest_age > max_outbox_age:
        found.append("outbox_old")
    return found


def _stalled(state: Snapshot, source: str, max_poll_age: float) -> bool:
    poll = next((poll for poll in state.polls if poll.source == source), None)
    return poll is None or poll.age is None or poll.age > max_poll_age


def _age(now: datetime, then: datetime) -> float:
    return max(0.0, (now - then).total_seconds())
