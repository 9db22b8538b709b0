"""Merging keeps a case's approvals with it, on SQLite and PostgreSQL: the drafts of the
merged claim are the specialists' own words on the claim that now holds the case."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import select

from mailflow.store import approvals
from mailflow.store.database import Database
from mailflow.store.merge import move_claim
from mailflow.store.tables import ApprovalRow, ClaimRow
from tests.integration.test_store import add_claim, message_row

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
DRAFT = "Иван, мы вернём вам деньги за телевизор в течение пяти рабочих дней."


def test_merge_moves_the_merged_claims_approvals(db: Database) -> None:
    """B's decided approval moves to A with B's messages: B's draft counts as a
    specialist's words on A (not as mailflow's mail to staff, which a relay must not carry)."""
    with db.transaction() as session:
        a, b = add_claim(session), add_claim(session, "CLM-2026-000002")
        held = message_row(b, "answer@mail.example", "h1")
        session.add(held)
        session.flush()
        assert held.id is not None
        session.add(ApprovalRow(claim_id=b, message_row_id=held.id, author_email="anna@x.ru",
                                approver_email="director@x.ru", status="approved",
                                draft=DRAFT, final_text=DRAFT, created_at=NOW))
        source, target = session.get(ClaimRow, b), session.get(ClaimRow, a)
        assert source is not None
        assert target is not None

        move_claim(session, source, target, NOW)

        assert approvals.drafts_on(session, a) == (DRAFT, DRAFT)
        assert [row.claim_id for row in session.exec(select(ApprovalRow))] == [a]
