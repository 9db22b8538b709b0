"""What the customer's page shows of a claim: its state in plain words and the messages
exchanged with the customer, never notes, events, staff mail or staff addresses."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from datetime import date, datetime

from sqlmodel import Session, col, select

from mailflow.app import App
from mailflow.decide.completeness import ask_for, missing_fields
from mailflow.decide.lifecycle import answer_by
from mailflow.domain.labels import status_label, status_next_step
from mailflow.domain.model import ClaimStatus
from mailflow.domain.status import is_finished
from mailflow.parse.html import html_to_text
from mailflow.store.fields import current_fields
from mailflow.store.messages import attachments_of
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
    exchanged = exchanged_with_customer(session, claim)
    return ClaimView(
        number=claim.number, status=claim.status,
        status_words=status_label(claim.status, language),
        next_step=status_next_step(claim.status, language),
        person_name=person.name if person else None,
        person_position=person.position if person else "",
        answer_by=_answer_by(app, claim), missing=_missing(session, app, claim, language),
        timeline=tuple(_without_staff_addresses(exchanged[-TIMELINE_SHOWN:],
                                                app.team.addresses)),
        closed=is_read_only(claim), earlier=max(len(exchanged) - TIMELINE_SHOWN, 0))


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


def exchanged_with_customer(session: Session, claim: ClaimRow) -> list[Exchanged]:
    """The customer's messages and our mail to them, oldest first."""
    customer = claim.customer_email.lower()
    rows = session.exec(select(MessageRow).where(MessageRow.claim_id == claim.id)
                        .order_by(col(MessageRow.created_at), col(MessageRow.id))).all()
    return [_exchanged(session, row) for row in rows if _with_customer(row, customer)]


def _with_customer(row: MessageRow, customer: str) -> bool:
    if row.direction == "in":
        return row.from_email.lower() == customer
    return row.direction == "out" and customer in _emails(row.to_addrs)


def _emails(stored: str) -> set[str]:
    """The bare addresses of a stored address list ("Name <a@b>" or "a@b" each)."""
    values: list[str] = json.loads(stored or "[]")
    return {value.rpartition("<")[2].rstrip(">").strip().lower() for value in values}


def _exchanged(session: Session, row: MessageRow) -> Exchanged:
    assert row.id is not None
    files = tuple(SentFile(a.filename, a.size) for a in attachments_of(session, row.id)
                  if not a.inline)
    return Exchanged(direction=row.direction, at=row.created_at, subject=row.subject,
                     text=row.text_body or html_to_text(row.html_body or ""), files=files)


def our_mail_to_customer(session: Session, claim: ClaimRow) -> tuple[str, ...]:
    """The Message-IDs of our mail to the claim's customer, oldest first."""
    customer = claim.customer_email.lower()
    rows = session.exec(select(MessageRow.message_id, MessageRow.to_addrs)
                        .where(MessageRow.claim_id == claim.id, MessageRow.direction == "out")
                        .order_by(col(MessageRow.id))).all()
    return tuple(message_id for message_id, to in rows if customer in _emails(to))
