"""The deadline watch: reminders, escalations and customer chasers, each sent exactly once.

Which notices are due comes from the pure `domain.notices`; here each one is claimed by
inserting its unique key in the same transaction that queues its mail. A second daemon on
the same database, a restart, or a late or repeated trigger finds the key taken and skips.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from mailflow.domain.model import ClaimStatus
from mailflow.domain.notices import ClaimClock, Notice, NoticeKind, due_notices, upcoming_notices
from mailflow.store.claims import record_event
from mailflow.store.database import Database
from mailflow.store.deadlines import open_claim_pages, taken_notice_keys
from mailflow.store.tables import ClaimRow, NoticeRow
from mailflow.workflow.clock import Timing, deadlines_of
from mailflow.workflow.mailer import Mailer, customer_of
from mailflow.workflow.staff import Staff
from mailflow.workflow.status import StatusChanger


class DeadlineWatch:
    """Finds due notices for open claims and sends each once."""

    def __init__(self, db: Database, timing: Timing, staff: Staff, mailer: Mailer,
                 status: StatusChanger) -> None:
        self.db, self.timing, self.staff, self.mailer, self.status = (
            db, timing, staff, mailer, status)

    def run_due(self, now: datetime) -> int:
        """Send everything due at `now` that was not sent before; returns how many."""
        sent = 0
        for claims in open_claim_pages(self.db):
            for claim_id, notice in self._due(claims, now):
                sent += self._claim_and_send(claim_id, notice, now)
        return sent

    def upcoming(self, now: datetime, horizon: timedelta) -> list[tuple[ClaimRow, Notice]]:
        """What will be sent within `horizon` if nothing changes, soonest first."""
        found: list[tuple[ClaimRow, Notice]] = []
        for claims in open_claim_pages(self.db):
            for claim in claims:
                clock = _clock(claim)
                if clock is not None:
                    found += [(claim, n) for n in upcoming_notices(
                        clock, now, self.timing.reminders, self.timing.calendar, horizon)]
        return sorted(found, key=lambda pair: pair[1].due_at)

    def _due(self, claims: list[ClaimRow], now: datetime) -> list[tuple[int, Notice]]:
        """Due notices of one page of open claims whose keys are not taken yet."""
        found = [(claim.id, notice) for claim in claims
                 for notice in self._notices(claim, now) if claim.id is not None]
        taken = taken_notice_keys(self.db, (notice.key for _, notice in found))
        return [(claim_id, n) for claim_id, n in found if n.key not in taken]

    def _notices(self, claim: ClaimRow, now: datetime) -> list[Notice]:
        clock = _clock(claim)
        if clock is None:
            return []
        return due_notices(clock, now, self.timing.reminders, self.timing.calendar)

    def _claim_and_send(self, claim_id: int, notice: Notice, now: datetime) -> int:
        try:
            with self.db.transaction() as session:
                session.add(NoticeRow(key=notice.key, claim_id=claim_id, kind=notice.kind,
                                      due_at=notice.due_at, created_at=now))
                session.flush()  # the unique key is the lock: a second sender fails here
                claim = session.get(ClaimRow, claim_id)
                assert claim is not None
                self._send(session, claim, notice, now)
        except IntegrityError:
            return 0
        return 1

    def _send(self, session: Session, claim: ClaimRow, notice: Notice, now: datetime) -> None:
        record_event(session, claim.id, now, f"notice.{notice.kind.value}",
                     {"key": notice.key, "deadline": notice.deadline_kind,
                      "repeat": notice.repeat})
        if notice.kind is NoticeKind.REMINDER:
            self._remind(session, claim, notice, now)
        elif notice.kind is NoticeKind.ESCALATION:
            self._escalate(session, claim, notice, now)
        elif notice.kind is NoticeKind.CUSTOMER_CHASER:
            self._chase(session, claim, notice, now)
        else:
            self._auto_close(session, claim, notice, now)

    def _remind(self, session: Session, claim: ClaimRow, notice: Notice, now: datetime) -> None:
        person = self.staff.find(claim.assignee_email)
        if person is None:
            return
        calendar = self.timing.calendar
        days_left = calendar.working_days_between(calendar.local_date(now),
                                                  calendar.local_date(_due(claim, notice)))
        self.mailer.to_person(session, claim, person, "deadline_reminder",
                              dedup_key=notice.key, now=now, context={
                                  "specialist_name": person.name,
                                  "deadline_kind": notice.deadline_kind,
                                  "due_at": self.mailer.local(_due(claim, notice)),
                                  "working_days_left": max(days_left, 0),
                                  "customer": customer_of(claim), "subject": claim.subject,
                                  "status": claim.status})

    def _escalate(self, session: Session, claim: ClaimRow, notice: Notice,
                  now: datetime) -> None:
        claim.overdue = True
        session.add(claim)
        specialist = self.staff.find(claim.assignee_email)
        overdue = self.timing.calendar.working_time_between(_due(claim, notice), now)
        for manager in self.staff.managers:
            self.mailer.to_person(session, claim, manager, "escalation",
                                  dedup_key=f"{notice.key}:{manager.email}", now=now, context={
                                      "manager_name": manager.name,
                                      "deadline_kind": notice.deadline_kind,
                                      "due_at": self.mailer.local(_due(claim, notice)),
                                      "overdue_working_hours": overdue.total_seconds() / 3600,
                                      "specialist_name": specialist.name if specialist else None,
                                      "specialist_email": claim.assignee_email,
                                      "customer": customer_of(claim), "subject": claim.subject,
                                      "status": claim.status,
                                      "received_at": self.mailer.local(claim.created_at),
                                      "repeat": notice.repeat})

    def _chase(self, session: Session, claim: ClaimRow, notice: Notice, now: datetime) -> None:
        specialist = self.staff.find(claim.assignee_email)
        self.mailer.to_customer(session, claim, "customer_chaser", dedup_key=notice.key,
                                now=now, context={
                                    "customer_name": claim.customer_name or None,
                                    "specialist_name": specialist.name if specialist else None,
                                    "specialist_position": specialist.position
                                    if specialist else "",
                                    "waiting_since": self.mailer.local(claim.waiting_since or now),
                                    "auto_close_on": self._auto_close_day(claim),
                                    "question": None})

    def _auto_close(self, session: Session, claim: ClaimRow, notice: Notice,
                    now: datetime) -> None:
        specialist = self.staff.find(claim.assignee_email)
        waiting_since = claim.waiting_since or now
        self.status.change(session, claim, ClaimStatus.CLOSED, now, actor="mailflow",
                           why="no answer from the customer", notify_customer=False)
        self.mailer.to_customer(session, claim, "auto_closed", dedup_key=notice.key, now=now,
                                context={"customer_name": claim.customer_name or None,
                                         "specialist_name": specialist.name
                                         if specialist else None,
                                         "waiting_since": self.mailer.local(waiting_since)})

    def _auto_close_day(self, claim: ClaimRow) -> object:
        days = self.timing.reminders.auto_close_after_days
        if not days or claim.waiting_since is None:
            return None
        calendar = self.timing.calendar
        return calendar.nth_working_day_after(calendar.local_date(claim.waiting_since), days)


def _clock(claim: ClaimRow) -> ClaimClock | None:
    deadlines = deadlines_of(claim)
    if deadlines is None:
        return None
    return ClaimClock(number=claim.number, status=ClaimStatus(claim.status),
                      deadlines=deadlines, first_response_at=claim.first_response_at,
                      waiting_since=claim.waiting_since, assignee=claim.assignee_email)


def _due(claim: ClaimRow, notice: Notice) -> datetime:
    deadlines = deadlines_of(claim)
    assert deadlines is not None
    assert notice.deadline_kind is not None
    return deadlines.due(notice.deadline_kind)


