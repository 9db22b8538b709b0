"""Claim records: numbering, lookups for threading, participants and events."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, col, select

from mailflow.domain.claims import format_claim_number
from mailflow.domain.model import ClaimStatus, ClaimSummary
from mailflow.store.tables import ClaimCounter, ClaimRow, EventRow, MessageRow, PartyRow


def next_claim_number(session: Session, year: int) -> str:
    """The next number of `year`; the counter row lock serialises concurrent writers."""
    dialect = session.get_bind().dialect.name
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    session.execute(insert(ClaimCounter).values(year=year, last_sequence=0)
                    .on_conflict_do_nothing(index_elements=["year"]))
    bump = (update(ClaimCounter).where(col(ClaimCounter.year) == year)
            .values(last_sequence=ClaimCounter.last_sequence + 1)
            .returning(col(ClaimCounter.last_sequence)))
    sequence = session.execute(bump).scalar_one()
    return format_claim_number(year, sequence)


def summarise(session: Session, claim: ClaimRow) -> ClaimSummary:
    assert claim.id is not None
    emails = session.exec(select(PartyRow.email).where(PartyRow.claim_id == claim.id)).all()
    return ClaimSummary(id=claim.id, number=claim.number, status=ClaimStatus(claim.status),
                        participants=frozenset(emails))


def claims_by_message_ids(session: Session, ids: Iterable[str]) -> dict[str, ClaimSummary]:
    """The claim of each stored message (incoming or outgoing) among `ids`."""
    wanted = list(ids)
    if not wanted:
        return {}
    rows = session.exec(select(MessageRow.message_id, ClaimRow)
                        .join(ClaimRow, col(ClaimRow.id) == MessageRow.claim_id)
                        .where(col(MessageRow.message_id).in_(wanted))).all()
    return {message_id: summarise(session, claim) for message_id, claim in rows}


def claims_by_numbers(session: Session, numbers: Iterable[str]) -> dict[str, ClaimSummary]:
    wanted = list(numbers)
    if not wanted:
        return {}
    rows = session.exec(select(ClaimRow).where(col(ClaimRow.number).in_(wanted))).all()
    return {claim.number: summarise(session, absorbing(session, claim)) for claim in rows}


def absorbing(session: Session, claim: ClaimRow) -> ClaimRow:
    """The claim that holds `claim`'s case now: itself, or the claim it was merged into."""
    for _hop in range(10):  # merges never chain (a merged claim takes no merge), but a
        if claim.merged_into_id is None:  # hand-edited database must not loop forever
            return claim
        target = session.get(ClaimRow, claim.merged_into_id)
        if target is None:
            return claim
        claim = target
    return claim


def get_claim(session: Session, number: str) -> ClaimRow | None:
    return session.exec(select(ClaimRow).where(ClaimRow.number == number)).first()


def add_party(session: Session, claim_id: int, email: str, name: str, role: str) -> None:
    """Record a participant once per role."""
    exists = session.exec(select(PartyRow.id).where(
        PartyRow.claim_id == claim_id, PartyRow.email == email, PartyRow.role == role)).first()
    if exists is None:
        session.add(PartyRow(claim_id=claim_id, email=email, name=name, role=role))


def record_event(session: Session, claim_id: int | None, at: datetime, kind: str,
                 detail: Mapping[str, Any], actor: str = "mailflow") -> None:
    session.add(EventRow(claim_id=claim_id, at=at, kind=kind, actor=actor,
                         detail=json.dumps(dict(detail), ensure_ascii=False, sort_keys=True)))


def set_status(session: Session, claim: ClaimRow, status: ClaimStatus, at: datetime,
               why: str, actor: str = "mailflow") -> None:
    """Change a claim's status and record who, when and why."""
    old = claim.status
    claim.status = status.value
    claim.updated_at = at
    session.add(claim)
    record_event(session, claim.id, at, "status", {"from": old, "to": status.value, "why": why},
                 actor=actor)
