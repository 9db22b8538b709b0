"""Scheduled job runs shared by every daemon on one database: each period runs once.

A run is claimed with one conditional UPDATE (compare-and-set): it succeeds only if the
stored period started before the one claimed and nobody holds a live lease on the job.
Periods are compared by their start time, so daemons configured with different intervals
still agree on what is newer. On
PostgreSQL a concurrent claimer waits for the row lock and then finds the new period; on
SQLite writers are serialised (BEGIN IMMEDIATE). The lease only keeps runs from
overlapping; it is not renewed, so a run longer than it may overlap the next period's
run, which the jobs tolerate (their effects are claimed by unique keys).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import Insert, or_, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col

from mailflow.store.tables import JobRunRow

NEVER = datetime(1970, 1, 1, tzinfo=UTC)


def claim(session: Session, job_id: str, period_start: datetime, holder: str, now: datetime,
          lease: timedelta) -> bool:
    """Take the run of `job_id` for the period starting at `period_start`; False when that
    period (or a later one) ran or is running elsewhere."""
    session.connection().execute(_insert_missing(session, job_id))
    taken = session.connection().execute(update(JobRunRow).where(
        col(JobRunRow.job_id) == job_id, col(JobRunRow.period_start) < period_start,
        or_(col(JobRunRow.holder).is_(None), col(JobRunRow.lease_until) <= now),
    ).values(period_start=period_start, holder=holder, lease_until=now + lease,
             started_at=now))
    return taken.rowcount == 1


def finish(session: Session, job_id: str, holder: str, now: datetime) -> None:
    """Give up the lease of a finished run (only if `holder` still has it)."""
    session.connection().execute(update(JobRunRow).where(
        col(JobRunRow.job_id) == job_id, col(JobRunRow.holder) == holder,
    ).values(holder=None, lease_until=None, finished_at=now))


def _insert_missing(session: Session, job_id: str) -> Insert:
    if session.get_bind().dialect.name == "postgresql":
        return postgresql.insert(JobRunRow).values(
            job_id=job_id, period_start=NEVER).on_conflict_do_nothing()
    return sqlite.insert(JobRunRow).values(job_id=job_id,
                                           period_start=NEVER).on_conflict_do_nothing()
