"""The claim's fields: the current value of each (field, item), earlier ones kept."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, inspect, update
from sqlmodel import Session, col, select

from mailflow.extract.model import COUNT_FIELDS, FieldName, FoundField, Source
from mailflow.store.known import FIELDS, known
from mailflow.store.row_queue import FIELDS_TABLE, queue_rows
from mailflow.store.tables import ClaimFieldRow


@dataclass(frozen=True)
class FieldChange:
    """A field that got a value (`previous` is None) or a new one."""

    name: str
    value: str
    previous: str | None
    item: int | None


def current_fields(session: Session, claim_id: int) -> list[FoundField]:
    """The claim's current values, oldest first."""
    return [_found(row) for row in _current_rows(session, claim_id)]


def current_fields_of(session: Session, claim_ids: Iterable[int]) -> dict[int, list[FoundField]]:
    """The current values of each of `claim_ids` (one page's worth), oldest first, in one
    query; a claim without fields is missing from the result."""
    wanted = sorted(set(claim_ids))
    if not wanted:
        return {}
    found: dict[int, list[FoundField]] = {}
    rows = session.exec(select(ClaimFieldRow).where(
        col(ClaimFieldRow.claim_id).in_(wanted), col(ClaimFieldRow.replaced_at).is_(None))
        .order_by(col(ClaimFieldRow.id))).all()
    for row in rows:
        found.setdefault(row.claim_id, []).append(_found(row))
    return found


def _current_rows(session: Session, claim_id: int) -> list[ClaimFieldRow]:
    """The claim's current rows, read once per unit of work (then kept up to date here)."""
    cached: dict[int, list[ClaimFieldRow]] = known(session, FIELDS)
    if claim_id not in cached:
        cached[claim_id] = list(session.exec(select(ClaimFieldRow).where(
            ClaimFieldRow.claim_id == claim_id, col(ClaimFieldRow.replaced_at).is_(None))
            .order_by(col(ClaimFieldRow.id))).all())
    return cached[claim_id]


def save_fields(session: Session, claim_id: int, message_row_id: int | None,
                fields: Iterable[FoundField], now: datetime) -> list[FieldChange]:
    """Record `fields` on the claim: a new (field, item) is added, a different value
    replaces the current one, counts (photos, documents) add up; returns what changed.
    The replaced values are marked in one statement; the new rows are queued
    (store.row_queue) to be written with the unit of work's other rows."""
    rows = _current_rows(session, claim_id)
    current = {(row.name, row.item): row for row in rows}
    changes: list[FieldChange] = []
    replaced: list[ClaimFieldRow] = []
    added: list[ClaimFieldRow] = []
    for found in fields:
        old = current.get((found.name.value, found.item))
        value = _merged(found, old)
        if old is not None and old.value == value:
            continue
        if old is not None:
            if any(old is row for row in added):  # not written yet: written replaced
                old.replaced_at = now
            else:
                replaced.append(old)
            rows.remove(old)
        row = _row(claim_id, message_row_id, found, value, now)
        rows.append(row)
        added.append(row)
        current[(found.name.value, found.item)] = row
        changes.append(FieldChange(found.name.value, value, old.value if old else None,
                                   found.item))
    _mark_replaced(session, claim_id, replaced, now)
    queue_rows(session, FIELDS_TABLE, [_values(row) for row in added])
    return changes


def _mark_replaced(session: Session, claim_id: int, rows: Sequence[ClaimFieldRow],
                   now: datetime) -> None:
    """Set `replaced_at` of the current rows of `rows`' (field, item), in one executemany
    (the rows need not have been read back: they are found by claim, field and item)."""
    if not rows:
        return
    table = FIELDS_TABLE
    statement = (update(table).where(
        table.c.claim_id == bindparam("p_claim"), table.c.name == bindparam("p_name"),
        table.c.item.is_not_distinct_from(bindparam("p_item")), table.c.replaced_at.is_(None))
        .values(replaced_at=bindparam("p_at")))
    session.execute(statement, [{"p_claim": claim_id, "p_name": row.name, "p_item": row.item,
                                 "p_at": now} for row in rows])
    for row in rows:  # a row read earlier shows its new `replaced_at` when next used
        if inspect(row).persistent:
            session.expire(row, ["replaced_at"])


def _values(row: ClaimFieldRow) -> dict[str, Any]:
    return {column.key: getattr(row, column.key) for column in FIELDS_TABLE.columns
            if column.key != "id"}


def _merged(found: FoundField, old: ClaimFieldRow | None) -> str:
    if found.name in COUNT_FIELDS and old is not None and found.rule != "correction" \
            and old.value.isdigit() and found.value.isdigit():
        return str(int(old.value) + int(found.value))
    return found.value


def _row(claim_id: int, message_row_id: int | None, found: FoundField, value: str,
         now: datetime) -> ClaimFieldRow:
    return ClaimFieldRow(claim_id=claim_id, message_row_id=message_row_id,
                         name=found.name.value, value=value, source=found.source.value,
                         start=found.start, end=found.end, confidence=found.confidence,
                         rule=found.rule[:64], attachment=found.attachment, item=found.item,
                         created_at=now)


def _found(row: ClaimFieldRow) -> FoundField:
    return FoundField(name=FieldName(row.name), value=row.value, source=Source(row.source),
                      start=row.start, end=row.end, confidence=row.confidence, rule=row.rule,
                      attachment=row.attachment, item=row.item)
