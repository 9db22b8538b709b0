"""The staff claims list on many claims: `python bench/web_search.py [--claims 100000]
[--repeat 21] [--sqlite-only] [--explain]`.

For SQLite (a file in a temporary folder) and PostgreSQL (a scratch database next to
MAILFLOW_TEST_PG, dropped afterwards), a database at migration 0016 is filled directly in
SQL with --claims claims received over a year: customers with Russian and Latin names,
one to four messages each (Russian and English text, ~400 characters each), order,
invoice and waybill numbers. Migration 0017 then indexes them (its time is printed: what
`mailflow db upgrade` costs on a full database). Then every query of the list is timed
through `store.claim_search.search_claims` (--repeat runs; median and 95th percentile)
and through the first version's LIKE query, kept below for the comparison. --explain
prints each query's plan. The sizes of the rendered pages are measured by
bench/web_pages.py. Asserts nothing.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import ColumnElement, event, exists, func, insert, or_  # noqa: E402
from sqlmodel import Session, col, select  # noqa: E402

from bench.run import postgres_database  # noqa: E402
from mailflow.store.claim_search import (  # noqa: E402
    NUMBER_FIELDS,
    ClaimPage,
    ClaimQuery,
    column_filters,
    search_claims,
)
from mailflow.store.database import Database  # noqa: E402
from mailflow.store.tables import ClaimFieldRow, ClaimRow, MessageRow  # noqa: E402

PG = os.environ.get("MAILFLOW_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
NOW = datetime(2026, 12, 3, 12, 0, tzinfo=UTC)
CHUNK = 5_000
SPECIALISTS = [f"specialist{n}@example.test" for n in range(12)]
CATEGORIES = ["damage", "shortage", "defect", "wrong_item", "delay", "other"]
FIRST = ["Ольга", "Иван", "Пётр", "Анна", "Сергей", "Мария", "Алексей", "Елена", "John",
         "Maria", "Dmitry", "Tatiana", "Николай", "Светлана", "Юрий", "Наталья"]
LAST = ["Смирнова", "Иванов", "Кузнецов", "Попова", "Соколов", "Лебедева", "Козлов",
        "Новикова", "Морозов", "Петрова", "Волков", "Соловьёва", "Smith", "Brown", "Орлов",
        "Семёнова", "Фёдоров", "Егорова", "Павлов", "Зайцева"]
PRODUCTS = ["диван", "кресло", "шкаф", "чайник", "холодильник", "телевизор", "пылесос",
            "стол", "lamp", "kettle", "sofa", "chair", "микроволновка", "матрас"]
RU = ["Здравствуйте! Получили {product} по заказу {order}, упаковка была повреждена, "
      "на корпусе царапины и вмятина.", "Курьер привёз {product} с опозданием на три дня, "
      "коробка мокрая.", "Прошу заменить товар или вернуть деньги, фотографии прилагаю.",
      "В комплекте не хватает крепежа и инструкции, {product} собрать невозможно.",
      "Модель {model} не включается после первого использования.",
      "Ответьте, пожалуйста, в какие сроки будет рассмотрена претензия.",
      "Доставка по накладной {waybill} пришла не полностью: одна коробка из трёх.",
      "С уважением, {name}. Телефон +7 9{phone}."]
EN = ["Hello, the {product} from order {order} arrived with a cracked frame.",
      "The courier left the parcel outside and it got wet.",
      "Please send a replacement or refund, photos are attached.",
      "Model {model} stopped working after a week.", "Regards, {name}."]


# -- the data -----------------------------------------------------------------------------


def claim(n: int, count: int, rng: random.Random) -> tuple[dict[str, Any], list[dict[str, Any]],
                                                           list[dict[str, Any]]]:
    """Claim n (its id), its messages and its number fields; ids grow with time."""
    created = NOW - timedelta(days=365 * (count - n) / count, minutes=rng.uniform(0, 60))
    age = NOW - created
    status = _status(age, rng)
    first, last = rng.choice(FIRST), rng.choice(LAST)
    values: dict[str, Any] = {
        "id": n, "number": f"CLM-2026-{n:06d}", "status": status,
        "customer_email": f"{_latin(last)}.{n}@{rng.choice(['mail.ru', 'yandex.ru', 'gmail.com'])}",
        "customer_name": f"{first} {last}", "subject": f"Претензия по заказу ЗК-{100_000 + n}",
        "language": "ru", "origin": "customer", "priority": "normal", "paused_seconds": 0.0,
        "assignee_email": rng.choice(SPECIALISTS), "category": rng.choice(CATEGORIES),
        "created_at": created, "updated_at": created + min(age, timedelta(days=3)),
        "first_response_at": None if status in ("new", "assigned") else created,
        "resolved_at": None, "first_response_due": created + timedelta(days=2),
        "hard_limit_due": created + timedelta(days=5),
        "resolution_due": created + timedelta(days=10), "statutory_due": None,
        "overdue": False, "outcome": None, "cause": None, "compensation_kind": None,
        "compensation_minor": None, "compensation_currency": "", "rating": None,
        "rated_at": None, "outcome_reason": "", "rating_comment": ""}
    facts = {"product": rng.choice(PRODUCTS), "order": f"ЗК-{100_000 + n}",
             "model": f"ТВ-{rng.randrange(10_000)}", "waybill": f"{rng.randrange(10**10):010d}",
             "name": f"{first} {last}", "phone": f"{rng.randrange(10**9):09d}"}
    messages = [_message(n, k, created, _text(rng, facts)) for k in range(rng.randint(1, 4))]
    fields = [_field(n, "order_number", facts["order"], created)]
    if rng.random() < 0.3:
        fields.append(_field(n, "waybill_number", facts["waybill"], created))
    if rng.random() < 0.2:
        fields.append(_field(n, "invoice_number", f"СФ-{n}/26", created))
    return values, messages, fields


def _status(age: timedelta, rng: random.Random) -> str:
    if age > timedelta(days=30):
        return "closed" if rng.random() < 0.97 else "in_progress"
    return rng.choice(["new", "assigned", "in_progress", "waiting_customer", "resolved"])


def _latin(word: str) -> str:
    table = str.maketrans("абвгдеёжзийклмнопрстуфхцчшщыэюя", "abvgdeejziiklmnoprstufhccss_eua")
    return word.lower().translate(table).replace("ь", "").replace("ъ", "")


def _text(rng: random.Random, facts: dict[str, str]) -> str:
    sentences = RU if rng.random() < 0.8 else EN
    picked = rng.sample(sentences, k=min(len(sentences), rng.randint(3, 6)))
    return " ".join(sentence.format(**facts) for sentence in picked)


def _message(n: int, k: int, at: datetime, text: str) -> dict[str, Any]:
    return {"claim_id": n, "direction": "in", "kind": "customer",
            "message_id": f"<bench-{n}-{k}@example.org>", "content_hash": f"{n}-{k}",
            "in_reply_to": "", "references": "", "from_email": "", "from_name": "",
            "to_addrs": "[]", "cc_addrs": "[]", "reply_to": "[]", "subject": "",
            "date": at, "text_body": text, "html_body": None, "language": "ru",
            "raw_sha256": f"{n}-{k}", "raw_size": len(text), "thread_reason": "", "rules": "",
            "source": "", "created_at": at + timedelta(hours=k)}


def _field(n: int, name: str, value: str, at: datetime) -> dict[str, Any]:
    return {"claim_id": n, "name": name, "value": value, "source": "body", "start": 0,
            "end": 0, "confidence": 1.0, "rule": "bench", "created_at": at,
            "replaced_at": None, "message_row_id": None, "attachment": None, "item": None}


def fill(database: Database, count: int) -> tuple[float, int]:
    """`count` claims with messages and fields at migration 0016; seconds and messages."""
    rng, started, written = random.Random(count), time.perf_counter(), 0
    for first in range(1, count + 1, CHUNK):
        claims, messages, fields = [], [], []
        for n in range(first, min(first + CHUNK, count + 1)):
            values, its_messages, its_fields = claim(n, count, rng)
            claims.append(values)
            messages += its_messages
            fields += its_fields
        with Session(database.engine) as session:
            session.execute(insert(ClaimRow.__table__), claims)  # type: ignore[arg-type]
            session.execute(insert(MessageRow.__table__), messages)  # type: ignore[arg-type]
            session.execute(insert(ClaimFieldRow.__table__), fields)  # type: ignore[arg-type]
            session.commit()
        written += len(messages)
    if database.dialect == "postgresql":  # the sequences follow the explicit ids
        with database.engine.begin() as connection:
            connection.exec_driver_sql(
                "SELECT setval('claims_id_seq', (SELECT max(id) FROM claims))")
    return time.perf_counter() - started, written


def analyse(database: Database) -> None:
    """Planner statistics, as autovacuum keeps them on PostgreSQL."""
    with database.engine.connect() as connection:
        connection.exec_driver_sql("ANALYZE")
        connection.commit()


# -- the first version's LIKE query, kept for the comparison --------------------------------


def like_search(session: Session, query: ClaimQuery) -> ClaimPage:
    """store/claim_search.py before migration 0017: LIKE over claims, fields, messages."""
    statement = select(ClaimRow).where(*_like_filters(query)).order_by(*_like_order(query))
    offset = (max(query.page, 1) - 1) * query.page_size
    rows = list(session.exec(statement.offset(offset).limit(query.page_size + 1)).all())
    return ClaimPage(rows[:query.page_size], max(query.page, 1), len(rows) > query.page_size)


def _like_filters(query: ClaimQuery) -> list[ColumnElement[bool]]:
    found = column_filters(query)
    if query.text.strip():
        found.append(_like_matches(query.text.strip()))
    return found


def _like_matches(text: str) -> ColumnElement[bool]:
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    pattern = f"%{escaped}%"
    in_fields = exists().where(
        col(ClaimFieldRow.claim_id) == ClaimRow.id, col(ClaimFieldRow.name).in_(NUMBER_FIELDS),
        col(ClaimFieldRow.replaced_at).is_(None),
        func.lower(ClaimFieldRow.value).like(pattern, escape="\\"))
    in_messages = exists().where(col(MessageRow.claim_id) == ClaimRow.id,
                                 func.lower(MessageRow.text_body).like(pattern, escape="\\"))
    return or_(func.lower(ClaimRow.number) == text.lower(),
               func.lower(ClaimRow.customer_email).like(pattern, escape="\\"),
               func.lower(ClaimRow.customer_name).like(pattern, escape="\\"),
               func.lower(ClaimRow.subject).like(pattern, escape="\\"), in_fields, in_messages)


def _like_order(query: ClaimQuery) -> tuple[Any, ...]:
    if query.sort == "due":
        return (col(ClaimRow.resolution_due).asc().nulls_last(), col(ClaimRow.id).desc())
    if query.sort == "updated":
        return (col(ClaimRow.updated_at).desc(), col(ClaimRow.id).desc())
    return (col(ClaimRow.id).asc(),) if query.sort == "oldest" else (col(ClaimRow.id).desc(),)


# -- what is measured ---------------------------------------------------------------------


def queries(count: int) -> dict[str, ClaimQuery]:
    """The list's questions; the numbers point at claims a third of the way back."""
    n = count * 2 // 3
    rng = random.Random(count)
    for m in range(1, n + 1):  # the same draws as `fill`, to name claim n's customer
        values, _, _ = claim(m, count, rng)
    page = ClaimQuery()
    return {
        "number": replace(page, text=f"CLM-2026-{n:06d}"),
        "customer address": replace(page, text=values["customer_email"].split("@")[0]),
        "customer name": replace(page, text=values["customer_name"].upper()),
        "order number": replace(page, text=f"зк-{100_000 + n}"),
        "word of text": replace(page, text="царапины"),
        "rare word": replace(page, text="ТВ-4821"),
        "status+category+assignee": replace(page, status="in_progress", category="damage",
                                            assignee=SPECIALISTS[3]),
        "word+filters, due sort": replace(page, text="коробка", status="in_progress",
                                          sort="due"),
        "page 2 of a word": replace(page, text="крепежа", page=2),
        "overdue": replace(page, overdue_at=NOW),
        "specialist's view, due": replace(page, visible_to=frozenset(SPECIALISTS[:2]),
                                          sort="due"),
    }


