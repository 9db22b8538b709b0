"""Builds the workflow's outgoing mail from templates and queues it on the claim.

Mail to customers comes from the claims address with a claim reference in its
Message-ID; mail to staff carries a personal reference (Message-ID and Reply-To
sub-address) so that their replies are recognised as theirs.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import Any

from sqlmodel import Session, col, select

from mailflow.domain.claims import subject_with_token
from mailflow.domain.model import Address, AttachmentPart, OutgoingMail, ParsedMessage, Person
from mailflow.domain.references import make_message_id, reply_address
from mailflow.react.acknowledge import base_subject, build_acknowledgement, quote_text
from mailflow.send.queue import queue_mail
from mailflow.send.render import TemplateRenderer
from mailflow.store.blobs import BlobStore
from mailflow.store.tables import ClaimRow, MessageRow
from mailflow.workflow.wording import language_for

AUTO_GENERATED = (("Auto-Submitted", "auto-generated"), ("X-Auto-Response-Suppress", "All"))


@dataclass(frozen=True)
class MailerConfig:
    claims: Address
    company_name: str
    secret: bytes
    timezone: tzinfo


class Mailer:
    """Renders, addresses, threads and queues one message at a time."""

    def __init__(self, config: MailerConfig, renderer: TemplateRenderer,
                 blobs: BlobStore) -> None:
        self.config, self.renderer, self.blobs = config, renderer, blobs

    @property
    def domain(self) -> str:
        return self.config.claims.email.rpartition("@")[2]

    def local(self, moment: datetime) -> datetime:
        """`moment` in the company's time zone, as people read it in mail."""
        return moment.astimezone(self.config.timezone)

    def to_customer(self, session: Session, claim: ClaimRow, template: str, *,
                    dedup_key: str, now: datetime, context: dict[str, Any],
                    attachments: Sequence[AttachmentPart] = (),
                    automatic: bool = True) -> str:
        """Queue a message to the claim's customer; returns its Message-ID."""
        in_reply_to, references = _thread_of(session, claim, direction_from=claim.customer_email)
        headers = (AUTO_GENERATED if automatic else ()) + _claim_header(claim)
        return self._queue(session, claim, template, claim.language, dedup_key, now, context,
                           to=Address(claim.customer_email, claim.customer_name),
                           thread=(in_reply_to, references), headers=headers,
                           attachments=attachments)

    def to_person(self, session: Session, claim: ClaimRow, person: Person, template: str, *,
                  dedup_key: str, now: datetime, context: dict[str, Any],
                  attachments: Sequence[AttachmentPart] = ()) -> str:
        """Queue a message to a specialist or manager, replyable into the claim."""
        reply_to = Address(reply_address(self.config.claims.email, claim.number,
                                         self.config.secret, person.email, issued_at=now),
                           self.config.claims.name)
        return self._queue(session, claim, template, language_for(person, claim.language),
                           dedup_key, now, context, to=Address(person.email, person.name),
                           thread=_thread_to(session, claim, person.email),
                           headers=AUTO_GENERATED + _claim_header(claim),
                           attachments=attachments, reply_to=reply_to, person=person.email)

    def _queue(self, session: Session, claim: ClaimRow, template: str, language: str,
               dedup_key: str, now: datetime, context: dict[str, Any], *, to: Address,
               thread: tuple[str | None, tuple[str, ...]],
               headers: tuple[tuple[str, str], ...], attachments: Sequence[AttachmentPart],
               reply_to: Address | None = None, person: str | None = None) -> str:
        """Render `template`, address and thread it, and queue it on the claim."""
        rendered = self.renderer.render(template, language, claim_number=claim.number,
                                        company_name=self.config.company_name, **context)
        message_id = make_message_id(claim.number, self.config.secret, _unique(), self.domain,
                                     person=person, issued_at=now)
        mail = OutgoingMail(
            kind=template, sender=self.config.claims, message_id=message_id, to=(to,),
            reply_to=reply_to, subject=subject_with_token(rendered.subject, claim.number),
            text=rendered.text, html=rendered.html, in_reply_to=thread[0],
            references=thread[1], headers=headers, attachments=tuple(attachments))
        assert claim.id is not None
        queue_mail(session, self.blobs, mail, claim_id=claim.id, dedup_key=dedup_key, now=now)
        return message_id

    def acknowledge(self, session: Session, claim: ClaimRow, msg: ParsedMessage,
                    recipient: Address, person: Person | None, answer_by: date | None,
                    now: datetime) -> str:
        """Queue the acknowledgement of the message that opened `claim`."""
        specialist = ", ".join(p for p in (person.name, person.position) if p) if person else None
        rendered = self.renderer.render_acknowledgement(
            claim.language, claim_number=claim.number, company_name=self.config.company_name,
            customer_name=recipient.name, original_subject=base_subject(msg.subject),
            received_at=self.local(claim.created_at), answer_by=answer_by,
            specialist=specialist, missing_items=[], quoted_text=quote_text(msg.text))
        message_id = make_message_id(claim.number, self.config.secret, _unique(), self.domain)
        mail = build_acknowledgement(claim.number, msg, recipient, self.config.claims, rendered,
                                     message_id)
        assert claim.id is not None
        queue_mail(session, self.blobs, mail, claim_id=claim.id,
                   dedup_key=f"ack:{msg.message_id}:{msg.content_hash}", now=now)
        return message_id


def customer_of(claim: ClaimRow) -> str:
    """The claim's customer as staff mail shows them: "Name <address>" or the address."""
    return str(Address(claim.customer_email, claim.customer_name))


def _unique() -> str:
    return secrets.token_hex(8)


def _claim_header(claim: ClaimRow) -> tuple[tuple[str, str], ...]:
    return (("X-Mailflow-Claim", claim.number),)


def _thread_of(session: Session, claim: ClaimRow,
               direction_from: str) -> tuple[str | None, tuple[str, ...]]:
    """Reply to the customer's latest message; reference the whole conversation."""
    rows = session.exec(select(MessageRow.message_id, MessageRow.from_email)
                        .where(MessageRow.claim_id == claim.id, MessageRow.direction == "in")
                        .order_by(col(MessageRow.id))).all()
    from_customer = [mid for mid, sender in rows if sender == direction_from]
    last = from_customer[-1] if from_customer else None
    return last, tuple(from_customer[:1] + from_customer[-9:])


def _emails(stored_addresses: str) -> set[str]:
    """The bare addresses of a stored To list, written as `str(Address)`: "Name <a@b>" or "a@b"
    (the name is not quoted, so it is cut off at the last "<" rather than parsed)."""
    values: list[str] = json.loads(stored_addresses)
    return {value.rpartition("<")[2].rstrip(">").lower() for value in values}


def _thread_to(session: Session, claim: ClaimRow,
               person: str) -> tuple[str | None, tuple[str, ...]]:
    """Continue the thread of what we sent this person about the claim."""
    rows = session.exec(select(MessageRow.message_id, MessageRow.to_addrs)
                        .where(MessageRow.claim_id == claim.id, MessageRow.direction == "out")
                        .order_by(col(MessageRow.id))).all()
    ours = [mid for mid, to in rows if person in _emails(to)]
    last = ours[-1] if ours else None
    return last, tuple(ours[:1] + ours[-9:])
