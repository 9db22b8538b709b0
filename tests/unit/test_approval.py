"""Approval of answers as pure rules: which answers wait, what the approver's answer does,
when the approver is reminded, and the `[approval]` config."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from mailflow.config import load_settings
from mailflow.config.approval import approval_policy
from mailflow.decide.approval import decide_approval_notice
from mailflow.decide.approval_answer import HeldAnswer, decide_approval_answer
from mailflow.decide.effects import (
    ApprovalDecided,
    ApprovalRequested,
    MailQueued,
    MessageMarked,
    StatusChanged,
)
from mailflow.decide.staff import StaffReply, decide_staff_reply
from mailflow.decide.state import ClaimState, Plan
from mailflow.domain.approval import (
    ApprovalPolicy,
    ClaimFacts,
    KeyAccount,
    PendingApproval,
    approval_needed,
    approval_notices,
    without_lines,
)
from mailflow.domain.commands import parse_commands
from mailflow.domain.model import Address, ClaimStatus, Person
from mailflow.domain.outcome import Compensation, CompensationKind, Outcome, Resolution
from mailflow.domain.team import Team
from mailflow.errors import ConfigError
from tests.unit.test_decide import ANNA, BORIS, CALENDAR, IVAN, MARIA, NOW, POLICY, message, state

DIRECTOR = Person("Директор", "director@shop.example", "директор", ("ru",), manager=True)
RULES = ApprovalPolicy(
    enabled=True, approver=MARIA.email,
    key_accounts=(KeyAccount("mail.example", "Почта", DIRECTOR.email),
                  KeyAccount("vip@other.example", "VIP", None)),
    compensation_above_minor=5_000_000, compensation_currency="RUB",
    categories=frozenset({"defect"}))
APPROVING = replace(POLICY, team=Team((ANNA, BORIS), (MARIA, DIRECTOR)), approval=RULES)
DRAFT = "Иван, мы заменим телевизор в течение недели."


def facts(customer: str = "someone@plain.example", **changes: object) -> ClaimFacts:
    base = ClaimFacts(customer, "damage", None, None)
    return replace(base, **changes)  # type: ignore[arg-type]


def test_key_account_answers_go_to_its_own_approver() -> None:
    """A customer of a key account's domain: its approver (the director) approves."""
    need = approval_needed(RULES, facts("ivan@mail.example"), ANNA.email)
    assert need is not None
    assert (need.approver, need.reasons, need.key_account) == (
        DIRECTOR.email, ("key_account",), "Почта")


def test_key_account_by_address_without_approver_goes_to_the_default() -> None:
    """An address-matched key account naming nobody is approved by the default approver."""
    need = approval_needed(RULES, facts("VIP@other.example"), ANNA.email)
    assert need is not None
    assert need.approver == MARIA.email


@pytest.mark.parametrize(("changes", "reason"), [
    ({"outcome": Outcome.REJECTED}, "rejected"),
    ({"rejecting": True}, "rejected"),
    ({"compensation": Compensation(CompensationKind.REFUND, 6_000_000, "RUB")}, "compensation"),
    ({"compensation": Compensation(CompensationKind.REFUND, 100, "EUR")}, "compensation"),
    ({"category": "defect"}, "category"),
])
def test_each_rule_holds_an_answer(changes: dict[str, object], reason: str) -> None:
    """Rejection, compensation above the limit (or in another currency), a chosen category."""
    need = approval_needed(RULES, facts(**changes), ANNA.email)  # type: ignore[arg-type]
    assert need is not None
    assert need.reasons == (reason,)
    assert need.approver == MARIA.email


@pytest.mark.parametrize(("rules", "claim", "author"), [
    (RULES, facts(), ANNA.email),
    (RULES, facts(compensation=Compensation(CompensationKind.REFUND, 5_000_000, "RUB")),
     ANNA.email),
    (replace(RULES, enabled=False), facts("ivan@mail.example"), ANNA.email),
    (RULES, facts("ivan@mail.example"), DIRECTOR.email),
])
def test_answers_that_need_no_approval(rules: ApprovalPolicy, claim: ClaimFacts,
                                       author: str) -> None:
    """An ordinary claim, a compensation at the limit, approval off, the approver's own answer."""
    assert approval_needed(rules, claim, author) is None


