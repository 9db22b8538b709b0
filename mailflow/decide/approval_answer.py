"""The approver's answer to «Ответ на согласование»: approve, approve an edited text, reject.

Trusted only from the approver's address answering a personal reference issued to them (the
adapter's `distrust`); read from their own text only, checked for leaks like a relay. Then:

- `#approve` alone: the draft goes to the customer as the specialist's relay would have
  (refused when the quoted request shows the draft changed: that edit would be lost);
- a text followed by `#approve`: that text goes instead of the draft (text below the
  `#approve` line is the approver's sign-off and is not sent);
- `#reject reason`: nothing goes to the customer, the author gets the reason.

The customer gets the specialist's attachments only: an `#approve` carrying files of its own
is refused (they would silently not go out). The author is told the outcome in every case.
The `#status` held with the draft is carried out after an approved answer (by the lifecycle
rules; if they no longer allow it, the author is told) and dropped with a rejected one.
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
    relayable,
)
from mailflow.decide.state import Plan, Policy
from mailflow.decide.wording import (
    bad_transition,
    command_problem,
    language_for,
    resolution_missing,
)
from mailflow.domain.approval import edited_in_quote
from mailflow.domain.claims import base_subject
from mailflow.domain.commands import parse_commands
from mailflow.domain.leaks import leaked_lines
from mailflow.domain.model import AttachmentPart, ClaimStatus, Person
from mailflow.domain.status import TransitionError, can_transition
from mailflow.parse.quotes import answered_inline, split_reply

_ANSWER_ONLY = {
    "ru": "в ответе на согласование нужна ровно одна команда: #согласовать (исправленный "
          "текст — над ней) или #отклонить причина",
    "en": "an answer for approval takes exactly one command: #approve (with a changed answer "
          "above it) or #reject reason",
}

_NO_ATTACHMENTS = {
    "ru": "файлы из ответа на согласование клиенту не отправляются ({names}); клиент получит "
          "только вложения специалиста. Чтобы заменить файлы, ответьте #отклонить с причиной: "
          "специалист пришлёт ответ с нужными вложениями",
    "en": "files in an answer for approval are not sent to the customer ({names}); the "
          "customer gets the specialist's attachments only. To change the files, answer "
          "#reject with the reason and the specialist will send the answer with them",
}

_EDITED_IN_QUOTE = {
    "ru": "похоже, вы исправили ответ внутри цитаты письма «Ответ на согласование»; правки в "
          "цитате не читаются, и клиенту ушёл бы прежний текст или его обрывки. Напишите "
          "исправленный ответ целиком над строкой #согласовать",
    "en": "it looks as if you changed the answer inside the quoted \"Answer for approval\" mail; "
          "changes in a quote are not read, and the customer would get the old text or pieces "
          "of it. Write the whole changed answer above the #approve line",
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
    handed_to: Person | None = None  # the claim's new owner, handed it while the answer waited


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
    if not problems and verdicts[0].name == "approve" and _changed_in_quote(
            reply, held, parts.own, parts.quoted, verdicts[0].line):
        problems.append({"line": reply.msg.subject,
                         "message": _EDITED_IN_QUOTE.get(language, _EDITED_IN_QUOTE["en"])})
    own_files = [part.filename for part in relayable(reply.msg)]
    if not problems and verdicts[0].name == "approve" and own_files:
        problems.append({"line": reply.msg.subject, "message": _NO_ATTACHMENTS.get(
            language, _NO_ATTACHMENTS["en"]).format(names=", ".join(own_files))})
    if problems:
        return refuse_commands(plan, reply, problems)
    if verdicts[0].name == "reject":  # the lines around `#reject` explain it too
        return _reject(plan, reply, held, "\n\n".join(
            part for part in (verdicts[0].argument, parsed.body.strip()) if part))
    return _approve(plan, reply, held, edit_above(parts.own, verdicts[0].line), now, policy)


def _changed_in_quote(reply: StaffReply, held: HeldAnswer, own: str, quoted: str,
                      verdict_line: str) -> bool:
    """The approver wrote inside the quoted request (between its lines, or changing the draft
    there): their own text is then fragments, or nothing, and the change would be lost."""
    if answered_inline(reply.msg.text):
        return True
    return not edit_above(own, verdict_line) and edited_in_quote(held.draft, quoted)


def edit_above(own: str, verdict_line: str) -> str:
    """The changed answer: the approver's text above the `#approve` line; what follows it
    is their sign-off (a signature without `-- `), never the text for the customer."""
    lines = own.replace("\r\n", "\n").split("\n")
    cut = next((index for index, line in enumerate(lines) if line.strip() == verdict_line),
               len(lines))
    return "\n".join(lines[:cut]).strip()


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
    """Nothing goes out; the author learns why, and so does the claim's new owner if it was
    handed over meanwhile (the answer is now theirs to write)."""
    plan = plan.add(
        ApprovalDecided(held.approval_id, False, reply.person.email, held.draft,
                        reason=reason),
        MessageMarked("approval"),
        _outcome_mail(plan, reply, held, "rejected", held.draft, reason, ""))
    owner = held.handed_to
    if owner is None or owner.email == held.author.email:
        return plan
    return plan.add(_outcome_mail(plan, reply, held, "rejected", held.draft, reason, "",
                                  recipient=owner))


def _outcome_mail(plan: Plan, reply: StaffReply, held: HeldAnswer, decision: str,
                  text: str, reason: str, status_problem: str, *,
                  recipient: Person | None = None) -> MailQueued:
    person = recipient or held.author
    dedup = f"approval-outcome:{held.approval_id}" + (f":{person.email}" if recipient else "")
    return to_person(plan.state, person, "approval_outcome", dedup, {
        "specialist_name": person.name, "decision": decision,
        "author_name": held.author.name if recipient else "",
        "approver_name": reply.person.name, "text": text, "reason": reason,
        "held_status": held.held_status.value if held.held_status else None,
        "status_problem": status_problem})
