"""The staff claims list: search, filters, sorting and pages, all in SQL.

`text` finds a claim by its number, the customer's address or name, an order (invoice,
waybill, contract) number read from it, or words of its subject and messages: every word
of the text must occur in the claim, as a substring, in any case (ё and е alike). A claim
whose number is the text comes first.

The words are looked up in `claim_search`, one document per claim that triggers keep
(migration 0017): through its FTS5 trigram index on SQLite (read in id order, so a common
word stops at the end of the page), through its pg_trgm GIN index on PostgreSQL (the
planner walks the newest claims instead when the word is common). A word under three
characters has no trigram: it is checked on the claims the longer words found, or, alone,
by reading the documents (on SQLite such a word is case-blind only for Latin letters).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import ColumnElement, column, exists, table
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from mailflow.store.claim_list import late_at
from mailflow.store.tables import ClaimRow

Sort = Literal["newest", "oldest", "due", "updated"]
SORTS: tuple[Sort, ...] = ("newest", "oldest", "due", "updated")
NUMBER_FIELDS = ("order_number", "invoice_number", "waybill_number", "contract_number")
TRIGRAM = 3  # the shortest word an index finds
COMMON = 1000  # claims holding a word that SQLite reads in id order rather than sorts

_DOCUMENTS = table("claim_search", column("claim_id"), column("document"))
_FTS = table("claim_search_fts", column("rowid"), column("document"))


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
    """The page of claims `query` asks for (the claim numbered `text`, if any, first)."""
    page, size = max(query.page, 1), query.page_size
    exact = _numbered(session, query)
    skip = (page - 1) * size
    if exact is None:
        rows = _rest(session, query, None, skip, size + 1)
        return ClaimPage(rows[:size], page, len(rows) > size)
    # The list is [exact] + the rest: page 1 shows exact and the rest's first size - 1.
    rest = _rest(session, query, exact.id, max(skip - 1, 0), size if page == 1 else size + 1)
    shown = [exact, *rest] if page == 1 else rest
    return ClaimPage(shown[:size], page, len(shown) > size)


def _numbered(session: Session, query: ClaimQuery) -> ClaimRow | None:
    """The claim whose number is the text, when it passes the other filters."""
    number = query.text.strip().upper()
    if not number or any(character.isspace() for character in number):
        return None
    statement = select(ClaimRow).where(col(ClaimRow.number) == number, *column_filters(query))
    return session.exec(statement).first()


def _rest(session: Session, query: ClaimQuery, exact_id: int | None, offset: int,
          limit: int) -> list[ClaimRow]:
    statement = select(ClaimRow).where(*column_filters(query))
    if exact_id is not None:
        statement = statement.where(col(ClaimRow.id) != exact_id)
    words, order = search_words(query.text), _order(query.sort)
    indexed = [word for word in words if len(word) >= TRIGRAM]
    if session.get_bind().dialect.name == "sqlite" and indexed:
        statement, order = _through_fts5(session, statement, indexed, query.sort)
        short = [word for word in words if len(word) < TRIGRAM]
        if short:  # checked on each claim the index found
            statement = statement.where(exists().where(
                _DOCUMENTS.c.claim_id == ClaimRow.id, *_likes(short)))
    elif words:
        statement = statement.where(col(ClaimRow.id).in_(
            select(_DOCUMENTS.c.claim_id).where(*_likes(words))))
    statement = statement.order_by(*order).offset(offset).limit(limit)
    return list(session.exec(statement).all())


def _through_fts5(session: Session, statement: SelectOfScalar[ClaimRow], words: list[str],
                  sort: Sort) -> tuple[SelectOfScalar[ClaimRow], tuple[Any, ...]]:
    """The claims whose FTS5 entry holds every word. A rare word's few claims are looked
    up by id and sorted; a common word's are read in the index's own id order when the
    list is sorted by id, so the page ends the reading."""
    matched = _FTS.c.document.op("MATCH")(" AND ".join(_phrase(word) for word in words))
    few = list(session.exec(select(_FTS.c.rowid).where(matched).limit(COMMON)).all())
    if len(few) < COMMON:
        return statement.where(col(ClaimRow.id).in_(few)), _order(sort)
    joined = statement.join(_FTS, _FTS.c.rowid == ClaimRow.id).where(matched)
    if sort == "newest":
        return joined, (_FTS.c.rowid.desc(),)
    if sort == "oldest":
        return joined, (_FTS.c.rowid.asc(),)
    # Another order: the claims are read in it, each asked of the index, until the page
    # is full (few questions, the word being common) rather than all its claims sorted.
    return statement.where(exists().where(_FTS.c.rowid == ClaimRow.id, matched)), \
        _order(sort)


def column_filters(query: ClaimQuery) -> list[ColumnElement[bool]]:
    """The query's filters on the claims' own columns (all but the text)."""
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
    return found


def search_words(text: str) -> list[str]:
    """The words of a search as the documents hold them: lower case, ё written е."""
    folded = text.lower().replace("ё", "е")
    return list(dict.fromkeys(folded.split()))


def _likes(words: list[str]) -> list[ColumnElement[bool]]:
    """The document holds every word (on PostgreSQL through the trigram index)."""
    return [_DOCUMENTS.c.document.like(f"%{_escaped(word)}%", escape="\\") for word in words]


def _phrase(word: str) -> str:
    """An FTS5 string: every character literal."""
    return '"' + word.replace('"', '""') + '"'


def _escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _order(sort: Sort) -> tuple[Any, ...]:
    if sort == "oldest":
        return (col(ClaimRow.id).asc(),)
    if sort == "due":  # the order of index ix_claims_list_due: claims without a date last
        return (col(ClaimRow.resolution_due).is_(None), col(ClaimRow.resolution_due).asc(),
                col(ClaimRow.id).desc())
    if sort == "updated":
        return (col(ClaimRow.updated_at).desc(), col(ClaimRow.id).desc())
    return (col(ClaimRow.id).desc(),)