def reply(text: str, person: Person = ANNA, **fields: object) -> StaffReply:
    sender = Address(person.email, person.name)
    return StaffReply(message(text, sender=sender), person, **fields)  # type: ignore[arg-type]


def key_state(status: ClaimStatus = ClaimStatus.ASSIGNED) -> ClaimState:
    return state(status, ANNA.email)  # Ivan writes from mail.example: a key account


def mails(plan: Plan) -> list[MailQueued]:
    return [effect for effect in plan.effects if isinstance(effect, MailQueued)]


def test_key_account_answer_is_held_and_sent_to_the_approver() -> None:
    """Anna's answer to a key account is not relayed: the draft is kept and the director gets
    it with a summary; the claim is not answered yet."""
    plan = decide_staff_reply(Plan(key_state()), reply(DRAFT), NOW, APPROVING)
    [held] = [e for e in plan.effects if isinstance(e, ApprovalRequested)]
    assert (held.draft, held.author, held.approver) == (DRAFT, ANNA.email, DIRECTOR.email)
    [request] = mails(plan)
    assert (request.template, request.to.email) == ("approval_request", DIRECTOR.email)
    assert request.context["draft"] == DRAFT
    assert request.context["reasons"] == ["ключевой клиент"]
    assert MessageMarked("held") in plan.effects
    assert plan.state.first_response_at is None
    assert plan.state.status == ClaimStatus.ASSIGNED


def test_status_in_a_held_reply_waits_with_the_draft() -> None:
    """`#status resolved` with a held answer: checked now, carried out only on approval."""
    start = Plan(key_state(ClaimStatus.IN_PROGRESS))
    plan = decide_staff_reply(start, reply(f"#outcome accepted\n#status resolved\n{DRAFT}"),
                              NOW, APPROVING)
    [held] = [e for e in plan.effects if isinstance(e, ApprovalRequested)]
    assert held.held_status == ClaimStatus.RESOLVED
    assert plan.state.status == ClaimStatus.IN_PROGRESS
    assert not plan.has(StatusChanged)


def test_forbidden_status_in_a_held_reply_refuses_it_all() -> None:
    """A status the rules forbid refuses the whole reply, held or not: nothing is kept."""
    plan = decide_staff_reply(Plan(key_state()), reply(f"#status reopened\n{DRAFT}"), NOW,
                              APPROVING)
    assert not plan.has(ApprovalRequested)
    assert [m.template for m in mails(plan)] == ["command_error"]


def test_rejected_outcome_holds_the_answer_for_the_default_approver() -> None:
    """A claim whose outcome is a rejection: the answer waits for the manager."""
    rejected = replace(state(ClaimStatus.IN_PROGRESS, ANNA.email),
                       customer=Address("petr@plain.example"),
                       resolution=Resolution(Outcome.REJECTED, "не гарантийный случай"))
    plan = decide_staff_reply(Plan(rejected), reply(DRAFT), NOW, APPROVING)
    [request] = mails(plan)
    assert request.to.email == MARIA.email
    assert request.context["outcome"] == "отклонена"


def test_new_answer_while_one_waits_is_refused() -> None:
    """A second answer while the first waits for approval would overtake it: refused."""
    plan = decide_staff_reply(Plan(key_state()),
                              reply(DRAFT, awaiting_approval=DIRECTOR.email), NOW, APPROVING)
    assert not plan.has(ApprovalRequested)
    [error] = mails(plan)
    assert error.template == "command_error"
    assert DIRECTOR.email in error.context["errors"][0]["message"]


@pytest.mark.parametrize("text", ["#approve", "#согласовать", "#reject тон"])
def test_approval_commands_outside_an_approval_answer_are_refused(text: str) -> None:
    """`#approve` / `#reject` from anyone but the draft's approver: refused, nothing sent."""
    plan = decide_staff_reply(Plan(key_state(ClaimStatus.IN_PROGRESS)), reply(text), NOW,
                              APPROVING)
    assert [m.template for m in mails(plan)] == ["command_error"]
    assert not plan.has(ApprovalDecided)


HELD = HeldAnswer(7, ANNA, DIRECTOR.email, DRAFT, None)


