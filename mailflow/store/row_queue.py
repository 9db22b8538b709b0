"""Rows nobody reads back by id (events, participants, claim fields), written together.

What a unit of work records in these tables is only appended to this session's list; the
list is written, one executemany a table, when the transaction commits, or earlier when a
statement of the session is about to read or change one of these tables (so nothing reads
around a row not written yet). A savepoint that rolls back drops the rows recorded inside
it, and writes again those recorded before it began that it had taken along.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table, event, insert
from sqlalchemy.orm import ORMExecuteState, Session, SessionTransaction
from sqlalchemy.sql.elements import ClauseElement, TextClause
from sqlalchemy.sql.util import find_tables

from mailflow.store.tables import ClaimFieldRow, EventRow, PartyRow

_KEY = "mailflow.rows"
EVENTS_TABLE: Table = EventRow.__table__  # type: ignore[attr-defined]
PARTIES_TABLE: Table = PartyRow.__table__  # type: ignore[attr-defined]
FIELDS_TABLE: Table = ClaimFieldRow.__table__  # type: ignore[attr-defined]
QUEUED = frozenset({EVENTS_TABLE, PARTIES_TABLE, FIELDS_TABLE})
# Filled by triggers from the claim fields (migration 0017): reading them needs those written.
DERIVED = frozenset({"claim_search", "claim_search_fts"})


@dataclass
class _Queue:
    rows: list[tuple[Table, dict[str, Any]]] = field(default_factory=list)
    written: int = 0  # rows[:written] are in the database (in this transaction)
    marks: dict[SessionTransaction, tuple[int, int]] = field(default_factory=dict)


def _queue(session: Session) -> _Queue:
    queue: _Queue = session.info.setdefault(_KEY, _Queue())
    return queue


def queue_rows(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    """Keep `rows` of `table` (one of QUEUED) to be written with the others."""
    assert table in QUEUED
    _queue(session).rows.extend((table, row) for row in rows)


def write_rows(session: Session) -> None:
    """Write the rows not written yet: one executemany a table, each in its order."""
    queue: _Queue | None = session.info.get(_KEY)
    if queue is None or queue.written == len(queue.rows):
        return
    fresh = queue.rows[queue.written:]
    queue.written = len(queue.rows)
    by_table: dict[Table, list[dict[str, Any]]] = {}
    for table, row in fresh:
        by_table.setdefault(table, []).append(row)
    for table, rows in by_table.items():
        session.execute(insert(table), rows)


@event.listens_for(Session, "after_transaction_create")
def _mark(session: Session, transaction: SessionTransaction) -> None:
    if transaction.nested:
        queue = _queue(session)
        queue.marks[transaction] = (len(queue.rows), queue.written)


@event.listens_for(Session, "before_commit")
def _write_on_commit(session: Session) -> None:
    if not session.in_nested_transaction():  # a released savepoint's rows stay queued
        write_rows(session)
        session.info.pop(_KEY, None)


@event.listens_for(Session, "after_soft_rollback")
def _undo(session: Session, previous: SessionTransaction) -> None:
    queue: _Queue | None = session.info.get(_KEY)
    if queue is None:
        return
    savepoint = _nearest_savepoint(previous)
    if savepoint is None:  # the whole transaction is lost: so are its rows
        session.info.pop(_KEY, None)
        return
    recorded, written = queue.marks.pop(savepoint, (len(queue.rows), queue.written))
    del queue.rows[recorded:]
    queue.written = min(queue.written, written)


def _nearest_savepoint(transaction: SessionTransaction | None) -> SessionTransaction | None:
    """The savepoint a rollback undoes: `transaction` itself, or, for a failed flush (whose
    own inner transaction is what rolls back, and whose savepoint then reports no rollback
    of its own), the savepoint around it; None when no savepoint encloses it."""
    while transaction is not None and not transaction.nested:
        transaction = transaction.parent
    return transaction


@event.listens_for(Session, "do_orm_execute")
def _write_before_use(state: ORMExecuteState) -> None:
    queue: _Queue | None = state.session.info.get(_KEY)
    if queue is None or queue.written == len(queue.rows):
        return
    waiting = {table for table, _ in queue.rows[queue.written:]}
    if _touches(state.statement, waiting):
        write_rows(state.session)


def _touches(statement: object, tables: set[Table]) -> bool:
    """Whether `statement` may read or change one of `tables`, or a table derived from them
    (a text statement: names one)."""
    names = {table.name for table in tables} | DERIVED
    if isinstance(statement, TextClause):
        return any(name in statement.text for name in names)
    if isinstance(statement, ClauseElement):
        found = find_tables(statement, include_crud=True, include_joins=True,
                            include_aliases=True)
        return any(getattr(table, "name", None) in names for table in found)
    return True
