"""What a specialist's or manager's reply leads to: commands, a relay, a note, or a refusal.

Commands are read from the writer's own text only (never from quoted history), checked
against the same lifecycle rules the CLI uses, and applied all or none. The relay fails
closed: if the text to send still contains lines of mailflow's own mail to staff, nothing
is sent or changed and the writer is told why.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime

from mailflow.decide.approval import (
    hold_answer,
    not_the_approver,
    status_waits,
    still_waiting,
)
from mailflow.decide.effects import FieldsFound, MessageMarked, Recorded
from mailflow.decide.lifecycle import (
    ClaimFile,
    change_status,
    hand_over,
    move_status,
    set_field,
    with_statutory_term,
)
from mailflow.decide.mail import to_customer, to_person
from mailflow.decide.merge import MergeSide, merge_problem, merge_refusal
from mailflow.decide.resolution import (
    RESOLUTION_COMMANDS,
    ResolutionMissing,
    ResolutionRefused,
    apply_resolution,
)
from mailflow.decide.state import Plan, Policy
from mailflow.decide.wording import (
    bad_transition,
    command_problem,
    language_for,
    leaked_line,
    not_a_count,
    not_staff,
    relay_failed,
    resolution_missing,
    unknown_field,
    untrusted_reason,
)
from mailflow.domain.approval import ApprovalNeed, ClaimFacts, approval_needed
from mailflow.domain.claims import base_subject
from mailflow.domain.commands import Command, ParsedCommands, parse_commands
from mailflow.domain.leaks import leaked_lines
from mailflow.domain.model import (
    AttachmentPart,
    ClaimStatus,
    ParsedMessage,
    Person,
)
from mailflow.domain.status import TransitionError, can_transition
from mailflow.extract.model import COUNT_FIELDS, FIELD_ALIASES, FieldName, FoundField, Source
from mailflow.parse.quotes import split_reply


@dataclass(frozen=True)
class StaffReply:
    """A message from a member of staff on a claim, with what the adapter found out."""

    msg: ParsedMessage
    person: Person
    distrust: str | None = None
    staff_texts: tuple[str, ...] = ()
    claim_file: ClaimFile = field(default_factory=ClaimFile)
    received_at: datetime | None = None  # when it reached the mailbox (None: now)
    awaiting_approval: str | None = None  # the approver of an earlier answer still held
    # The claims a `#merge` may name (and this one), by number, as the adapter found them.
    merge_sides: Mapping[str, MergeSide] = field(default_factory=dict)


class _Refused(Exception):
    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


def decide_staff_reply(plan: Plan, reply: StaffReply, now: datetime, policy: Policy) -> Plan:
    """Verify, then apply the commands and relay the rest, or refuse it all with reasons."""
    if reply.distrust:
        return _untrusted(plan, reply, reply.distrust, now, policy)
    parts = split_reply(reply.msg.text)
    if not parts.own and parts.quoted:
        return _blocked(plan, reply, [])  # e.g. the answer is under an unmarked Outlook quote
    # Leaks first: pasted staff mail carries command help (`#note`, `#status …`) that is not
    # the writer's; the whole reply is refused before any line of it is read as a command.
    leaked = leaked_lines(parts.own, reply.staff_texts)
    if leaked:
        return _blocked(plan, reply, leaked)
    parsed = parse_commands(parts.own, policy.categories)
    language = language_for(reply.person, plan.state.language)
    problems = [{"line": e.line, "message": command_problem(e, language, policy.categories)}
                for e in parsed.errors]
    answered, refused = _answer(plan, reply, parsed, now, policy, language)
    problems += refused
    if problems:  # all or nothing: a refused command leaves the claim as it was
        return _rejected(plan, reply, problems)
    return answered


def decide_web_reply(plan: Plan, reply: StaffReply, now: datetime, policy: Policy
                     ) -> tuple[Plan, list[dict[str, str]]]:
    """An answer to the customer written on the staff page: the same leak check, approval,
    relay and first-answer status as a mail reply, but no commands (the page has its own
    actions) and no quoted history. The problems, when there are any, refuse all of it."""
    body = reply.msg.text.strip()
    language = language_for(reply.person, plan.state.language)
    leaked = leaked_lines(body, reply.staff_texts)
    if leaked:
        return plan, [{"line": line, "message": leaked_line(language)} for line in leaked[:10]]
    return _answer(plan, reply, ParsedCommands(body=body), now, policy, language)


def apply_command(plan: Plan, command: Command, now: datetime, policy: Policy,
                  claim_file: ClaimFile, language: str) -> Plan:
    """One command under the lifecycle rules; `_Refused` with the reason when they forbid it."""
    why = f"command {command.line.strip()!r}"
    if command.name in ("approve", "reject"):  # only as the approver's answer (approval_answer)
        raise _Refused(not_the_approver(language))
    if command.name == "status":
        target = ClaimStatus(command.argument)
        try:
            return move_status(plan, target, policy, now, why=why)
        except TransitionError:
            raise _Refused(bad_transition(plan.state.status, target, language)) from None
        except ResolutionMissing as missing:
            raise _Refused(resolution_missing(target, missing.missing, language)) from None
    if command.name in RESOLUTION_COMMANDS:
        try:
            return apply_resolution(plan, command.name, command.argument, policy, language)
        except ResolutionRefused as refused:
            raise _Refused(refused.problem) from None
    if command.name == "field":
        return correct_field(plan, command.argument, language, policy)
    if command.name == "assign":
        target_person = policy.person(command.argument)
        if target_person is None:
            raise _Refused(not_staff(command.argument, language))
        return hand_over(plan, target_person, policy, now, why=why, claim_file=claim_file)
    return set_field(plan, command.name, command.argument, policy)


def _apply_commands(plan: Plan, reply: StaffReply, commands: Sequence[Command], now: datetime,
                    policy: Policy, language: str) -> tuple[Plan, list[dict[str, str]]]:
    """The plan with every command applied, and the problems of those the rules refused."""
    problems: list[dict[str, str]] = []
    # The decision is recorded before any status move, whatever the order of the lines:
    # `#close` above `#outcome accepted` closes a decided claim.
    for command in sorted(commands, key=lambda c: c.name not in RESOLUTION_COMMANDS):
        try:
            if command.name == "merge":
                plan = _merge_request(plan, reply, command, language)
                continue
            plan = apply_command(plan, command, now, policy, reply.claim_file, language)
        except _Refused as refused:
            problems.append({"line": command.line, "message": refused.problem})
    return plan, problems


def _merge_request(plan: Plan, reply: StaffReply, command: Command, language: str) -> Plan:
    """`#merge A` on this claim: checked here, carried out by the adapter after the reply."""
    number = plan.state.number
    source = reply.merge_sides.get(number) or MergeSide(number, plan.state.customer.email)
    problem = merge_problem(reply.merge_sides.get(command.argument), source)
    if problem is not None:
        raise _Refused(merge_refusal(problem, language, target=command.argument, source=number))
    return plan.add(Recorded("merge.requested", {"into": command.argument}))


def _answer(plan: Plan, reply: StaffReply, parsed: ParsedCommands, now: datetime,
            policy: Policy, language: str) -> tuple[Plan, list[dict[str, str]]]:
    """The note or relay first, then the commands, then the first-answer status; and the
    problems of the commands the rules refused. An answer that needs approval is held."""
    if reply.awaiting_approval:
        waiting = _waiting_problems(reply, parsed, reply.awaiting_approval, language)
        if waiting:
            return plan, waiting
    if parsed.note is None and parsed.body.strip():
        need = _approval_need(plan, reply, parsed, now, policy, language)
        if need is not None:
            return _held(plan, reply, parsed, need, now, policy, language)
    plan = _note_or_relay(plan, reply, parsed, now)
    relayed = parsed.note is None and plan.has(MessageMarked)
    plan, problems = _apply_commands(plan, reply, parsed.commands, now, policy, language)
    explicit = any(command.name == "status" for command in parsed.commands)
    if relayed and not explicit and can_transition(plan.state.status, ClaimStatus.IN_PROGRESS):
        plan = change_status(plan, ClaimStatus.IN_PROGRESS, policy, now,
                             why="first answer to the customer", notify_customer=False)
    return plan, problems


def _waiting_problems(reply: StaffReply, parsed: ParsedCommands, approver: str,
                      language: str) -> list[dict[str, str]]:
    """While an earlier answer waits for approval, neither a new answer nor a `#status`
    (which goes with the held answer) is accepted."""
    problems = [{"line": reply.msg.subject, "message": still_waiting(approver, language)}] \
        if parsed.note is None and parsed.body.strip() else []
    return problems + [{"line": command.line, "message": status_waits(approver, language)}
                       for command in parsed.commands if command.name == "status"]


def _approval_need(plan: Plan, reply: StaffReply, parsed: ParsedCommands, now: datetime,
                   policy: Policy, language: str) -> ApprovalNeed | None:
    """Who must approve the answer, judged on the claim as the reply's commands leave it
    (`#outcome rejected` and the rejection letter usually come in one reply)."""
    state = _apply_commands(plan, reply, parsed.commands, now, policy, language)[0].state
    rejecting = state.status is ClaimStatus.REJECTED or any(
        command.name == "status" and command.argument == ClaimStatus.REJECTED.value
        for command in parsed.commands)
    facts = ClaimFacts(state.customer.email, state.category, state.resolution.outcome,
                       state.resolution.compensation, rejecting)
    return approval_needed(policy.approval, facts, reply.person.email)


def _held(plan: Plan, reply: StaffReply, parsed: ParsedCommands, need: ApprovalNeed,
          now: datetime, policy: Policy, language: str
          ) -> tuple[Plan, list[dict[str, str]]]:
    """The answer held for approval; the commands carried out, but `#status`, which is
    checked now and carried out with the approved answer. A claim waiting for the customer
    is in progress from now (silently): the next move is ours."""
    statuses = [command for command in parsed.commands if command.name == "status"]
    others = [command for command in parsed.commands if command.name != "status"]
    plan, problems = _apply_commands(plan, _awaiting(reply, plan.state.number,
                                                     plan.state.customer.email),
                                     others, now, policy, language)
    problems += _apply_commands(plan, reply, statuses, now, policy, language)[1]
    held_status = ClaimStatus(statuses[-1].argument) if statuses else None
    msg = reply.msg
    plan = hold_answer(plan, need, reply.person, parsed.body.strip(), held_status,
                       relayable(msg), f"{msg.message_id}:{msg.content_hash}", now, policy)
    if plan.state.status is ClaimStatus.WAITING_CUSTOMER:  # the answer is ours to give now:
        # no chaser or auto-close may reach the customer while it waits for approval
        plan = change_status(plan, ClaimStatus.IN_PROGRESS, policy, now,
                             why="answer held for approval", notify_customer=False)
    return plan, problems


def _awaiting(reply: StaffReply, number: str, customer: str) -> StaffReply:
    """The reply as its `#merge` is judged once its answer is held: the claim then waits for
    approval, and a draft left behind on a merged claim could be neither approved nor sent."""
    side = reply.merge_sides.get(number) or MergeSide(number, customer)
    return replace(reply, merge_sides={**reply.merge_sides,
                                       number: replace(side, awaiting_approval=True)})


def relayable(msg: ParsedMessage) -> list[AttachmentPart]:
    """The attachments of a staff reply that go to the customer with its answer."""
    return [a for a in msg.attachments if not a.inline
            and not a.content_type.lower().startswith("message/")]


def _note_or_relay(plan: Plan, reply: StaffReply, parsed: ParsedCommands,
                   now: datetime) -> Plan:
    person, msg, state = reply.person, reply.msg, plan.state
    if parsed.note is not None:
        return plan.add(MessageMarked("note"), Recorded("note", {"text": parsed.note}))
    body = parsed.body.strip()
    if not body:
        return plan
    relay = to_customer(state, "relay", f"relay:{msg.message_id}:{msg.content_hash}", {
        "customer_name": state.customer.name, "specialist_name": person.name,
        "specialist_position": person.position, "body": body,
        "original_subject": base_subject(state.subject)},
        attachments=relayable(msg), automatic=False)
    answered = replace(state, first_response_at=state.first_response_at or now)
    return plan.add(relay, MessageMarked("relayed"),
                    Recorded("message.relayed", {"from": person.email,
                                                 "to": state.customer.email}),
                    state=answered)


def _untrusted(plan: Plan, reply: StaffReply, reason: str, now: datetime,
               policy: Policy) -> Plan:
    person, msg = reply.person, reply.msg
    language = language_for(person, plan.state.language)
    return plan.add(
        MessageMarked("untrusted"),
        Recorded("message.untrusted", {"from": person.email, "why": reason,
                                       "message_id": msg.message_id}),
        to_person(plan.state, person, "untrusted_message",
                  f"untrusted:{msg.message_id}:{msg.content_hash}", {
                      "specialist_name": person.name, "subject": msg.subject,
                      "reason": untrusted_reason(reason, language),
                      "received_at": policy.local(reply.received_at or now)}))


def _rejected(plan: Plan, reply: StaffReply, problems: list[dict[str, str]]) -> Plan:
    person, msg = reply.person, reply.msg
    return plan.add(
        Recorded("commands.rejected", {"from": person.email, "errors": problems}),
        to_person(plan.state, person, "command_error",
                  f"command-error:{msg.message_id}:{msg.content_hash}",
                  {"specialist_name": person.name, "errors": problems}))


def _blocked(plan: Plan, reply: StaffReply, leaked: list[str]) -> Plan:
    person, msg = reply.person, reply.msg
    return plan.add(
        MessageMarked("blocked"),
        Recorded("relay.blocked", {"from": person.email, "lines": leaked[:10]}),
        to_person(plan.state, person, "relay_blocked",
                  f"relay-blocked:{msg.message_id}:{msg.content_hash}",
                  {"specialist_name": person.name, "lines": leaked[:10]}))


def decide_relay_failure(plan: Plan, reply: StaffReply, reason: str) -> Plan:
    """The answer could not be put in the outbox: nothing of the reply takes effect (it is no
    answer to the customer), and its writer is told so; the message stays on the claim."""
    person, msg = reply.person, reply.msg
    language = language_for(person, plan.state.language)
    problem = {"line": msg.subject, "message": relay_failed(reason, language)}
    return plan.add(
        MessageMarked("relay_failed"),
        to_person(plan.state, person, "command_error",
                  f"relay-failed:{msg.message_id}:{msg.content_hash}",
                  {"specialist_name": person.name, "errors": [problem]}))


def correct_field(plan: Plan, argument: str, language: str, policy: Policy) -> Plan:
    """`#field order_number ЗК-70011`: the value replaces what was read (the event log
    keeps the earlier one); `_Refused` for a field mailflow does not know."""
    name, _, value = argument.partition(" ")
    field_name = FIELD_ALIASES.get(name) or (name if name in FieldName.__members__.values()
                                              else None)
    if field_name is None:
        raise _Refused(unknown_field(name, language))
    if FieldName(field_name) in COUNT_FIELDS and not value.isdigit():
        raise _Refused(not_a_count(field_name, value, language))
    corrected = FoundField(FieldName(field_name), value, Source.BODY, 0, len(value), 1.0,
                           "correction")
    plan = plan.add(FieldsFound((corrected,), "corrected by a specialist"))
    if corrected.name is FieldName.DEMAND:
        return with_statutory_term(plan, (value,), policy)
    return plan


# The refusals the approver's answer shares (mailflow.decide.approval_answer).
refuse_untrusted, refuse_blocked, refuse_commands = _untrusted, _blocked, _rejected
