"""Deadline passes at scale: `python bench/deadlines.py [--claims N] [--due M] [--sqlite-only]`.

On SQLite and on PostgreSQL (a new database beside --postgres), N open claims are bulk
inserted with deadlines weeks ahead, then three deadline passes are timed in this process:
1. nothing due (every claim weeks from a deadline);
2. `--due` claims whose first-response deadline passed an hour ago: one escalation to the
   manager each, queued with its mail;
3. the same again: everything due was sent, nothing new.
Prints seconds, ms per due claim and the PostgreSQL/SQLite ratio, and for each pass the CPU
time of this process and the load average. Asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import secrets
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import insert, update  # noqa: E402
from sqlmodel import col, func, select  # noqa: E402

from bench.run import postgres_database  # noqa: E402
from mailflow.app import App  # noqa: E402
from mailflow.config import Settings  # noqa: E402
from mailflow.store.tables import ClaimRow, NoticeRow  # noqa: E402
from tests.integration.support import upgrade  # noqa: E402

PG = os.environ.get("MAILFLOW_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
NOW = datetime.now(UTC).replace(microsecond=0)
DAY = timedelta(days=1)
CHUNK = 5_000
SPECIALIST, MANAGER = "anna@example.test", "maria@example.test"


def settings(folder: Path, url: str) -> Settings:
    return Settings.model_validate({
        "database": {"url": url},
        "mailbox": {"kind": "maildir", "path": folder / "inbox"},
        "outgoing": {"kind": "maildir", "path": folder / "outbox"},
        "company": {"claims_address": "claims@example.test", "name": "Bench"},
        "storage": {"attachments_dir": folder / "blobs"},
        "security": {"secret": "bench-secret"},
        "specialists": [{"name": "Анна Смирнова", "position": "специалист",
                         "email": SPECIALIST, "languages": ["ru"]}],
        "managers": [{"name": "Мария Орлова", "email": MANAGER}]})


def claim_values(n: int) -> dict[str, Any]:
    """An open claim, answered by nobody yet, its deadlines three to five weeks ahead."""
    return {
        "number": f"CLM-2026-{n:07d}", "customer_email": f"customer{n}@example.org",
        "customer_name": f"Customer {n}", "subject": f"Damaged item in order {n}",
        "language": "ru", "origin": "customer", "priority": "normal", "paused_seconds": 0.0,
        "overdue": False, "created_at": NOW - DAY, "updated_at": NOW, "status": "in_progress",
        "assignee_email": SPECIALIST, "assigned_at": NOW - DAY,
        "first_response_due": NOW + 20 * DAY, "hard_limit_due": NOW + 25 * DAY,
        "resolution_due": NOW + 35 * DAY}


def fill(app: App, count: int) -> None:
    for first in range(1, count + 1, CHUNK):
        rows = [claim_values(n) for n in range(first, min(first + CHUNK, count + 1))]
        with app.db.transaction() as session:
            session.execute(insert(ClaimRow.__table__), rows)  # type: ignore[attr-defined]


def make_due(app: App, count: int, total: int) -> None:
    """Every (total/count)-th claim: its first-response deadline passed an hour ago."""
    step = max(total // count, 1)
    numbers = [f"CLM-2026-{n:07d}" for n in range(step, total + 1, step)][:count]
    with app.db.transaction() as session:
        session.execute(update(ClaimRow).where(col(ClaimRow.number).in_(numbers))
                        .values(first_response_due=NOW - timedelta(hours=1)))


def timed(action: Callable[[], int]) -> tuple[int, float]:
    """How many `action` sent and its wall time; its CPU time in this process is printed
    too (the machine may be shared: wall time then counts other processes' turns)."""
    started, cpu = time.perf_counter(), time.process_time()
    sent = action()
    elapsed, used = time.perf_counter() - started, time.process_time() - cpu
    print(f"  (wall {elapsed * 1000:.1f} ms, CPU of this process {used * 1000:.1f} ms, "
          f"load average {os.getloadavg()[0]:.1f})", flush=True)
    return sent, elapsed


def run(kind: str, url: str, folder: Path, claims: int, due: int) -> dict[str, float]:
    upgrade(url)
    app = App(settings(folder, url))
    app.pipeline  # noqa: B018 - built (schema checked, templates) before measuring
    fill(app, claims)
    watch = app.deadlines
    pass_now = lambda: watch.run_due(NOW)  # noqa: E731
    figures: dict[str, float] = {}
    sent, figures["nothing"] = timed(pass_now)
    print(f"{kind}: {claims} open claims, nothing due: {sent} sent in "
          f"{figures['nothing'] * 1000:.1f} ms", flush=True)
    make_due(app, due, claims)
    sent, figures["due"] = timed(pass_now)
    with app.db.transaction() as session:
        notices = session.exec(select(func.count()).select_from(NoticeRow)).one()
    print(f"{kind}: {claims} open claims, {due} due: {sent} sent ({notices} notices) in "
          f"{figures['due']:.2f} s = {figures['due'] / max(sent, 1) * 1000:.2f} ms per due "
          f"claim", flush=True)
    sent, figures["again"] = timed(pass_now)
    print(f"{kind}: the same pass again (all {due} sent before): {sent} sent in "
          f"{figures['again'] * 1000:.1f} ms", flush=True)
    app.db.dispose()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--due", type=int, default=1_000)
    parser.add_argument("--postgres", default="", help=f"admin URL (default {PG})")
    parser.add_argument("--sqlite-only", action="store_true")
    args = parser.parse_args()
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        results["SQLite"] = run("SQLite", f"sqlite:///{folder / 'deadlines.sqlite3'}",
                                folder / "sqlite", args.claims, args.due)
        if not args.sqlite_only:
            name = f"mf_deadlines_{secrets.token_hex(4)}"
            with postgres_database(args.postgres or PG, name) as url:
                results["PostgreSQL"] = run("PostgreSQL", url, folder / "pg", args.claims,
                                            args.due)
    if "PostgreSQL" in results:
        sqlite, pg = results["SQLite"], results["PostgreSQL"]
        print("PostgreSQL / SQLite: " + ", ".join(
            f"{label} {pg[key] / sqlite[key]:.2f}" for key, label in
            (("nothing", "nothing due"), ("due", f"{args.due} due"), ("again", "again"))))


if __name__ == "__main__":
    main()
