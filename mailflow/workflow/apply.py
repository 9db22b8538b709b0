"""The one place a plan is carried out: inside the caller's unit of work, effect by effect,
each recorded as an event on the claim.

Mail is rendered and queued in a savepoint of its own: a template error, an address that
cannot be written or a value the database refuses is recorded on the claim (an event and a
failed outbox entry, both visible in the CLI) and never undoes the message that caused it.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.exc import DBAPIError
from sqlmodel import Session

from mailflow.decide.effects import (
    AcknowledgementQueued,
    ApprovalDecided,
    ApprovalRequested,
    Assigned,
    Categorised,
    ClaimsMerged,
    Effect,
    FieldChanged,
    FieldsFound,
    MailQueued,
    MessageMarked,
    NoticeClaimed,
    Rated,
    Recorded,
    ResolutionChanged,
    StatusChanged,
)
from mailflow.decide.state import ClaimState, Plan
from mailflow.domain.model import Address, ClaimStatus
from mailflow.domain.outcome import Compensation, CompensationKind, Outcome, Rating, Resolution
from mailflow.errors import StorageUnavailable
from mailflow.store import approvals, outbox
from mailflow.store.claims import add_party, get_claim, record_event
from mailflow.store.fields import save_fields
from mailflow.store.merge import move_claim
from mailflow.store.tables import ClaimRow, MessageRow, NoticeRow
from mailflow.workflow.clock import deadlines_of
from mailflow.workflow.mailer import Mailer

log = logging.getLogger(__name__)


@dataclass
class Applied:
    """What carrying out a plan came to: mail that could not be queued, by dedup key."""

    reasons: dict[str, str] = field(default_factory=dict)

    @property
    def failed(self) -> list[str]:
        return list(self.reasons)

    def queued(self, plan: Plan, kind: type) -> bool:
        """Whether the plan had an effect of `kind` and none of them failed."""
        keys = [getattr(e, "dedup_key", "") for e in plan.effects if isinstance(e, kind)]
        return bool(keys) and not any(key in self.failed for key in keys)


def state_of(claim: ClaimRow) -> ClaimState:
    """The claim row as the rules see it."""
    return ClaimState(
        number=claim.number, status=ClaimStatus(claim.status),
        customer=Address(claim.customer_email, claim.customer_name), subject=claim.subject,
        language=claim.language, created_at=claim.created_at, category=claim.category,
        category_confidence=claim.category_confidence, priority=claim.priority,
        assignee=claim.assignee_email, assigned_at=claim.assigned_at,
        deadlines=deadlines_of(claim),
        first_response_at=claim.first_response_at, resolved_at=claim.resolved_at,
        waiting_since=claim.waiting_since, overdue=claim.overdue,
        resolution=resolution_of(claim), rating=rating_of(claim), rated_at=claim.rated_at)


def resolution_of(claim: ClaimRow) -> Resolution:
    """The claim's decision, cause and compensation as recorded on its row."""
    compensation = None
    if claim.compensation_kind is not None:
        compensation = Compensation(CompensationKind(claim.compensation_kind),
                                    claim.compensation_minor or 0, claim.compensation_currency)
    return Resolution(outcome=Outcome(claim.outcome) if claim.outcome else None,
                      reason=claim.outcome_reason, cause=claim.cause,
                      compensation=compensation)


def rating_of(claim: ClaimRow) -> Rating | None:
    return None if claim.rating is None else Rating(claim.rating, claim.rating_comment)


def write_resolution(claim: ClaimRow, resolution: Resolution, rating: Rating | None,
                     rated_at: datetime | None) -> None:
    """Copy the decision, cause, compensation and rating onto the claim row."""
    claim.outcome = resolution.outcome.value if resolution.outcome else None
    claim.outcome_reason, claim.cause = resolution.reason, resolution.cause
    compensation = resolution.compensation
    claim.compensation_kind = compensation.kind.value if compensation else None
    claim.compensation_minor = compensation.amount_minor if compensation else None
    claim.compensation_currency = compensation.currency if compensation else ""
    claim.rating = rating.score if rating else None
    claim.rating_comment = rating.comment if rating else ""
    claim.rated_at = rated_at