def timed(repeat: int, work: Callable[[], ClaimPage]) -> tuple[float, float, int]:
    """Median and 95th percentile in ms over `repeat` runs, and the rows of page 1."""
    rows = len(work().claims)  # warm the caches
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(0.95 * len(times)))], rows


def measure(database: Database, count: int, repeat: int, explain: bool
            ) -> dict[str, dict[str, tuple[float, float, int]]]:
    results: dict[str, dict[str, tuple[float, float, int]]] = {}
    with Session(database.engine) as session:
        for name, query in queries(count).items():
            results[name] = {
                "new": timed(repeat, lambda q=query: search_claims(session, q)),
                "like": timed(max(3, repeat // 7), lambda q=query: like_search(session, q))}
            if explain:
                print_plans(database, session, name, query)
    return results


def print_plans(database: Database, session: Session, name: str, query: ClaimQuery) -> None:
    """The plan of every statement search_claims runs for `query`."""
    statements: list[tuple[str, Any]] = []

    def keep(_conn: object, _cursor: object, sql: str, params: Any, *_: object) -> None:
        statements.append((sql, params))

    event.listen(database.engine, "before_cursor_execute", keep)
    search_claims(session, query)
    event.remove(database.engine, "before_cursor_execute", keep)
    prefix = "EXPLAIN QUERY PLAN " if database.dialect == "sqlite" else "EXPLAIN "
    print(f"--- {name}")
    for sql, params in statements:
        for row in session.connection().exec_driver_sql(prefix + sql, params):
            print("   ", row[-1])


@contextlib.contextmanager
def scratch(kind: str) -> Iterator[str]:
    if kind == "sqlite":
        with tempfile.TemporaryDirectory() as folder:
            yield f"sqlite:///{Path(folder) / 'search.sqlite3'}"
        return
    with postgres_database(PG, "mf_bench_web_search") as url:
        yield url


def run(kind: str, count: int, repeat: int, explain: bool
        ) -> dict[str, dict[str, tuple[float, float, int]]]:
    with scratch(kind) as url:
        database = Database(url)
        database.upgrade("0016")
        seconds, messages = fill(database, count)
        started = time.perf_counter()
        database.upgrade()
        indexed = time.perf_counter() - started
        analyse(database)
        print(f"  {kind:10} {count} claims, {messages} messages: filled in {seconds:.1f} s, "
              f"migration 0017 indexed them in {indexed:.1f} s", flush=True)
        results = measure(database, count, repeat, explain)
        database.dispose()
        return results


def report(results: dict[str, dict[str, dict[str, tuple[float, float, int]]]], count: int,
           repeat: int) -> None:
    kinds = list(results)
    print(f"\nstaff list search, {count} claims, page of 50; median/p95 ms over {repeat} runs "
          "(LIKE: median of a few)")
    header = f"{'query':27}" + "".join(f" {kind + ' med/p95':>19} {'rows':>4}" for kind in kinds)
    if len(kinds) == 2:
        header += f" {'SQLite/PG':>9}"
    header += "".join(f" {kind + ' LIKE':>16} {'LIKE/new':>8}" for kind in kinds)
    print(header)
    for name in results[kinds[0]]:
        line = f"{name:27}"
        for kind in kinds:
            median, p95, rows = results[kind][name]["new"]
            line += f" {median:>10.1f}/{p95:<8.1f} {rows:>4}"
        if len(kinds) == 2:
            ratio = results[kinds[0]][name]["new"][0] / results[kinds[1]][name]["new"][0]
            line += f" {ratio:>9.2f}"
        for kind in kinds:
            like, new = results[kind][name]["like"][0], results[kind][name]["new"][0]
            line += f" {like:>16.1f} {like / new:>8.1f}"
        print(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=21)
    parser.add_argument("--sqlite-only", action="store_true")
    parser.add_argument("--explain", action="store_true", help="print each query's plan")
    args = parser.parse_args()
    kinds = ["sqlite"] if args.sqlite_only else ["sqlite", "postgresql"]
    results = {kind: run(kind, args.claims, args.repeat, args.explain) for kind in kinds}
    report(results, args.claims, args.repeat)
    print("\npage sizes: python bench/web_pages.py")


if __name__ == "__main__":
    main()
