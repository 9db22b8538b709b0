"""Events recorded during a unit of work, written together with one executemany.

`record_event` (store.claims) only appends to this session's list; the list is written when
the transaction commits, or earlier when a statement of the session is about to read or
change the events table (so nothing reads around an event not yet written). A savepoint
that rolls back drops the events recorded inside it, and writes again those it had taken
with it that were recorded before it began.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import event, insert
from sqlalchemy.orm import ORMExecuteState, Session, SessionTransaction
from sqlalchemy.sql.elements import ClauseElement, TextClause
from sqlalchemy.sql.util import find_tables

from mailflow.store.tables import EventRow

_KEY = "mailflow.events"
EVENTS = EventRow.__table__  # type: ignore[attr-defined]


@dataclass
class _Queue:
    rows: list[dict[str, Any]] = field(default_factory=list)
    written: int = 0  # rows[:written] are in the database (in this transaction)
    marks: dict[SessionTransaction, tuple[int, int]] = field(default_factory=dict)


def _queue(session: Session) -> _Queue:
    queue: _Queue = session.info.setdefault(_KEY, _Queue())
    return queue


def queue_events(session: Session, rows: list[dict[str, Any]]) -> None:
    """Keep `rows` (from `store.claims.event_values`) to be written with the others."""
    _queue(session).rows.extend(rows)


def write_events(session: Session) -> None:
    """Write the events not written yet, in the order they were recorded."""
    queue = session.info.get(_KEY)
    if queue is None or queue.written == len(queue.rows):
        return
    fresh = queue.rows[queue.written:]
    queue.written = len(queue.rows)
    session.execute(insert(EVENTS), fresh)


@event.listens_for(Session, "after_transaction_create")
def _mark(session: Session, transaction: SessionTransaction) -> None:
    if transaction.nested:
        queue = _queue(session)
        queue.marks[transaction] = (len(queue.rows), queue.written)


@event.listens_for(Session, "before_commit")
def _write_on_commit(session: Session) -> None:
    if not session.in_nested_transaction():  # a released savepoint's events stay queued
        write_events(session)
        session.info.pop(_KEY, None)


@event.listens_for(Session, "after_soft_rollback")
def _undo(session: Session, previous: SessionTransaction) -> None:
    queue = session.info.get(_KEY)
    if queue is None:
        return
    if not previous.nested:
        session.info.pop(_KEY, None)
        return
    recorded, written = queue.marks.pop(previous, (len(queue.rows), queue.written))
    del queue.rows[recorded:]
    queue.written = min(queue.written, written)


@event.listens_for(Session, "do_orm_execute")
def _write_before_use(state: ORMExecuteState) -> None:
    queue = state.session.info.get(_KEY)
    if queue is None or queue.written == len(queue.rows):
        return
    statement = state.statement
    if isinstance(statement, TextClause):
        touches = "events" in statement.text
    elif isinstance(statement, ClauseElement):
        touches = EVENTS in find_tables(statement, include_crud=True, include_joins=True,
                                        include_aliases=True)
    else:
        touches = True
    if touches:
        write_events(state.session)
