"""Memory with many claims: `python bench/memory.py [--sizes 1000 100000] [--sqlite-only]`;
memory per message: `python bench/memory.py --messages [--imap] [--large 25 100] [--count 5000]`.

--messages: (1) for each --large size (MiB), a letter with one base64 photo and one of
8bit text run through `Pipeline.process` in a child process
(tests/integration/memory_probe.py), SQLite: the peak RSS growth and its ratio to the
message size (goal: <= 3 + a fixed base), and the same letter over
storage.max_message_bytes (quarantined whole); with --imap, the photo letters read from a
private dovecot by ImapSource (needs root and dovecot); (2) --count letters of the test
corpus (a third with attachments, unique ids) through one pipeline, RSS printed every 500
and the ratio of the last figure to the first: ~1 is flat.

For each database (SQLite, and PostgreSQL at --postgres unless --sqlite-only) and each size
N: a fresh database with N claims and N sent mails (1 KB raw each), bulk inserted. Then,
each in a fresh child process with the app already built, the peak of Python allocations
(tracemalloc) and the growth of peak RSS while running `claims list`, `claims list
--overdue`, `outbox list` (a page of 50 each, JSON) and one deadline pass over the open
claims, plus for contrast the reads these replaced (every claim row, every outbox row with
its raw bytes). Prints MiB per size and the ratio largest/smallest size: ~1 is flat.
Asserts nothing.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import secrets
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import insert  # noqa: E402
from sqlmodel import select  # noqa: E402

from bench.run import postgres_database  # noqa: E402
from mailflow.app import App  # noqa: E402
from mailflow.cli.claims import Format, print_claims, print_outbox  # noqa: E402
from mailflow.config import Settings  # noqa: E402
from mailflow.store.tables import ClaimRow, OutboxRow  # noqa: E402
from mailflow.workflow.overdue import is_late  # noqa: E402
from tests import corpus  # noqa: E402
from tests.integration import memory_probe  # noqa: E402
from tests.integration.support import app as test_app  # noqa: E402
from tests.integration.support import upgrade  # noqa: E402

PG = os.environ.get("MAILFLOW_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
CHUNK = 5_000
NOW = datetime.now(UTC)
DAY = timedelta(days=1)


def settings(folder: Path, url: str) -> Settings:
    return Settings.model_validate({
        "database": {"url": url},
        "mailbox": {"kind": "maildir", "path": folder / "inbox"},
        "outgoing": {"kind": "maildir", "path": folder / "outbox"},
        "company": {"claims_address": "claims@example.test", "name": "Bench"},
        "storage": {"attachments_dir": folder / "blobs"},
        "security": {"secret": "bench-secret"}})


# -- the data -----------------------------------------------------------------------------


def claim_values(n: int) -> dict[str, Any]:
    """Claim n: 1 in 20 late (waiting for the customer, paused after its first-response
    deadline: listed as overdue, nothing to send); 8 in 10 closed; the rest open with
    deadlines weeks ahead (the deadline pass reads them and finds nothing due)."""
    values: dict[str, Any] = {
        "number": f"CLM-2026-{n:07d}", "customer_email": f"customer{n}@example.org",
        "customer_name": f"Customer {n}", "subject": f"Damaged item in order {n} " + "x" * 40,
        "language": "en", "origin": "customer", "priority": "normal", "paused_seconds": 0.0,
        "overdue": False, "created_at": NOW - 2 * DAY, "updated_at": NOW,
        "status": "in_progress", "first_response_due": NOW + 20 * DAY,
        "hard_limit_due": NOW + 25 * DAY, "resolution_due": NOW + 30 * DAY, "paused_at": None,
        "resolved_at": None}
    if n % 20 == 0:
        values.update(status="waiting_customer", first_response_due=NOW - DAY,
                      paused_at=NOW - DAY / 2)
    elif n % 10 in (1, 2, 3, 4, 5, 6, 7, 8):
        values.update(status="closed", resolved_at=NOW - DAY)
    return values


def outbox_values(n: int) -> dict[str, Any]:
    return {"dedup_key": f"ack:{n}", "kind": "acknowledgement", "sender": "claims@example.test",
            "recipients": json.dumps([f"customer{n}@example.org"]),
            "message_id": f"ack.{n}@example.test", "raw": os.urandom(512).hex().encode(),
            "status": "sent", "attempts": 1, "next_attempt_at": NOW, "last_error": "",
            "created_at": NOW, "sent_at": NOW}


def fill(url: str, folder: Path, count: int) -> float:
    """`count` claims and `count` outbox rows, inserted in chunks; returns the seconds."""
    upgrade(url)
    app = App(settings(folder, url))
    started = time.perf_counter()
    for table, values in ((ClaimRow.__table__, claim_values),
                          (OutboxRow.__table__, outbox_values)):
        for first in range(1, count + 1, CHUNK):
            rows = [values(n) for n in range(first, min(first + CHUNK, count + 1))]
            with app.db.transaction() as session:
                session.execute(insert(table), rows)
    app.db.dispose()
    return time.perf_counter() - started


# -- what is measured (in a child process) ------------------------------------------------


def _claims_list(app: App) -> None:
    print_claims(app, Format.json, None)


def _claims_overdue(app: App) -> None:
    print_claims(app, Format.json, None, overdue=True)


def _outbox_list(app: App) -> None:
    print_outbox(app, Format.json)


def _deadline_pass(app: App) -> None:
    app.deadlines.run_due(datetime.now(UTC))


def _old_claims_overdue(app: App) -> None:
    with app.db.transaction() as session:
        late = [c for c in session.exec(select(ClaimRow)).all() if is_late(c, NOW)]
    assert late


def _old_outbox_list(app: App) -> None:
    with app.db.transaction() as session:
        assert session.exec(select(OutboxRow)).all()


OPERATIONS: dict[str, Callable[[App], None]] = {
    "claims list": _claims_list, "claims list --overdue": _claims_overdue,
    "outbox list": _outbox_list, "deadline pass": _deadline_pass,
    "old: every claim, overdue in Python": _old_claims_overdue,
    "old: every outbox row with raw": _old_outbox_list,
}


def measure(operation: str, url: str, folder: Path) -> dict[str, float]:
    app = App(settings(folder, url))
    app.pipeline  # noqa: B018 - built (schema checked, templates, calendar) before measuring
    app.deadlines  # noqa: B018
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    tracemalloc.start()
    started = time.perf_counter()
    with open(os.devnull, "w") as sink, contextlib.redirect_stdout(sink):
        OPERATIONS[operation](app)
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    rss_growth = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before
    return {"peak_mib": peak / 2**20, "rss_growth_mib": rss_growth / 1024, "seconds": seconds}


def measured_in_child(operation: str, url: str, folder: Path) -> dict[str, float]:
    code = ("import json, sys; from pathlib import Path; import bench.memory as m; "
            "print(json.dumps(m.measure(sys.argv[1], sys.argv[2], Path(sys.argv[3]))))")
    result = subprocess.run([sys.executable, "-c", code, operation, url, str(folder)],
                            cwd=ROOT, check=True, capture_output=True, text=True)
    figures: dict[str, float] = json.loads(result.stdout.splitlines()[-1])
    return figures


# -- the run ------------------------------------------------------------------------------


@contextlib.contextmanager
def database(postgres: str | None, folder: Path) -> Iterator[str]:
    """A SQLite file in `folder`, or a new database beside the `postgres` URL."""
    if postgres is None:
        yield f"sqlite:///{folder / 'memory.sqlite3'}"
        return
    with postgres_database(postgres, f"mf_memory_{secrets.token_hex(4)}") as url:
        yield url


def run_size(kind: str, postgres: str | None, count: int) -> dict[str, dict[str, float]]:
    with tempfile.TemporaryDirectory() as name, database(postgres, Path(name)) as url:
        folder = Path(name)
        seconds = fill(url, folder, count)
        print(f"{kind}: {count} claims and {count} outbox rows inserted in {seconds:.1f} s",
              flush=True)
        return {operation: measured_in_child(operation, url, folder)
                for operation in OPERATIONS}


def report(kind: str, sizes: list[int], results: dict[int, dict[str, dict[str, float]]]) -> None:
    small, large = sizes[0], sizes[-1]
    print(f"\n{kind}: peak Python allocations (tracemalloc), MiB; RSS growth in brackets")
    print(f"  {'operation':38} " + " ".join(f"{f'{s} claims':>20}" for s in sizes)
          + f"  {'ratio':>6}")
    for operation in OPERATIONS:
        cells = [results[s][operation] for s in sizes]
        ratio = results[large][operation]["peak_mib"] / results[small][operation]["peak_mib"]
        print(f"  {operation:38} " + " ".join(
            f"{c['peak_mib']:8.2f} ({c['rss_growth_mib']:6.1f}) {c['seconds']:4.1f}s"
            for c in cells) + f"  {ratio:6.2f}")


# -- memory per message ------------------------------------------------------------------

MIB = 1024 * 1024


def large_messages(sizes: list[int]) -> None:
    """Peak RSS growth for one large letter, stored and quarantined for its size."""
    print("one large letter, SQLite, peak RSS growth in a child process")
    letters = {"photo": lambda size: memory_probe.letter_with_photo(size * MIB, seed=size),
               "8bit text": lambda size: memory_probe.letter_with_text(size * MIB)}
    for size in sizes:
        for kind, letter_of in letters.items():
            with tempfile.TemporaryDirectory() as name:
                folder = Path(name)
                message_file = folder / "large.eml"
                message_file.write_bytes(letter_of(size))
                over_cap = size * MIB // 2  # storage.max_message_bytes below the size
                for label, cap in (("stored", memory_probe.LIMIT), ("over the cap", over_cap)):
                    url = f"sqlite:///{folder / f'{cap}.sqlite3'}"
                    upgrade(url)
                    figures = memory_probe.measured_in_child(folder, url, message_file, cap)
                    print(f"  {figures['size'] / MIB:6.1f} MiB {kind:9} {label:12} -> "
                          f"{figures['status']:11} peak +{figures['growth'] / MIB:6.1f} MiB = "
                          f"{figures['growth'] / figures['size']:.2f} x size", flush=True)


def imap_fetches(sizes: list[int]) -> None:
    """Peak RSS growth while ImapSource reads one large letter from a private dovecot."""
    from tests.servers import Dovecot, dovecot_binary

    binary = dovecot_binary()
    if binary is None:
        print("dovecot is not installed: IMAP fetch not measured")
        return
    server = Dovecot()
    server.start(binary)
    try:
        print("\none large letter read over IMAP (dovecot), peak RSS growth in a child process")
        for size in sizes:
            server.reset_all()
            server.append("claims", [memory_probe.letter_with_photo(size * MIB, seed=size)])
            figures = memory_probe.imap_fetch_in_child(server.host, server.imap_port)
            (fetched,) = figures["sizes"]
            print(f"  {fetched / MIB:6.1f} MiB fetched  peak +{figures['growth'] / MIB:6.1f} MiB"
                  f" = {figures['growth'] / fetched:.2f} x size", flush=True)
    finally:
        server.stop()


def letter(n: int) -> bytes:
    fields: dict[str, Any] = {"message_id": f"flat.{n}@example.org",
                              "sender": f"Customer {n} <customer{n}@example.org>"}
    builders = (corpus.english, corpus.russian, corpus.with_attachments)
    return builders[n % 3](**fields)


def many_messages(count: int) -> None:
    """RSS every 500 letters through one pipeline: flat when nothing accumulates."""
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        url = f"sqlite:///{folder / 'flat.sqlite3'}"
        app = test_app(folder, url)
        app.warm_up()
        print(f"\n{count} letters through one pipeline (SQLite): RSS every 500")
        figures: list[int] = []
        started = time.perf_counter()
        for n in range(1, count + 1):
            app.pipeline.process(letter(n), "bench", datetime.now(UTC))
            if n % 500 == 0:
                figures.append(memory_probe.resident_bytes())
                print(f"  {n:6d} letters  RSS {figures[-1] / MIB:7.1f} MiB  "
                      f"{time.perf_counter() - started:6.1f} s", flush=True)
        if figures:
            print(f"  ratio last/first RSS: {figures[-1] / figures[0]:.3f}")


def main(args: argparse.Namespace) -> None:
    if args.messages:
        large_messages(args.large)
        if args.imap:
            imap_fetches(args.large)
        many_messages(args.count)
        return
    kinds: dict[str, str | None] = {"SQLite": None}
    if not args.sqlite_only:
        kinds["PostgreSQL"] = args.postgres or PG
    for kind, postgres in kinds.items():
        results = {count: run_size(kind, postgres, count) for count in args.sizes}
        report(kind, args.sizes, results)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 100_000])
    parser.add_argument("--postgres", default="", help=f"admin URL (default {PG})")
    parser.add_argument("--sqlite-only", action="store_true")
    parser.add_argument("--messages", action="store_true", help="memory per message")
    parser.add_argument("--large", type=int, nargs="+", default=[25, 100], help="MiB")
    parser.add_argument("--count", type=int, default=5_000)
    parser.add_argument("--imap", action="store_true",
                        help="with --messages: also read the large letters over IMAP (dovecot)")
    return parser.parse_args()


if __name__ == "__main__":
    main(parse_args())
