"""Issue 11's features where they meet: approval with the decision, with merge and with the
customer's silence; the command help and `claims show` of them all. Each test pins a defect
found when the three parts, built apart, first ran together."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from mailflow.cli.claims import _claim_text
from mailflow.decide.approval_answer import HeldAnswer, decide_approval_answer
from mailflow.decide.effects import ApprovalDecided, ApprovalRequested, StatusChanged
from mailflow.decide.merge import MergeProblem, MergeSide, merge_problem, merge_refusal
from mailflow.decide.staff import decide_staff_reply
from mailflow.decide.state import Plan
from mailflow.decide.wording import command_problem
from mailflow.domain.commands import COMMAND_NAMES, parse_commands
from mailflow.domain.model import ClaimStatus
from mailflow.domain.notices import ReminderPolicy, due_notices
from mailflow.domain.outcome import Outcome, Resolution
from tests.unit.test_approval import APPROVING, DIRECTOR, DRAFT, key_state, mails, reply
from tests.unit.test_decide import ANNA, NOW
from tests.unit.test_notices import RU, msk, summary, waiting_clock


def test_approved_answer_whose_held_status_the_decision_no_longer_allows() -> None:
    """`#status rejected` held with the draft, then `#outcome partly` while it waits: the
    approval still sends the answer and tells Anna why the claim was not rejected, instead
    of failing on the missing `#outcome rejected`."""
    waiting = replace(key_state(ClaimStatus.IN_PROGRESS),
                      resolution=Resolution(Outcome.PARTLY))
    held = HeldAnswer(7, ANNA, DIRECTOR.email, DRAFT, ClaimStatus.REJECTED)

    plan = decide_approval_answer(Plan(waiting), reply("#approve", DIRECTOR), held, NOW,
                                  APPROVING)

    assert [e.approved for e in plan.effects if isinstance(e, ApprovalDecided)] == [True]
    relay, told = mails(plan)
    assert (relay.template, told.template) == ("relay", "approval_outcome")
    assert "#решение отклонена" in told.context["status_problem"]
    assert not plan.has(StatusChanged)
    assert plan.state.status == ClaimStatus.IN_PROGRESS


WAITING_B = MergeSide("CLM-2026-000002", "ivan@mail.example", awaiting_approval=True)
A = MergeSide("CLM-2026-000001", "ivan@mail.example")


def test_claim_whose_answer_waits_for_approval_is_not_merged_away() -> None:
    """B's answer waits for the director: merging B into A (by mail or CLI, forced or not)
    is refused with the reason, since B's draft could then be neither approved nor sent."""
    assert merge_problem(A, WAITING_B) is MergeProblem.SOURCE_AWAITING_APPROVAL
    assert merge_problem(A, WAITING_B, force=True) is MergeProblem.SOURCE_AWAITING_APPROVAL
    assert merge_problem(WAITING_B, A) is None  # A is merged into B: B's draft stays on B
    assert "ждёт согласования" in merge_refusal(MergeProblem.SOURCE_AWAITING_APPROVAL, "ru",
                                                target=A.number, source=WAITING_B.number)


def test_merge_in_a_reply_whose_answer_is_held_is_refused() -> None:
    """`#merge A` with an answer that must wait for approval: the whole reply is refused,
    as the held draft would stay behind on the merged claim."""
    b = replace(key_state(), number=WAITING_B.number)
    sides = {A.number: A, b.number: MergeSide(b.number, b.customer.email)}
    plan = decide_staff_reply(Plan(b), reply(f"#merge {A.number}\n\n{DRAFT}",
                                             merge_sides=sides), NOW, APPROVING)

    [error] = mails(plan)
    assert error.template == "command_error"
    assert "ждёт согласования" in error.context["errors"][0]["message"]
    assert not plan.has(ApprovalRequested)
    assert not [e for e in plan.effects if getattr(e, "kind", "") == "merge.requested"]


