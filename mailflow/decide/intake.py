"""What a stored message from a customer (or a machine) leads to.

Whether to acknowledge and whether a claim gets an owner are separate decisions: mail
written by a machine is never acknowledged (RFC 3834), but any new claim that is not a
bounce, our own mail or an automatic reply to our own mail gets an owner and deadlines,
so that a web form's `Auto-Submitted: auto-generated` complaint is still worked while an
out-of-office answer (`auto-replied`) to our acknowledgement is only kept.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from mailflow.decide.acknowledge import decide_acknowledgement, quote_text
from mailflow.decide.bounces import diagnostic
from mailflow.decide.completeness import ask_for, missing_fields
from mailflow.decide.effects import AcknowledgementQueued, Effect, FieldsFound, Recorded
from mailflow.decide.lifecycle import (
    ClaimFile,
    answer_by,
    assign,
    assignee_notice,
    change_status,
    fitting,
    start_clock,
    with_statutory_term,
)
from mailflow.decide.mail import customer_label, to_person
from mailflow.decide.resolution import rating_in_reply, record_rating
from mailflow.decide.state import ClaimState, Plan, Policy
from mailflow.decide.wording import language_for, nobody_available
from mailflow.domain.assignment import Assignment, categorize, choose_specialist
from mailflow.domain.claims import base_subject
from mailflow.domain.model import (
    ClaimStatus,
    Classification,
    MessageKind,
    ParsedMessage,
    Person,
)
from mailflow.domain.team import Team
from mailflow.extract.model import COUNT_FIELDS, Category, Extraction, FieldName, FoundField
from mailflow.parse.quotes import strip_reply

_OWNERLESS = frozenset({MessageKind.BOUNCE, MessageKind.SELF})


@dataclass(frozen=True)
class Arrival:
    """A message just stored on a claim, and what the earlier stages found out about it."""

    msg: ParsedMessage
    classification: Classification
    is_new: bool
    reopen: bool = False
    answers_our_mail: bool = False
    received_at: datetime | None = None  # when it reached the mailbox (None: now)
    extraction: Extraction | None = None


@dataclass(frozen=True)
class IntakeFacts:
    """What the adapter looked up for the decision."""

    now: datetime
    away: frozenset[str] = frozenset()
    open_counts: Mapping[str, int] = field(default_factory=dict)
    recent_acks: int = 0
    known_fields: tuple[FoundField, ...] = ()
    # The owner chosen before the rules run (a specialist who entered the claim himself).
    preferred: Person | None = None


def needs_owner(arrival: Arrival) -> bool:
    """A new claim someone must work: anything but bounces and automatic answers to us."""
    automatic_answer = arrival.classification.automated and arrival.answers_our_mail
    return arrival.classification.kind not in _OWNERLESS and not automatic_answer


def decide_new_claim(plan: Plan, arrival: Arrival, facts: IntakeFacts,
                     policy: Policy) -> Plan:
    """Categorise, start the clock, assign, acknowledge, and send the owner the claim."""
    if not needs_owner(arrival):
        return plan.add(Recorded("claim.ownerless", {"kind": arrival.classification.kind}),
                        _acknowledgement(plan.state, arrival, facts, policy))
    msg, extraction = arrival.msg, arrival.extraction
    fields = extraction.fields if extraction else ()
    if fields:
        plan = plan.add(FieldsFound(fields, "read from the claim"))
    plan = _skipped_notes(plan, extraction)
    plan = start_clock(plan, policy, *_category(msg, extraction, policy))
    plan = with_statutory_term(plan, extraction.values(FieldName.DEMAND) if extraction else (),
                               policy)
    choice = (Assignment(facts.preferred, "entered the claim") if facts.preferred else
              choose_specialist(plan.state.category, plan.state.language,
                                policy.team.specialists, facts.open_counts, facts.away))
    if choice is None:
        plan = _unassigned(plan, arrival, facts, policy)
        return plan.add(_acknowledgement(plan.state, arrival, facts, policy))
    plan = assign(plan, choice.person, policy, facts.now, why=choice.reason)
    plan = plan.add(_acknowledgement(plan.state, arrival, facts, policy))
    claim_file = ClaimFile(msg.text, msg.attachments, fields)
    return plan.add(assignee_notice(plan.state, choice.person, policy, facts.now, claim_file,
                                    reassigned_from=None))


def decide_follow_up(plan: Plan, arrival: Arrival, facts: IntakeFacts,
                     policy: Policy) -> Plan:
    """A later message on a claim: reopen or resume it, and pass it to the owner; or, on a
    decided claim that is resolved or closed, the customer's rating, which is only recorded."""
    if arrival.classification.automated:
        return _automated_follow_up(plan, arrival, facts, policy)
    msg = arrival.msg
    # A subject that reads as an auto-reply ("Automatic reply: …") is never a score.
    automatic = "auto-reply-subject" in arrival.classification.rules
    rating = None if automatic else rating_in_reply(plan.state, msg)
    if rating is not None:
        return record_rating(plan, rating, msg, arrival.received_at or facts.now, policy)
    if arrival.reopen:  # the new clock runs from the letter's receipt, not from processing
        plan = change_status(plan, ClaimStatus.REOPENED, policy,
                             arrival.received_at or facts.now,
                             why=f"customer wrote again ({msg.message_id})")
    elif plan.state.status == ClaimStatus.WAITING_CUSTOMER:
        plan = change_status(plan, ClaimStatus.IN_PROGRESS, policy,
                             arrival.received_at or facts.now,
                             why="the customer answered", notify_customer=False)
    plan, completed = _completion(plan, arrival, facts, policy)
    return _forward(plan, arrival, facts, policy, completed)


