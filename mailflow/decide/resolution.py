"""The claim's outcome, cause, compensation and the customer's rating, as rules.

`#outcome`, `#compensation`, `#cause` and the CLI setters all come through
`apply_resolution`; every status move that ends a claim asks `check_can_end` first (staff
and CLI moves, via `lifecycle.move_status`). Closing a claim automatically because the
customer went silent does not: nobody decided anything then, and the claim stays without
an outcome. A rating is read from a customer's reply on a decided, resolved or closed
claim (`rating_in_reply`); the owner of the claim is told of it (`rating_notice`).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

from mailflow.decide.effects import MessageMarked, Rated, ResolutionChanged, ResolutionPart
from mailflow.decide.mail import customer_label, to_person
from mailflow.decide.state import ClaimState, Plan, Policy
from mailflow.decide.wording import argument_problem, unknown_cause
from mailflow.domain.model import ClaimStatus, ParsedMessage
from mailflow.domain.outcome import Compensation, Rating, Resolution
from mailflow.domain.resolution import (
    ArgumentError,
    amount_text,
    missing_to_end,
    read_cause,
    read_compensation,
    read_outcome,
    read_rating,
)
from mailflow.parse.quotes import strip_reply

RESOLUTION_COMMANDS = frozenset({"outcome", "compensation", "cause"})
RATED_STATUSES = frozenset({ClaimStatus.RESOLVED, ClaimStatus.CLOSED})


class ResolutionMissing(ValueError):
    """The claim cannot reach `target` yet: `missing` names what it lacks."""

    def __init__(self, target: ClaimStatus, missing: tuple[str, ...]) -> None:
        super().__init__(f"{target.value} needs: {', '.join(missing)}")
        self.target = target
        self.missing = missing


class ResolutionRefused(ValueError):
    """An outcome, compensation or cause that cannot be recorded; `problem` says why, worded
    for the person who asked."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


def check_can_end(state: ClaimState, target: ClaimStatus, policy: Policy) -> None:
    """ResolutionMissing unless the claim has what `target` (resolved, rejected, closed)
    needs: an outcome, a reason for a rejection, the outcome `rejected` for the status."""
    if not policy.require_outcome:
        return
    missing = missing_to_end(state.resolution, target)
    if missing:
        raise ResolutionMissing(target, missing)


def apply_resolution(plan: Plan, name: str, argument: str, policy: Policy,
                     language: str) -> Plan:
    """`#outcome` / `#compensation` / `#cause` with its argument as typed or canonical;
    ResolutionRefused (worded in `language`) when it cannot be read."""
    try:
        if name == "outcome":
            outcome, reason = read_outcome(argument)
            return _resolve(plan, "outcome", replace(plan.state.resolution, outcome=outcome,
                                                     reason=reason))
        if name == "compensation":
            compensation = read_compensation(argument, policy.currency)
            return _resolve(plan, "compensation",
                            replace(plan.state.resolution, compensation=compensation))
    except ArgumentError as error:
        raise ResolutionRefused(argument_problem(error, language)) from None
    cause = read_cause(argument, policy.causes)
    if cause is None:
        raise ResolutionRefused(unknown_cause(argument, policy.causes, language))
    return _resolve(plan, "cause", replace(plan.state.resolution, cause=cause))


def _resolve(plan: Plan, name: ResolutionPart, new: Resolution) -> Plan:
    """The claim's resolution becomes `new`; an event when `name`'s part of it changed."""
    old = plan.state.resolution
    before, after = resolution_part(old, name), resolution_part(new, name)
    if before == after:
        return plan
    return plan.add(ResolutionChanged(name, after, before),
                    state=replace(plan.state, resolution=new))


def resolution_part(resolution: Resolution, name: ResolutionPart) -> Any:
    """One part of a resolution as the event and the CLI's JSON show it."""
    if name == "outcome":
        if resolution.outcome is None:
            return None
        return {"outcome": resolution.outcome.value, "reason": resolution.reason}
    if name == "compensation":
        return compensation_json(resolution.compensation)
    return resolution.cause


def compensation_json(compensation: Compensation | None) -> dict[str, Any] | None:
    """A compensation with its amount as a decimal string ("1500.50"), None without one."""
    if compensation is None:
        return None
    amount = amount_text(compensation.amount_minor) if compensation.amount_minor else None
    return {"kind": compensation.kind.value, "amount": amount,
            "currency": compensation.currency or None}


def rating_in_reply(state: ClaimState, msg: ParsedMessage) -> Rating | None:
    """The customer's rating when this reply is one: from the customer, on a decided claim
    that is resolved or closed, with no files, their own words starting with a digit 1..5."""
    sender = msg.from_.email.lower() if msg.from_ else ""
    if state.status not in RATED_STATUSES or state.resolution.outcome is None \
            or sender != state.customer.email.lower() \
            or any(not part.inline for part in msg.attachments):
        return None
    return read_rating(strip_reply(msg.text))


def record_rating(plan: Plan, rating: Rating, msg: ParsedMessage, at: datetime,
                  policy: Policy) -> Plan:
    """The rating replaces any earlier one (which the event keeps). The customer gets no
    acknowledgement and the claim is not reopened; the specialist who owns it is told,
    so that a new request that merely starts with a digit is not lost."""
    state = plan.state
    previous = None if state.rating is None else {
        "score": state.rating.score, "comment": state.rating.comment,
        "rated_at": state.rated_at.isoformat() if state.rated_at else None}
    plan = plan.add(Rated(rating.score, rating.comment, msg.message_id, previous),
                    MessageMarked("rating"),
                    state=replace(state, rating=rating, rated_at=at))
    # An owner who left the team: a manager reads it instead, so the words are never lost.
    person = policy.person(state.assignee) or next(iter(policy.team.managers), None)
    if person is None:
        return plan
    return plan.add(to_person(plan.state, person, "rating_notice",
                              f"rating:{msg.message_id}:{msg.content_hash}", {
                                  "specialist_name": person.name,
                                  "customer": customer_label(state), "score": rating.score,
                                  "comment": rating.comment, "received_at": policy.local(at)}))
