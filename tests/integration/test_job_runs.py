"""Scheduled jobs on a database shared by several daemons: each period runs once."""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest

from mailflow.schedule import JobScheduler, period_start
from mailflow.store import job_runs
from mailflow.store.database import Database

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
LEASE = timedelta(minutes=10)


def claim(db: Database, period: int, holder: str, now: datetime = NOW) -> bool:
    """Claim the period starting `period` minutes after NOW."""
    with db.transaction() as session:
        return job_runs.claim(session, "deadlines", NOW + timedelta(minutes=period), holder,
                              now, LEASE)


def finish(db: Database, holder: str) -> None:
    with db.transaction() as session:
        job_runs.finish(session, "deadlines", holder, NOW)


def test_a_period_is_claimed_once_and_runs_do_not_overlap(db: Database) -> None:
    """The first claim of a period wins; a second daemon gets neither that period nor the
    next while the run holds its lease; after it finished the next period is free."""
    assert claim(db, 7, "a")
    assert not claim(db, 7, "b")
    assert not claim(db, 8, "b")
    finish(db, "a")
    assert not claim(db, 7, "b")
    assert claim(db, 8, "b")


def test_a_run_whose_holder_died_frees_later_periods_when_its_lease_ends(db: Database) -> None:
    """A daemon killed mid-run blocks later periods only until its run's lease runs out."""
    assert claim(db, 7, "a")
    assert not claim(db, 8, "b", NOW + LEASE - timedelta(seconds=1))
    assert claim(db, 8, "b", NOW + LEASE)
    finish(db, "a")  # the late finish of the dead run does not free b's run
    assert not claim(db, 9, "c", NOW + LEASE)


@pytest.mark.postgres
def test_two_schedulers_on_one_postgresql_database_run_each_period_once(pg_url: str) -> None:
    """Two daemons' schedulers, each with its own connection pool, run the exclusive
    deadline job together: every period ran in exactly one of them."""
    databases = [Database(pg_url) for _ in range(2)]
    databases[0].upgrade()
    runs: list[tuple[str, datetime]] = []
    lock = threading.Lock()
    interval = 0.2
    schedulers = [JobScheduler(db, lambda: datetime.now(UTC)) for db in databases]

    def job_of(name: str) -> Callable[[datetime], None]:
        def job(now: datetime) -> None:
            with lock:
                runs.append((name, period_start(now, interval)))
            time.sleep(interval / 2)  # runs of the two daemons would overlap
        return job

    for name, scheduler in zip("ab", schedulers, strict=True):
        scheduler.every("deadlines", interval, job_of(name), exclusive=True)
    for scheduler in schedulers:
        scheduler.start()
    try:
        deadline = time.monotonic() + 60
        while len(runs) < 15 and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        for scheduler in schedulers:
            scheduler.shutdown()
        for db in databases:
            db.dispose()
    per_period = Counter(period for _, period in runs)
    print(f"\n{len(runs)} runs: {Counter(name for name, _ in runs)}")
    assert len(runs) >= 15
    assert max(per_period.values()) == 1
