"""Claims entered by staff at intake: `#new` (`#новая`) on the first line of a new message
from a specialist or manager, `#confirm` (`#подтвердить`) answering mailflow's request to
confirm one, and `mailflow claims new`. The rules are in decide/entry.py; this adapter holds
an unvouched `#new` message in the blob store (by its SHA-256) until its writer confirms it,
and opens the claim (origin `staff`) inside the pipeline's transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING, Literal

from sqlmodel import Session

from mailflow.decide.entry import (
    ENTERED,
    Entry,
    Via,
    decide_entry_confirmation,
    decide_entry_refusal,
    entered_letter,
)
from mailflow.domain.entry import EntryOrder, EntryRefusal, is_confirmation, read_entry
from mailflow.domain.model import Address, ClaimStatus, ParsedMessage, Person
from mailflow.domain.receipt import local_year, receipt_time
from mailflow.domain.references import entry_reference_in
from mailflow.errors import MessageRejected
from mailflow.extract.language import detect_language
from mailflow.extract.stage import read_claim
from mailflow.parse.parser import parse_message
from mailflow.parse.quotes import split_reply
from mailflow.store.claims import add_party, next_claim_number, record_event
from mailflow.store.messages import find_stored, store_incoming
from mailflow.store.tables import ClaimRow

if TYPE_CHECKING:
    from mailflow.pipeline import Pipeline


@dataclass(frozen=True)
class EntryResult:
    """What became of a `#new` or `#confirm` message (the pipeline's Outcome is made of it)."""

    status: Literal["stored", "duplicate"]
    claim_number: str | None = None
    opened: bool = False
    reason: str = ""


class StaffEntries:
    """Opens claims staff enter, by mail and from the command line, the same way."""

    def __init__(self, pipeline: Pipeline) -> None:
        self.db, self.blobs, self.config = pipeline.db, pipeline.blobs, pipeline.config
        self.workflow, self.extractor = pipeline.workflow, pipeline.extractor

    def from_mail(self, session: Session, msg: ParsedMessage, raw: bytes, source: str,
                  now: datetime, received_at: datetime) -> EntryResult | None:
        """A new message from staff that starts with `#new` or `#confirm` (None: neither)."""
        person = self.workflow.policy.person(msg.from_.email if msg.from_ else None)
        if person is None:
            return None
        own = split_reply(msg.text).own
        if is_confirmation(own):
            return self._confirm_entry(session, msg, raw, person, source, now, received_at)
        order = read_entry(own, self.config.own_addresses)
        if order is None:
            return None
        if isinstance(order, EntryRefusal):
            self.workflow.answer_unopened(session, decide_entry_refusal(
                msg, person, order, now, self.workflow.policy), msg.message_id, now)
            return EntryResult("stored", reason=f"entry-refused:{order.problem.value}")
        if not self.workflow.vouched_for(msg):
            held = self.blobs.put(raw)
            self.workflow.answer_unopened(session, decide_entry_confirmation(
                msg, person, order, now, self.workflow.policy), msg.message_id, now,
                entry_sha256=held)
            return EntryResult("stored", reason="entry-held:confirmation-requested")
        claim = self._open_entered(session, msg, raw, order, person, source, now, received_at)
        return EntryResult("stored", claim.number, opened=True, reason="new:entered-by-staff")

    def _confirm_entry(self, session: Session, msg: ParsedMessage, raw: bytes, person: Person,
                       source: str, now: datetime, received_at: datetime) -> EntryResult:
        """`#confirm` answering our request: open the held `#new` message's claim."""
        held = self._held_entry(msg, person, received_at)
        if isinstance(held, str):
            self.workflow.answer_unopened(session, decide_entry_refusal(
                msg, person, held, now, self.workflow.policy), msg.message_id, now)
            return EntryResult("stored", reason=f"entry-refused:{held}")
        original, original_raw, order = held
        stored = find_stored(session, original.message_id, original.content_hash)
        if stored is not None:
            claim = session.get(ClaimRow, stored.claim_id)
            return EntryResult("duplicate", claim.number if claim else None,
                               reason="the claim was opened on an earlier confirmation")
        claim = self._open_entered(session, original, original_raw, order, person, source, now,
                                   receipt_time(None, original.date, received_at))
        assert claim.id is not None
        store_incoming(session, self.blobs, claim.id, msg, raw, kind="entry_confirmation",
                       rules=("entry-confirmation",), thread_reason="entry-confirmation",
                       source=source, now=received_at)
        return EntryResult("stored", claim.number, opened=True, reason="new:entry-confirmed")

    def _held_entry(self, msg: ParsedMessage, person: Person, received_at: datetime
                    ) -> tuple[ParsedMessage, bytes, EntryOrder] | str:
        """The held `#new` message a `#confirm` answers, or why it answers none."""
        config = self.workflow.config
        reference = entry_reference_in((*msg.in_reply_to, *msg.references), config.secret,
                                       person.email)
        if reference is None or received_at - reference.issued_at > config.reference_max_age:
            return "not-confirmable"
        if config.require_authentication and not self.workflow.vouched_for(msg):
            return "not-authenticated"
        held = self.blobs.find(reference.key)
        if held is None:
            return "not-confirmable"
        try:
            original_raw = self.blobs.get(held)
            original = parse_message(original_raw, self.config.limits)
        except (OSError, MessageRejected):
            return "not-confirmable"
        order = read_entry(split_reply(original.text).own, self.config.own_addresses)
        writer = original.from_.email.lower() if original.from_ else ""
        if not isinstance(order, EntryOrder) or writer != person.email:
            return "not-confirmable"
        return original, original_raw, order

    def from_cli(self, raw: bytes, customer: Address, *, language: str | None,
                 actor: str, now: datetime, author: Person | None = None) -> str:
        """`mailflow claims new`: open a claim from the letter `raw` (composed by the CLI) for
        `customer`, by the same path as `#new` (with `author` as who entered it, if given);
        returns its number."""
        msg = parse_message(raw, self.config.limits)
        if language:
            msg = replace(msg, language=language)
        order = EntryOrder(customer, msg.text, "")
        with self.db.transaction() as session:
            claim = self._open_entered(session, msg, raw, order, author, "cli", now, now,
                                       actor=actor, language=language, via="cli")
            return claim.number

    def _open_entered(self, session: Session, msg: ParsedMessage, raw: bytes,
                      order: EntryOrder, author: Person | None, source: str, now: datetime,
                      received_at: datetime, *, actor: str | None = None,
                      language: str | None = None, via: Via = "email") -> ClaimRow:
        """Open the claim a staff member entered for `order.customer` (origin `staff`)."""
        language = (language or detect_language("", order.text)  # the customer's words,
                    or detect_language(msg.subject, "")  # not the staff subject line
                    or self.config.default_language)
        letter = entered_letter(msg, order, language)
        actor = actor or (author.email if author else "cli")
        claim = ClaimRow(
            number=next_claim_number(session, local_year(received_at, self.config.timezone),
                                     self.config.number_prefix),
            status=ClaimStatus.NEW.value, customer_email=order.customer.email,
            customer_name=order.customer.name, subject=msg.subject, language=language,
            origin="staff", created_at=received_at, updated_at=now)
        session.add(claim)
        session.flush()
        assert claim.id is not None
        add_party(session, claim.id, order.customer.email, order.customer.name, "customer")
        if author is not None:
            add_party(session, claim.id, author.email, author.name, "entered_by")
        record_event(session, claim.id, now, "claim.opened",
                     {"why": "entered by staff", "kind": "staff", "by": actor}, actor=actor)
        row = store_incoming(session, self.blobs, claim.id, msg, raw, kind="staff_entry",
                             rules=ENTERED.rules, thread_reason="new:entered-by-staff",
                             source=source, now=received_at)
        extraction = read_claim(self.extractor, letter, ENTERED, self.config.default_language,
                                received_at.astimezone(self.config.timezone).date())
        entry = Entry(letter, author, via, actor, received_at, extraction)
        self.workflow.open_entered(session, claim, entry, row, now)
        return claim
