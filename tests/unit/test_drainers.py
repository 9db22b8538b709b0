"""The drain threads' wake-ups (mailflow.send.drainers), with a stand-in for the pass."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime

from mailflow.send.drainers import Drainers

WAIT = 30.0  # seconds before a wait gives up (a failure, never a measured time)
NOW = datetime(2026, 3, 1, tzinfo=UTC)


class Passes:
    """A drain pass that counts itself and can be held until released."""

    def __init__(self) -> None:
        self.count = 0
        self.started = threading.Semaphore(0)
        self.release = threading.Event()
        self.lock = threading.Lock()

    def __call__(self, _busy: Callable[[], None]) -> None:
        with self.lock:
            self.count += 1
        self.started.release()
        assert self.release.wait(WAIT)


def test_a_poke_while_every_drain_is_busy_starts_another_pass_after_it() -> None:
    """With one drain busy, a poke is kept and runs one more pass when the busy one ends,
    though no timer would start it (the interval is an hour)."""
    passes = Passes()
    drainers = Drainers(passes, parallel=1, interval=3600, clock=lambda: NOW)
    drainers.start()
    try:
        assert passes.started.acquire(timeout=WAIT)  # the pass at start, held
        drainers.poke()
        passes.release.set()
        assert passes.started.acquire(timeout=WAIT)  # the poke's pass
    finally:
        drainers.shutdown()
    assert passes.count == 2


def test_a_busy_drain_calling_for_help_wakes_a_second_one() -> None:
    """A pass that leased a full batch calls `busy`, and a second drain starts beside it
    while the first is still sending."""
    passes = Passes()
    calls_for_help = threading.Event()

    def drain(busy: Callable[[], None]) -> None:
        if not calls_for_help.is_set():
            calls_for_help.set()
            busy()
        passes(busy)

    drainers = Drainers(drain, parallel=2, interval=3600, clock=lambda: NOW)
    drainers.start()
    try:
        assert passes.started.acquire(timeout=WAIT)
        assert passes.started.acquire(timeout=WAIT)  # both at once: the first is still held
        assert passes.count == 2
    finally:
        passes.release.set()
        drainers.shutdown()
