"""Claims for people to look at: one page at a time, filtered in SQL."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, and_, or_
from sqlalchemy.orm import Mapped
from sqlmodel import Session, col, select

from mailflow.domain.model import FINISHED_STATUSES
from mailflow.store.tables import ClaimRow

DEFAULT_PAGE = 50


def late_at(now: datetime) -> ColumnElement[bool]:
    """SQL for `workflow.overdue.is_late`, exactly: an unfinished claim with a clock, past
    its first-response deadline unanswered or past its resolution deadline (a paused
    claim is judged at the moment its clock stopped), or past its term in law."""
    unanswered = col(ClaimRow.first_response_at).is_(None)
    return and_(
        col(ClaimRow.status).not_in([s.value for s in FINISHED_STATUSES]),
        col(ClaimRow.first_response_due).is_not(None),
        col(ClaimRow.hard_limit_due).is_not(None),
        col(ClaimRow.resolution_due).is_not(None),
        or_(and_(unanswered, _reached(col(ClaimRow.first_response_due), now)),
            _reached(col(ClaimRow.resolution_due), now),
            col(ClaimRow.statutory_due) <= now))


def _reached(due: Mapped[datetime | None], now: datetime) -> ColumnElement[bool]:
    paused_at = col(ClaimRow.paused_at)
    return or_(and_(paused_at.is_(None), due <= now),
               and_(paused_at.is_not(None), due <= paused_at))


def claims_page(session: Session, *, status: str | None = None, late: datetime | None = None,
                limit: int = DEFAULT_PAGE, before_id: int | None = None) -> list[ClaimRow]:
    """At most `limit` claims, newest first, older than claim id `before_id` if given;
    only those in `status`, and only those late at `late` if given."""
    query = select(ClaimRow).order_by(col(ClaimRow.id).desc()).limit(limit)
    if status:
        query = query.where(ClaimRow.status == status)
    if late is not None:
        query = query.where(late_at(late))
    if before_id is not None:
        query = query.where(col(ClaimRow.id) < before_id)
    return list(session.exec(query).all())
