"""Moving a merged claim's records under the claim that absorbs it (decide/merge.py)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import update
from sqlmodel import Session, col, select

from mailflow.domain.model import ClaimStatus
from mailflow.store.tables import (
    ApprovalRow,
    ClaimFieldRow,
    ClaimRow,
    EventRow,
    MessageRow,
    OutboxRow,
    PartyRow,
)


def move_claim(session: Session, source: ClaimRow, target: ClaimRow, now: datetime) -> dict[
        str, int]:
    """Move `source`'s messages (with their attachments), outbox entries, events, approvals,
    parties and fields to `target`, and close `source` as merged into it; returns what
    moved, by kind.

    `target`'s field values stay current: a value of `source` for a field (and item) that
    `target` already has is kept as an earlier value, replaced at `now`.
    """
    assert source.id is not None
    assert target.id is not None
    moved = {name: _move(session, table, source.id, target.id)
             for name, table in (("messages", MessageRow), ("outbox", OutboxRow),
                                 ("events", EventRow), ("approvals", ApprovalRow))}
    moved["parties"] = _move_parties(session, source.id, target.id)
    moved["fields"] = _move_fields(session, source.id, target.id, now)
    source.status, source.merged_into_id = ClaimStatus.CLOSED.value, target.id
    source.overdue, source.updated_at = False, now
    session.add(source)
    return moved


def _move(session: Session,
          table: type[MessageRow] | type[OutboxRow] | type[EventRow] | type[ApprovalRow],
          source_id: int, target_id: int) -> int:
    result = session.execute(update(table).where(col(table.claim_id) == source_id)
                             .values(claim_id=target_id))
    return int(getattr(result, "rowcount", 0) or 0)


def _move_parties(session: Session, source_id: int, target_id: int) -> int:
    """A person already on `target` in the same role is not added twice."""
    present = {(row.email, row.role) for row in session.exec(
        select(PartyRow).where(PartyRow.claim_id == target_id))}
    count = 0
    for row in session.exec(select(PartyRow).where(PartyRow.claim_id == source_id)).all():
        if (row.email, row.role) in present:
            session.delete(row)
            continue
        row.claim_id = target_id
        session.add(row)
        count += 1
    session.flush()
    return count


def _move_fields(session: Session, source_id: int, target_id: int, now: datetime) -> int:
    current = {(row.name, row.item) for row in session.exec(
        select(ClaimFieldRow).where(ClaimFieldRow.claim_id == target_id,
                                    col(ClaimFieldRow.replaced_at).is_(None)))}
    rows = session.exec(select(ClaimFieldRow).where(ClaimFieldRow.claim_id == source_id)).all()
    for row in rows:
        if row.replaced_at is None and (row.name, row.item) in current:
            row.replaced_at = now
        row.claim_id = target_id
        session.add(row)
    session.flush()
    return len(rows)
