"""Scheduled job runs shared by every daemon on one database: each period runs once.

A run is claimed with one conditional UPDATE (compare-and-set): it succeeds only if the
stored period is older than the one claimed and nobody holds a live lease on the job. On
PostgreSQL a concurrent claimer waits for the row lock and then finds the new period; on
SQLite writers are serialised (BEGIN IMMEDIATE). The lease only keeps runs from
overlapping; it is not renewed, so a run longer than it may overlap the next period's
run, which the jobs tolerate (their effects are claimed by unique keys).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Insert, or_, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col

from mailflow.store.tables import JobRunRow


def claim(session: Session, job_id: str, period: int, holder: str, now: datetime,
          lease: timedelta) -> bool:
    """Take the run of `job_id` for `period`; False when it ran or is running elsewhere."""
    session.connection().execute(_insert_missing(session, job_id))
    taken = session.connection().execute(update(JobRunRow).where(
        col(JobRunRow.job_id) == job_id, col(JobRunRow.period) < period,
        or_(col(JobRunRow.holder).is_(None), col(JobRunRow.lease_until) <= now),
    ).values(period=period, holder=holder, lease_until=now + lease, started_at=now))
    return taken.rowcount == 1


def finish(session: Session, job_id: str, holder: str, now: datetime) -> None:
    """Give up the lease of a finished run (only if `holder` still has it)."""
    session.connection().execute(update(JobRunRow).where(
        col(JobRunRow.job_id) == job_id, col(JobRunRow.holder) == holder,
    ).values(holder=None, lease_until=None, finished_at=now))


def _insert_missing(session: Session, job_id: str) -> Insert:
    if session.get_bind().dialect.name == "postgresql":
        return postgresql.insert(JobRunRow).values(job_id=job_id,
                                                   period=-1).on_conflict_do_nothing()
    return sqlite.insert(JobRunRow).values(job_id=job_id, period=-1).on_conflict_do_nothing()
