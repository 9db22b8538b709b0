"""The approver's answer to «Ответ на согласование»: approve, approve an edited text, reject.

Trusted only from the approver's address answering a personal reference issued to them (the
adapter's `distrust`); read from their own text only, checked for leaks like a relay. Then:

- `#approve` alone: the draft goes to the customer as the specialist's relay would have;
- a text followed by `#approve`: that text goes instead of the draft;
- `#reject reason`: nothing goes to the customer, the author gets the reason.

The author is told the outcome in every case. The `#status` held with the draft is carried
out after an approved answer (by the lifecycle rules; if they no longer allow it, the author
is told) and dropped with a rejected one.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from mailflow.decide.effects import ApprovalDecided, MailQueued, MessageMarked, Recorded
from mailflow.decide.lifecycle import change_status, move_status
from mailflow.decide.mail import to_customer, to_person
from mailflow.decide.resolution import ResolutionMissing
from mailflow.decide.staff import (
    StaffReply,
    refuse_blocked,
    refuse_commands,
    refuse_untrusted,
)
from mailflow.decide.state import Plan, Policy
from mailflow.decide.wording import (
    bad_transition,
    command_problem,
    language_for,
    resolution_missing,
)
from mailflow.domain.claims import base_subject
from mailflow.domain.commands import parse_commands
from mailflow.domain.leaks import leaked_lines
from mailflow.domain.model import AttachmentPart, ClaimStatus, Person
from mailflow.domain.status import TransitionError, can_transition
from mailflow.parse.quotes import split_reply

_ANSWER_ONLY = {
    "ru": "в ответе на согласование нужна ровно одна команда: #согласовать (исправленный "
          "текст — над ней) или #отклонить причина",
    "en": "an answer for approval takes exactly one command: #approve (with a changed answer "
          "above it) or #reject reason",
}


@dataclass(frozen=True)
class HeldAnswer:
    """An answer waiting for approval, as the approver's answer is judged against it."""

    approval_id: int
    author: Person
    approver: str
    draft: str
    held_status: ClaimStatus | None = None
    attachments: tuple[AttachmentPart, ...] = ()


def decide_approval_answer(plan: Plan, reply: StaffReply, held: HeldAnswer, now: datetime,
                           policy: Policy) -> Plan:
    """Verify the approver's answer, then send the approved text or return the draft."""
    if reply.distrust:
        return refuse_untrusted(plan, reply, reply.distrust, now, policy)
    parts = split_reply(reply.msg.text)
    if not parts.own and parts.quoted:
        return refuse_blocked(plan, reply, [])
    leaked = leaked_lines(parts.own, reply.staff_texts)
    if leaked:
        return refuse_blocked(plan, reply, leaked)
    parsed = parse_commands(parts.own, policy.categories)
    language = language_for(reply.person, plan.state.language)
    problems = [{"line": e.line, "message": command_problem(e, language, policy.categories)}
                for e in parsed.errors]
    verdicts = [c for c in parsed.commands if c.name in ("approve", "reject")]
    if not problems and (parsed.note is not None or len(verdicts) != 1
                         or len(parsed.commands) != 1):
        problems.append({"line": reply.msg.subject,
                         "message": _ANSWER_ONLY.get(language, _ANSWER_ONLY["en"])})
    if problems:
        return refuse_commands(plan, reply, problems)
    if verdicts[0].name == "reject":
        return _reject(plan, reply, held, verdicts[0].argument)
    return _approve(plan, reply, held, parsed.body.strip(), now, policy)


def _approve(plan: Plan, reply: StaffReply, held: HeldAnswer, text: str, now: datetime,
             policy: Policy) -> Plan:
    edited = bool(text) and text != held.draft.strip()
    final = text or held.draft
    state, author = plan.state, held.author
    relay = to_customer(state, "relay", f"relay:approval:{held.approval_id}", {
        "customer_name": state.customer.name, "specialist_name": author.name,
        "specialist_position": author.position, "body": final,
        "original_subject": base_subject(state.subject)},
        attachments=held.attachments, automatic=False)
    answered = replace(state, first_response_at=state.first_response_at or now)
    plan = plan.add(
        ApprovalDecided(held.approval_id, True, reply.person.email, held.draft, final,
                        edited=edited),
        MessageMarked("approval"), relay,
        Recorded("message.relayed", {"from": author.email, "to": state.customer.email,
                                     "approved_by": reply.person.email}),
        state=answered)
    plan, status_problem = _carry_out_status(plan, held, now, policy)
    return plan.add(_outcome_mail(plan, reply, held, "edited" if edited else "approved",
                                  final, "", status_problem))


def _carry_out_status(plan: Plan, held: HeldAnswer, now: datetime,
                      policy: Policy) -> tuple[Plan, str]:
    """The held `#status` (else the first-answer step to in_progress), and why it could not
    be carried out ("" when it was)."""
    why = f"answer approved (approval {held.approval_id})"
    if held.held_status is None:
        if can_transition(plan.state.status, ClaimStatus.IN_PROGRESS):
            plan = change_status(plan, ClaimStatus.IN_PROGRESS, policy, now,
                                 why="first answer to the customer", notify_customer=False)
        return plan, ""
    language = language_for(held.author, plan.state.language)
    try:
        return move_status(plan, held.held_status, policy, now, why=why), ""
    except TransitionError:
        return plan, bad_transition(plan.state.status, held.held_status, language)
    except ResolutionMissing as missing:  # the decision changed while the answer waited
        return plan, resolution_missing(held.held_status, missing.missing, language)


def _reject(plan: Plan, reply: StaffReply, held: HeldAnswer, reason: str) -> Plan:
    return plan.add(
        ApprovalDecided(held.approval_id, False, reply.person.email, held.draft,
                        reason=reason),
        MessageMarked("approval"),
        _outcome_mail(plan, reply, held, "rejected", held.draft, reason, ""))


def _outcome_mail(plan: Plan, reply: StaffReply, held: HeldAnswer, decision: str,
                  text: str, reason: str, status_problem: str) -> MailQueued:
    return to_person(plan.state, held.author, "approval_outcome",
                     f"approval-outcome:{held.approval_id}", {
                         "specialist_name": held.author.name, "decision": decision,
                         "approver_name": reply.person.name, "text": text, "reason": reason,
                         "held_status": held.held_status.value if held.held_status else None,
                         "status_problem": status_problem})
