"""The scheduler adapter: APScheduler 3 with an in-memory job store in each daemon.

Why not one job store in the database: APScheduler 3 documents that a job store must
never be shared between schedulers; with several daemons on one database each one ran
every job it found there. The schedule itself is only a few interval jobs that every daemon
registers when it starts, so nothing needs to survive a restart: a restarted daemon runs
them at once and then on their intervals.

What runs where when several daemons share the database:
- An *exclusive* job (the deadline pass) runs once per period across all of them. Periods
  are the job's interval counted from the Unix epoch; the first daemon to claim a period
  in `job_runs` (one compare-and-set UPDATE, mailflow.store.job_runs) runs it, the others
  skip it, and a claimed run also keeps the next period's run from starting until it
  finished or its lease ran out. A daemon killed mid-run costs that period only: the next
  one catches up on everything due.
- A *shared* job runs in every daemon. Draining the outbox is no job here any more: each
  daemon's drain threads (mailflow.send.drainers) start the moment mail is queued; the
  daemons split the work, each message leased by one of them (mailflow.store.outbox).

Exactly-once for mail still does not come from here: every reminder, escalation and
outgoing message is claimed by a unique key in the transaction that queues it, so a late
trigger, a catch-up after downtime or an overlapping run never sends anything twice.
"""

from __future__ import annotations

import logging
import os
import secrets
import socket
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from apscheduler.schedulers.background import BackgroundScheduler

from mailflow.errors import MailflowError
from mailflow.store import job_runs
from mailflow.store.database import Database

log = logging.getLogger(__name__)
Job = Callable[[datetime], object]
Clock = Callable[[], datetime]
RUN_LEASE = timedelta(minutes=10)


def run_job(job_id: str, job: Job, clock: Clock) -> None:
    """Run `job(now)`; a failure is logged and the schedule goes on (the next run retries)."""
    try:
        job(clock())
    except MailflowError as error:  # a server or config problem: its own words suffice
        log.error("scheduled job %s: %s", job_id, error)
    except Exception:  # a failing job must not stop the schedule
        log.exception("scheduled job %s failed", job_id)


def period_start(now: datetime, seconds: float) -> datetime:
    """The start of the `seconds`-long period holding `now`, counted from the Unix epoch."""
    return datetime.fromtimestamp(now.timestamp() // seconds * seconds, UTC)


class JobScheduler:
    """Interval jobs that take the current time as their argument."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self.db, self.clock = db, clock
        # Names this scheduler as the holder of a job run; unique per process start.
        self.holder = f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(6)}"
        self._scheduler = BackgroundScheduler(timezone=UTC, job_defaults={
            "coalesce": True, "max_instances": 1, "misfire_grace_time": None})

    def every(self, job_id: str, seconds: float, job: Job, exclusive: bool = False) -> None:
        """Run `job(now)` every `seconds`, starting now (a missed run is caught up once).
        With `exclusive`, one daemon on the database runs each period; else every daemon."""
        run = (lambda now: self.run_once_per_period(job_id, seconds, job, now)) if (
            exclusive) else job
        self._scheduler.add_job(run_job, "interval", args=[job_id, run, self.clock],
                                id=job_id, seconds=seconds, next_run_time=self.clock(),
                                replace_existing=True)

    def run_once_per_period(self, job_id: str, seconds: float, job: Job,
                            now: datetime) -> bool:
        """Run `job(now)` unless its period already ran (or runs) in some daemon."""
        period = period_start(now, seconds)
        with self.db.transaction() as session:
            if not job_runs.claim(session, job_id, period, self.holder, now, RUN_LEASE):
                log.debug("job %s: the period from %s runs elsewhere; skipped", job_id, period)
                return False
        try:
            job(now)
        finally:
            with self.db.transaction() as session:
                job_runs.finish(session, job_id, self.holder, self.clock())
        return True

    def start(self) -> None:
        self._scheduler.start()

    def shutdown(self) -> None:
        self._scheduler.shutdown(wait=True)
