"""SQL building blocks of the digest that read the same on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, case, func, literal, select
from sqlmodel import Session, col

from mailflow.domain.model import FINISHED_STATUSES
from mailflow.store.tables import ClaimRow, EventRow

FINISHED = sorted(status.value for status in FINISHED_STATUSES)
PERCENTS = (50, 90)


def dialect(session: Session) -> str:
    return session.get_bind().dialect.name


def seconds_between(session: Session, later: Any, earlier: Any) -> ColumnElement[float]:
    """`later - earlier` in seconds (both UTC timestamp columns)."""
    if dialect(session) == "postgresql":
        return func.extract("epoch", later - earlier)  # type: ignore[return-value]
    # julianday() is a float of days: rounded to whole seconds, 2 h is 7200, not 7199.99.
    return func.round((func.julianday(later) - func.julianday(earlier)) * 86400.0)


def within(column: Any, start: datetime, end: datetime) -> ColumnElement[bool]:
    """`start <= column < end`."""
    return (column >= start) & (column < end)  # type: ignore[no-any-return]


def count_if(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def status_became(status: str) -> ColumnElement[bool]:
    """A `status` event whose new status is `status` (the detail is JSON with sorted keys;
    a quote inside a value is escaped, so this text can only be the key and its value)."""
    return col(EventRow.detail).like(f'%"to": "{status}"%')


def is_open() -> ColumnElement[bool]:
    return col(ClaimRow.status).not_in(FINISHED)


def bucket(column: Any, bounds: Sequence[datetime]) -> ColumnElement[int]:
    """0 before bounds[0], i for [bounds[i-1], bounds[i]), len(bounds) after the last bound
    or when `column` is NULL (never)."""
    whens = [(column < bound, index) for index, bound in enumerate(bounds)]
    return case(*whens, else_=len(bounds))


def percentiles(session: Session, key: Any, value: ColumnElement[float],
                where: ColumnElement[bool], joins: Select[Any] | None = None,
                ) -> dict[Any, dict[int, float]]:
    """The nearest-rank 50th and 90th percentiles of `value` per `key`, ranked in the
    database by window functions: only two rows per key come back."""
    base = joins if joins is not None else select(ClaimRow)
    inner = base.with_only_columns(key.label("k"), value.label("v")).where(where).subquery()
    ranked = select(
        inner.c.k, inner.c.v,
        func.row_number().over(partition_by=inner.c.k, order_by=inner.c.v).label("rn"),
        func.count().over(partition_by=inner.c.k).label("n")).subquery()
    wanted = [ranked.c.rn == (ranked.c.n * percent + 99) // 100 for percent in PERCENTS]
    rows = session.connection().execute(
        select(ranked.c.k, ranked.c.v, ranked.c.rn, ranked.c.n).where(wanted[0] | wanted[1]))
    found: dict[Any, dict[int, float]] = {}
    for k, v, rn, n in rows:
        for percent in PERCENTS:
            if rn == (n * percent + 99) // 100:
                found.setdefault(k, {})[percent] = float(round(v))  # whole seconds
    return found


def everyone() -> ColumnElement[str]:
    """A constant key for percentiles over all rows."""
    return literal("all")


def case_finished_at() -> ColumnElement[datetime]:
    """When a finished claim finished (resolution, else its last change); NULL if open."""
    return case((col(ClaimRow.status).in_(FINISHED),
                 func.coalesce(ClaimRow.resolved_at, ClaimRow.updated_at)))