def write_state(claim: ClaimRow, state: ClaimState) -> None:
    """Copy the plan's final state onto the claim row."""
    claim.status, claim.category, claim.priority = state.status.value, state.category, \
        state.priority
    claim.category_confidence = state.category_confidence
    claim.assignee_email, claim.assigned_at = state.assignee, state.assigned_at
    claim.first_response_at = state.first_response_at
    claim.resolved_at, claim.waiting_since = state.resolved_at, state.waiting_since
    claim.overdue = state.overdue
    write_resolution(claim, state.resolution, state.rating, state.rated_at)
    deadlines = state.deadlines
    if deadlines is not None:
        claim.first_response_due = deadlines.first_response_due
        claim.hard_limit_due = deadlines.hard_limit_due
        claim.resolution_due = deadlines.resolution_due
        claim.paused_at = deadlines.paused_at
        claim.paused_seconds = deadlines.paused_for.total_seconds()
        claim.statutory_due = deadlines.statutory_due


class Applier:
    """Carries out plans; the only writer of the workflow's changes."""

    def __init__(self, mailer: Mailer) -> None:
        self.mailer = mailer

    def apply(self, session: Session, claim: ClaimRow, plan: Plan, now: datetime,
              message: MessageRow | None = None,
              origin: Mapping[str, str] | None = None) -> Applied:
        """Carry out `plan` on `claim` (and the message that caused it) in `session`;
        `origin` (e.g. via "web" and the client's IP) goes into each event of an effect."""
        applied = Applied()
        for effect in plan.effects:
            self._one(session, claim, plan.actor, effect, now, message, applied, origin or {})
        write_state(claim, plan.state)
        if plan.effects:
            claim.updated_at = now
        session.add(claim)
        return applied

    def _one(self, session: Session, claim: ClaimRow, actor: str, effect: Effect,
             now: datetime, message: MessageRow | None, applied: Applied,
             origin: Mapping[str, str]) -> None:
        assert claim.id is not None
        if isinstance(effect, MailQueued | AcknowledgementQueued):
            self._mail(session, claim, effect, now, applied)
        elif isinstance(effect, FieldsFound):
            changes = save_fields(session, claim.id, message.id if message else None,
                                  effect.fields, now)
            if changes:
                record_event(session, claim.id, now, "claim.fields", {
                    "why": effect.why, "changes": [
                        {"field": c.name, "value": c.value, "previous": c.previous,
                         "item": c.item} for c in changes], **origin}, actor=actor)
        elif isinstance(effect, MessageMarked):
            if message is not None:
                message.kind = effect.kind
                session.add(message)
        elif isinstance(effect, ClaimsMerged):
            self._merge(session, claim, effect, actor, now)
        elif isinstance(effect, NoticeClaimed):
            session.add(NoticeRow(key=effect.key, claim_id=claim.id, kind=effect.kind,
                                  due_at=effect.due_at, created_at=now))
            session.flush()  # the unique key is the lock: a second sender fails here
        elif isinstance(effect, ApprovalRequested | ApprovalDecided):
            _approval(session, claim.id, actor, effect, now, message, origin)
        else:
            if isinstance(effect, Assigned):
                add_party(session, claim.id, effect.person, effect.name, "specialist")
            kind, detail = event_of(effect)
            record_event(session, claim.id, now, kind, {**detail, **origin}, actor=actor)

    def _merge(self, session: Session, claim: ClaimRow, effect: ClaimsMerged, actor: str,
               now: datetime) -> None:
        """Move the merged claim under `claim` and close it; an event on each of the two."""
        source = get_claim(session, effect.source)
        assert source is not None
        assert source.id is not None
        moved = move_claim(session, source, claim, now)
        record_event(session, claim.id, now, "claim.merged",
                     {"from": source.number, "moved": moved}, actor=actor)
        record_event(session, source.id, now, "claim.merged_into",
                     {"into": claim.number, "status": ClaimStatus.CLOSED.value}, actor=actor)

    def record_mail_failure(self, session: Session, claim: ClaimRow,
                            effect: MailQueued | AcknowledgementQueued, reason: str,
                            now: datetime) -> None:
        """A mail that could not be queued: a failed outbox entry and an event, with why."""
        assert claim.id is not None
        template = _template(effect)
        outbox.record_failure(session, dedup_key=effect.dedup_key, claim_id=claim.id,
                              kind=template, recipient=effect.to.email, error=reason, now=now)
        record_event(session, claim.id, now, "mail.failed",
                     {"template": template, "to": effect.to.email, "error": reason})

    def mail_failed(self, session: Session, claim: ClaimRow,
                    effect: MailQueued | AcknowledgementQueued, error: Exception,
                    now: datetime) -> str:
        """Log and record (`record_mail_failure`) a mail that could not be queued; why."""
        reason = f"{type(error).__name__}: {error}"
        log.warning("claim %s: %s mail to %s not queued: %s", claim.number, _template(effect),
                    effect.to.email, reason)
        self.record_mail_failure(session, claim, effect, reason, now)
        return reason

    def _mail(self, session: Session, claim: ClaimRow,
              effect: MailQueued | AcknowledgementQueued, now: datetime,
              applied: Applied) -> None:
        assert claim.id is not None
        try:  # made before anything is written, so a failure needs no savepoint to undo
            composed = self.mailer.compose_queued(session, claim, effect, now)
        except (DBAPIError, StorageUnavailable):
            raise  # the database's trouble, not the mail's: the message fails as a whole
        except Exception as error:
            applied.reasons[effect.dedup_key] = self.mail_failed(session, claim, effect, error,
                                                                 now)
            return
        self.mailer.put(session, composed, now)  # once per dedup key (ON CONFLICT DO NOTHING)
        kind, detail = queued_event(effect, composed.mail.message_id)
        record_event(session, claim.id, now, kind, detail)


