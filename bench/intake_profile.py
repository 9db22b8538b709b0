"""Where intake's time goes: `python bench/intake_profile.py [--messages N] [--maildir]`
(`--postgres URL` for PostgreSQL).

With `--batches 1,50`, no profiler: the same generated mailbox is read once per batch size
([mailbox] batch_size, batch_wait_ms as configured by `--wait-ms`, default 200), each into
a fresh database, in this one process; it prints messages per second, commits and blob
syncs per message, and each rate's ratio to the first (group commit, issue 13.2).
With `--parse-workers 1,2` (and `--batches`, default 50), each batch size once per number
of parse workers ([mailbox] parse_workers, issue 13.5): the workers are started and warmed
before the clock starts, and their CPU time is counted beside the daemon's.

Generates the mailbox of `bench/run.py` (dovecot INBOX, or a Maildir with --maildir), runs
one `Runner.intake_pass` into a fresh database under cProfile, and prints the time by stage
(cumulative time of each stage's entry functions, nested stages subtracted) and the top
functions by cumulative and by own time. Asserts nothing. (Not `profile.py`: that name
would hide the standard library's `profile`, which cProfile imports.)
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import postgres_database, sample, settings_for, warm_up  # noqa: E402
from mailflow.app import App  # noqa: E402
from mailflow.fetch.maildir import create_maildir  # noqa: E402
from mailflow.runner import Runner  # noqa: E402
from tests.integration.support import upgrade  # noqa: E402
from tests.servers import Dovecot, dovecot_binary  # noqa: E402

# stage: entry functions as (path ending, function name); a stage's time is the cumulative
# time of its entries minus the time of the stages nested inside them (`NESTED`).
STAGES: dict[str, tuple[tuple[str, str], ...]] = {
    "fetch": (("fetch/imap.py", "_fetch"), ("fetch/imap.py", "_move"),
              ("fetch/imap.py", "_pending_uids"), ("fetch/maildir.py", "_read"),
              ("fetch/maildir.py", "_message_files"), ("fetch/maildir.py", "_move")),
    "parse": (("parse/parser.py", "parse_message"),),
    "classify": (("classify/rules.py", "classify"),),
    "thread": (("thread/rules.py", "thread_keys"), ("thread/rules.py", "decide_thread"),
               ("store/claims.py", "thread_candidates"), ("store/messages.py", "find_stored")),
    "extract": (("extract/stage.py", "read_claim"),),
    "store": (("mailflow/pipeline.py", "_claim_for"), ("store/messages.py", "store_incoming"),
              ("store/checkpoints.py", "advance")),
    "decide+apply": (("workflow/engine.py", "react"),),
    "send/queue": (("workflow/mailer.py", "queue"),),
    "commit": (),  # the driver's commits, see `_commits`
}
NESTED = {"decide+apply": ("send/queue",)}


def stage_times(stats: pstats.Stats) -> dict[str, float]:
    raw: dict[tuple[str, int, str], Any] = stats.stats  # type: ignore[attr-defined]
    times = dict.fromkeys(STAGES, 0.0)
    for (path, _line, name), (_cc, _nc, _tt, cumulative, _callers) in raw.items():
        for stage, entries in STAGES.items():
            if any(path.endswith(end) and name == function for end, function in entries):
                times[stage] += cumulative
    times["commit"] = _commits(raw)
    for stage, inner in NESTED.items():
        times[stage] -= sum(times[s] for s in inner)
    return times


def _commits(raw: dict[tuple[str, int, str], Any]) -> float:
    """The time of the database's own commits (the driver's, so savepoints are not in it)."""
    return sum(float(stat[3]) for (path, _line, name), stat in raw.items()
               if ("sqlite3.Connection" in name or path.endswith("psycopg/connection.py"))
               and "commit" in name)


def top(stats: pstats.Stats, order: str, count: int = 15) -> str:
    out = io.StringIO()
    stats.stream = out  # type: ignore[attr-defined]
    stats.sort_stats(order).print_stats(count)
    lines = out.getvalue().splitlines()
    start = next(i for i, line in enumerate(lines) if line.lstrip().startswith("ncalls"))
    return "\n".join(lines[start:start + count + 1])


@contextmanager
def mailbox(count: int, maildir: bool, folder: Path) -> Iterator[Dovecot | None]:
    if maildir:
        create_maildir(folder / "inbox")
        for n in range(count):
            (folder / "inbox" / "new" / f"{n:06d}.bench").write_bytes(sample(n))
        yield None
        return
    binary = dovecot_binary()
    if binary is None:
        sys.exit("dovecot is not installed: run `bash scripts/test.sh` once first")
    server = Dovecot()
    server.start(binary)
    try:
        server.append("claims", (sample(n) for n in range(count)))
        yield server
    finally:
        server.stop()


def profile(count: int, maildir: bool, db_url: str) -> None:
    with tempfile.TemporaryDirectory() as name, mailbox(count, maildir, Path(name)) as server:
        app = App(settings_for(Path(name), server, db_url))
        upgrade(app.settings.database.url)
        app.pipeline  # noqa: B018 - built (schema checked, templates) before measuring
        warm_up(app)
        runner = Runner(app, app.source())
        runner.source.open()
        profiler = cProfile.Profile()
        started = time.perf_counter()
        profiler.enable()
        report = runner.intake_pass()
        profiler.disable()
        elapsed = time.perf_counter() - started
        runner.source.close()
    stats = pstats.Stats(profiler)
    total = stats.total_tt  # type: ignore[attr-defined]
    kind = ("PostgreSQL" if db_url else "SQLite") + (", Maildir" if maildir else ", IMAP")
    print(f"intake ({kind}): {report.stored} messages ({report.new_claims} claims) in "
          f"{elapsed:.2f} s under the profiler = {elapsed / max(report.stored, 1) * 1000:.1f} "
          f"ms/message; profiled total {total:.2f} s")
    times = stage_times(stats)
    for stage, seconds in times.items():
        print(f"  {stage:14} {seconds:7.2f} s {seconds / total:6.1%} "
              f"{seconds / max(report.stored, 1) * 1000:7.2f} ms/message")
    rest = total - sum(times.values())
    print(f"  {'other':14} {rest:7.2f} s {rest / total:6.1%}")
    print("\ntop functions by cumulative time:\n" + top(stats, "cumulative"))
    print("\ntop functions by own time:\n" + top(stats, "tottime"))


@dataclass
class Syncs:
    """The blob store's fsync and syncfs calls, and the database's commits, while counting."""

    fsyncs: int = 0
    syncfs: int = 0
    commits: int = 0


@contextmanager
def counting_syncs(app: App) -> Iterator[Syncs]:
    """Count the blob store's syncs (Python's own; SQLite's fsyncs inside a commit are not
    seen, one a commit in WAL mode) and the commits of `app`'s database."""
    from sqlalchemy import event

    from mailflow.store import blobs

    seen = Syncs()
    real_fsync, real_syncfs = os.fsync, blobs._syncfs

    def fsync(descriptor: int) -> None:
        seen.fsyncs += 1
        real_fsync(descriptor)

    def syncfs(inside: Path) -> bool:
        seen.syncfs += 1
        return real_syncfs(inside)

    def commit(_connection: object) -> None:
        seen.commits += 1

    os.fsync, blobs._syncfs = fsync, syncfs  # type: ignore[assignment]
    event.listen(app.db.engine, "commit", commit)
    try:
        yield seen
    finally:
        os.fsync, blobs._syncfs = real_fsync, real_syncfs  # type: ignore[assignment]
        event.remove(app.db.engine, "commit", commit)