def test_approval_request_words_the_decision_in_the_approvers_language() -> None:
    """The director reads the decision, the compensation and the cause given in the held
    reply in Russian words, not as the codes `partly`, `refund`, `carrier`."""
    plan = decide_staff_reply(Plan(key_state()), reply(
        f"#outcome partly\n#compensation refund 1500 RUB\n#cause carrier\n\n{DRAFT}"),
        NOW, APPROVING)

    [request] = mails(plan)
    context = request.context
    assert (context["outcome"], context["compensation"], context["cause"]) == (
        "частично принята", "возврат денег 1500.00 RUB", "перевозчик")


def test_unknown_command_in_russian_lists_every_command_once() -> None:
    """The Russian error for a mistyped command names each command once, the new ones
    (#merge, #field, #outcome, #compensation, #cause) included."""
    [error] = parse_commands("#объеденить CLM-2026-000001", frozenset()).errors

    problem = command_problem(error, "ru", ())

    listed = re.findall(r"#\w+", problem)
    assert sorted(listed) == sorted({f"#{name}" for name in COMMAND_NAMES.values()})


@pytest.mark.parametrize("command", ["#close", "#status resolved", "#статус отклонена"])
def test_status_is_not_moved_while_an_answer_waits_for_approval(command: str) -> None:
    """While Anna's answer waits for the director, her `#close` or `#status …` alone is
    refused: Ivan must not read "closed" before the answer that explains it (and a closed
    claim's waiting answer would no longer be reminded)."""
    waiting = replace(key_state(ClaimStatus.IN_PROGRESS),
                      resolution=Resolution(Outcome.REJECTED, "не гарантийный случай"))

    plan = decide_staff_reply(Plan(waiting), reply(command, awaiting_approval=DIRECTOR.email),
                              NOW, APPROVING)

    [error] = mails(plan)
    assert (error.template, error.to.email) == ("command_error", ANNA.email)
    assert "ждёт согласования" in error.context["errors"][0]["message"]
    assert not plan.has(StatusChanged)


def test_claims_show_text_says_what_a_claim_was_merged_into() -> None:
    """`claims show` (text) of B names the claim A it was merged into, as the JSON does."""
    keys = ("number", "status", "customer", "assignee", "category", "priority", "subject",
            "language", "created_at", "first_response_at", "overdue", "related_claim",
            "outcome", "outcome_reason", "cause", "compensation", "rating", "rating_comment")
    detail: dict[str, Any] = {**dict.fromkeys(keys), "number": "CLM-2026-000002",
                              "status": "closed", "merged_into": "CLM-2026-000001",
                              "deadlines": {}, "fields": [], "missing": [], "messages": [],
                              "events": []}

    assert "merged_into: CLM-2026-000001" in _claim_text(detail).splitlines()


def test_no_chaser_or_auto_close_while_an_answer_waits_for_approval() -> None:
    """A claim waiting for the customer whose new answer waits for the approver: the
    customer is neither chased nor auto-closed (the answer they await is ours), and the
    statutory reminders still run."""
    clock = replace(waiting_clock(msk(2026, 3, 4, 11)), answer_held=True)
    closing = ReminderPolicy(auto_close_after_days=10)

    assert due_notices(clock, msk(2026, 3, 31, 12), closing, RU) == []
    assert summary(due_notices(replace(clock, answer_held=False), msk(2026, 3, 31, 12),
                               closing, RU)) == [("auto_close", None, 0)]


ISSUE_11_COMMANDS = {"merge": "объединить", "outcome": "решение",
                     "compensation": "компенсация", "cause": "причина"}


@pytest.mark.parametrize("kind", ["txt", "html"])
def test_command_help_lists_each_new_command_once_in_both_languages(kind: str) -> None:
    """The command help in specialists' mail names #merge, #outcome, #compensation and
    #cause once each, and the Russian help gives each its Russian name as well."""
    templates = Path(__file__).parents[2] / "templates"
    english = (templates / f"_commands.en.{kind}.j2").read_text(encoding="utf-8")
    russian = (templates / f"_commands.ru.{kind}.j2").read_text(encoding="utf-8")
    for name, russian_name in ISSUE_11_COMMANDS.items():
        for help_text in (english, russian):
            lines = [line for line in help_text.splitlines() if f"#{name} " in line]
            assert len(lines) == 1, (name, lines)
        assert f"#{russian_name} " in next(
            line for line in russian.splitlines() if f"#{name} " in line), name
