"""The claim's lifecycle rules, shared by mail, commands, the CLI and the scheduler.

Every status change, assignment and field change goes through these functions, so a rule
holds (and answers) the same way whichever way in asked for it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime

from mailflow.decide.completeness import ask_for, missing_fields
from mailflow.decide.effects import (
    Assigned,
    Categorised,
    FieldChanged,
    MailQueued,
    Recorded,
    StatusChanged,
)
from mailflow.decide.mail import customer_label, to_customer, to_person
from mailflow.decide.resolution import check_can_end
from mailflow.decide.state import ClaimState, Plan, Policy
from mailflow.decide.warranty import warranty_rows
from mailflow.decide.wording import language_for
from mailflow.domain.deadlines import (
    answer_by_date,
    initial_deadlines,
    pause,
    recompute_for,
    resume,
    statutory_deadline,
)
from mailflow.domain.model import AttachmentPart, ClaimStatus, Person, Priority
from mailflow.domain.outcome import Outcome
from mailflow.domain.status import TransitionError, can_transition, check_transition, steps_to
from mailflow.extract.model import FoundField

RESOLUTIONS = frozenset({ClaimStatus.RESOLVED, ClaimStatus.REJECTED})
_ANSWER_PROMISED = frozenset({ClaimStatus.ASSIGNED, ClaimStatus.IN_PROGRESS,
                              ClaimStatus.REOPENED})


@dataclass(frozen=True)
class ClaimFile:
    """What a newly responsible person receives: the customer's first text and attachments,
    and the fields read from the claim so far."""

    text: str = ""
    attachments: tuple[AttachmentPart, ...] = ()
    fields: tuple[FoundField, ...] = ()


def answer_by(state: ClaimState, policy: Policy) -> date | None:
    """The local date the customer was promised a written answer by."""
    return answer_by_date(state.deadlines, policy.calendar) if state.deadlines else None


def start_clock(plan: Plan, policy: Policy, category: str | None,
                keywords: Sequence[str], confidence: float | None = None) -> Plan:
    """Categorise a new claim and set its deadlines from its receipt."""
    state = plan.state
    deadlines = initial_deadlines(state.created_at, category, state.priority, policy.deadlines,
                                  policy.calendar)
    return plan.add(Categorised(category, tuple(keywords), confidence),
                    state=replace(state, category=category, category_confidence=confidence,
                                  deadlines=deadlines))


def change_status(plan: Plan, new: ClaimStatus, policy: Policy, now: datetime, *, why: str,
                  notify_customer: bool = True, note: str | None = None) -> Plan:
    """One transition (TransitionError when the rules forbid it); the customer is told."""
    old = plan.state.status
    if old == new:
        return plan
    check_transition(old, new)
    state = _run_clock(replace(plan.state, status=new), old, new, policy, now)
    if new in RESOLUTIONS:
        state = replace(state, resolved_at=now)
    plan = plan.add(StatusChanged(old, new, why), state=state)
    if notify_customer:
        plan = plan.add(_status_note(plan.state, new, policy, now, note))
    return plan


def move_status(plan: Plan, target: ClaimStatus, policy: Policy, now: datetime, *, why: str,
                note: str | None = None) -> Plan:
    """Reach `target` by the steps the rules allow (closing may pass through resolved, or
    through rejected when that is the outcome); the customer hears only of the last one.
    TransitionError when there is no way, ResolutionMissing when the claim may not end yet."""
    steps = _steps(plan.state, target)
    if steps is None:
        raise TransitionError(plan.state.status, target)
    for step in (target, *steps) if steps else ():  # staying where it is needs nothing
        check_can_end(plan.state, step, policy)
    for step in steps:
        plan = change_status(plan, step, policy, now, why=why, notify_customer=step == target,
                             note=note if step == target else None)
    return plan


def _steps(state: ClaimState, target: ClaimStatus) -> tuple[ClaimStatus, ...] | None:
    """`steps_to`, except that closing a rejected claim passes through `rejected`."""
    steps = steps_to(state.status, target)
    rejected = state.resolution.outcome is Outcome.REJECTED
    if steps == (ClaimStatus.RESOLVED, ClaimStatus.CLOSED) and rejected \
            and can_transition(state.status, ClaimStatus.REJECTED):
        return (ClaimStatus.REJECTED, ClaimStatus.CLOSED)
    return steps


def assign(plan: Plan, person: Person, policy: Policy, now: datetime, *, why: str,
           notify_customer: bool = False) -> Plan:
    """Make `person` responsible; a new or reopened claim becomes assigned."""
    previous = plan.state.assignee
    plan = plan.add(Assigned(person.email, person.name, previous, why),
                    state=replace(plan.state, assignee=person.email, assigned_at=now))
    if plan.state.status in (ClaimStatus.NEW, ClaimStatus.REOPENED):
        plan = change_status(plan, ClaimStatus.ASSIGNED, policy, now, why=why,
                             notify_customer=notify_customer)
    return plan


# The extractor's category is right 96 % of the time at this confidence and above, and two
# times in three below it (cross-validation on the labelled letters, issue 10).
CERTAIN_CATEGORY = 0.9


def category_uncertain(state: ClaimState) -> bool:
    """Whether the claim's category was read with a confidence too low to rely on (one set
    by a rule or by a person has no confidence and is not in doubt)."""
    confidence = state.category_confidence
    return state.category is not None and confidence is not None \
        and confidence < CERTAIN_CATEGORY


def hand_over(plan: Plan, person: Person, policy: Policy, now: datetime, *, why: str,
              claim_file: ClaimFile) -> Plan:
    """Assign the claim to `person` and send them the claim with its attachments."""
    previous = plan.state.assignee
    plan = assign(plan, person, policy, now, why=why)
    return plan.add(assignee_notice(plan.state, person, policy, now, claim_file,
                                    reassigned_from=previous))


def assignee_notice(state: ClaimState, person: Person, policy: Policy, now: datetime,
                    claim_file: ClaimFile, *, reassigned_from: str | None) -> MailQueued:
    """The claim as its new owner receives it, with the attachments that fit the limit."""
    included, omitted = _fitting(claim_file.attachments, policy.forward_limit)
    previous = policy.person(reassigned_from)
    return to_person(state, person, "specialist_new_claim",
                     f"assigned:{state.number}:{person.email}:{now.isoformat()}", {
                         "specialist_name": person.name, "customer": customer_label(state),
                         "subject": state.subject, "category": state.category,
                         "category_uncertain": category_uncertain(state),
                         "priority": state.priority,
                         "received_at": policy.local(state.created_at),
                         "answer_by": answer_by(state, policy), "text": claim_file.text,
                         "attachments": _listing(included),
                         "omitted_attachments": _listing(omitted), "commands_help": True,
                         "reassigned": reassigned_from is not None,
                         "previous_specialist": previous.name if previous else reassigned_from,
                         "fields": field_rows(claim_file.fields),
                         "warranty": warranty_rows(claim_file.fields, policy.warranty_months,
                                                   policy.calendar.local_date(
                                                       state.created_at)),
                         "missing": ask_for(missing_fields(
                             state.category, (f.name for f in claim_file.fields),
                             policy.required), language_for(person, state.language))},
                     attachments=included)


def with_statutory_term(plan: Plan, demands: Sequence[str], policy: Policy, *,
                        only_earlier: bool = False) -> Plan:
    """The term in law for the customer's demand (the shortest, when they ask for several)
    becomes the claim's statutory deadline, counted in calendar days from receipt. With
    `only_earlier` (what a follow-up says) an existing term is never moved later."""
    state = plan.state
    terms = [policy.statutory_days[d] for d in demands if d in policy.statutory_days]
    if not terms or state.deadlines is None:
        return plan
    due = statutory_deadline(state.created_at, min(terms), policy.calendar)
    current = state.deadlines.statutory_due
    if current == due or (only_earlier and current is not None and current <= due):
        return plan
    return plan.add(Recorded("claim.statutory_deadline", {"due": due.isoformat(),
                                                          "days": min(terms)}),
                    state=replace(state, deadlines=replace(state.deadlines, statutory_due=due)))


def field_rows(fields: Sequence[FoundField]) -> list[dict[str, object]]:
    """The fields as the specialist's table shows them: name, value and where it came from."""
    return [{"field": f.name.value, "value": f.value, "source": f.source.value,
             "attachment": f.attachment} for f in fields]


