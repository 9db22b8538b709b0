"""The managers' digest on many claims: `python bench/digest.py [--sizes 10000 100000]
[--days 365] [--sqlite-only] [--repeat 3]`.

For each size N and each database (SQLite in a temporary folder, PostgreSQL next to
MAILFLOW_TEST_PG unless --sqlite-only), a fresh upgraded database is filled with N claims
received over the last --days days (a year by default; --days 60 crowds them all into the
30-day window and the 30 days before it, the worst case for the window figures), each
with a realistic trail of events (assigned, in progress, the relayed first answer,
resolved, closed, some reopened and moved between specialists), extracted product fields
for most of them, outcomes, compensation and ratings. Then it times the daily digest of
yesterday: the figures alone (every SQL aggregate), and figures + charts + both languages
rendered; best of --repeat runs. It also prints the peak of Python allocations while the
figures are built (tracemalloc), which stays flat as N grows, and the SQLite/PostgreSQL
time ratio. Asserts nothing.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import insert  # noqa: E402

from bench.run import postgres_database  # noqa: E402
from mailflow.app import App  # noqa: E402
from mailflow.config import Settings  # noqa: E402
from mailflow.digest.charts import draw_charts  # noqa: E402
from mailflow.digest.period import PeriodKind, period_of  # noqa: E402
from mailflow.store.tables import ClaimFieldRow, ClaimRow, EventRow  # noqa: E402
from tests.integration.support import upgrade  # noqa: E402

PG = os.environ.get("MAILFLOW_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
ZONE = ZoneInfo("Europe/Moscow")
NOW = datetime.now(UTC).replace(microsecond=0)
HOUR = timedelta(hours=1)
CHUNK = 5_000
SPECIALISTS = [f"specialist{n}@example.test" for n in range(12)]
CATEGORIES = ["damage", "shortage", "defect", "wrong_item", "delay", "other"]
PRODUCTS = [f"Product {n}" for n in range(300)]
CARRIERS = ["СДЭК", "Деловые Линии", "ПЭК", "Boxberry", "Почта России", "DPD", "DHL", "КИТ"]
SUPPLIERS = [f"Supplier {n}" for n in range(40)]
CAUSES = ["carrier", "warehouse", "supplier", "packaging", "customer", None]


def settings(folder: Path, url: str) -> Settings:
    return Settings.model_validate({
        "database": {"url": url},
        "mailbox": {"kind": "maildir", "path": folder / "inbox"},
        "outgoing": {"kind": "maildir", "path": folder / "outbox"},
        "company": {"claims_address": "claims@example.test", "name": "Bench",
                    "timezone": "Europe/Moscow"},
        "storage": {"attachments_dir": folder / "blobs"},
        "security": {"secret": "bench-secret"},
        "specialists": [{"name": f"Specialist {n}", "email": email}
                        for n, email in enumerate(SPECIALISTS)],
        "managers": [{"name": "Manager", "email": "manager@example.test"}],
        "digest": {"enabled": True, "recipients": [{"email": "x@example.test",
                                                    "language": "en"}]}})


# -- the data -----------------------------------------------------------------------------


def claim(n: int, rng: random.Random, days: int) -> tuple[dict[str, Any], list[dict[str, Any]],
                                               list[dict[str, Any]]]:
    """Claim n with its events and fields (the claim's id is n)."""
    created = NOW - timedelta(seconds=rng.uniform(0, days * 86400))
    age = NOW - created
    who = rng.choice(SPECIALISTS)
    answered = created + HOUR * rng.lognormvariate(2.5, 1.0)
    recent = age < timedelta(days=30)  # old claims are nearly all answered and finished
    answered_at = answered if answered < NOW and rng.random() < (0.9 if recent else 0.998) \
        else None
    finished = answered + HOUR * rng.lognormvariate(3.5, 1.0) if answered_at else None
    finished_at = finished if finished and finished < NOW and rng.random() < (
        0.85 if recent else 0.995) else None
    status = "closed" if finished_at else ("in_progress" if answered_at else "assigned")
    values: dict[str, Any] = {
        "id": n, "number": f"CLM-2026-{n:07d}", "customer_email": f"c{n}@example.org",
        "customer_name": f"Customer {n}", "subject": f"Claim {n}", "language": "ru",
        "origin": "customer", "priority": "normal", "paused_seconds": 0.0,
        "assignee_email": who, "category": rng.choice(CATEGORIES), "created_at": created,
        "updated_at": finished_at or answered_at or created, "status": status,
        "first_response_at": answered_at, "resolved_at": finished_at,
        "first_response_due": created + timedelta(days=3 + 2 * (created.weekday() >= 3)),
        "hard_limit_due": created + timedelta(days=5),
        "resolution_due": created + timedelta(days=10),
        "overdue": status != "closed" and age > timedelta(days=5),
        "outcome": None, "cause": None, "compensation_kind": None, "compensation_minor": None,
        "compensation_currency": "", "rating": None, "rated_at": None, "outcome_reason": "",
        "rating_comment": ""}
    events = [_event(n, created, "claim.assigned", "mailflow", {"to": who})]
    if answered_at:
        events += [_event(n, answered_at, "message.relayed", who, {"from": who}),
                   _status(n, answered_at, "assigned", "in_progress", who)]
    if finished_at:
        events += _finish(n, values, finished_at, who, rng)
    fields = [_field(n, "product_name", rng.choice(PRODUCTS), created)] if (
        rng.random() < 0.7) else []
    named_product = bool(fields)
    if rng.random() < 0.5:
        fields.append(_field(n, "carrier", rng.choice(CARRIERS), created))
    if named_product and rng.random() < 0.8:  # the product is in the catalogue
        fields.append(_field(n, "supplier", rng.choice(SUPPLIERS), created) | {
            "source": "catalogue", "rule": "catalogue"})
    return values, events, fields


def _finish(n: int, values: dict[str, Any], at: datetime, who: str,
            rng: random.Random) -> list[dict[str, Any]]:
    events = [_status(n, at, "in_progress", "resolved", who)]
    if rng.random() < 0.05:  # reopened and resolved again
        events += [_status(n, at + HOUR, "resolved", "reopened", "mailflow"),
                   _status(n, at + 2 * HOUR, "reopened", "resolved", who)]
    events.append(_status(n, at + 3 * HOUR, "resolved", "closed", "mailflow"))
    accepted = rng.random() < 0.7
    values.update(outcome="accepted" if accepted else "rejected", cause=rng.choice(CAUSES))
    if accepted:
        values.update(compensation_kind="refund", compensation_currency="RUB",
                      compensation_minor=rng.randrange(10_000, 1_000_000))
    if rng.random() < 0.3:
        values.update(rating=rng.randint(1, 5), rated_at=min(at + 4 * HOUR, NOW))
    return events


def _event(n: int, at: datetime, kind: str, actor: str, detail: dict[str, Any],
           ) -> dict[str, Any]:
    return {"claim_id": n, "at": at, "kind": kind, "actor": actor,
            "detail": json.dumps(detail, sort_keys=True)}


def _status(n: int, at: datetime, old: str, new: str, actor: str) -> dict[str, Any]:
    return _event(n, at, "status", actor, {"from": old, "to": new, "why": "bench"})


def _field(n: int, name: str, value: str, at: datetime) -> dict[str, Any]:
    return {"claim_id": n, "name": name, "value": value, "source": "body", "start": 0,
            "end": 0, "confidence": 1.0, "rule": "bench", "created_at": at,
            "replaced_at": None, "message_row_id": None, "attachment": None, "item": None}


def fill(app: App, count: int, days: int) -> tuple[float, int]:
    """`count` claims with their events and fields; returns seconds and events written."""
    rng = random.Random(count)
    started, events_written = time.perf_counter(), 0
    for first in range(1, count + 1, CHUNK):
        claims, events, fields = [], [], []
        for n in range(first, min(first + CHUNK, count + 1)):
            values, its_events, its_fields = claim(n, rng, days)
            claims.append(values)
            events += its_events
            fields += its_fields
        with app.db.transaction() as session:
            session.execute(insert(ClaimRow.__table__), claims)  # type: ignore[arg-type]
            session.execute(insert(EventRow.__table__), events)  # type: ignore[arg-type]
            session.execute(insert(ClaimFieldRow.__table__), fields)  # type: ignore[arg-type]
        events_written += len(events)
    with app.db.engine.connect() as connection:  # planner statistics, as autovacuum keeps
        connection.exec_driver_sql("ANALYZE")  # them on PostgreSQL (SQLite: PRAGMA optimize)
        connection.commit()
    return time.perf_counter() - started, events_written


# -- what is measured ---------------------------------------------------------------------


def best_of(repeat: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


def measure(app: App, repeat: int) -> dict[str, float]:
    digests = app.digests
    period = period_of(PeriodKind.DAY, NOW.astimezone(ZONE).date() - timedelta(days=1), ZONE)

    def figures() -> object:
        with app.db.transaction() as session:
            return digests.figures(session, period, NOW)

    def whole() -> object:  # as the job does: charts drawn once, both languages rendered
        found = figures()
        images = draw_charts(found)  # type: ignore[arg-type]
        return [digests.render(found, language, images=images)  # type: ignore[arg-type]
                for language in ("ru", "en")]

    figures()  # warm the caches and the connection pool
    tracemalloc.start()
    figures()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return {"figures": best_of(repeat, figures), "whole": best_of(repeat, whole),
            "peak_mib": peak / 2**20}


@contextlib.contextmanager
def database(kind: str, size: int) -> Iterator[str]:
    if kind == "sqlite":
        with tempfile.TemporaryDirectory() as folder:
            yield f"sqlite:///{Path(folder) / 'digest.sqlite3'}"
        return
    with postgres_database(PG, f"mf_bench_digest_{size}") as url:
        yield url


def run(kind: str, size: int, days: int, repeat: int) -> dict[str, float]:
    with database(kind, size) as url, tempfile.TemporaryDirectory() as folder:
        upgrade(url)
        app = App(settings(Path(folder), url))
        seconds, events = fill(app, size, days)
        print(f"  {kind:10} {size:>7} claims, {events:>7} events: filled in {seconds:5.1f} s",
              flush=True)
        result = measure(app, repeat)
        app.db.dispose()
        return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--sqlite-only", action="store_true")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--days", type=int, default=365)
    args = parser.parse_args()
    kinds = ["sqlite"] if args.sqlite_only else ["sqlite", "postgresql"]
    results = {(kind, size): run(kind, size, args.days, args.repeat) for size in args.sizes
               for kind in kinds}
    print(f"\ndaily digest, claims over {args.days} days, best of {args.repeat}")
    print(f"{'database':12} {'claims':>8} {'figures s':>10} {'+charts+2 languages s':>22} "
          f"{'peak MiB':>9}")
    for (kind, size), result in results.items():
        print(f"{kind:12} {size:>8} {result['figures']:>10.3f} {result['whole']:>22.3f} "
              f"{result['peak_mib']:>9.2f}")
    if not args.sqlite_only:
        for size in args.sizes:
            sqlite, postgres = results[("sqlite", size)], results[("postgresql", size)]
            print(f"SQLite/PostgreSQL at {size}: figures "
                  f"{sqlite['figures'] / postgres['figures']:.2f}, whole "
                  f"{sqlite['whole'] / postgres['whole']:.2f}")


if __name__ == "__main__":
    main()