def _skipped_notes(plan: Plan, extraction: Extraction | None) -> Plan:
    """What the extractor could not read (an encrypted PDF, a bomb, a cap) stays on the claim."""
    if extraction is None or not extraction.notes:
        return plan
    return plan.add(Recorded("extraction.skipped", {"notes": list(extraction.notes)}))


def _completion(plan: Plan, arrival: Arrival, facts: IntakeFacts,
                policy: Policy) -> tuple[Plan, tuple[FieldName, ...]]:
    """Record what a follow-up adds (never overwriting what was given) and which of the
    missing fields it supplied."""
    if arrival.extraction is None:
        return plan, ()
    plan = _skipped_notes(plan, arrival.extraction)
    known = {f.name for f in facts.known_fields}
    new = tuple(f for f in arrival.extraction.fields
                if f.name not in known or f.name in COUNT_FIELDS)
    if not new:
        return plan, ()
    category = plan.state.category
    before = missing_fields(category, known, policy.required)
    after = set(missing_fields(category, known | {f.name for f in new}, policy.required))
    plan = plan.add(FieldsFound(new, f"follow-up {arrival.msg.message_id}"))
    demands = [f.value for f in new if f.name is FieldName.DEMAND]
    return (with_statutory_term(plan, demands, policy, only_earlier=True),
            tuple(name for name in before if name not in after))


def _acknowledgement(state: ClaimState, arrival: Arrival, facts: IntakeFacts,
                     policy: Policy) -> Effect:
    msg = arrival.msg
    decision = decide_acknowledgement(msg, arrival.classification, True, policy.own_addresses,
                                      facts.recent_acks, policy.max_acks_per_hour)
    if not decision.send or decision.recipient is None:
        return Recorded("acknowledgement.skipped", {"why": decision.reason})
    person = policy.person(state.assignee)
    specialist = ", ".join(p for p in (person.name, person.position) if p) if person else None
    found = arrival.extraction.fields if arrival.extraction else ()
    missing = missing_fields(state.category, (f.name for f in found), policy.required)
    context = {"customer_name": decision.recipient.name,
               "original_subject": base_subject(msg.subject),
               "received_at": policy.local(state.created_at),
               "answer_by": answer_by(state, policy), "specialist": specialist,
               "missing_items": ask_for(missing, state.language) if arrival.extraction else [],
               "quoted_text": quote_text(msg.text)}
    return AcknowledgementQueued(decision.recipient, f"ack:{msg.message_id}:{msg.content_hash}",
                                 context, msg)


