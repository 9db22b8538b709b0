"""The deadline watch's batch: a page of due notices written together, each exactly once.

Claims are inserted directly with their clock columns (as bench/deadlines.py does), so a test
needs no incoming mail; the watch runs at an explicit moment on SQLite and PostgreSQL.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import event, insert, update
from sqlmodel import col, func, select

from mailflow.app import App
from mailflow.decide.notices import decide_notice
from mailflow.decide.state import Plan
from mailflow.domain.deadlines import DeadlineKind
from mailflow.domain.notices import Notice, NoticeKind
from mailflow.store.deadlines import claims_by_ids
from mailflow.store.tables import ClaimRow, EventRow, MessageRow, NoticeRow, OutboxRow
from mailflow.workflow.apply import state_of
from tests.integration import support

NOW = datetime(2026, 6, 10, 12, 0, tzinfo=UTC)
DAY = timedelta(days=1)
ANNA, MARIA = "anna@example.test", "maria@example.test"


def deadline_app(tmp_path: Path, db_url: str) -> App:
    """One Russian-speaking specialist and one manager; notices follow the default policy."""
    return support.app(tmp_path, db_url, specialists=[
        {"name": "Анна Смирнова", "position": "специалист", "email": ANNA,
         "languages": ["ru"]}], managers=[{"name": "Мария Орлова", "email": MARIA}])


def claim_values(n: int, overdue: bool) -> dict[str, Any]:
    """An open claim assigned to Anna; its first answer is an hour late when `overdue`,
    else every deadline is weeks ahead."""
    first_due = NOW - timedelta(hours=1) if overdue else NOW + 20 * DAY
    return {
        "number": f"CLM-2026-{n:07d}", "customer_email": f"customer{n}@example.org",
        "customer_name": f"Клиент {n}", "subject": f"Повреждён товар {n}", "language": "ru",
        "origin": "customer", "priority": "normal", "paused_seconds": 0.0, "overdue": False,
        "created_at": NOW - 3 * DAY, "updated_at": NOW - DAY, "status": "in_progress",
        "assignee_email": ANNA, "assigned_at": NOW - 3 * DAY,
        "first_response_due": first_due, "hard_limit_due": NOW + 25 * DAY,
        "resolution_due": NOW + 35 * DAY}


def add_claims(app: App, overdue: list[bool]) -> list[int]:
    """Insert one claim per flag; their ids in the same order."""
    with app.db.transaction() as session:
        session.execute(insert(ClaimRow.__table__),  # type: ignore[attr-defined]
                        [claim_values(n, late) for n, late in enumerate(overdue, start=1)])
        return list(session.exec(select(ClaimRow.id).order_by(col(ClaimRow.id))).all())


def statements_of_a_pass(app: App) -> int:
    """How many SQL statements one deadline pass at NOW sends to the database."""
    sent: list[str] = []

    def record(_conn: object, _cursor: object, statement: str, *_: object) -> None:
        sent.append(statement)

    event.listen(app.db.engine, "before_cursor_execute", record)
    try:
        app.deadlines.run_due(NOW)
    finally:
        event.remove(app.db.engine, "before_cursor_execute", record)
    return len(sent)


def count(app: App, table: type[Any], *where: Any) -> int:
    with app.db.transaction() as session:
        return int(session.exec(select(func.count()).select_from(table).where(*where)).one())


def test_a_pass_over_overdue_claims_escalates_each_once_with_its_records(
        tmp_path: Path, db_url: str) -> None:
    """Three of five claims overdue: one escalation each to the manager, with its notice,
    events, stored copy (its bytes in the blob store) and the claim marked overdue; a second
    pass at the same moment sends nothing."""
    app = deadline_app(tmp_path, db_url)
    ids = add_claims(app, [True, False, True, False, True])
    late = [ids[0], ids[2], ids[4]]
    assert app.deadlines.run_due(NOW) == 3
    assert app.deadlines.run_due(NOW) == 0
    with app.db.transaction() as session:
        queued = session.exec(select(OutboxRow).order_by(col(OutboxRow.id))).all()
        copies = session.exec(select(MessageRow).where(MessageRow.direction == "out")).all()
        claims = claims_by_ids(session, ids)
        kinds = session.exec(select(EventRow.claim_id, EventRow.kind)
                             .order_by(col(EventRow.id))).all()
    assert [(row.claim_id, row.kind, row.recipients) for row in queued] == [
        (claim_id, "escalation", f'["{MARIA}"]') for claim_id in late]
    assert {c.message_id: app.blobs.get(c.raw_sha256) for c in copies} == {
        row.message_id: row.raw for row in queued}
    assert [claim_id for claim_id in ids if claims[claim_id].overdue] == late
    assert kinds == [(claim_id, kind) for claim_id in late
                     for kind in ("notice.escalation", "mail.queued")]
    assert count(app, NoticeRow) == 3


def test_a_claim_whose_notice_key_is_taken_is_left_and_the_others_are_carried_out(
        tmp_path: Path, db_url: str) -> None:
    """When another transaction already holds one claim's notice key, the batch leaves that
    claim's plan (for the watch to try notice by notice) and writes the others' alone."""
    app = deadline_app(tmp_path, db_url)
    first, second = add_claims(app, [True, True])
    notices = {claim_id: Notice(f"test:{claim_id}", NoticeKind.ESCALATION,
                                DeadlineKind.FIRST_RESPONSE, NOW - timedelta(hours=1))
               for claim_id in (first, second)}
    with app.db.transaction() as session:
        session.add(NoticeRow(key=notices[first].key, claim_id=first, kind="escalation",
                              due_at=NOW, created_at=NOW))
    with app.db.transaction() as session:
        claims = claims_by_ids(session, [first, second])
        plans = [(claims[i], decide_notice(Plan(state_of(claims[i])), notices[i], NOW,
                                           app.policy)) for i in (first, second)]
        batch = app.deadlines.batch.apply(session, plans, NOW)
    assert (batch.done, batch.left) == ([1], [0])
    assert count(app, OutboxRow) == 1
    assert count(app, OutboxRow, OutboxRow.claim_id == second) == 1
    assert count(app, NoticeRow, NoticeRow.claim_id == second) == 1
    assert count(app, EventRow, EventRow.claim_id == first) == 0


def test_a_pass_costs_the_same_statements_for_two_due_claims_as_for_eight(
        tmp_path: Path, db_url: str) -> None:
    """The statements of a pass do not grow with the claims due (each table is written with
    one statement for the page), so a change that queries per claim shows here."""
    app = deadline_app(tmp_path, db_url)
    ids = add_claims(app, [True, True] + [False] * 8)
    for_two = statements_of_a_pass(app)
    with app.db.transaction() as session:
        session.execute(update(ClaimRow).where(col(ClaimRow.id).in_(ids[2:]))
                        .values(first_response_due=NOW - timedelta(hours=1)))
    for_eight = statements_of_a_pass(app)
    assert count(app, OutboxRow) == 10
    assert for_eight == for_two
