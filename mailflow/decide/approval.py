"""Holding a specialist's answer for approval: the draft is kept, the approver gets it.

`decide_staff_reply` calls `hold_answer` instead of relaying when `approval_needed` names an
approver. The reply's other commands are carried out as usual; its `#status` is held with
the draft (a claim is not resolved, closed or rejected in front of the customer before the
answer that says so has gone out) and carried out when the answer is approved, dropped when
it is rejected.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from mailflow.decide.effects import ApprovalRequested, MessageMarked, NoticeClaimed, Recorded
from mailflow.decide.lifecycle import fitting
from mailflow.decide.mail import customer_label, to_person
from mailflow.decide.state import ClaimState, Plan, Policy
from mailflow.decide.wording import language_for
from mailflow.domain.approval import ApprovalNeed, PendingApproval
from mailflow.domain.labels import cause_label, compensation_label, outcome_label
from mailflow.domain.model import AttachmentPart, ClaimStatus, Person
from mailflow.domain.notices import Notice, NoticeKind
from mailflow.domain.outcome import Compensation

_REASONS = {
    "key_account": {"ru": "ключевой клиент", "en": "a key account"},
    "rejected": {"ru": "отказ по претензии", "en": "the claim is rejected"},
    "compensation": {"ru": "компенсация выше порога", "en": "compensation above the limit"},
    "category": {"ru": "категория требует согласования",
                 "en": "the category needs approval"},
}
_WAITING = {
    "ru": "предыдущий ответ по этой претензии ждёт согласования ({approver}); дождитесь "
          "решения и отправьте новый ответ после него",
    "en": "an earlier answer on this claim waits for approval ({approver}); send the new "
          "answer once it is decided",
}
_STATUS_WAITS = {
    "ru": "ответ по этой претензии ждёт согласования ({approver}); статус изменится вместе с "
          "согласованным ответом (укажите #status в письме с ответом) или после решения по нему",
    "en": "an answer on this claim waits for approval ({approver}); the status changes with "
          "the approved answer (put #status in the answer) or once it is decided",
}
_NOT_APPROVER = {
    "ru": "#согласовать и #отклонить — ответ на письмо «Ответ на согласование», и дать его "
          "может только тот, кому письмо адресовано; сейчас на согласовании ничего нет или "
          "согласует другой сотрудник",
    "en": "#approve and #reject answer the mail \"Answer for approval\" and only its addressee "
          "can give them; nothing waits for your approval on this claim",
}


def reasons_in(need_reasons: Sequence[str], language: str) -> list[str]:
    """The approval reasons in `language`, for people."""
    return [_REASONS.get(code, {}).get(language, code) for code in need_reasons]


def still_waiting(approver: str, language: str) -> str:
    """Why a new answer is refused while an earlier one waits for approval."""
    return _WAITING.get(language, _WAITING["en"]).format(approver=approver)


class AnswerAwaitingApproval(Exception):
    """A status change from outside a reply (the CLI) while an answer waits for `approver`:
    refused for the reason `#status` is (`status_waits`)."""

    def __init__(self, approver: str) -> None:
        super().__init__(approver)
        self.approver = approver


def status_waits(approver: str, language: str) -> str:
    """Why a `#status` is refused while an answer waits for approval: the customer must not
    hear of a status before the answer that explains it."""
    return _STATUS_WAITS.get(language, _STATUS_WAITS["en"]).format(approver=approver)


def not_the_approver(language: str) -> str:
    """Why `#approve`/`#reject` from anybody but the addressee of the approval mail is refused."""
    return _NOT_APPROVER.get(language, _NOT_APPROVER["en"])


def hold_answer(plan: Plan, need: ApprovalNeed, author: Person, draft: str,
                held_status: ClaimStatus | None, attachments: Sequence[AttachmentPart],
                dedup: str, now: datetime, policy: Policy) -> Plan:
    """Keep `draft` for approval and send it to the approver with a summary of the claim."""
    approver = policy.person(need.approver)
    assert approver is not None, "approvers are checked against the team by the config"
    language = language_for(approver, plan.state.language)
    context = {
        **claim_summary(plan.state, policy, language), "approver_name": approver.name,
        "author_name": author.name, "author_email": author.email, "draft": draft,
        "reasons": reasons_in(need.reasons, language), "key_account": need.key_account,
        "held_status": held_status.value if held_status else None,
        "attachment_names": [part.filename for part in attachments],
    }
    included, _, too_large = fitting(attachments, policy.forward_limit)
    context["not_attached"] = [str(listed["filename"]) for listed in too_large]
    return plan.add(
        MessageMarked("held"),
        ApprovalRequested(draft, author.email, approver.email, need.reasons, held_status),
        to_person(plan.state, approver, "approval_request", f"approval-request:{dedup}",
                  context, attachments=included))


def claim_summary(state: ClaimState, policy: Policy, language: str) -> dict[str, Any]:
    """What the approver reads about the claim before the draft; the decision in words of
    `language` (the cause as configured in `[rules] causes` for Russian)."""
    deadlines = state.deadlines
    resolution = state.resolution
    outcome = resolution.outcome
    cause = resolution.cause
    return {
        "customer": customer_label(state), "subject": state.subject,
        "category": state.category, "priority": state.priority,
        "status": state.status.value, "received_at": policy.local(state.created_at),
        "resolution_due": policy.local(deadlines.resolution_due) if deadlines else None,
        "statutory_due": policy.local(deadlines.statutory_due)
        if deadlines and deadlines.statutory_due else None,
        "outcome": outcome_label(outcome, language) if outcome else None,
        "outcome_reason": resolution.reason,
        "compensation": money(resolution.compensation, language),
        "cause": cause_label(cause, language, policy.causes) if cause else None,
    }


def money(compensation: Compensation | None, language: str = "en") -> str | None:
    """`возврат денег 1500.00 RUB` / `refund 1500.00 RUB`, as staff read a compensation."""
    if compensation is None:
        return None
    units, cents = divmod(compensation.amount_minor, 100)
    amount = f" {units}.{cents:02d} {compensation.currency}".rstrip() \
        if compensation.amount_minor else ""
    kind = compensation_label(compensation.kind, language)
    return f"{kind}{amount}"


def decide_approval_notice(plan: Plan, notice: Notice, pending: PendingApproval,
                           policy: Policy) -> Plan:
    """Claim the notice's key; remind the approver, or tell the other managers the answer
    still waits (the claim's deadlines run on meanwhile)."""
    kind = f"approval_{notice.kind.value}"
    plan = plan.add(NoticeClaimed(notice.key, kind, notice.due_at, None, notice.repeat),
                    Recorded(f"notice.{kind}", {"key": notice.key, "approval":
                                                pending.approval_id, "repeat": notice.repeat}))
    approver = policy.person(pending.approver)
    author = policy.person(pending.author)
    escalation = notice.kind is NoticeKind.ESCALATION
    recipients = [m for m in policy.team.managers if m.email != pending.approver] \
        if escalation else [approver] if approver else []
    state, deadlines = plan.state, plan.state.deadlines
    for person in recipients:
        plan = plan.add(to_person(state, person, "approval_reminder",
                                  f"{notice.key}:{person.email}", {
            "recipient_name": person.name, "escalation": escalation,
            "approver_name": approver.name if approver else pending.approver,
            "author_name": author.name if author else pending.author,
            "waiting_since": policy.local(pending.created_at),
            "customer": customer_label(state), "subject": state.subject,
            "resolution_due": policy.local(deadlines.resolution_due) if deadlines else None,
            "draft": pending.draft}))
    return plan