def answer(text: str, held: HeldAnswer = HELD, **fields: object) -> Plan:
    start = Plan(key_state(ClaimStatus.ASSIGNED), actor=DIRECTOR.email)
    return decide_approval_answer(start, reply(text, DIRECTOR, **fields), held, NOW, APPROVING)


def test_approve_sends_the_draft_and_tells_the_author() -> None:
    """`#согласовать`: the draft goes to Ivan as Anna's relay; Anna learns it went out."""
    plan = answer("#согласовать")
    relay, outcome = mails(plan)
    assert (relay.template, relay.to, relay.context["body"]) == ("relay", IVAN, DRAFT)
    assert relay.context["specialist_name"] == ANNA.name
    assert relay.dedup_key == "relay:approval:7"
    assert (outcome.template, outcome.to.email) == ("approval_outcome", ANNA.email)
    assert outcome.context["decision"] == "approved"
    [decided] = [e for e in plan.effects if isinstance(e, ApprovalDecided)]
    assert (decided.approved, decided.edited, decided.final_text) == (True, False, DRAFT)
    assert plan.state.first_response_at == NOW
    assert plan.state.status == ClaimStatus.IN_PROGRESS


def test_edited_text_above_approve_goes_out_instead() -> None:
    """A changed text followed by `#approve`: that text, not the draft, reaches Ivan."""
    edited = "Иван, мы заменим телевизор завтра."
    plan = answer(f"{edited}\n\n#approve")
    relay, outcome = mails(plan)
    assert relay.context["body"] == edited
    assert outcome.context["decision"] == "edited"
    [decided] = [e for e in plan.effects if isinstance(e, ApprovalDecided)]
    assert (decided.edited, decided.draft, decided.final_text) == (True, DRAFT, edited)


def test_reject_sends_nothing_to_the_customer() -> None:
    """`#отклонить причина`: no relay; Anna gets the reason; the claim is not answered."""
    plan = answer("#отклонить слишком резко")
    [outcome] = mails(plan)
    assert (outcome.to.email, outcome.context["decision"]) == (ANNA.email, "rejected")
    assert outcome.context["reason"] == "слишком резко"
    assert plan.state.first_response_at is None


def test_held_status_is_carried_out_after_approval() -> None:
    """The `#status resolved` held with the draft follows the approved answer."""
    decided = replace(key_state(ClaimStatus.ASSIGNED), resolution=Resolution(Outcome.ACCEPTED))
    plan = decide_approval_answer(Plan(decided, actor=DIRECTOR.email),
                                  reply("#approve", DIRECTOR),
                                  replace(HELD, held_status=ClaimStatus.RESOLVED), NOW, APPROVING)
    relay_at = next(i for i, e in enumerate(plan.effects)
                    if isinstance(e, MailQueued) and e.template == "relay")
    status_at = next(i for i, e in enumerate(plan.effects) if isinstance(e, StatusChanged))
    assert relay_at < status_at
    assert plan.state.status == ClaimStatus.RESOLVED


@pytest.mark.parametrize("text", ["#approve\n#reject нет", "Текст без команды",
                                  "#approve\n#status resolved", "#reject"])
def test_unclear_approval_answer_changes_nothing(text: str) -> None:
    """Both verdicts, none, another command, a reject without reason: an error reply only."""
    plan = answer(text)
    assert [m.template for m in mails(plan)] == ["command_error"]
    assert not plan.has(ApprovalDecided)


def test_untrusted_approval_answer_sends_nothing() -> None:
    """An approver's answer without their own reference: kept, refused, nothing relayed."""
    plan = answer("#approve", distrust="no-personal-reference")
    assert [m.template for m in mails(plan)] == ["untrusted_message"]
    assert not plan.has(ApprovalDecided)


def test_approval_mail_quoted_into_an_edit_is_blocked() -> None:
    """An edit that pastes the approval mail's summary is stopped before the customer."""
    staff = ("Клиент: Иван <ivan@mail.example>\nПочему нужно согласование: ключевой клиент",)
    plan = answer("Иван, всё будет.\nПочему нужно согласование: ключевой клиент\n#approve",
                  staff_texts=staff)
    assert [m.template for m in mails(plan)] == ["relay_blocked"]
    assert not plan.has(ApprovalDecided)


