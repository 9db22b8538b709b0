"""Status changes and (re)assignment, each recorded with who, when and why."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Session

from mailflow.domain.model import ClaimStatus, Person
from mailflow.domain.status import TransitionError, check_transition, steps_to
from mailflow.store.claims import add_party, record_event, set_status
from mailflow.store.tables import ClaimRow
from mailflow.workflow.clock import Timing
from mailflow.workflow.mailer import Mailer
from mailflow.workflow.staff import Staff

RESOLUTIONS = frozenset({ClaimStatus.RESOLVED, ClaimStatus.REJECTED})


class StatusChanger:
    """Moves claims through the state machine and tells the customer."""

    def __init__(self, mailer: Mailer, staff: Staff, timing: Timing) -> None:
        self.mailer, self.staff, self.timing = mailer, staff, timing

    def change(self, session: Session, claim: ClaimRow, new: ClaimStatus, now: datetime, *,
               actor: str, why: str, notify_customer: bool = True,
               note: str | None = None) -> None:
        """Apply one transition (TransitionError when the rules forbid it)."""
        old = ClaimStatus(claim.status)
        if old == new:
            return
        check_transition(old, new)
        set_status(session, claim, new, now, why=why, actor=actor)
        self._run_clock(claim, old, new, now)
        if new in RESOLUTIONS:
            claim.resolved_at = now
        if notify_customer:
            self._tell_customer(session, claim, new, now, note)

    def move(self, session: Session, claim: ClaimRow, target: ClaimStatus, now: datetime, *,
             actor: str, why: str) -> None:
        """Reach `target` by the steps the rules allow (closing may pass through resolved);
        the customer hears only of the last one. TransitionError when there is no way."""
        steps = steps_to(ClaimStatus(claim.status), target)
        if steps is None:
            raise TransitionError(ClaimStatus(claim.status), target)
        for step in steps:
            self.change(session, claim, step, now, actor=actor, why=why,
                        notify_customer=step == target)

    def assign(self, session: Session, claim: ClaimRow, person: Person, now: datetime, *,
               actor: str, why: str, notify_customer: bool = False) -> str | None:
        """Make `person` responsible; returns the previous assignee's address."""
        previous = claim.assignee_email
        claim.assignee_email, claim.assigned_at = person.email, now
        claim.updated_at = now
        session.add(claim)
        assert claim.id is not None
        add_party(session, claim.id, person.email, person.name, "specialist")
        record_event(session, claim.id, now, "claim.assigned",
                     {"to": person.email, "from": previous, "why": why}, actor=actor)
        if ClaimStatus(claim.status) in (ClaimStatus.NEW, ClaimStatus.REOPENED):
            self.change(session, claim, ClaimStatus.ASSIGNED, now, actor=actor, why=why,
                        notify_customer=notify_customer)
        return previous

    def _run_clock(self, claim: ClaimRow, old: ClaimStatus, new: ClaimStatus,
                   now: datetime) -> None:
        """Waiting for the customer stops the clock; their answer (or any move on) restarts it.
        Reopening starts a new clock: the old deadlines were met or escalated already."""
        if new == ClaimStatus.REOPENED:
            self.timing.restart(claim, now)
        elif new == ClaimStatus.WAITING_CUSTOMER:
            self.timing.pause(claim, now)
            claim.waiting_since = now
        elif old == ClaimStatus.WAITING_CUSTOMER:
            self.timing.resume(claim, now)
            claim.waiting_since = None

    def _tell_customer(self, session: Session, claim: ClaimRow, status: ClaimStatus,
                       now: datetime, note: str | None) -> None:
        person = self.staff.find(claim.assignee_email)
        self.mailer.to_customer(
            session, claim, "status_update",
            dedup_key=f"status:{claim.number}:{status.value}:{now.isoformat()}", now=now,
            context={"customer_name": claim.customer_name, "status": status.value,
                     "specialist_name": person.name if person else None,
                     "specialist_position": person.position if person else None,
                     "note": note, "answer_by": self._answer_by(claim, status)})

    def _answer_by(self, claim: ClaimRow, status: ClaimStatus) -> date | None:
        if status in (ClaimStatus.ASSIGNED, ClaimStatus.IN_PROGRESS, ClaimStatus.REOPENED) \
                and claim.first_response_at is None:
            return self.timing.answer_by(claim)
        return None
