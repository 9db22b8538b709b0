"""What a due reminder, escalation, chaser or auto-close sends, and what it changes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime

from mailflow.decide.completeness import ask_for, missing_fields
from mailflow.decide.effects import NoticeClaimed, Recorded
from mailflow.decide.lifecycle import change_status
from mailflow.decide.mail import customer_label, to_customer, to_person
from mailflow.decide.state import ClaimState, Plan, Policy
from mailflow.domain.model import ClaimStatus
from mailflow.domain.notices import Notice, NoticeKind
from mailflow.extract.model import FoundField


def decide_notice(plan: Plan, notice: Notice, now: datetime, policy: Policy,
                  fields: Sequence[FoundField] = ()) -> Plan:
    """Claim the notice's key and send what it stands for (`fields`: the claim's current
    fields, so that a chaser asks only for what is still missing)."""
    plan = plan.add(NoticeClaimed(notice.key, notice.kind.value, notice.due_at,
                                  notice.deadline_kind, notice.repeat),
                    Recorded(f"notice.{notice.kind.value}",
                             {"key": notice.key, "deadline": notice.deadline_kind,
                              "repeat": notice.repeat}))
    if notice.kind is NoticeKind.REMINDER:
        return _remind(plan, notice, now, policy)
    if notice.kind is NoticeKind.ESCALATION:
        return _escalate(plan, notice, now, policy)
    if notice.kind is NoticeKind.CUSTOMER_CHASER:
        return _chase(plan, notice, now, policy, fields)
    return _auto_close(plan, notice, now, policy)


def _due(state: ClaimState, notice: Notice) -> datetime:
    assert state.deadlines is not None
    assert notice.deadline_kind is not None
    return state.deadlines.due(notice.deadline_kind)


def _remind(plan: Plan, notice: Notice, now: datetime, policy: Policy) -> Plan:
    state = plan.state
    person = policy.person(state.assignee)
    if person is None:
        return plan
    calendar = policy.calendar
    days_left = calendar.working_days_between(calendar.local_date(now),
                                              calendar.local_date(_due(state, notice)))
    return plan.add(to_person(state, person, "deadline_reminder", notice.key, {
        "specialist_name": person.name, "deadline_kind": notice.deadline_kind,
        "due_at": policy.local(_due(state, notice)),
        "working_days_left": max(days_left, 0), "customer": customer_label(state),
        "subject": state.subject, "status": state.status.value}))


def _escalate(plan: Plan, notice: Notice, now: datetime, policy: Policy) -> Plan:
    state = replace(plan.state, overdue=True)
    plan = plan.add(state=state)
    specialist = policy.person(state.assignee)
    overdue = policy.calendar.working_time_between(_due(state, notice), now)
    for manager in policy.team.managers:
        plan = plan.add(to_person(state, manager, "escalation", f"{notice.key}:{manager.email}", {
            "manager_name": manager.name, "deadline_kind": notice.deadline_kind,
            "due_at": policy.local(_due(state, notice)),
            "overdue_working_hours": overdue.total_seconds() / 3600,
            "specialist_name": specialist.name if specialist else None,
            "specialist_email": state.assignee, "customer": customer_label(state),
            "subject": state.subject, "status": state.status.value,
            "received_at": policy.local(state.created_at), "repeat": notice.repeat}))
    return plan


def _chase(plan: Plan, notice: Notice, now: datetime, policy: Policy,
           fields: Sequence[FoundField]) -> Plan:
    state = plan.state
    specialist = policy.person(state.assignee)
    missing = missing_fields(state.category, (f.name for f in fields), policy.required) \
        if fields else ()
    return plan.add(to_customer(state, "customer_chaser", notice.key, {
        "customer_name": state.customer.name or None,
        "specialist_name": specialist.name if specialist else None,
        "specialist_position": specialist.position if specialist else "",
        "waiting_since": policy.local(state.waiting_since or now),
        "auto_close_on": _auto_close_day(state, policy), "question": None,
        "missing_items": ask_for(missing, state.language)}))


def _auto_close(plan: Plan, notice: Notice, now: datetime, policy: Policy) -> Plan:
    state = plan.state
    specialist = policy.person(state.assignee)
    waiting_since = state.waiting_since or now
    plan = change_status(plan, ClaimStatus.CLOSED, policy, now,
                         why="no answer from the customer", notify_customer=False)
    return plan.add(to_customer(plan.state, "auto_closed", notice.key, {
        "customer_name": state.customer.name or None,
        "specialist_name": specialist.name if specialist else None,
        "waiting_since": policy.local(waiting_since)}))


def _auto_close_day(state: ClaimState, policy: Policy) -> date | None:
    days = policy.reminders.auto_close_after_days
    if not days or state.waiting_since is None:
        return None
    calendar = policy.calendar
    return calendar.nth_working_day_after(calendar.local_date(state.waiting_since), days)
