"""SIGKILLs at random points of the daemon's progress, for the crash soak.

`python -m mailflow run --once` is started again and again and killed when the database
(polled from here) shows it has reached a random point of intake (incoming messages kept) or
of sending (outbox rows sent), plus a few early kills; each kill records where it landed.
"""

from __future__ import annotations

import math
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import create_engine, func
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from mailflow.store.tables import MessageRow, OutboxRow, QuarantineRow
from tests.faults.soak_mail import LEASE_SECONDS

RUN_TIMEOUT = 600  # seconds one run of the daemon may take before the soak gives up


@dataclass(frozen=True)
class Progress:
    """What the database shows of the work: incoming messages kept, outbox rows sent."""

    intake: int
    sent: int
    outbox: int


class Probe:
    """Reads Progress from the database while the daemon runs (its own connection)."""

    def __init__(self, db_url: str) -> None:
        self.engine: Engine = create_engine(db_url, pool_size=1)

    def __call__(self) -> Progress:
        with Session(self.engine) as session:
            stored = session.exec(select(func.count()).select_from(MessageRow).where(
                MessageRow.direction == "in")).one()
            parked = session.exec(select(func.count()).select_from(QuarantineRow)).one()
            sent = session.exec(select(func.count()).select_from(OutboxRow).where(
                OutboxRow.status == "sent")).one()
            queued = session.exec(select(func.count()).select_from(OutboxRow)).one()
        return Progress(int(stored) + int(parked), int(sent), int(queued))

    def close(self) -> None:
        self.engine.dispose()


@dataclass(frozen=True)
class Kill:
    """Where one SIGKILL landed: the aim, the progress before and at the kill, the phase."""

    aim: str
    before: Progress
    at: Progress
    phase: str
    seconds: float
    expected: int  # incoming messages of this phase

    @property
    def during_sending(self) -> bool:
        """Killed with every message kept: only then can a message be on the wire (run
        --once sends after its intake pass), so only such a kill can cause one re-send."""
        return self.phase != "finished" and self.at.intake >= self.expected


@dataclass
class Killer:
    """Starts `mailflow run --once` and SIGKILLs it at a random point of its progress."""

    config: Path
    probe: Callable[[], Progress]
    chance: random.Random
    kills: list[Kill] = field(default_factory=list)
    poll: float = 0.01
    sending: tuple[int, int] | None = None  # this phase's outbox rows: sent, queued at start

    def phase_with_kills(self, expected: int, intake_kills: int, sending_kills: int,
                         startup_kills: int) -> None:
        """Kill at `intake_kills` random points of intake (of `expected` messages, one in
        each slice of it), then at `sending_kills` random points of sending (likewise), with
        `startup_kills` early kills put anywhere among them; then run to the end."""
        self.sending = None
        first = self.probe().intake
        intake_targets = iter(first + 1 + math.floor(f * (expected - first))
                              for f in self.spread(intake_kills))
        sending_fractions = iter(self.spread(sending_kills))
        aims = ["intake"] * intake_kills + ["sending"] * sending_kills
        for _ in range(startup_kills):
            aims.insert(self.chance.randrange(len(aims) + 1), "start-up")
        for aim in aims:
            if aim == "intake":
                self.kill_at_intake(next(intake_targets), expected)
            elif aim == "sending":
                self.kill_while_sending(next(sending_fractions), expected)
            else:
                self.kill_after(self.chance.uniform(0.05, 1.5), expected)
        run_to_end(self.config)

    def spread(self, count: int) -> list[float]:
        """`count` random fractions of the work, one in each of `count` equal slices, so
        the kills cover the whole of it (sorted)."""
        return [(slice_ + self.chance.random()) / count for slice_ in range(count)]

    def kill_at_intake(self, target: int, expected: int) -> None:
        """Kill once `target` messages are kept (or just after the next one, when an earlier
        run got that far already)."""
        target = max(target, self.probe().intake + 1)
        if target > expected:
            self.kill_while_sending(self.chance.random(), expected)
            return
        self._run("intake", expected, lambda p: p.intake >= target)

    def kill_while_sending(self, fraction: float, expected: int) -> None:
        """Kill once `fraction` of this phase's sending is done (at least one more row)."""

        def reached(progress: Progress) -> bool:
            if progress.intake < expected:
                return False
            if self.sending is None:  # intake is over: the outbox holds all there is to send
                self.sending = (progress.sent, progress.outbox)
            if not goal:
                first, last = self.sending
                goal.append(max(progress.sent + 1, first + math.ceil(fraction * (last - first))))
            return progress.sent >= goal[0]
        goal: list[int] = []
        now = self.probe()
        if now.intake >= expected and now.sent >= now.outbox:
            return  # nothing left to send in this phase: a kill would only hit start-up
        self._run("sending", expected, reached, jitter=0.005)

    def kill_after(self, seconds: float, expected: int) -> None:
        deadline = time.monotonic() + seconds
        self._run("start-up", expected, lambda _: time.monotonic() >= deadline)

    def _run(self, aim: str, expected: int, reached: Callable[[Progress], bool],
             jitter: float = 0.03) -> None:
        """Start the daemon, wait until `reached`, SIGKILL it up to `jitter` seconds later
        (a message takes tens of milliseconds to process, a few to send)."""
        before = self.probe()
        started = time.monotonic()
        process = start(self.config)
        while process.poll() is None and not reached(self.probe()):
            assert time.monotonic() - started < RUN_TIMEOUT, f"{aim} kill never reached"
            time.sleep(self.poll)
        time.sleep(self.chance.uniform(0, jitter))
        finished = process.poll() is not None
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        at = self.probe()
        if finished:
            assert process.returncode == 0, log_tail(self.config)
        phase = "finished" if finished else landed(before, at, expected)
        self.kills.append(Kill(aim, before, at, phase, time.monotonic() - started,
                               expected))


def landed(before: Progress, at: Progress, expected: int) -> str:
    """The phase a kill interrupted, from the progress before the run and at the kill."""
    if at.intake < expected:
        return "intake" if at.intake > before.intake else "start-up"
    if at.sent < at.outbox:
        return "sending" if at.sent > before.sent or at.intake > before.intake else "start-up"
    return "after-sending"


def start(config: Path) -> subprocess.Popen[bytes]:
    """`mailflow run --once`, its warnings appended to daemon.log next to the config (a
    pipe nobody reads while it runs could fill up and stall it)."""
    with (config.parent / "daemon.log").open("ab") as log:
        return subprocess.Popen(
            [sys.executable, "-m", "mailflow", "--config", str(config), "--log-level",
             "warning", "run", "--once"], stdout=subprocess.DEVNULL, stderr=log,
            env={**os.environ, "MAILFLOW_LANG": "en"})


def run_to_end(config: Path) -> None:
    """One run that is not killed, once the killed runs' outbox leases have run out."""
    time.sleep(LEASE_SECONDS + 0.5)
    process = start(config)
    process.wait(timeout=RUN_TIMEOUT)
    assert process.returncode == 0, log_tail(config)


def log_tail(config: Path) -> str:
    return (config.parent / "daemon.log").read_text(errors="replace")[-4000:]


def kill_summary(kills: Sequence[Kill]) -> str:
    phases = Counter(kill.phase for kill in kills)
    points = ", ".join(f"{k.aim}->{k.phase}@in{k.at.intake}/sent{k.at.sent}of{k.at.outbox}"
                       for k in kills)
    could_resend = sum(kill.during_sending for kill in kills)
    return (f"kills by phase: {dict(sorted(phases.items()))}; with every message kept (each "
            f"may leave one `unknown`): {could_resend}\nkill points: {points}")
