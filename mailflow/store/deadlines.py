"""What the deadline watch reads: open claims page by page, and which notices were sent.

Each page is read in its own short transaction with only the columns a claim's clock
needs, so one pass over any number of claims holds one page in memory.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime

from sqlalchemy import ColumnElement, and_, false, or_
from sqlalchemy.orm import load_only
from sqlmodel import Session, col, select

from mailflow.domain.model import FINISHED_STATUSES, ClaimStatus
from mailflow.domain.notices import DueWindow
from mailflow.store.claims import upsert_insert
from mailflow.store.database import Database
from mailflow.store.tables import ClaimRow, NoticeRow

PAGE = 500
# The clock (deadlines, pause, answers, waiting) plus who a notice goes to.
CLOCK_COLUMNS = (
    ClaimRow.number, ClaimRow.status, ClaimRow.first_response_due, ClaimRow.hard_limit_due,
    ClaimRow.resolution_due, ClaimRow.statutory_due, ClaimRow.paused_at, ClaimRow.paused_seconds,
    ClaimRow.first_response_at, ClaimRow.waiting_since, ClaimRow.assignee_email,
    ClaimRow.customer_email)


def open_claim_pages(db: Database, page: int = PAGE,
                     window: DueWindow | None = None) -> Iterator[list[ClaimRow]]:
    """Unfinished claims with deadlines, by id, `page` at a time (keyset paging: claims
    changed between pages are neither skipped nor repeated); with `window`, only those
    within it (`DueWindow.may_be_due`, in SQL). Only `CLOCK_COLUMNS` are loaded; the rows
    are detached, so reading another column raises."""
    after = 0
    while rows := _open_claims_after(db, after, page, window):
        yield rows
        after = rows[-1].id or after


def within(window: DueWindow) -> ColumnElement[bool]:
    """SQL for `DueWindow.may_be_due` on an unfinished claim, each branch on an indexed
    column (migration 0013)."""
    by = window.deadline_by
    waiting = or_(col(ClaimRow.status) == ClaimStatus.WAITING_CUSTOMER.value,
                  col(ClaimRow.paused_at).is_not(None))
    unanswered = col(ClaimRow.first_response_at).is_(None)
    since = window.waiting_since_before
    return or_(
        and_(~waiting, unanswered, or_(col(ClaimRow.first_response_due) <= by,
                                       col(ClaimRow.hard_limit_due) <= by)),
        and_(~waiting, col(ClaimRow.resolution_due) <= by),
        col(ClaimRow.statutory_due) <= by,
        and_(col(ClaimRow.status) == ClaimStatus.WAITING_CUSTOMER.value,
             col(ClaimRow.waiting_since) < since) if since is not None else false())


def _open_claims_after(db: Database, after: int, page: int,
                       window: DueWindow | None) -> list[ClaimRow]:
    finished = [s.value for s in FINISHED_STATUSES]
    query = (select(ClaimRow).options(load_only(*CLOCK_COLUMNS))  # type: ignore[arg-type]
             .where(col(ClaimRow.status).not_in(finished),
                    col(ClaimRow.first_response_due).is_not(None), col(ClaimRow.id) > after)
             .order_by(col(ClaimRow.id)).limit(page))
    if window is not None:
        query = query.where(within(window))
    with db.transaction() as session:
        return list(session.exec(query).all())


def taken_notice_keys(db: Database, keys: Iterable[str]) -> set[str]:
    """Which of `keys` (one page's worth) were claimed by a notice already."""
    wanted = list(dict.fromkeys(keys))
    if not wanted:
        return set()
    with db.transaction() as session:
        return set(session.exec(select(NoticeRow.key)
                                .where(col(NoticeRow.key).in_(wanted))).all())


def claims_by_ids(session: Session, ids: list[int]) -> dict[int, ClaimRow]:
    """The whole rows of the claims `ids` (one page's worth), in one query."""
    rows = session.exec(select(ClaimRow).where(col(ClaimRow.id).in_(ids))).all()
    return {row.id: row for row in rows if row.id is not None}


def claim_notices(session: Session, notices: Sequence[tuple[int, str, str, datetime]],
                  now: datetime) -> set[str]:
    """Claim the keys of `notices` (claim id, key, kind, due at) with one statement: the keys
    this transaction now holds. A key another transaction inserted first (committed, or
    committing: the statement waits for it) is left out, so each notice is sent once."""
    if not notices:
        return set()
    table = NoticeRow.__table__  # type: ignore[attr-defined]
    rows = [{"key": key, "claim_id": claim_id, "kind": kind, "due_at": due_at,
             "created_at": now}
            for claim_id, key, kind, due_at in sorted(notices, key=lambda row: row[1])]
    insert = upsert_insert(session.get_bind().dialect.name)
    statement = insert(table).on_conflict_do_nothing(index_elements=["key"]).returning(
        table.c.key)
    return set(session.execute(statement, rows).scalars())
