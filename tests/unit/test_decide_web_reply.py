"""An answer written on the staff page, decided by the same rules as a mailed reply."""

from __future__ import annotations

from mailflow.decide.staff import decide_web_reply
from mailflow.decide.state import Plan
from mailflow.domain.model import ClaimStatus
from tests.unit.test_decide import ANNA, IVAN, NOW, POLICY, mails, reply, state


def test_a_web_answer_is_relayed_and_its_hash_lines_are_words_not_commands() -> None:
    """The whole text goes to the customer, `#status` line included (the page has its own
    actions), and the claim moves to in progress as after a mailed answer."""
    plan, problems = decide_web_reply(Plan(state(ClaimStatus.ASSIGNED, ANNA.email)),
                                      reply("Заменим телевизор.\n#status closed"), NOW, POLICY)
    [relay] = mails(plan)
    assert problems == []
    assert (relay.template, relay.to) == ("relay", IVAN)
    assert relay.context["body"] == "Заменим телевизор.\n#status closed"
    assert plan.state.status is ClaimStatus.IN_PROGRESS


def test_a_web_answer_repeating_staff_mail_is_refused_with_the_lines() -> None:
    """Lines of mailflow's mail to staff refuse the answer, worded in Anna's Russian."""
    staff_text = "Вам назначена новая претензия CLM-2026-000001 от Иван Петров"
    start = Plan(state(ClaimStatus.ASSIGNED, ANNA.email))
    plan, problems = decide_web_reply(start, reply(f"Ответ.\n{staff_text}",
                                                   staff_texts=(f"Здравствуйте!\n{staff_text}\n",)),
                                      NOW, POLICY)
    assert [p["line"] for p in problems] == [staff_text]
    assert "служебного письма" in problems[0]["message"]
    assert plan == start


def test_a_web_answer_while_another_waits_for_approval_is_refused() -> None:
    """While an earlier answer waits for the approver, a new one is refused, not relayed."""
    start = Plan(state(ClaimStatus.IN_PROGRESS, ANNA.email))
    plan, problems = decide_web_reply(start, reply("Ещё ответ.",
                                                   awaiting_approval="maria@shop.example"),
                                      NOW, POLICY)
    assert len(problems) == 1
    assert plan == start
