"""What mailflow does once a message is stored on a claim."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session

from mailflow.domain.assignment import categorize, choose_specialist
from mailflow.domain.model import (
    Address,
    ClaimStatus,
    Classification,
    MessageKind,
    ParsedMessage,
    Person,
)
from mailflow.react.acknowledge import choose_recipient, decide_acknowledgement
from mailflow.store import outbox
from mailflow.store.claims import record_event
from mailflow.store.tables import ClaimRow, MessageRow
from mailflow.workflow.clock import Timing
from mailflow.workflow.mailer import Mailer
from mailflow.workflow.staff import Staff, open_claim_counts
from mailflow.workflow.status import StatusChanger
from mailflow.workflow.team import TeamMessages

ACK_KIND = "acknowledgement"


@dataclass(frozen=True)
class WorkflowConfig:
    own_addresses: frozenset[str]
    max_acks_per_hour: int
    keywords: Mapping[str, Mapping[str, Sequence[str]]]
    forward_limit: int
    secret: bytes
    require_authentication: bool = False
    authserv_id: str = ""
    reference_max_age: timedelta = timedelta(days=90)


class Workflow:
    """Reacts to stored messages: assigns, acknowledges, notifies, relays, applies commands."""

    def __init__(self, config: WorkflowConfig, staff: Staff, mailer: Mailer,
                 timing: Timing) -> None:
        self.config, self.staff, self.mailer, self.timing = config, staff, mailer, timing
        self.status = StatusChanger(mailer, staff, timing)
        self.team = TeamMessages(config.secret, config.keywords, config.forward_limit,
                                 config.require_authentication, config.authserv_id,
                                 staff, mailer, self.status,
                                 reference_max_age=config.reference_max_age)

    def react(self, session: Session, claim: ClaimRow, msg: ParsedMessage, row: MessageRow,
              classification: Classification, is_new: bool, reopen: bool,
              now: datetime) -> bool:
        """Apply the consequences of a stored message; True when it was acknowledged."""
        if classification.kind is MessageKind.SPECIALIST and not is_new:
            self.team.on_staff_message(session, claim, msg, row, now)
            return False
        if classification.automated:
            self._on_automated(session, claim, msg, classification, is_new, now)
            return False
        if is_new:
            return self._on_new_claim(session, claim, msg, classification, now)
        self._on_follow_up(session, claim, msg, reopen, now)
        return False

    def _on_new_claim(self, session: Session, claim: ClaimRow, msg: ParsedMessage,
                      classification: Classification, now: datetime) -> bool:
        person = self._assign_new(session, claim, msg, now)
        acknowledged = self._acknowledge(session, claim, msg, classification, person, now)
        if person is not None:
            self.team.notify_assignee(session, claim, person, msg.attachments, now,
                                      reassigned_from=None, text=msg.text)
        return acknowledged

    def _assign_new(self, session: Session, claim: ClaimRow, msg: ParsedMessage,
                    now: datetime) -> Person | None:
        category, matched = categorize(msg.subject, msg.text, self.config.keywords)
        claim.category = category
        self.timing.start(claim)
        record_event(session, claim.id, now, "claim.categorised",
                     {"category": category, "keywords": list(matched)})
        day = self.mailer.local(now).date()
        absent = self.staff.absent_on(session, day)
        counts = open_claim_counts(session, [p.email for p in self.staff.specialists])
        choice = choose_specialist(category, claim.language, self.staff.specialists, counts,
                                   absent)
        if choice is None:
            reason = _nobody_because(self.staff, absent)
            record_event(session, claim.id, now, "claim.unassigned", {"why": reason})
            self.team.notify_unassigned(session, claim, msg, reason, now)
            return None
        self.status.assign(session, claim, choice.person, now, actor="mailflow",
                           why=choice.reason, notify_customer=False)
        return choice.person

    def _acknowledge(self, session: Session, claim: ClaimRow, msg: ParsedMessage,
                     classification: Classification, person: Person | None,
                     now: datetime) -> bool:
        recipient = choose_recipient(msg, self.config.own_addresses)
        recent = _recent_acks(session, recipient, now)
        decision = decide_acknowledgement(msg, classification, True, self.config.own_addresses,
                                          recent, self.config.max_acks_per_hour)
        if not decision.send or decision.recipient is None:
            record_event(session, claim.id, now, "acknowledgement.skipped",
                         {"why": decision.reason})
            return False
        message_id = self.mailer.acknowledge(session, claim, msg, decision.recipient, person,
                                             self.timing.answer_by(claim), now)
        record_event(session, claim.id, now, "acknowledgement.queued",
                     {"to": decision.recipient.email, "message_id": message_id})
        return True

    def _on_follow_up(self, session: Session, claim: ClaimRow, msg: ParsedMessage,
                      reopen: bool, now: datetime) -> None:
        if reopen:
            self.status.change(session, claim, ClaimStatus.REOPENED, now, actor=_sender(msg)[0],
                               why=f"customer wrote again ({msg.message_id})")
        elif claim.status == ClaimStatus.WAITING_CUSTOMER:
            self.status.change(session, claim, ClaimStatus.IN_PROGRESS, now,
                               actor=_sender(msg)[0], why="the customer answered",
                               notify_customer=False)
        self.team.forward_follow_up(session, claim, msg, now)

    def _on_automated(self, session: Session, claim: ClaimRow, msg: ParsedMessage,
                      classification: Classification, is_new: bool, now: datetime) -> None:
        if classification.kind is MessageKind.BOUNCE and not is_new:
            self.team.notify_bounce(session, claim, msg, now)


def _nobody_because(staff: Staff, absent: frozenset[str]) -> str:
    """A code for `wording.nobody_available`."""
    if not staff.specialists:
        return "no-specialists"
    if all(person.email in absent for person in staff.specialists):
        return "all-away"
    return "all-busy"


def _sender(msg: ParsedMessage) -> tuple[str, str]:
    sender = msg.from_ or Address("")
    return sender.email, sender.name


def _recent_acks(session: Session, recipient: Address | None, now: datetime) -> int:
    if recipient is None:
        return 0
    return outbox.count_recent(session, ACK_KIND, recipient.email, now - timedelta(hours=1))
