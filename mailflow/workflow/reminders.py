"""The deadline watch: reminders, escalations and customer chasers, each sent exactly once.

Which notices are due comes from the pure `domain.notices`; here each one is claimed by
inserting its unique key in the same transaction that queues its mail. A second daemon on
the same database, a restart, or a late or repeated trigger finds the key taken and skips.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlmodel import Session

from mailflow.decide.approval import decide_approval_notice
from mailflow.decide.notices import decide_notice
from mailflow.decide.state import Plan, Policy
from mailflow.domain.approval import (
    ApprovalStatus,
    PendingApproval,
    acting_approver,
    approval_notices,
)
from mailflow.domain.model import ClaimStatus
from mailflow.domain.notices import (
    ClaimClock,
    Notice,
    NoticeKind,
    due_notices,
    due_window,
    upcoming_notices,
)
from mailflow.errors import StorageUnavailable
from mailflow.extract.model import FoundField
from mailflow.store.approvals import claims_with_pending, pending_on_open_claims
from mailflow.store.database import Database
from mailflow.store.deadlines import claims_by_ids, open_claim_pages, taken_notice_keys
from mailflow.store.fields import current_fields_of
from mailflow.store.tables import ApprovalRow, ClaimRow
from mailflow.workflow.apply import Applier, state_of
from mailflow.workflow.apply_batch import BatchApplier
from mailflow.workflow.clock import deadlines_of

log = logging.getLogger(__name__)


class DeadlineWatch:
    """Finds due notices for open claims and sends each once; with several mailboxes, each
    has a watch of its own, for the claims `owns` says are its (by number)."""

    def __init__(self, db: Database, policy: Policy, applier: Applier,
                 owns: Callable[[str], bool] = lambda _number: True) -> None:
        self.db, self.policy, self.applier, self.owns = db, policy, applier, owns
        self.batch = BatchApplier(applier)

    def run_due(self, now: datetime) -> int:
        """Send everything due at `now` that was not sent before; returns how many.

        Only the claims that may have something due are read (`due_window`, in SQL); the
        notices of a page are sent in one transaction, written together (`_send_page`)."""
        policy = self.policy
        window = due_window(now, policy.reminders, policy.calendar)
        sent = 0
        for claims in open_claim_pages(self.db, window=window):
            due = self._due(claims, now)
            if due:
                sent += self._send_page(due, now)
        return sent + self._run_approvals(now)

    def _send_page(self, due: list[tuple[int, Notice]], now: datetime) -> int:
        """Claim and send `due` in one transaction, what each claim needs read in bulk and
        the notices of all its claims written together (`BatchApplier`); a claim whose plan
        the batch leaves (another daemon claimed one of its keys first) is sent notice by
        notice, each in a savepoint of its own."""
        with self.db.transaction() as session:
            ids = list(dict.fromkeys(claim_id for claim_id, _ in due))
            claims = claims_by_ids(session, ids)
            chased = [i for i, n in due if n.kind is NoticeKind.CUSTOMER_CHASER]
            fields = current_fields_of(session, chased)
            notices: dict[int, list[Notice]] = {}
            for claim_id, notice in due:
                notices.setdefault(claim_id, []).append(notice)
            plans = [(claims[claim_id], self._plan(claims[claim_id], each, now,
                                                   fields.get(claim_id, [])))
                     for claim_id, each in notices.items()]
            done, left = self._apply_batch(session, plans, now)
            sent = sum(len(notices[claim_id]) for claim_id in done)
            for claim_id in left:
                sent += sum(self._send_one(session, claims[claim_id], notice, now,
                                           fields.get(claim_id, []))
                            for notice in notices[claim_id])
        return sent

    def _plan(self, claim: ClaimRow, notices: list[Notice], now: datetime,
              fields: list[FoundField]) -> Plan:
        """One plan for every notice due on `claim`, each decided on the state the ones
        before it left."""
        plan = Plan(state_of(claim))
        for notice in notices:
            plan = decide_notice(plan, notice, now, self.policy, fields)
        return plan

    def _apply_batch(self, session: Session, plans: list[tuple[ClaimRow, Plan]],
                     now: datetime) -> tuple[list[int], list[int]]:
        """The claim ids whose plans the batch carried out, and those it left; when the
        database refuses the batch, every claim is left, as if no batch had been tried."""
        try:
            with session.begin_nested():
                batch = self.batch.apply(session, plans, now)
        except (OperationalError, StorageUnavailable):
            raise
        except DBAPIError as error:
            log.warning("deadline batch refused, sending one by one: %s", error)
            session.expire_all()
            return [], [_id(claim) for claim, _ in plans]
        return ([_id(plans[i][0]) for i in batch.done], [_id(plans[i][0]) for i in batch.left])

    def _send_one(self, session: Session, claim: ClaimRow, notice: Notice, now: datetime,
                  fields: list[FoundField]) -> int:
        savepoint = session.begin_nested()
        try:
            plan = decide_notice(Plan(state_of(claim)), notice, now, self.policy, fields)
            self.applier.apply(session, claim, plan, now)
            session.flush()
        except IntegrityError:  # another daemon claimed the key first
            savepoint.rollback()
            return 0
        savepoint.commit()
        return 1

    def _run_approvals(self, now: datetime) -> int:
        """Remind approvers of answers waiting for them, and escalate long waits."""
        policy = self.policy
        with self.db.transaction() as session:
            waiting = [(row.claim_id, _pending(row, number, policy))
                       for row, number in pending_on_open_claims(session)
                       if row.id and self.owns(number)]
        due = [(claim_id, pending, notice) for claim_id, pending in waiting
               for notice in approval_notices(pending, now, policy.approval, policy.calendar,
                                              policy.reminders.escalation_repeat)]
        taken = taken_notice_keys(self.db, (notice.key for _, _, notice in due))
        return sum(self._send_approval_notice(claim_id, pending, notice, now)
                   for claim_id, pending, notice in due if notice.key not in taken)

    def _send_approval_notice(self, claim_id: int, pending: PendingApproval, notice: Notice,
                              now: datetime) -> int:
        try:
            with self.db.transaction() as session:
                claim = session.get(ClaimRow, claim_id)
                assert claim is not None
                held = session.get(ApprovalRow, pending.approval_id)
                if held is None or held.status != ApprovalStatus.PENDING.value:
                    return 0  # decided since it was read: nothing to remind of
                plan = decide_approval_notice(Plan(state_of(claim)), notice, pending,
                                              self.policy)
                self.applier.apply(session, claim, plan, now)
        except IntegrityError:  # another daemon claimed the key first
            return 0
        return 1

    def upcoming(self, now: datetime, horizon: timedelta) -> list[tuple[ClaimRow, Notice]]:
        """What will be sent within `horizon` if nothing changes, soonest first."""
        found: list[tuple[ClaimRow, Notice]] = []
        for claims in open_claim_pages(self.db):
            held = self._held(claims)
            for claim in claims:
                clock = _clock(claim, claim.id in held)
                if clock is not None:
                    found += [(claim, n) for n in upcoming_notices(
                        clock, now, self.policy.reminders, self.policy.calendar, horizon)]
        return sorted(found, key=lambda pair: pair[1].due_at)

    def _due(self, claims: list[ClaimRow], now: datetime) -> list[tuple[int, Notice]]:
        """Due notices of one page of open claims whose keys are not taken yet."""
        claims = [claim for claim in claims if self.owns(claim.number)]
        if not claims:
            return []
        held = self._held(claims)
        found = [(claim.id, notice) for claim in claims
                 for notice in self._notices(claim, now, claim.id in held)
                 if claim.id is not None]
        taken = taken_notice_keys(self.db, (notice.key for _, notice in found))
        return [(claim_id, n) for claim_id, n in found if n.key not in taken]

    def _held(self, claims: list[ClaimRow]) -> set[int]:
        """The claims of a page whose answer waits for approval."""
        with self.db.transaction() as session:
            return claims_with_pending(session, [c.id for c in claims if c.id is not None])

    def _notices(self, claim: ClaimRow, now: datetime, answer_held: bool) -> list[Notice]:
        clock = _clock(claim, answer_held)
        if clock is None:
            return []
        return due_notices(clock, now, self.policy.reminders, self.policy.calendar)


def _pending(row: ApprovalRow, number: str, policy: Policy) -> PendingApproval:
    """A held answer as the notice rules see it, with whoever decides it now."""
    assert row.id is not None
    approver = acting_approver(row.approver_email, row.author_email, policy.approval,
                               policy.team.addresses)
    return PendingApproval(row.id, number, approver, row.created_at, row.author_email,
                           row.draft, stand_in=approver != row.approver_email)


def _clock(claim: ClaimRow, answer_held: bool = False) -> ClaimClock | None:
    """The notice rules' view of a claim read with the clock columns only."""
    deadlines = deadlines_of(claim)
    if deadlines is None:
        return None
    return ClaimClock(number=claim.number, status=ClaimStatus(claim.status),
                      deadlines=deadlines, first_response_at=claim.first_response_at,
                      waiting_since=claim.waiting_since, assignee=claim.assignee_email,
                      answer_held=answer_held)


def _id(claim: ClaimRow) -> int:
    assert claim.id is not None
    return claim.id
