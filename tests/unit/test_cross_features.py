"""Issue 11's features where they meet: approval with the decision, merge and the rating;
each test pins a defect found when the three parts, built apart, first ran together."""

from __future__ import annotations

from dataclasses import replace

from mailflow.decide.approval_answer import HeldAnswer, decide_approval_answer
from mailflow.decide.effects import ApprovalDecided, StatusChanged
from mailflow.decide.state import Plan
from mailflow.domain.model import ClaimStatus
from mailflow.domain.outcome import Outcome, Resolution
from tests.unit.test_approval import APPROVING, DIRECTOR, DRAFT, key_state, mails, reply
from tests.unit.test_decide import ANNA, NOW


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
