"""Renders, addresses, threads and queues the mail a plan asks for.

Mail to customers comes from the claims address with a claim reference in its
Message-ID; mail to staff carries a personal reference (Message-ID and Reply-To
sub-address) so that their replies are recognised as theirs.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, tzinfo

from sqlmodel import Session, col, select

from mailflow.decide.effects import AcknowledgementQueued, MailQueued
from mailflow.domain.claims import subject_with_token
from mailflow.domain.model import Address, OutgoingMail
from mailflow.domain.references import make_entry_message_id, make_message_id, reply_address
from mailflow.send.acknowledgement import build_acknowledgement
from mailflow.send.compose import compose, envelope_recipients
from mailflow.send.queue import ClaimMail, claim_mail, queue_mail_many
from mailflow.send.render import TemplateRenderer
from mailflow.store import outbox
from mailflow.store.blobs import Blobs
from mailflow.store.messages import remember_outgoing, sent_on
from mailflow.store.tables import ClaimRow, MessageRow
from mailflow.web.links import link_url, make_token

AUTO_GENERATED = (("Auto-Submitted", "auto-generated"), ("X-Auto-Response-Suppress", "All"))


@dataclass(frozen=True)
class MailerConfig:
    claims: Address
    company_name: str
    secret: bytes
    timezone: tzinfo
    # `[web] base_url`: mail to the customer carries their personal link ("" = no link).
    web_base_url: str = ""


class Mailer:
    """Turns a mail effect into a queued message on the claim.

    With several mailboxes, mail about a claim goes out as the mailbox the claim belongs to
    (its address, company name and templates), whichever mailbox's App acts on it:
    `mailbox_of` gives that mailbox's Mailer for a claim number (this one by default)."""

    def __init__(self, config: MailerConfig, renderer: TemplateRenderer, blobs: Blobs,
                 mailbox_of: Callable[[str], Mailer] | None = None) -> None:
        self.config, self.renderer, self.blobs = config, renderer, blobs
        self.mailbox_of = mailbox_of

    def of(self, claim: ClaimRow) -> Mailer:
        """The Mailer of the mailbox `claim` belongs to (by its number's prefix)."""
        return self if self.mailbox_of is None else self.mailbox_of(claim.number)

    @property
    def domain(self) -> str:
        return self.config.claims.email.rpartition("@")[2]

    def local(self, moment: datetime) -> datetime:
        """`moment` in the company's time zone, as people read it in mail."""
        return moment.astimezone(self.config.timezone)

    def queue(self, session: Session, claim: ClaimRow,
              effect: MailQueued | AcknowledgementQueued, now: datetime) -> str:
        """Render and queue the mail of `effect`; returns its Message-ID."""
        composed = self.compose_queued(session, claim, effect, now)
        self.put(session, composed, now)
        return composed.mail.message_id

    def compose_queued(self, session: Session, claim: ClaimRow,
                       effect: MailQueued | AcknowledgementQueued, now: datetime) -> ClaimMail:
        """The mail of `effect` rendered and composed, nothing written yet: a mail that
        cannot be made fails here and leaves the database as it was."""
        mailer = self.of(claim)
        assert claim.id is not None
        if isinstance(effect, AcknowledgementQueued):
            mail = mailer._acknowledgement(claim, effect)
        else:
            mail = mailer.outgoing(session, claim, effect, now)
        return claim_mail(mail, claim_id=claim.id, dedup_key=effect.dedup_key, now=now)

    def put(self, session: Session, composed: ClaimMail, now: datetime) -> bool:
        """Queue `composed` once per its dedup key (an upsert: no savepoint needed); False
        if it was queued before."""
        queued = bool(queue_mail_many(session, self.blobs, [composed], now))
        if queued:
            remember_outgoing(session, composed.claim_id, composed.mail)
        return queued

    def outgoing(self, session: Session, claim: ClaimRow, effect: MailQueued,
                 now: datetime) -> OutgoingMail:
        """The mail of `effect` rendered, addressed and threaded, not queued yet."""
        mailer = self.of(claim)
        if effect.audience == "customer":
            return mailer._to_customer(session, claim, effect, now)
        return mailer._to_person(session, claim, effect, now)

    def _to_customer(self, session: Session, claim: ClaimRow, effect: MailQueued,
                     now: datetime) -> OutgoingMail:
        thread = _thread_of(session, claim, direction_from=effect.to.email)
        headers = (AUTO_GENERATED if effect.automatic else ()) + _claim_header(claim)
        return self._mail(claim, effect, now, thread=thread, headers=headers,
                          extra={"customer_link": self.customer_link(claim, effect.to.email)})

    def customer_link(self, claim: ClaimRow, recipient: str | None = None) -> str:
        """The customer's personal page of `claim` ("" when `[web]` is off, or when the mail
        goes to anyone but the claim's customer: the link is theirs alone)."""
        if not self.config.web_base_url or (
                recipient is not None and recipient.lower() != claim.customer_email.lower()):
            return ""
        token = make_token(self.config.secret, claim.number, claim.customer_email,
                           claim.link_version)
        return link_url(self.config.web_base_url, token)

    def _to_person(self, session: Session, claim: ClaimRow, effect: MailQueued,
                   now: datetime) -> OutgoingMail:
        person = effect.to.email
        reply_to = Address(reply_address(self.config.claims.email, claim.number,
                                         self.config.secret, person, issued_at=now),
                           self.config.claims.name)
        return self._mail(claim, effect, now, thread=_thread_to(session, claim, person),
                          headers=AUTO_GENERATED + _claim_header(claim), reply_to=reply_to,
                          person=person)

    def _mail(self, claim: ClaimRow, effect: MailQueued, now: datetime, *,
              thread: tuple[str | None, tuple[str, ...]],
              headers: tuple[tuple[str, str], ...], reply_to: Address | None = None,
              person: str | None = None, extra: Mapping[str, object] | None = None
              ) -> OutgoingMail:
        rendered = self.renderer.render(effect.template, effect.language,
                                        claim_number=claim.number,
                                        company_name=self.config.company_name,
                                        **{**effect.context, **(extra or {})})
        message_id = make_message_id(claim.number, self.config.secret, _unique(), self.domain,
                                     person=person, issued_at=now)
        return OutgoingMail(
            kind=effect.template, sender=self.config.claims, message_id=message_id,
            to=(effect.to,), reply_to=reply_to,
            subject=subject_with_token(rendered.subject, claim.number), text=rendered.text,
            html=rendered.html, in_reply_to=thread[0], references=thread[1], headers=headers,
            attachments=effect.attachments)

    def queue_unclaimed(self, session: Session, effect: MailQueued, now: datetime, *,
                        answering: str, entry_sha256: str | None = None) -> str:
        """Queue mail to a member of staff about no claim (a `#new` that opened nothing yet),
        threaded under their message `answering`. With `entry_sha256` its Message-ID is the
        keyed request to confirm that held message, which only their reply can answer."""
        rendered = self.renderer.render(effect.template, effect.language,
                                        company_name=self.config.company_name,
                                        **effect.context)
        person = effect.to.email
        message_id = (make_entry_message_id(entry_sha256, self.config.secret, person, now,
                                            self.domain)
                      if entry_sha256 else f"mf.staff.{_unique()}@{self.domain}")
        mail = OutgoingMail(
            kind=effect.template, sender=self.config.claims, message_id=message_id,
            to=(effect.to,), subject=rendered.subject, text=rendered.text, html=rendered.html,
            in_reply_to=answering or None, references=(answering,) if answering else (),
            headers=AUTO_GENERATED)
        raw = compose(mail, now)
        outbox.enqueue(session, dedup_key=effect.dedup_key, claim_id=None, kind=effect.template,
                       sender=mail.sender.email, recipients=envelope_recipients(mail),
                       message_id=message_id, raw=raw, now=now)
        return message_id

    def _acknowledgement(self, claim: ClaimRow, effect: AcknowledgementQueued) -> OutgoingMail:
        rendered = self.renderer.render_acknowledgement(
            claim.language, claim_number=claim.number, company_name=self.config.company_name,
            customer_link=self.customer_link(claim, effect.to.email), **effect.context)
        message_id = make_message_id(claim.number, self.config.secret, _unique(), self.domain)
        return build_acknowledgement(claim.number, effect.original, effect.to,
                                     self.config.claims, rendered, message_id)


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
    assert claim.id is not None
    ours = [mid for mid, to in sent_on(session, claim.id) if person in _emails(to)]
    last = ours[-1] if ours else None
    return last, tuple(ours[:1] + ours[-9:])
