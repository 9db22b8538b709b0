"""The staff claims list: search, filters, sorting and pages, all in SQL.

`text` finds a claim by its number, the customer's address or name, an order (invoice,
waybill, contract) number read from it, or words of its subject and messages. This first
version matches with LIKE; an index-backed search (issue 15, speed) keeps this interface.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import ColumnElement, exists, func, or_
from sqlmodel import Session, col, select

from mailflow.store.claim_list import late_at
from mailflow.store.tables import ClaimFieldRow, ClaimRow, MessageRow

Sort = Literal["newest", "oldest", "due", "updated"]
SORTS: tuple[Sort, ...] = ("newest", "oldest", "due", "updated")
NUMBER_FIELDS = ("order_number", "invoice_number", "waybill_number", "contract_number")


@dataclass(frozen=True)
class ClaimQuery:
    """What the list shows: every filter is optional; `visible_to` limits the claims to
    those assigned to these addresses (None: every claim, as a manager sees them)."""

    text: str = ""
    status: str | None = None
    category: str | None = None
    assignee: str | None = None
    overdue_at: datetime | None = None
    visible_to: frozenset[str] | None = None
    sort: Sort = "newest"
    page: int = 1
    page_size: int = 50


@dataclass(frozen=True)
class ClaimPage:
    """One page of the list, and whether another follows."""

    claims: list[ClaimRow]
    page: int
    has_next: bool


def search_claims(session: Session, query: ClaimQuery) -> ClaimPage:
    """The page of claims `query` asks for."""
    statement = select(ClaimRow).where(*_filters(query)).order_by(*_order(query.sort))
    offset = (max(query.page, 1) - 1) * query.page_size
    rows = list(session.exec(statement.offset(offset).limit(query.page_size + 1)).all())
    return ClaimPage(rows[:query.page_size], max(query.page, 1), len(rows) > query.page_size)


def _filters(query: ClaimQuery) -> list[ColumnElement[bool]]:
    found: list[ColumnElement[bool]] = []
    if query.visible_to is not None:
        found.append(col(ClaimRow.assignee_email).in_(sorted(query.visible_to)))
    if query.status:
        found.append(col(ClaimRow.status) == query.status)
    if query.category:
        found.append(col(ClaimRow.category) == query.category)
    if query.assignee:
        found.append(col(ClaimRow.assignee_email) == query.assignee.lower())
    if query.overdue_at is not None:
        found.append(late_at(query.overdue_at))
    if query.text.strip():
        found.append(_matches(query.text.strip()))
    return found


def _matches(text: str) -> ColumnElement[bool]:
    pattern = f"%{_escaped(text.lower())}%"
    in_fields = exists().where(
        col(ClaimFieldRow.claim_id) == ClaimRow.id,
        col(ClaimFieldRow.name).in_(NUMBER_FIELDS),
        col(ClaimFieldRow.replaced_at).is_(None),
        func.lower(ClaimFieldRow.value).like(pattern, escape="\\"))
    in_messages = exists().where(
        col(MessageRow.claim_id) == ClaimRow.id,
        func.lower(MessageRow.text_body).like(pattern, escape="\\"))
    return or_(func.lower(ClaimRow.number) == text.lower(),
               func.lower(ClaimRow.customer_email).like(pattern, escape="\\"),
               func.lower(ClaimRow.customer_name).like(pattern, escape="\\"),
               func.lower(ClaimRow.subject).like(pattern, escape="\\"),
               in_fields, in_messages)


def _escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _order(sort: Sort) -> tuple[Any, ...]:
    if sort == "oldest":
        return (col(ClaimRow.id).asc(),)
    if sort == "due":
        return (col(ClaimRow.resolution_due).asc().nulls_last(), col(ClaimRow.id).desc())
    if sort == "updated":
        return (col(ClaimRow.updated_at).desc(), col(ClaimRow.id).desc())
    return (col(ClaimRow.id).desc(),)