@dataclass
class Run:
    """One intake of the generated mailbox: wall and CPU seconds (the daemon's, and its
    parse workers'), messages stored, syncs."""

    wall: float
    cpu: float
    stored: int
    syncs: Syncs
    worker_cpu: float = 0.0

    @property
    def rate(self) -> float:
        return self.stored / self.wall


def worker_cpu(app: App) -> float:
    """The CPU seconds used so far by the parse workers of `app` (Linux /proc)."""
    pool = app.pipeline._parse_pool
    executor = pool._executor if pool is not None else None
    if executor is None:
        return 0.0
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for pid in list(executor._processes or {}):
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / ticks  # utime, stime
    return total


def timed_intake(count: int, maildir: bool, db_url: str, batch_size: int,
                 wait_ms: int, workers: int = 1) -> Run:
    """Read the generated mailbox with this batch size and these parse workers into a
    fresh database."""
    with tempfile.TemporaryDirectory() as name, mailbox(count, maildir, Path(name)) as server:
        settings = settings_for(Path(name), server, db_url)
        settings = settings.model_copy(update={"mailbox": settings.mailbox.model_copy(
            update={"batch_size": batch_size, "batch_wait_ms": wait_ms,
                    "parse_workers": workers})})
        app = App(settings)
        upgrade(app.settings.database.url)
        app.pipeline  # noqa: B018 - built (schema checked, templates) before measuring
        warm_up(app)
        app.warm_up()  # the parse workers started and their imports done
        runner = Runner(app, app.source())
        runner.source.open()
        with counting_syncs(app) as syncs:
            workers_before = worker_cpu(app)
            started, cpu_started = time.perf_counter(), time.process_time()
            report = runner.intake_pass()
            wall, cpu = time.perf_counter() - started, time.process_time() - cpu_started
            in_workers = worker_cpu(app) - workers_before
        runner.source.close()
        app.stop_parse_workers()
        app.db.dispose()
    return Run(wall, cpu, report.stored, syncs, in_workers)


