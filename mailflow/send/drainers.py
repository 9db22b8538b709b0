"""The daemon's outbox drains: threads that send as soon as there is something to send.

Each committed change that queues mail pokes the drains (`poke`); one idle drain wakes at
once and runs a pass. A pass that leases a full batch calls for help (the drain callback
gets `busy`, which pokes again), so under a burst up to `parallel` drains send side by
side, each over its own connection; the outbox lease (mailflow.store.outbox) keeps them
off each other's messages. A poke that comes while every drain is busy is not lost: the
first drain to finish runs another pass. The first drain also runs a pass every `interval`
seconds without a poke, for retries that fall due and mail queued by other processes.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime

from mailflow.schedule import run_job

log = logging.getLogger(__name__)
Clock = Callable[[], datetime]
DrainPass = Callable[[Callable[[], None]], object]  # one pass, given `busy`


class Drainers:
    """Up to `parallel` drain threads, woken by `poke` and every `interval` seconds."""

    def __init__(self, drain: DrainPass, parallel: int, interval: float,
                 clock: Clock) -> None:
        self._drain, self._interval, self._clock = drain, interval, clock
        self._wake = threading.Condition()
        self._wanted = True  # the first pass runs at start
        self._stopping = False
        self._threads = [threading.Thread(target=self._work, args=(index == 0,),
                                          name=f"drain-{index + 1}", daemon=True)
                         for index in range(parallel)]

    def start(self) -> None:
        for thread in self._threads:
            thread.start()

    def poke(self) -> None:
        """Ask for a pass now: an idle drain starts one, or the next one to finish does."""
        with self._wake:
            self._wanted = True
            self._wake.notify()

    def shutdown(self) -> None:
        """Let the passes under way end (they stop early: see the drain's `more`), then stop."""
        with self._wake:
            self._stopping = True
            self._wake.notify_all()
        for thread in self._threads:
            if thread.is_alive():
                thread.join()

    def _work(self, on_timer: bool) -> None:
        while self._next_pass(on_timer):
            run_job("drain-outbox", lambda _now: self._drain(self.poke), self._clock)

    def _next_pass(self, on_timer: bool) -> bool:
        """Wait for a poke (or, on the timer drain, the interval); False when stopping."""
        with self._wake:
            if not self._wanted and not self._stopping:
                self._wake.wait(self._interval if on_timer else None)
            self._wanted = False
            return not self._stopping
