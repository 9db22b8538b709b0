"""The scheduler adapter: APScheduler 3 with its job store in mailflow's own database.

The schedule (which jobs, when they run next) survives restarts in the `apscheduler_jobs`
table. Exactly-once does not come from here: every reminder, escalation and outgoing
message is claimed by a unique key in the same transaction that queues its mail, so a
late trigger, a catch-up after downtime or a second daemon on the same database never
sends anything twice.

APScheduler persists a job as a reference to a module-level function plus pickled
arguments; live objects (the database, the mailer) cannot be pickled. So each process
registers its job callables by job id when it starts, and the stored job only names the
id: that is the one reason for the module-level registry below.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime

from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from sqlalchemy import Engine

from mailflow.errors import MailflowError

log = logging.getLogger(__name__)
Job = Callable[[datetime], object]
Clock = Callable[[], datetime]
_REGISTERED: dict[str, tuple[Job, Clock]] = {}


def run_registered(job_id: str) -> None:
    """The function APScheduler stores: runs this process's callable for `job_id`."""
    if job_id not in _REGISTERED:  # stored by another version or process: not ours to run
        log.warning("scheduled job %s is not known to this process; skipped", job_id)
        return
    job, clock = _REGISTERED[job_id]
    try:
        job(clock())
    except MailflowError as error:  # a server or config problem: its own words suffice
        log.error("scheduled job %s: %s", job_id, error)
    except Exception:  # a failing job must not stop the schedule; the next run retries
        log.exception("scheduled job %s failed", job_id)


class JobScheduler:
    """Interval jobs that take the current time as their argument."""

    def __init__(self, engine: Engine, clock: Clock) -> None:
        self.clock = clock
        store = SQLAlchemyJobStore(engine=engine)
        self._scheduler = BackgroundScheduler(jobstores={"default": store}, timezone=UTC,
                                              job_defaults={"coalesce": True,
                                                            "max_instances": 1,
                                                            "misfire_grace_time": None})

    def every(self, job_id: str, seconds: float, job: Job) -> None:
        """Run `job(now)` every `seconds`, starting now (a missed run is caught up once)."""
        _REGISTERED[job_id] = (job, self.clock)
        self._scheduler.add_job(run_registered, "interval", args=[job_id], id=job_id,
                                seconds=seconds, next_run_time=self.clock(),
                                replace_existing=True)

    def run_soon(self, job_id: str) -> None:
        """Bring a job's next run forward to now (e.g. drain the outbox after intake)."""
        self._scheduler.modify_job(job_id, next_run_time=datetime.now(UTC))

    def start(self) -> None:
        self._scheduler.start()

    def shutdown(self) -> None:
        self._scheduler.shutdown(wait=True)
