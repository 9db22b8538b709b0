"""Parsing in a pool of worker processes (`[mailbox] parse_workers` above 1).

The pipeline hands the pool the messages of the batch in hand and of the next one; the
next is parsed while the current one is stored. Results are taken in the order received.

A message that kills its worker (a crash, the OOM killer) or hangs it past
`parse_timeout` breaks the pool: the pool is started again, and every message that was in
flight is then parsed alone, one at a time, so the one that breaks it again is known and
quarantined alone with the reason; the others go on.

Workers are started with 'spawn' (the daemon has threads: no fork), warmed up at start
(the parser's imports), ignore SIGTERM and SIGINT (the daemon stops them itself, after
the batch in hand) and exit when their parent dies.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from mailflow.domain.model import ParsedMessage
from mailflow.errors import MessageRejected, ParseWorkersUnavailable
from mailflow.failpoints import failpoint
from mailflow.fetch.base import IncomingItem
from mailflow.parse.limits import Limits

log = logging.getLogger(__name__)
STARTUP_SECONDS = 60.0  # the longest a worker may take to start (imports on a loaded host)


@dataclass(frozen=True)
class Rejected:
    """Why a message goes to quarantine unparsed."""

    reason: str


Parsed = ParsedMessage | Rejected


def parse_in_worker(raw: bytes, limits: Limits) -> Parsed:
    """The worker's job: one message parsed, or why it cannot be.

    Failpoints (tests/integration/test_parse_pool.py): `parse-worker` dies at the N-th
    parse of a worker, `parse-worker:<Message-ID>` whenever that message is parsed.
    """
    from mailflow.parse.parser import parse_message

    try:
        msg = parse_message(raw, limits)
    except MessageRejected as error:
        return Rejected(f"cannot parse: {error}")
    failpoint("parse-worker")
    failpoint(f"parse-worker:{msg.message_id}")
    return msg


def _start_worker(parent: int) -> None:
    """Worker set-up: the parser imported now, signals left to the daemon, and an exit
    when the daemon is gone (a SIGKILLed daemon must not leave workers behind)."""
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    import mailflow.parse.parser  # noqa: F401  (the imports are the warm-up)

    threading.Thread(target=_exit_without_parent, args=(parent,), daemon=True).start()


def _exit_without_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(0)


def _nothing() -> None:
    return None


def _ready() -> int:
    return os.getpid()


@dataclass
class _Entry:
    item: IncomingItem
    future: Future[Parsed] | None  # None: to be parsed alone (after the pool broke)


class ParsePool:
    """Parses messages in `workers` processes; `result` gives each one's outcome."""

    def __init__(self, workers: int, limits: Limits, timeout: float) -> None:
        self.workers, self.limits, self.timeout = workers, limits, timeout
        self.restarts = 0
        self.parses = 0  # messages handed to a worker (a message parsed twice counts twice)
        # Called at least every second while a result is awaited (the daemon's watchdog
        # ping: a hung worker is waited for twice `timeout` before its message is blamed).
        self.alive: Callable[[], None] = _nothing
        self._executor: ProcessPoolExecutor | None = None
        self._entries: dict[int, _Entry] = {}

    def start(self) -> None:
        """Start the workers and wait until each has imported the parser."""
        try:
            executor = self._running()
            ready = [executor.submit(_ready) for _ in range(self.workers)]
            for future in ready:
                future.result(timeout=max(self.timeout, STARTUP_SECONDS))
        except (BrokenProcessPool, FutureTimeout, OSError) as error:
            self._restart()
            raise _unavailable(error) from None

    def submit(self, items: Iterable[IncomingItem], *, forget_others: bool = True) -> None:
        """Start parsing `items` (those not started yet); with `forget_others`, forget
        any other message (one of a pass that ended: the runner will not come back to it)."""
        items = list(items)
        wanted = {id(item) for item in items}
        for key in [key for key in self._entries if forget_others and key not in wanted]:
            entry = self._entries.pop(key)
            if entry.future is not None:
                entry.future.cancel()
        for item in items:
            if self._entry(item) is None:
                self._entries[id(item)] = _Entry(item, self._submitted(item))

    def result(self, item: IncomingItem) -> Parsed:
        """`item` parsed (or why not), waiting for its worker if need be."""
        entry = self._entries.pop(id(item), None)
        if entry is None or entry.item is not item:
            entry = _Entry(item, self._submitted(item))
        if entry.future is not None:
            try:
                return self._await(entry.future)
            except BrokenProcessPool:
                self._start_over("a worker died")
            except FutureTimeout:
                self._start_over(f"no result within {self.timeout:g} s")
        return self._alone(item)

    def close(self) -> None:
        """Stop the workers (the daemon's stop): the parses in flight are not waited for."""
        self._entries.clear()
        if self._executor is not None:
            _stop(self._executor, grace=5.0)
            self._executor = None

    def _entry(self, item: IncomingItem) -> _Entry | None:
        entry = self._entries.get(id(item))
        return entry if entry is not None and entry.item is item else None

    def _submitted(self, item: IncomingItem) -> Future[Parsed] | None:
        """`item` sent to a worker, unless messages are parsed one at a time for now."""
        if any(entry.future is None for entry in self._entries.values()):
            return None
        try:
            future = self._running().submit(parse_in_worker, item.raw, self.limits)
        except (BrokenProcessPool, OSError):  # a worker died since the last look
            self._start_over("a worker died")
            return None
        self.parses += 1
        return future

    def _alone(self, item: IncomingItem) -> Parsed:
        """Parse `item` with no other message in flight: what breaks the pool now is it."""
        self._check_workers()  # broken by no message, or by one not waited for
        future = self._running().submit(parse_in_worker, item.raw, self.limits)
        self.parses += 1
        try:
            return self._await(future)
        except BrokenProcessPool:
            reason = "its parser process died (crashed or was killed)"
        except FutureTimeout:
            reason = f"its parser did not finish within {self.timeout:g} s"
        self._restart()
        self._check_workers()  # a pool that cannot run at all is no message's fault
        log.warning("message quarantined: %s; parse pool restarted", reason)
        return Rejected(f"cannot parse: {reason}")

    def _await(self, future: Future[Parsed]) -> Parsed:
        """`future`'s result within `timeout` (FutureTimeout after), calling `alive` every
        second meanwhile."""
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                return future.result(timeout=max(0.0, min(1.0, deadline - time.monotonic())))
            except FutureTimeout:
                if time.monotonic() >= deadline:
                    raise
                self.alive()

    def _check_workers(self) -> None:
        """Make sure a worker runs (started again if need be); ParseWorkersUnavailable if
        none can."""
        for _attempt in range(2):
            try:
                self._running().submit(_ready).result(
                    timeout=max(self.timeout, STARTUP_SECONDS))
                return
            except (BrokenProcessPool, FutureTimeout, OSError) as error:
                self._restart()
                failure = error
        raise _unavailable(failure)

    def _start_over(self, why: str) -> None:
        """The pool broke: start it again; what was in flight is parsed alone, in turn."""
        log.warning("parse pool broken (%s): restarting it, parsing the messages in flight "
                    "one at a time", why)
        self._restart()
        for entry in self._entries.values():
            if entry.future is not None and not _succeeded(entry.future):
                entry.future = None

    def _restart(self) -> None:
        self.restarts += 1
        if self._executor is not None:
            _stop(self._executor, grace=0.0)
            self._executor = None

    def _running(self) -> ProcessPoolExecutor:
        if self._executor is None:
            self._executor = ProcessPoolExecutor(
                self.workers, mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_worker, initargs=(os.getpid(),))
        return self._executor


def _unavailable(error: BaseException) -> ParseWorkersUnavailable:
    return ParseWorkersUnavailable(
        f"the parse workers ([mailbox] parse_workers) cannot run: "
        f"{type(error).__name__}: {error}")


def _succeeded(future: Future[Parsed]) -> bool:
    return future.done() and not future.cancelled() and future.exception() is None


def _stop(executor: ProcessPoolExecutor, grace: float) -> None:
    """Stop the workers: those still busy after `grace` seconds (one may hang in a
    parse) are killed; all are reaped."""
    processes = list((executor._processes or {}).values())  # 3.11: no public API
    executor.shutdown(wait=False, cancel_futures=True)
    deadline = time.monotonic() + grace
    for process in processes:
        process.join(timeout=max(0.0, deadline - time.monotonic()))
    for process in processes:
        if process.is_alive():
            process.kill()
        process.join(timeout=5.0)
