"""What the deadline watch reads: open claims page by page, and which notices were sent.

Each page is read in its own short transaction with only the columns a claim's clock
needs, so one pass over any number of claims holds one page in memory.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from sqlalchemy.orm import load_only
from sqlmodel import col, select

from mailflow.domain.model import FINISHED_STATUSES
from mailflow.store.database import Database
from mailflow.store.tables import ClaimRow, NoticeRow

PAGE = 500
# The clock (deadlines, pause, answers, waiting) plus who a notice goes to.
CLOCK_COLUMNS = (
    ClaimRow.number, ClaimRow.status, ClaimRow.first_response_due, ClaimRow.hard_limit_due,
    ClaimRow.resolution_due, ClaimRow.statutory_due, ClaimRow.paused_at, ClaimRow.paused_seconds,
    ClaimRow.first_response_at, ClaimRow.waiting_since, ClaimRow.assignee_email,
    ClaimRow.customer_email)


def open_claim_pages(db: Database, page: int = PAGE) -> Iterator[list[ClaimRow]]:
    """Unfinished claims with deadlines, by id, `page` at a time (keyset paging: claims
    changed between pages are neither skipped nor repeated). Only `CLOCK_COLUMNS` are
    loaded; the rows are detached, so reading another column raises."""
    after = 0
    while rows := _open_claims_after(db, after, page):
        yield rows
        after = rows[-1].id or after


def _open_claims_after(db: Database, after: int, page: int) -> list[ClaimRow]:
    finished = [s.value for s in FINISHED_STATUSES]
    query = (select(ClaimRow).options(load_only(*CLOCK_COLUMNS))  # type: ignore[arg-type]
             .where(col(ClaimRow.status).not_in(finished),
                    col(ClaimRow.first_response_due).is_not(None), col(ClaimRow.id) > after)
             .order_by(col(ClaimRow.id)).limit(page))
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
