"""What the customer's page shows of a claim: its state in plain words and the messages
exchanged with the customer, never notes, events, staff mail or staff addresses."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from datetime import date, datetime

from sqlalchemy import ColumnElement, and_, func, or_
from sqlmodel import Session, col, select

from mailflow.app import App
from mailflow.decide.completeness import ask_for, missing_fields
from mailflow.decide.lifecycle import answer_by
from mailflow.domain.labels import status_label, status_next_step
from mailflow.domain.model import ClaimStatus
from mailflow.domain.status import is_finished
from mailflow.parse.html import html_to_text
from mailflow.store.fields import current_fields
from mailflow.store.messages import attachments_by_message
from mailflow.store.tables import ClaimRow, MessageRow
from mailflow.workflow.apply import state_of

HIDDEN = "[…]"  # where a staff address was


@dataclass(frozen=True)
class SentFile:
    filename: str
    size: int


@dataclass(frozen=True)
class Exchanged:
    """One message between the customer and us: "in" from them, "out" to them."""

    direction: str
    at: datetime
    subject: str
    text: str
    files: tuple[SentFile, ...]


@dataclass(frozen=True)
class ClaimView:
    number: str
    status: str
    status_words: str
    next_step: str
    person_name: str | None
    person_position: str
    answer_by: date | None
    missing: tuple[str, ...]
    timeline: tuple[Exchanged, ...]
    closed: bool
    earlier: int = 0  # messages before the timeline shown (they are in the customer's mail)


# The newest messages shown, so that a long correspondence keeps the page small.
TIMELINE_SHOWN = 30


def claim_view(session: Session, app: App, claim: ClaimRow, language: str) -> ClaimView:
    """The page's view of `claim` in `language`."""
    assert claim.id is not None
    person = app.team.find(claim.assignee_email)
    exchanged, earlier = exchanged_with_customer(session, claim)
    return ClaimView(
        number=claim.number, status=claim.status,
        status_words=status_label(claim.status, language),
        next_step=status_next_step(claim.status, language),
        person_name=person.name if person else None,
        person_position=person.position if person else "",
        answer_by=_answer_by(app, claim), missing=_missing(session, app, claim, language),
        timeline=tuple(_without_staff_addresses(exchanged, app.team.addresses)),
        closed=is_read_only(claim), earlier=earlier)


def _without_staff_addresses(messages: list[Exchanged], staff: frozenset[str]
                             ) -> list[Exchanged]:
    """The messages with every staff address blanked out (a signature, a quoted header)."""
    if not staff:
        return messages
    pattern = re.compile("|".join(re.escape(email) for email in sorted(staff)), re.IGNORECASE)
    return [replace(message, subject=pattern.sub(HIDDEN, message.subject),
                    text=pattern.sub(HIDDEN, message.text)) for message in messages]


def is_read_only(claim: ClaimRow) -> bool:
    """A closed or merged claim takes nothing more through the page."""
    return claim.status == ClaimStatus.CLOSED.value or claim.merged_into_id is not None


def _answer_by(app: App, claim: ClaimRow) -> date | None:
    """The date the written answer is due, while one is still awaited."""
    status = ClaimStatus(claim.status)
    if is_finished(status) or claim.first_response_at is not None:
        return None
    return answer_by(state_of(claim), app.policy)


def _missing(session: Session, app: App, claim: ClaimRow, language: str) -> tuple[str, ...]:
    """What the acknowledgement asks for and no message has given yet (when claims are read)."""
    if not app.settings.extraction.enabled or is_read_only(claim):
        return ()
    assert claim.id is not None
    found = (f.name for f in current_fields(session, claim.id))
    return tuple(ask_for(missing_fields(claim.category, found, app.policy.required), language))


def exchanged_with_customer(session: Session, claim: ClaimRow,
                            newest: int = TIMELINE_SHOWN) -> tuple[list[Exchanged], int]:
    """The newest `newest` of the customer's messages and our mail to them, oldest first,
    and how many came before those: paged in SQL, their files read in one query."""
    where = (MessageRow.claim_id == claim.id, _with_customer(claim.customer_email.lower()))
    rows = list(reversed(session.exec(
        select(MessageRow).where(*where)
        .order_by(col(MessageRow.created_at).desc(), col(MessageRow.id).desc())
        .limit(newest)).all()))
    earlier = 0
    if len(rows) == newest:
        total = session.exec(select(func.count()).select_from(MessageRow).where(*where)).one()
        earlier = max(total - newest, 0)
    files = _files_of(session, [_id(row) for row in rows])
    return [_exchanged(row, files.get(_id(row), ())) for row in rows], earlier


def _with_customer(customer: str) -> ColumnElement[bool]:
    """In SQL: the customer's own messages, and our mail with them among its To (stored as a
    JSON list of "Name <a@b>" or "a@b")."""
    to, escaped = func.lower(MessageRow.to_addrs), _like_escaped(customer)
    return or_(
        and_(col(MessageRow.direction) == "in", func.lower(MessageRow.from_email) == customer),
        and_(col(MessageRow.direction) == "out",
             or_(to.like(f'%<{escaped}>"%', escape="\\"),
                 to.like(f'%"{escaped}"%', escape="\\"))))


def _like_escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _files_of(session: Session, message_ids: list[int]) -> dict[int, tuple[SentFile, ...]]:
    """The files (not inline parts) of each of `message_ids`, in one query."""
    return {message_id: tuple(SentFile(a.filename, a.size) for a in found if not a.inline)
            for message_id, found in attachments_by_message(session, message_ids).items()}


def _id(row: MessageRow) -> int:
    assert row.id is not None
    return row.id


def _emails(stored: str) -> set[str]:
    """The bare addresses of a stored address list ("Name <a@b>" or "a@b" each)."""
    values: list[str] = json.loads(stored or "[]")
    return {value.rpartition("<")[2].rstrip(">").strip().lower() for value in values}


def _exchanged(row: MessageRow, files: tuple[SentFile, ...]) -> Exchanged:
    return Exchanged(direction=row.direction, at=row.created_at, subject=row.subject,
                     text=row.text_body or html_to_text(row.html_body or ""), files=files)


def our_mail_to_customer(session: Session, claim: ClaimRow) -> tuple[str, ...]:
    """The Message-IDs of our mail to the claim's customer, oldest first."""
    customer = claim.customer_email.lower()
    rows = session.exec(select(MessageRow.message_id, MessageRow.to_addrs)
                        .where(MessageRow.claim_id == claim.id, MessageRow.direction == "out")
                        .order_by(col(MessageRow.id))).all()
    return tuple(message_id for message_id, to in rows if customer in _emails(to))