def _category(msg: ParsedMessage, extraction: Extraction | None,
              policy: Policy) -> tuple[str | None, tuple[str, ...], float | None]:
    """The extractor's category when it is sure enough, else the configured keywords'."""
    if extraction is not None and extraction.category is not Category.OTHER \
            and extraction.category_confidence >= policy.category_threshold:
        return extraction.category.value, (), extraction.category_confidence
    category, keywords = categorize(msg.subject, msg.text, policy.keywords)
    if category is None and extraction is not None:
        return extraction.category.value, (), extraction.category_confidence
    return category, keywords, None


def _unassigned(plan: Plan, arrival: Arrival, facts: IntakeFacts, policy: Policy) -> Plan:
    reason = _nobody_because(policy.team, facts.away)
    state = plan.state
    plan = plan.add(Recorded("claim.unassigned", {"why": reason}))
    for manager in policy.team.managers:
        plan = plan.add(to_person(state, manager, "unassigned_claim",
                                  f"unassigned:{state.number}:{manager.email}", {
                                      "manager_name": manager.name,
                                      "customer": customer_label(state),
                                      "subject": state.subject, "category": state.category,
                                      "received_at": policy.local(state.created_at),
                                      "answer_by": answer_by(state, policy),
                                      "reason": nobody_available(
                                          reason, language_for(manager, state.language)),
                                      "text": arrival.msg.text}))
    return plan


def _forward(plan: Plan, arrival: Arrival, facts: IntakeFacts, policy: Policy,
             completed: tuple[FieldName, ...] = ()) -> Plan:
    person = policy.person(plan.state.assignee)
    if person is None:
        return plan
    msg = arrival.msg
    language = language_for(person, plan.state.language)
    known = {f.name for f in facts.known_fields}
    known |= {f.name for f in arrival.extraction.fields} if arrival.extraction else set()
    still = missing_fields(plan.state.category, known, policy.required) if completed else ()
    included, listed, omitted = fitting(msg.attachments, policy.forward_limit)
    sender = str(msg.from_) if msg.from_ else ""
    return plan.add(to_person(plan.state, person, "specialist_follow_up",
                              f"follow-up:{msg.message_id}:{msg.content_hash}", {
                                  "specialist_name": person.name, "customer": sender,
                                  "subject": base_subject(msg.subject),
                                  "received_at": policy.local(arrival.received_at or facts.now),
                                  "text": strip_reply(msg.text), "attachments": listed,
                                  "omitted_attachments": omitted,
                                  "status": plan.state.status.value,
                                  "completed": ask_for(completed, language),
                                  "still_missing": ask_for(still, language)},
                              attachments=included))


def _automated_follow_up(plan: Plan, arrival: Arrival, facts: IntakeFacts,
                         policy: Policy) -> Plan:
    person = policy.person(plan.state.assignee)
    if arrival.classification.kind is not MessageKind.BOUNCE or person is None:
        return plan
    msg = arrival.msg
    return plan.add(to_person(plan.state, person, "bounce_notice",
                              f"bounce:{msg.message_id}:{msg.content_hash}", {
                                  "specialist_name": person.name,
                                  "customer": customer_label(plan.state),
                                  "diagnostic": diagnostic(msg),
                                  "received_at": policy.local(arrival.received_at or facts.now)}))


def _nobody_because(team: Team, away: frozenset[str]) -> str:
    """A code for `wording.nobody_available`."""
    if not team.specialists:
        return "no-specialists"
    if all(person.email in away for person in team.specialists):
        return "all-away"
    return "all-busy"


