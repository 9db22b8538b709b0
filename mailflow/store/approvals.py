"""Answers held for approval (the `approvals` table)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, select

from mailflow.decide.effects import ApprovalDecided, ApprovalRequested
from mailflow.domain.approval import ApprovalStatus
from mailflow.domain.model import ClaimStatus
from mailflow.store.tables import ApprovalRow, ClaimRow


def hold(session: Session, claim_id: int, message_row_id: int, effect: ApprovalRequested,
         now: datetime) -> ApprovalRow:
    """Store the held answer (one per reply: the unique message row is the lock)."""
    row = ApprovalRow(
        claim_id=claim_id, message_row_id=message_row_id, author_email=effect.author,
        approver_email=effect.approver, status=ApprovalStatus.PENDING.value,
        draft=effect.draft, reasons=" ".join(effect.reasons),
        held_status=effect.held_status.value if effect.held_status else None, created_at=now)
    session.add(row)
    session.flush()
    return row


def decide(session: Session, effect: ApprovalDecided, message_row_id: int | None,
           now: datetime) -> None:
    """Record the approver's decision on the held answer."""
    row = session.get(ApprovalRow, effect.approval_id)
    assert row is not None
    row.status = (ApprovalStatus.APPROVED if effect.approved else ApprovalStatus.REJECTED).value
    row.decided_at, row.decided_by = now, effect.decided_by
    row.decision_message_row_id = message_row_id
    row.final_text, row.reason = effect.final_text, effect.reason
    session.add(row)


def pending_on(session: Session, claim_id: int) -> ApprovalRow | None:
    """The claim's answer waiting for approval, the oldest if several."""
    return session.exec(select(ApprovalRow).where(
        ApprovalRow.claim_id == claim_id, ApprovalRow.status == ApprovalStatus.PENDING.value)
        .order_by(col(ApprovalRow.id))).first()


def drafts_on(session: Session, claim_id: int) -> tuple[str, ...]:
    """Every draft and approved text of the claim: the specialists' own answers."""
    rows = session.exec(select(ApprovalRow.draft, ApprovalRow.final_text)
                        .where(ApprovalRow.claim_id == claim_id)).all()
    return tuple(text for pair in rows for text in pair if text)


def pending_on_open_claims(session: Session) -> list[tuple[ApprovalRow, str]]:
    """Every answer waiting for approval on a claim not closed, with the claim's number (an
    answer on a resolved or rejected claim waits, and blocks the next one, all the same)."""
    rows = session.exec(select(ApprovalRow, ClaimRow.number)
                        .join(ClaimRow, col(ClaimRow.id) == col(ApprovalRow.claim_id))
                        .where(ApprovalRow.status == ApprovalStatus.PENDING.value,
                               ClaimRow.status != ClaimStatus.CLOSED.value)
                        .order_by(col(ApprovalRow.id))).all()
    return [(row, number) for row, number in rows]


def claims_with_pending(session: Session, claim_ids: list[int]) -> set[int]:
    """Those of `claim_ids` with an answer waiting for approval."""
    rows = session.exec(select(ApprovalRow.claim_id).where(
        col(ApprovalRow.claim_id).in_(claim_ids),
        ApprovalRow.status == ApprovalStatus.PENDING.value)).all()
    return set(rows)