def set_field(plan: Plan, name: str, value: str, policy: Policy) -> Plan:
    """A new category or priority: new terms for the deadlines (pauses so far still count)."""
    state = plan.state
    if name == "priority":
        state = replace(state, priority=Priority(value).value)
    else:
        state = replace(state, category=value)
    if state.deadlines is not None:
        state = replace(state, deadlines=recompute_for(
            state.deadlines, state.created_at, state.category, state.priority,
            policy.deadlines, policy.calendar))
    previous = plan.state.priority if name == "priority" else plan.state.category
    return plan.add(FieldChanged("priority" if name == "priority" else "category", value,
                                 previous), state=state)


def _run_clock(state: ClaimState, old: ClaimStatus, new: ClaimStatus, policy: Policy,
               at: datetime) -> ClaimState:
    """Waiting for the customer stops the clock; their answer (or any move on) restarts it.
    Reopening starts a new clock: the old deadlines were met or escalated already."""
    deadlines = state.deadlines
    if deadlines is None:
        return state
    if new == ClaimStatus.REOPENED:
        fresh = initial_deadlines(at, state.category, state.priority, policy.deadlines,
                                  policy.calendar)  # the term in law still runs from receipt
        return replace(state, deadlines=replace(fresh, statutory_due=deadlines.statutory_due),
                       overdue=False)
    if new == ClaimStatus.WAITING_CUSTOMER:
        return replace(state, deadlines=pause(deadlines, at), waiting_since=at)
    if old == ClaimStatus.WAITING_CUSTOMER:
        return replace(state, deadlines=resume(deadlines, at, policy.calendar),
                       waiting_since=None)
    return state