def compare_workers(count: int, maildir: bool, postgres: str, size: int, workers: list[int],
                    wait_ms: int, repeat: int) -> None:
    """Each number of parse workers `repeat` times, alternating, medians."""
    kind = ("PostgreSQL" if postgres else "SQLite") + (", Maildir" if maildir else ", IMAP")
    runs: dict[int, list[Run]] = {number: [] for number in workers}
    for round_ in range(repeat):
        for number in workers:
            database = (postgres_database(postgres, f"mf_pool_{number}_{round_}_"
                                          f"{time.time_ns()}") if postgres else nullcontext(""))
            with database as url:
                runs[number].append(timed_intake(count, maildir, url, size, wait_ms, number))
    print(f"parse workers ({kind}), {count} generated messages, batch_size {size}, "
          f"batch_wait_ms = {wait_ms}, {os.cpu_count()} cores, load average "
          f"{os.getloadavg()[0]:.1f}; medians of {repeat} alternating runs:")
    first = workers[0]
    base_rate = statistics.median(run.rate for run in runs[first])
    for number in workers:
        rate = statistics.median(run.rate for run in runs[number])
        cpu = statistics.median(run.cpu / run.stored for run in runs[number])
        pooled = statistics.median(run.worker_cpu / run.stored for run in runs[number])
        print(f"  parse_workers {number:2}: {rate:6.1f} messages/s ({rate / base_rate:.2f}x "
              f"parse_workers {first}); CPU/message {cpu * 1000:5.1f} ms in the daemon + "
              f"{pooled * 1000:5.1f} ms in workers; rates "
              f"{', '.join(f'{r.rate:.1f}' for r in runs[number])}")


def compare_batches(count: int, maildir: bool, postgres: str, sizes: list[int],
                    wait_ms: int, repeat: int) -> None:
    """Each batch size `repeat` times, alternating (the machine's load drifts), medians."""
    kind = ("PostgreSQL" if postgres else "SQLite") + (", Maildir" if maildir else ", IMAP")
    runs: dict[int, list[Run]] = {size: [] for size in sizes}
    for round_ in range(repeat):
        for size in sizes:
            database = (postgres_database(postgres, f"mf_batch_{size}_{round_}_{time.time_ns()}")
                        if postgres else nullcontext(""))
            with database as url:
                runs[size].append(timed_intake(count, maildir, url, size, wait_ms))
    print(f"group commit ({kind}), {count} generated messages, batch_wait_ms = {wait_ms}, "
          f"medians of {repeat} alternating runs:")
    first = sizes[0]
    for size in sizes:
        rate, cpu = (statistics.median(values) for values in (
            [run.rate for run in runs[size]], [run.cpu / run.stored for run in runs[size]]))
        base_rate = statistics.median(run.rate for run in runs[first])
        base_cpu = statistics.median(run.cpu / run.stored for run in runs[first])
        run = runs[size][-1]
        per = max(run.stored, 1)
        print(f"  batch_size {size:4}: {rate:6.1f} messages/s ({rate / base_rate:.2f}x "
              f"batch_size {first}), {cpu * 1000:5.1f} ms CPU/message ({cpu / base_cpu:.2f}x); "
              f"per message {run.syncs.commits / per:.2f} commits, "
              f"{run.syncs.fsyncs / per:.2f} fsyncs + {run.syncs.syncfs / per:.2f} syncfs "
              f"of blobs; rates {', '.join(f'{r.rate:.1f}' for r in runs[size])}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--messages", type=int, default=500)
    parser.add_argument("--maildir", action="store_true", help="a Maildir instead of IMAP")
    parser.add_argument("--postgres", default="",
                        help="profile on a new database beside this PostgreSQL URL instead, "
                             "e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test")
    parser.add_argument("--batches", default="",
                        help="compare these batch sizes instead of profiling, e.g. 1,50")
    parser.add_argument("--wait-ms", type=int, default=200, help="batch_wait_ms for --batches")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each size for --batches")
    parser.add_argument("--parse-workers", default="",
                        help="compare these numbers of parse workers, e.g. 1,2 (batch size: "
                             "the first of --batches, else 50)")
    args = parser.parse_args()
    if args.parse_workers:
        size = int(args.batches.split(",")[0]) if args.batches else 50
        compare_workers(args.messages, args.maildir, args.postgres, size,
                        [int(number) for number in args.parse_workers.split(",")],
                        args.wait_ms, args.repeat)
        return
    if args.batches:
        compare_batches(args.messages, args.maildir, args.postgres,
                        [int(size) for size in args.batches.split(",")], args.wait_ms,
                        args.repeat)
        return
    database = (postgres_database(args.postgres, f"mf_profile_{int(time.time())}")
                if args.postgres else nullcontext(""))
    with database as url:
        profile(args.messages, args.maildir, url)


if __name__ == "__main__":
    main()
