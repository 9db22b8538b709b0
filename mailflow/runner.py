"""Drives the pipeline: read the mailbox, move what was committed, drain the outbox.

`run_once` is one pass; `serve` is the daemon loop (IDLE or polling, reconnect with
backoff, outbox drained by drain threads as soon as mail is queued, see `Drainers`).
Both take the clock as a parameter.

With `[[mailboxes]]`, the runner of the default mailbox has one runner per other mailbox
(`others`): `run_once` reads each in turn; `serve` reads each in a thread of its own, under
a lease of its own. The outbox and the scheduled jobs are shared; each mailbox's deadline
watch sends the notices of its own claims.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from mailflow import metrics
from mailflow.app import App
from mailflow.errors import (
    AuthenticationFailed,
    LeaseLost,
    MailboxUnavailable,
    StorageUnavailable,
)
from mailflow.failpoints import failpoint
from mailflow.fetch.base import IncomingItem, MailSource
from mailflow.mailbox_lease import MailboxLease
from mailflow.other_mailboxes import OtherMailboxes, check_distinct_sources
from mailflow.pipeline import Outcome
from mailflow.schedule import JobScheduler
from mailflow.send.drain import DrainReport, drain_outbox
from mailflow.send.drainers import Drainers
from mailflow.store import checkpoints

log = logging.getLogger(__name__)
Clock = Callable[[], datetime]
POLL_RECORD_EVERY = timedelta(seconds=15)
# The longest IDLE between two passes. New mail ends an IDLE at once (however it is
# reported, see ImapSource.wait_for_mail); the slice bounds how long SIGTERM, a reload and
# the watchdog wait for the reading thread, and costs one SEARCH per slice.
IDLE_SLICE = 5.0


def utc_now() -> datetime:
    return datetime.now(UTC)


def _nothing() -> None:
    return None


@dataclass
class IntakeReport:
    """Counts of one pass over the mailbox."""

    stored: int = 0
    duplicates: int = 0
    quarantined: int = 0
    new_claims: int = 0
    acknowledged: int = 0
    outcomes: list[Outcome] = field(default_factory=list)

    def add(self, outcome: Outcome) -> None:
        self.outcomes.append(outcome)
        self.stored += outcome.status == "stored"
        self.duplicates += outcome.status == "duplicate"
        self.quarantined += outcome.status == "quarantined"
        self.new_claims += outcome.new_claim
        self.acknowledged += outcome.acknowledged


class Runner:
    """One mailbox and its pipeline (and the deployment's other mailboxes), one outbox."""

    def __init__(self, app: App, source: MailSource, clock: Clock = utc_now) -> None:
        self.app, self.source, self.clock = app, source, clock
        # Set by the daemon (mailflow.service): the watchdog ping, called per message and
        # per wait, and what happens between two passes (a reload asked for by SIGHUP).
        self.alive: Callable[[], None] = _nothing
        self.between_passes: Callable[[], None] = _nothing
        self._connected = False
        self._poll_recorded: datetime | None = None
        self.lease: MailboxLease | None = None  # set by `serve`: one reader per mailbox
        self._reloaded: App | None = None  # a reread config this runner takes between passes
        self.others: list[Runner] = []  # the other mailboxes' runners (`for_every_mailbox`)
        # Starts a drain of the outbox now; `serve` sets it. Call it after each commit that
        # queued mail, so the mail leaves at once instead of at the next timed drain.
        self.poke_drain: Callable[[], None] = _nothing

    @classmethod
    def for_every_mailbox(cls, app: App, clock: Clock = utc_now) -> Runner:
        """The runner of the default mailbox, with a runner for each `[[mailboxes]]` entry."""
        runner = cls(app, app.source(), clock)
        runner.others = [cls(other, other.source(), clock) for other in app.mailboxes()[1:]]
        check_distinct_sources([runner, *runner.others])
        for other in runner.others:
            other.between_passes = other._take_reload
        return runner

    def intake_pass(self, stop: threading.Event | None = None,
                    committed: Callable[[], None] | None = None) -> IntakeReport:
        """Process every waiting message, a batch per transaction; move each batch out of
        the inbox only after it was committed, then call `committed` (the daemon brings
        the outbox drain forward, so acknowledgements go out while the pass goes on).

        With `stop`, the pass ends after the batch in hand once `stop` is set (SIGTERM),
        so a daemon with thousands of messages waiting still shuts down in seconds.
        """
        stopping = _either(stop.is_set if stop is not None else _never, self._lease_gone)
        report = IntakeReport()
        with self.app.db.transaction() as session:
            since = checkpoints.load(session, self.source.name)
        batches = _Lookahead(self.source.pending(since))
        for batch in batches:
            self._process_batch(batch, report, stopping, committed or _nothing, batches.peek)
            if stopping():
                break
        return report

    def _process_batch(self, batch: Sequence[IncomingItem], report: IntakeReport,
                       stopping: Callable[[], bool], committed: Callable[[], None],
                       then: Callable[[], Sequence[IncomingItem]] = tuple) -> None:
        """Commit what the source handed over in batches of at most `[mailbox] batch_size`
        messages, each closed early once `batch_wait_ms` passed since it was begun.
        `then()` is the source's next batch: parse workers parse it ahead (fetched only
        if asked for, so without workers nothing is read early)."""
        mailbox = self.app.settings.mailbox
        left = list(batch)
        while left and not stopping():
            outcomes = self.app.pipeline.process_batch(
                left[:mailbox.batch_size], self.source.name, self.clock(),
                enough=_either(stopping, _after(mailbox.batch_wait_ms / 1000)),
                upcoming=_after_first(left, mailbox.batch_size, then), stored=self.alive)
            taken, left = left[:len(outcomes)], left[len(outcomes):]
            for outcome in outcomes:
                report.add(outcome)
                metrics.count_intake(outcome)
            self.alive()
            failpoint("after-batch-commit")
            self._move_committed(taken, outcomes)
            failpoint("after-batch-move")
            committed()

    def _move_committed(self, items: Sequence[IncomingItem],
                        outcomes: Sequence[Outcome]) -> None:
        """Move a committed batch out of the inbox: one move for the stored, one for the
        quarantined (with IMAP, one `UID MOVE` of each UID set)."""
        parked = [i.key for i, o in zip(items, outcomes, strict=True) if o.status == "quarantined"]
        done = [i.key for i, o in zip(items, outcomes, strict=True) if o.status != "quarantined"]
        if self.lease is not None:
            self.lease.confirm()  # LeaseLost: taken over meanwhile, move nothing
        if done:
            self.source.mark_processed(done)
        if parked:
            self.source.mark_quarantined(parked)

    def drain(self, stop: threading.Event | None = None,
              busy: Callable[[], None] = _nothing) -> DrainReport:
        """One pass over the outbox (everything due, unless `stop` is set on the way), over
        one connection; `busy()` when a full batch was leased (another drain may help)."""
        outgoing = self.app.settings.outgoing
        more = (lambda: not stop.is_set()) if stop is not None else (lambda: True)
        return asyncio.run(drain_outbox(self.app.db, self.app.transport, self.clock,
                                        outgoing.max_attempts, more,
                                        lease=timedelta(seconds=outgoing.lease_seconds),
                                        busy=busy))

    def run_once(self) -> tuple[IntakeReport, DrainReport]:
        """Read everything waiting, then drain the outbox. No mailbox lease: a one-off pass
        (cron, the demo, a pass killed and started again) must not wait for one; run beside
        daemons, it may read what they read, which the store's deduplication absorbs."""
        intake = self._read_once()
        for other in self.others:
            for outcome in other._read_once().outcomes:
                intake.add(outcome)
        self.deadlines_pass(self.clock())
        return intake, self.drain()

    def _read_once(self) -> IntakeReport:
        self.source.open()
        try:
            intake = self.intake_pass()
            self._record_poll()
        finally:
            self.source.close()
        return intake

    def serve(self, stop: threading.Event, drain_every: float | None = None,
              ready: Callable[[], None] | None = None) -> None:
        """The daemon: runs until `stop` is set (SIGTERM), never dies on a server outage.
        The outbox is drained as soon as mail is queued (`poke_drain`), by up to
        outgoing.parallel_drains threads, and every `drain_every` seconds anyway (default:
        outgoing.drain_interval).
        With `ready`, the mailbox must be reached at start (else its error is raised) and
        `ready()` is called then, before the first pass (systemd's READY=1)."""
        drain_every = drain_every or self.app.settings.outgoing.drain_interval
        for runner in (self, *self.others):
            runner.app.warm_up()
        if ready is not None:
            for runner in (self, *self.others):
                runner.source.open()
                runner._set_connected(True)
            ready()
        drainers = Drainers(lambda busy: self._drain_job(stop, busy),
                            self.app.settings.outgoing.parallel_drains, drain_every, self.clock)
        for runner in (self, *self.others):
            runner.poke_drain = drainers.poke
        scheduler = JobScheduler(self.app.db, self.clock)
        scheduler.every("deadlines", self.app.settings.reminders.check_interval,
                        self._deadlines_job, exclusive=True)
        digest = self.app.settings.digest
        if digest.enabled:
            scheduler.every("digest", digest.check_interval, lambda now: self._digest_job(
                now, scheduler))
        drainers.start()
        scheduler.start()
        self.lease = self._mailbox_lease()
        self.lease.start()
        others = OtherMailboxes(self.others, stop, drainers.poke)
        try:
            self._intake_loop(stop, drainers.poke)
        finally:
            others.stop()
            scheduler.shutdown()
            drainers.shutdown()
            self.lease.stop()
            self.source.close()
            for runner in (self, *self.others):
                runner.app.stop_parse_workers()
        others.raise_failure()

    def deadlines_pass(self, now: datetime) -> int:
        """Send the reminders, escalations and chasers due at `now`; returns how many."""
        return self.app.deadlines.run_due(now) + sum(
            other.app.deadlines.run_due(now) for other in self.others)

    def reload(self, app: App) -> None:
        """Go on with `app` (a reread config and templates) from the next pass; a changed
        mailbox is reconnected. Work in progress (a drain, a deadline pass) ends on the old."""
        others = self._others_reloaded(app)
        if app.settings.mailbox != self.app.settings.mailbox:
            self.source.close()
            self.source = app.source()
            self._set_connected(False)
        replaced, self.app = self.app, app
        replaced.stop_parse_workers()
        app.pipeline.start_parse_pool()  # the new pipeline's own, if any, warm for the next pass
        for runner, other in zip(self.others, others, strict=False):
            runner._reloaded = other

    def _others_reloaded(self, app: App) -> tuple[App, ...]:
        """The other mailboxes' parts of a reread config, each taken by its runner between
        two of its passes (none when mailboxes were added or removed: that needs a restart)."""
        names = [entry.name for entry in app.settings.mailboxes]
        if names != [runner.app.mailbox_name for runner in self.others]:
            log.warning("reload: mailboxes added or removed take effect at the next restart")
            return ()
        apps = app.mailboxes()[1:]
        for other in apps:
            other.pipeline  # noqa: B018  (built now: a broken config fails the reload here)
        return apps

    def _take_reload(self) -> None:
        app, self._reloaded = self._reloaded, None
        if app is not None:
            self.reload(app)

    def read_beside(self, stop: threading.Event, poke_drain: Callable[[], None]) -> None:
        """Read this (other) mailbox under its own lease until `stop` is set."""
        self.lease = self._mailbox_lease()
        self.lease.start()
        try:
            self._intake_loop(stop, poke_drain)
        finally:
            self.lease.stop()
            self.source.close()

    def _intake_loop(self, stop: threading.Event, poke_drain: Callable[[], None]) -> None:
        backoff = Backoff()
        while not stop.is_set():
            mailbox = self.app.settings.mailbox
            try:
                if not self._hold_mailbox():
                    if self._connected:
                        self.source.close()
                        self._set_connected(False)
                    self._pause(stop, self._standby_interval())
                    continue
                if not self._connected:
                    self.source.open()
                    self._set_connected(True)
                report = self.intake_pass(stop, committed=poke_drain)
                backoff.reset()
                self._record_poll()
                if report.outcomes:
                    log.info("intake: %s", _summary(report))
                    poke_drain()
                self.alive()
                self.between_passes()
                if mailbox.idle and self._connected:
                    self.source.wait_for_mail(min(mailbox.poll_interval, IDLE_SLICE))
                else:
                    self._pause(stop, mailbox.poll_interval)
            except LeaseLost as error:
                log.info("%s", error)
                self.source.close()
                self._set_connected(False)
            except (MailboxUnavailable, AuthenticationFailed, StorageUnavailable) as error:
                delay = backoff.next()
                log.error("%s; retrying in %.0f s", error, delay)
                self.source.close()
                self._set_connected(False)
                self.between_passes()  # a reload may be what fixes the server settings
                self._pause(stop, delay)

    def _pause(self, stop: threading.Event, seconds: float) -> None:
        """Wait `seconds` (or until `stop`), pinging the watchdog at least every second."""
        end = time.monotonic() + seconds
        while not stop.is_set() and (left := end - time.monotonic()) > 0:
            stop.wait(min(left, 1.0))
            self.alive()

    def _set_connected(self, connected: bool) -> None:
        self._connected = connected
        metrics.set_mailbox_connected(connected, self.source.name)

    def _record_poll(self) -> None:
        """Note in the database that the mailbox was read (`mailflow status` looks at it);
        at most every 15 s, so that IDLE's short waits do not write a row each time."""
        now = self.clock()
        if self._poll_recorded is not None and now - self._poll_recorded < POLL_RECORD_EVERY:
            return
        with self.app.db.transaction() as session:
            checkpoints.record_poll(session, self.source.name, now)
        self._poll_recorded = now

    def _mailbox_lease(self) -> MailboxLease:
        mailbox = self.app.settings.mailbox
        return MailboxLease(self.app.db, self.source.name, self.clock,
                            lease=timedelta(seconds=mailbox.lease_seconds),
                            renew_every=timedelta(seconds=mailbox.lease_renew_seconds))

    def _hold_mailbox(self) -> bool:
        """Whether this instance reads the mailbox now (always, without a lease)."""
        return self.lease is None or self.lease.ensure()

    def _standby_interval(self) -> float:
        return self.app.settings.mailbox.lease_renew_seconds

    def _lease_gone(self) -> bool:
        return self.lease is not None and not self.lease.reading

    def _deadlines_job(self, now: datetime) -> None:
        sent = self.deadlines_pass(now)
        if sent:
            log.info("deadlines: %d reminder(s), escalation(s) or chaser(s) queued", sent)
            self.poke_drain()

    def digest_pass(self, now: datetime, holder: str) -> int:
        """Queue the managers' digests due at `now` that no daemon queued yet."""
        return len(self.app.digests.run_due(now, holder))

    def _digest_job(self, now: datetime, scheduler: JobScheduler) -> None:
        if self.digest_pass(now, scheduler.holder):
            self.poke_drain()

    def _drain_job(self, stop: threading.Event, busy: Callable[[], None]) -> None:
        report = self.drain(stop, busy)
        if report.sent or report.failed or report.uncertain or report.error:
            log.info("outbox: sent %d, retrying %d, failed %d, uncertain %d %s", report.sent,
                     report.retried, report.failed, report.uncertain, report.error)


class _Lookahead:
    """The source's batches, with a look at the next one before its turn."""

    def __init__(self, batches: Iterator[Sequence[IncomingItem]]) -> None:
        self._batches = batches
        self._next: Sequence[IncomingItem] | None = None

    def __iter__(self) -> Iterator[Sequence[IncomingItem]]:
        return self

    def __next__(self) -> Sequence[IncomingItem]:
        batch, self._next = self._next, None
        if batch is None:
            return next(self._batches)
        if not batch:  # peeked past the end
            raise StopIteration
        return batch

    def peek(self) -> Sequence[IncomingItem]:
        """The next batch (read from the source now if need be), empty at the end."""
        if self._next is None:
            self._next = next(self._batches, ())
        return self._next


class Backoff:
    """Exponential backoff from 1 s to 5 minutes."""

    def __init__(self, first: float = 1.0, limit: float = 300.0) -> None:
        self.first, self.limit, self.current = first, limit, first

    def next(self) -> float:
        delay, self.current = self.current, min(self.current * 2, self.limit)
        return delay

    def reset(self) -> None:
        self.current = self.first


def _never() -> bool:
    return False


def _after(seconds: float) -> Callable[[], bool]:
    """Whether `seconds` have passed since this was called."""
    deadline = time.monotonic() + seconds
    return lambda: time.monotonic() >= deadline


def _after_first(items: Sequence[IncomingItem], size: int,
                 then: Callable[[], Sequence[IncomingItem]]
                 ) -> Callable[[], Sequence[IncomingItem]]:
    """The batch after the first `size` of `items`: the next `size` of them, or `then()`."""
    return lambda: items[size:2 * size] or then()


def _either(first: Callable[[], bool], second: Callable[[], bool]) -> Callable[[], bool]:
    return lambda: first() or second()


def _summary(report: IntakeReport) -> str:
    return (f"{report.stored} stored ({report.new_claims} new claims, {report.acknowledged} "
            f"acknowledged), {report.duplicates} duplicates, {report.quarantined} quarantined")
