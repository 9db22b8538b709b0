"""Events (and participants, claim fields) recorded in a unit of work are written together
at its end, yet nothing is lost, doubled or read around (mailflow/store/row_queue.py)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from mailflow.store.claims import record_event
from mailflow.store.database import Database
from mailflow.store.tables import EventRow, OutboxRow

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def kinds(session: Session) -> list[str]:
    return list(session.exec(select(EventRow.kind).order_by(col(EventRow.id))).all())


def test_an_event_is_seen_by_a_read_in_its_own_transaction(db: Database) -> None:
    """A query of the events table in the same transaction finds the event just recorded."""
    with db.transaction() as session:
        record_event(session, None, NOW, "first", {})
        assert kinds(session) == ["first"]
        record_event(session, None, NOW, "second", {})
    with db.transaction() as session:
        assert kinds(session) == ["first", "second"]


def test_a_rolled_back_savepoint_drops_its_own_events_only(db: Database) -> None:
    """An event recorded inside a savepoint that rolls back is not written; one recorded
    before it, even if a read inside the savepoint wrote it there, is written once."""
    with db.transaction() as session:
        record_event(session, None, NOW, "before", {})
        savepoint = session.begin_nested()
        record_event(session, None, NOW, "inside", {})
        assert kinds(session) == ["before", "inside"]  # both written, inside the savepoint
        savepoint.rollback()
        released = session.begin_nested()
        record_event(session, None, NOW, "released", {})
        released.commit()
        record_event(session, None, NOW, "after", {})
    with db.transaction() as session:
        assert kinds(session) == ["before", "released", "after"]


def test_events_of_a_rolled_back_transaction_are_not_written(db: Database) -> None:
    """A transaction that fails writes none of its queued events, and the next one starts
    with an empty queue."""
    try:
        with db.transaction() as session:
            record_event(session, None, NOW, "lost", {})
            raise RuntimeError("fails")
    except RuntimeError:
        pass
    with db.transaction() as session:
        record_event(session, None, NOW, "kept", {})
    with db.transaction() as session:
        assert kinds(session) == ["kept"]


def _outbox_row(key: str) -> OutboxRow:
    return OutboxRow(dedup_key=key, kind="test", sender="a@example.org", recipients="[]",
                     message_id=f"{key}@example.org", raw=b"", next_attempt_at=NOW,
                     created_at=NOW)


def test_a_flush_failing_inside_a_savepoint_keeps_the_rows_queued_before_it(
        db: Database) -> None:
    """A unique-key conflict raised by a flush inside a savepoint (a message another
    instance stored meanwhile) drops the rows recorded in that savepoint only: events
    queued before it, and those of the savepoint tried again, are all written."""
    with db.transaction() as session:
        session.add(_outbox_row("taken"))
        session.flush()
        record_event(session, None, NOW, "quarantined-first", {})
        for attempt in range(2):
            try:
                with session.begin_nested():
                    record_event(session, None, NOW, f"attempt-{attempt}", {})
                    if attempt == 0:
                        session.add(_outbox_row("taken"))
                    session.flush()
                break
            except IntegrityError:
                continue
        record_event(session, None, NOW, "last", {})
    with db.transaction() as session:
        assert kinds(session) == ["quarantined-first", "attempt-1", "last"]
