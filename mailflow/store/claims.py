"""Claim records: numbering, lookups for threading, participants and events."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import null, union_all
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from mailflow.domain.claims import DEFAULT_PREFIX, counter_key, format_claim_number
from mailflow.domain.model import ClaimStatus, ClaimSummary
from mailflow.store.known import CLAIMS, PARTIES, known
from mailflow.store.row_queue import EVENTS_TABLE, PARTIES_TABLE, queue_rows, write_rows
from mailflow.store.tables import ClaimCounter, ClaimRow, MessageRow, PartyRow


def next_claim_number(session: Session, year: int, prefix: str = DEFAULT_PREFIX) -> str:
    """The next number of `prefix` in `year`, in one statement; the counter row lock
    serialises concurrent writers. Each prefix counts on its own (`counter_key`)."""
    dialect = session.get_bind().dialect.name
    insert = upsert_insert(dialect)
    key = counter_key(prefix, year)
    bump = (insert(ClaimCounter).values(year=key, last_sequence=1)
            .on_conflict_do_update(index_elements=["year"],
                                   set_={"last_sequence": ClaimCounter.last_sequence + 1})
            .returning(col(ClaimCounter.last_sequence)))
    sequence = session.execute(bump).scalar_one()
    return format_claim_number(year, sequence, prefix)


def upsert_insert(dialect: str) -> Any:
    """The dialect's INSERT with ON CONFLICT, imported when first needed: importing the
    PostgreSQL dialect loads all its drivers, a cost the reading CLI commands need not pay."""
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert


def _summaries(session: Session, claims: Sequence[ClaimRow]) -> list[ClaimSummary]:
    """The claims with their participants, read in one query (none if all are known).
    The rows are kept for this unit of work, so `session.get` of one reads nothing."""
    known(session, CLAIMS).update((claim.id, claim) for claim in claims if claim.id)
    parties = _parties(session, [claim.id for claim in claims if claim.id is not None])
    return [ClaimSummary(id=claim.id, number=claim.number, status=ClaimStatus(claim.status),
                         participants=frozenset(email for email, _ in parties[claim.id]))
            for claim in claims if claim.id is not None]


def _parties(session: Session, claim_ids: Iterable[int]) -> dict[int, set[tuple[str, str]]]:
    """Each claim's (email, role) pairs; what this unit of work read or wrote is not read
    again."""
    cached: dict[int, set[tuple[str, str]]] = known(session, PARTIES)
    missing = sorted(set(claim_ids) - set(cached))
    if missing:
        for claim_id in missing:
            cached[claim_id] = set()
        rows = session.exec(select(PartyRow.claim_id, PartyRow.email, PartyRow.role)
                            .where(col(PartyRow.claim_id).in_(missing))).all()
        for claim_id, email, role in rows:
            cached[claim_id].add((email, role))
    return cached


def thread_candidates(session: Session, message_ids: Iterable[str], numbers: Iterable[str]
                      ) -> tuple[dict[str, ClaimSummary], dict[str, ClaimSummary]]:
    """The claims of the stored messages among `message_ids` and the claims numbered
    `numbers`, read in one query (plus one for their participants)."""
    ids, wanted = list(message_ids), list(numbers)
    branches: list[Any] = []
    if ids:
        branches.append(select(col(MessageRow.message_id).label("matched"), ClaimRow)
                        .join(ClaimRow, col(ClaimRow.id) == MessageRow.claim_id)
                        .where(col(MessageRow.message_id).in_(ids)))
    if wanted:
        branches.append(select(null().label("matched"), ClaimRow)
                        .where(col(ClaimRow.number).in_(wanted)))
    if not branches:
        return {}, {}
    found = union_all(*branches).subquery()
    claim = aliased(ClaimRow, found)
    rows = session.execute(select(found.c.matched, claim)).all()
    # A claim merged into another threads onto the claim that absorbed it.
    summaries = _summaries(session, [absorbing(session, row[1]) for row in rows])
    by_id = {row[0]: summary for row, summary in zip(rows, summaries, strict=True)
             if row[0] is not None}
    by_number = {row[1].number: summary for row, summary in zip(rows, summaries, strict=True)
                 if row[0] is None}
    return by_id, by_number


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


def lock_claim(session: Session, claim_id: int) -> ClaimRow | None:
    """The claim, freshly read and locked until the transaction ends, so that a change from
    the web, a CLI command and a message about the same claim are applied one after the
    other, each on the state the one before left (SQLite's one write lock already does)."""
    query = select(ClaimRow).where(ClaimRow.id == claim_id).execution_options(
        populate_existing=True)
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update()
    return session.exec(query).first()


def get_claim(session: Session, number: str) -> ClaimRow | None:
    return session.exec(select(ClaimRow).where(ClaimRow.number == number)).first()


def add_party(session: Session, claim_id: int, email: str, name: str, role: str) -> None:
    """Record a participant once per role."""
    parties = _parties(session, [claim_id])[claim_id]
    if (email, role) not in parties:
        queue_rows(session, PARTIES_TABLE,
                   [{"claim_id": claim_id, "email": email, "name": name, "role": role}])
        parties.add((email, role))


def record_event(session: Session, claim_id: int | None, at: datetime, kind: str,
                 detail: Mapping[str, Any], actor: str = "mailflow") -> None:
    """Record an event; it is written with the others of the unit of work
    (store.row_queue), before anything reads the events table and at the latest when
    the transaction commits."""
    queue_rows(session, EVENTS_TABLE, [event_values(claim_id, at, kind, detail, actor)])


def event_values(claim_id: int | None, at: datetime, kind: str, detail: Mapping[str, Any],
                 actor: str = "mailflow") -> dict[str, Any]:
    """The columns of an event, as `record_event` and `insert_events` write them."""
    return {"claim_id": claim_id, "at": at, "kind": kind, "actor": actor,
            "detail": json.dumps(dict(detail), ensure_ascii=False, sort_keys=True)}


def insert_events(session: Session, events: Sequence[dict[str, Any]]) -> None:
    """Write `events` (from `event_values`) now, after those recorded before them, with
    one executemany, in their order."""
    queue_rows(session, EVENTS_TABLE, list(events))
    write_rows(session)


def set_status(session: Session, claim: ClaimRow, status: ClaimStatus, at: datetime,
               why: str, actor: str = "mailflow") -> None:
    """Change a claim's status and record who, when and why."""
    old = claim.status
    claim.status = status.value
    claim.updated_at = at
    session.add(claim)
    record_event(session, claim.id, at, "status", {"from": old, "to": status.value, "why": why},
                 actor=actor)