def test_draft_lines_are_not_internal_wording() -> None:
    """Mail about an approval, checked for leaks, loses the lines of the drafts it holds."""
    mail = f"Тема: Разбит\n==== Ответ клиенту ====\n\n{DRAFT}\n\n==== Конец ответа ===="
    assert DRAFT not in without_lines(mail, (DRAFT,))
    assert "Тема: Разбит" in without_lines(mail, (DRAFT,))


def test_approve_and_reject_commands_parse_in_both_languages() -> None:
    """`#согласовать` takes no argument; `#отклонить` needs its reason."""
    parsed = parse_commands("Новый текст\n\n#согласовать", frozenset())
    assert [(c.name, c.argument) for c in parsed.commands] == [("approve", "")]
    assert parsed.body == "Новый текст"
    assert parse_commands("#approve now", frozenset()).errors
    rejected = parse_commands("#отклонить тон", frozenset())
    assert [(c.name, c.argument) for c in rejected.commands] == [("reject", "тон")]


PENDING = PendingApproval(7, "CLM-2026-000001", DIRECTOR.email, NOW, ANNA.email, DRAFT)


def test_waiting_answer_is_reminded_then_escalated_in_working_hours() -> None:
    """Reminder after 4 working hours, escalation after 8, a repeat a working day later."""
    at = CALENDAR.add_working_time
    assert approval_notices(PENDING, at(NOW, timedelta(hours=3)), RULES, CALENDAR,
                            timedelta(hours=24)) == []
    reminder = approval_notices(PENDING, at(NOW, timedelta(hours=4)), RULES, CALENDAR,
                                timedelta(hours=9))
    assert [n.key for n in reminder] == ["approval-reminder:CLM-2026-000001:7"]
    later = approval_notices(PENDING, at(NOW, timedelta(hours=18)), RULES, CALENDAR,
                             timedelta(hours=9))
    assert [n.key for n in later] == ["approval-reminder:CLM-2026-000001:7",
                                      "approval-escalation:CLM-2026-000001:7:1"]


def test_reminder_goes_to_the_approver_and_escalation_to_other_managers() -> None:
    """The approver is reminded; the managers but the approver hear of a long wait."""
    notices = approval_notices(PENDING, CALENDAR.add_working_time(NOW, timedelta(hours=8)),
                               RULES, CALENDAR, None)
    plans = [decide_approval_notice(Plan(key_state()), n, PENDING, APPROVING) for n in notices]
    assert [[m.to.email for m in mails(p)] for p in plans] == [[DIRECTOR.email], [MARIA.email]]
    assert [mails(p)[0].context["escalation"] for p in plans] == [False, True]


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "mailflow.toml"
    path.write_text(text, encoding="utf-8")
    return path


TEAM = """
[[managers]]
name = "Мария"
email = "maria@shop.example"
"""


@pytest.mark.parametrize(("section", "key"), [
    ('[approval]\nenabled = true\napprover = "nobody@shop.example"', "approval.approver"),
    ("[approval]\nenabled = true", "approval.approver"),
    ('[approval]\ncategories = ["nonsense"]', "approval.categories"),
    ('[[key_accounts]]\nmatch = "big.example"\nname = "Big"\napprover = "x@shop.example"',
     "key_accounts[0].approver"),
])
def test_bad_approval_config_names_key_and_file(tmp_path: Path, section: str,
                                                key: str) -> None:
    """An unknown approver, a missing one, an unknown category: the error names key and file."""
    path = write(tmp_path, TEAM + section)
    with pytest.raises(ConfigError) as error:
        load_settings(path)
    assert key in str(error.value)
    assert str(path) in str(error.value)


def test_good_approval_config_loads(tmp_path: Path) -> None:
    """A key account (`@domain` read as the domain) and a limit in roubles become the rules."""
    path = write(tmp_path, TEAM + '[approval]\nenabled = true\napprover = "Maria@shop.example"\n'
                 'compensation_above = 500.50\n[[key_accounts]]\nmatch = "@Big.example"\n'
                 'name = "Big"\n')
    settings = load_settings(path)
    rules = approval_policy(settings.approval, settings.key_accounts)
    assert rules.compensation_above_minor == 50050
    need = approval_needed(rules, facts("buyer@big.example"), ANNA.email)
    assert need is not None
    assert (need.approver, need.key_account) == (MARIA.email, "Big")