def queued_event(effect: MailQueued | AcknowledgementQueued,
                 message_id: str) -> tuple[str, dict[str, object]]:
    """The event that records the mail of `effect` queued as `message_id`."""
    template = _template(effect)
    kind = "acknowledgement.queued" if template == "acknowledgement" else "mail.queued"
    return kind, {"template": template, "to": effect.to.email, "message_id": message_id}


def _approval(session: Session, claim_id: int, actor: str,
              effect: ApprovalRequested | ApprovalDecided, now: datetime,
              message: MessageRow | None, origin: Mapping[str, str]) -> None:
    """Hold an answer for approval, or record the approver's decision, with its events."""
    assert message is not None
    assert message.id is not None
    if isinstance(effect, ApprovalRequested):
        row = approvals.hold(session, claim_id, message.id, effect, now)
        record_event(session, claim_id, now, "approval.requested", {
            "approval": row.id, "author": effect.author, "approver": effect.approver,
            "reasons": list(effect.reasons), "draft": effect.draft,
            "held_status": effect.held_status.value if effect.held_status else None,
            **origin}, actor=actor)
        return
    approvals.decide(session, effect, message.id, now)
    who = {"approval": effect.approval_id, "by": effect.decided_by}
    if effect.edited:
        record_event(session, claim_id, now, "approval.edited",
                     {**who, "from": effect.draft, "to": effect.final_text}, actor=actor)
    if effect.approved:
        record_event(session, claim_id, now, "approval.approved",
                     {**who, "edited": effect.edited, "text": effect.final_text}, actor=actor)
    else:
        record_event(session, claim_id, now, "approval.rejected",
                     {**who, "reason": effect.reason}, actor=actor)


def _template(effect: MailQueued | AcknowledgementQueued) -> str:
    return effect.template if isinstance(effect, MailQueued) else "acknowledgement"


def event_of(effect: Effect) -> tuple[str, dict[str, object]]:
    """The event that records an effect with no side of its own."""
    if isinstance(effect, Categorised):
        return "claim.categorised", {"category": effect.category,
                                     "keywords": list(effect.keywords),
                                     "confidence": effect.confidence}
    if isinstance(effect, Assigned):
        return "claim.assigned", {"to": effect.person, "from": effect.previous,
                                  "why": effect.why}
    if isinstance(effect, StatusChanged):
        return "status", {"from": effect.old.value, "to": effect.new.value, "why": effect.why}
    if isinstance(effect, FieldChanged):
        return f"claim.{effect.name}", {"to": effect.value, "from": effect.previous}
    if isinstance(effect, ResolutionChanged):
        return f"claim.{effect.name}", {"to": effect.value, "from": effect.previous}
    if isinstance(effect, Rated):
        return "claim.rated", {"score": effect.score, "comment": effect.comment,
                               "message_id": effect.message_id, "previous": effect.previous}
    assert isinstance(effect, Recorded)
    return effect.kind, dict(effect.detail)