def _status_note(state: ClaimState, status: ClaimStatus, policy: Policy, now: datetime,
                 note: str | None) -> MailQueued:
    person = policy.person(state.assignee)
    promised = status in _ANSWER_PROMISED and state.first_response_at is None
    return to_customer(state, "status_update",
                       f"status:{state.number}:{status.value}:{now.isoformat()}", {
                           "customer_name": state.customer.name, "status": status.value,
                           "specialist_name": person.name if person else None,
                           "specialist_position": person.position if person else None,
                           "note": note,
                           "answer_by": answer_by(state, policy) if promised else None,
                           "ask_rating": asks_for_rating(state, status)})


def asks_for_rating(state: ClaimState, status: ClaimStatus) -> bool:
    """The note that closes a decided claim asks the customer to rate it (1..5)."""
    return status == ClaimStatus.CLOSED and state.resolution.outcome is not None


def _fitting(parts: Sequence[AttachmentPart], limit: int
             ) -> tuple[tuple[AttachmentPart, ...], tuple[AttachmentPart, ...]]:
    """Attachments in order while their total stays within `limit` bytes, and the rest."""
    included: list[AttachmentPart] = []
    omitted: list[AttachmentPart] = []
    total = 0
    for part in parts:
        fits = total + len(part.payload) <= limit
        (included if fits else omitted).append(part)
        total += len(part.payload) if fits else 0
    return tuple(included), tuple(omitted)


def _listing(parts: Sequence[AttachmentPart]) -> list[dict[str, object]]:
    return [{"filename": p.filename, "size": len(p.payload)} for p in parts]


def fitting(parts: Sequence[AttachmentPart], limit: int
            ) -> tuple[tuple[AttachmentPart, ...], list[dict[str, object]],
                       list[dict[str, object]]]:
    """The attachments that travel with staff mail, and listings of those that do and don't."""
    included, omitted = _fitting(parts, limit)
    return included, _listing(included), _listing(omitted)
