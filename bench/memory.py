"""Memory with many claims: `python bench/memory.py [--sizes 1000 100000] [--sqlite-only]`.

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


def main(args: argparse.Namespace) -> None:
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
    return parser.parse_args()


if __name__ == "__main__":
    main(parse_args())
