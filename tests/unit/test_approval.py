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
    acting_approver,
    approval_needed,
    approval_notices,
    without_lines,
)
from mailflow.domain.commands import parse_commands
from mailflow.domain.model import Address, AttachmentPart, ClaimStatus, Person
from mailflow.domain.outcome import Compensation, CompensationKind, Outcome, Resolution
from mailflow.domain.team import Team
from mailflow.errors import ConfigError
from mailflow.parse.quotes import answered_inline
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
    ('[[key_accounts]]\nmatch = "*.big.example"\nname = "Big"', "key_accounts.0.match"),
    ('[[key_accounts]]\nmatch = "big.example"\nname = "Big"\napprover = "x@shop.example"',
     "key_accounts[0].approver"),
])
def test_bad_approval_config_names_key_and_file(tmp_path: Path, section: str,
                                                key: str) -> None:
    """An unknown approver, a missing one, an unknown category, a wildcard key account: the
    error names key and file."""
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


@pytest.mark.parametrize("text", ["#approve\n\nИван Петров\nДиректор",
                                  "#согласовать\nС уважением,\nДиректор"])
def test_sign_off_below_approve_is_not_sent_instead_of_the_draft(text: str) -> None:
    """`#approve` above an unmarked signature: the draft goes out, not the signature."""
    relay, _ = mails(answer(text))
    assert relay.context["body"] == DRAFT


def test_edit_above_approve_goes_out_without_the_sign_off_below() -> None:
    """A changed text, `#approve`, then a signature: only the changed text reaches Ivan."""
    edited = "Иван, мы заменим телевизор завтра."
    relay, outcome = mails(answer(f"{edited}\n#approve\nДиректор"))
    assert relay.context["body"] == edited
    assert outcome.context["decision"] == "edited"


@pytest.mark.parametrize(("match", "customer"), [
    ("магазин.рф", "ivan@xn--80aairftm.xn--p1ai"),
    ("xn--80aairftm.xn--p1ai", "ivan@МАГАЗИН.РФ"),
    ("ivan@магазин.рф", "Ivan@xn--80aairftm.xn--p1ai"),
    ("mail.example", "ivan@msk.Mail.Example"),
])
def test_key_account_domain_covers_idna_forms_and_subdomains(match: str, customer: str) -> None:
    """A key account's domain holds its answers whichever way the address spells it."""
    rules = replace(RULES, key_accounts=(KeyAccount(match, "Магазин", DIRECTOR.email),))
    need = approval_needed(rules, facts(customer), ANNA.email)
    assert need is not None
    assert need.key_account == "Магазин"


@pytest.mark.parametrize("customer", ["ivan@notmail.example", "ivan@mail.example.org",
                                      "mail.example@other.example"])
def test_key_account_domain_does_not_cover_lookalikes(customer: str) -> None:
    """A domain that merely ends in the same letters, or contains it, is not the account."""
    rules = replace(RULES, key_accounts=(KeyAccount("mail.example", "Почта", DIRECTOR.email),))
    assert approval_needed(rules, facts(customer), ANNA.email) is None


def test_subdomain_key_account_wins_over_its_parent() -> None:
    """A branch listed with its own approver is approved by that approver, not the parent's."""
    rules = replace(RULES, key_accounts=(KeyAccount("mail.example", "Почта", DIRECTOR.email),
                                         KeyAccount("msk.mail.example", "Москва", None)))
    need = approval_needed(rules, facts("ivan@msk.mail.example"), ANNA.email)
    assert need is not None
    assert (need.key_account, need.approver) == ("Москва", MARIA.email)


@pytest.mark.parametrize("text", ["#status resolved", "#статус отклонена", "#close",
                                  "#priority high\n#закрыть"])
def test_claim_is_not_finished_while_its_answer_waits(text: str) -> None:
    """Resolving, rejecting or closing while an answer waits would tell Ivan the decision
    before the approved answer: refused, nothing changes, nothing reaches him."""
    plan = decide_staff_reply(Plan(key_state(ClaimStatus.IN_PROGRESS)),
                              reply(text, awaiting_approval=DIRECTOR.email), NOW, APPROVING)
    [error] = mails(plan)
    assert error.template == "command_error"
    assert DIRECTOR.email in error.context["errors"][0]["message"]
    assert not plan.has(StatusChanged)


def test_other_commands_still_work_while_an_answer_waits() -> None:
    """Waiting for approval does not freeze the claim: `#priority` is carried out."""
    plan = decide_staff_reply(Plan(key_state(ClaimStatus.IN_PROGRESS)),
                              reply("#priority high", awaiting_approval=DIRECTOR.email), NOW,
                              APPROVING)
    assert plan.state.priority == "high"
    assert not mails(plan)


def test_approve_with_the_approvers_own_files_is_refused() -> None:
    """Files attached to `#approve` would not reach Ivan: refused, the approver is told."""
    act = AttachmentPart("акт исправленный.pdf", "application/pdf", b"%PDF")
    start = Plan(key_state(), actor=DIRECTOR.email)
    sender = Address(DIRECTOR.email, DIRECTOR.name)
    msg = replace(message("Иван, акт исправлен.\n#approve", sender=sender), attachments=(act,))
    plan = decide_approval_answer(start, StaffReply(msg, DIRECTOR), HELD, NOW, APPROVING)
    [error] = mails(plan)
    assert (error.template, error.to.email) == ("command_error", DIRECTOR.email)
    assert "акт исправленный.pdf" in error.context["errors"][0]["message"]
    assert not plan.has(ApprovalDecided)


def test_approve_with_only_an_inline_signature_image_goes_out() -> None:
    """An inline logo in the approver's signature is no file for the customer: approved."""
    logo = AttachmentPart("logo.png", "image/png", b"\x89PNG", inline=True, content_id="l1")
    sender = Address(DIRECTOR.email, DIRECTOR.name)
    msg = replace(message("#approve", sender=sender), attachments=(logo,))
    plan = decide_approval_answer(Plan(key_state(), actor=DIRECTOR.email),
                                  StaffReply(msg, DIRECTOR), HELD, NOW, APPROVING)
    relay, _ = mails(plan)
    assert (relay.context["body"], relay.attachments) == (DRAFT, ())


def test_default_approver_acts_for_an_approver_who_left_the_team() -> None:
    """A held answer whose approver the config no longer lists is decided by the default
    approver (it would wait for good otherwise); a listed approver keeps it."""
    staff = frozenset({ANNA.email, MARIA.email})
    assert acting_approver(DIRECTOR.email, ANNA.email, RULES, staff) == MARIA.email
    assert acting_approver(DIRECTOR.email, ANNA.email, RULES,
                           staff | {DIRECTOR.email}) == DIRECTOR.email
    assert acting_approver(DIRECTOR.email, MARIA.email, RULES, staff) == DIRECTOR.email


def test_stand_in_approver_gets_a_reminder_of_their_own() -> None:
    """The reminder the departed approver had is not the stand-in's: theirs has its own key."""
    stand_in = replace(PENDING, approver=MARIA.email, stand_in=True)
    notices = approval_notices(stand_in, CALENDAR.add_working_time(NOW, timedelta(hours=4)),
                               RULES, CALENDAR, None)
    assert [n.key for n in notices] == ["approval-reminder:CLM-2026-000001:7:stand-in"]


def test_request_words_the_compensation_in_the_approvers_language() -> None:
    """The director reads «возврат денег 1500.00 RUB», not the code `refund`."""
    granted = Resolution(Outcome.PARTLY, compensation=Compensation(
        CompensationKind.REFUND, 150_000, "RUB"))
    plan = decide_staff_reply(Plan(replace(key_state(), resolution=granted)), reply(DRAFT), NOW,
                              APPROVING)
    [request] = mails(plan)
    assert request.context["compensation"] == "возврат денег 1500.00 RUB"


def test_rejection_also_reaches_the_new_owner_of_a_handed_over_claim() -> None:
    """Handed to Boris while Anna's answer waited: both learn of the rejection; Boris, who
    now writes the answer, reads whose draft it was."""
    plan = answer("#reject тон", replace(HELD, handed_to=BORIS))
    to_anna, to_boris = mails(plan)
    assert (to_anna.to.email, to_anna.context["author_name"]) == (ANNA.email, "")
    assert (to_boris.to.email, to_boris.context["author_name"]) == (BORIS.email, ANNA.name)
    assert to_boris.context["reason"] == "тон"
    assert to_anna.dedup_key != to_boris.dedup_key


REQUEST = ("Почему нужно согласование: ключевой клиент\n\n==== Ответ клиенту ====\n\n"
           f"{DRAFT}\n\n==== Конец ответа ====\n\nКак ответить (ответом на это письмо):")


def quoting(text: str, request: str = REQUEST) -> str:
    """`text` above the request quoted Gmail-style."""
    quoted = "\n".join(f"> {line}" for line in request.splitlines())
    return f"{text}\n\nпн, 7 дек. 2026 г. в 10:15, Претензии <claims@shop.example>:\n\n{quoted}"


@pytest.mark.parametrize("change", [("недели", "месяца"), ("в течение недели", ""),
                                    ("мы заменим", "мы обязательно заменим")])
def test_bare_approve_under_a_draft_edited_in_the_quote_is_refused(
        change: tuple[str, str]) -> None:
    """The director fixes the draft inside the quoted request and writes `#approve` on top:
    the old draft must not go out as if approved with his change; he is told to write it."""
    plan = answer(quoting("#approve", REQUEST.replace(*change)))
    [error] = mails(plan)
    assert (error.template, error.to.email) == ("command_error", DIRECTOR.email)
    assert not plan.has(ApprovalDecided)


@pytest.mark.parametrize("request_as_quoted", [
    REQUEST, REQUEST[:REQUEST.index("телевизор в")],
    REQUEST.replace(DRAFT, f"{DRAFT} Пишите: ivan@mail.example<mailto:ivan@mail.example>")])
def test_bare_approve_under_the_unchanged_quote_goes_out(request_as_quoted: str) -> None:
    """The quote as sent, cut short by the client, or with a link written twice: approved."""
    draft = f"{DRAFT} Пишите: ivan@mail.example" if "mailto" in request_as_quoted else DRAFT
    relay, _ = mails(answer(quoting("#approve", request_as_quoted), replace(HELD, draft=draft)))
    assert relay.context["body"] == draft


def test_answer_on_a_claim_already_rejected_waits_for_approval() -> None:
    """A letter on a claim whose status is `rejected` (set earlier, no outcome recorded) is an
    answer on a rejected claim: the manager approves it."""
    rejected = replace(state(ClaimStatus.REJECTED, ANNA.email),
                       customer=Address("petr@plain.example"))
    plan = decide_staff_reply(Plan(rejected), reply(DRAFT), NOW, APPROVING)
    [held] = [e for e in plan.effects if isinstance(e, ApprovalRequested)]
    assert (held.approver, held.reasons) == (MARIA.email, ("rejected",))
    assert [m.template for m in mails(plan)] == ["approval_request"]


def test_held_answer_stops_chasing_the_customer() -> None:
    """On a claim waiting for the customer, a held answer moves it to in progress silently:
    no chaser or auto-close tells Ivan he owes us while our answer waits for approval."""
    plan = decide_staff_reply(Plan(key_state(ClaimStatus.WAITING_CUSTOMER)), reply(DRAFT), NOW,
                              APPROVING)
    assert plan.has(ApprovalRequested)
    assert plan.state.status == ClaimStatus.IN_PROGRESS
    assert [m.template for m in mails(plan)] == ["approval_request"]


@pytest.mark.parametrize("text", [
    "> Иван, мы заменим телевизор в течение недели.\nТакже дарим скидку 10%.\n> С уважением\n"
    "#approve",
    "#approve\n> Иван, мы заменим телевизор в течение недели.\nИван, мы заменим его завтра.\n"
    "> С уважением"])
def test_approve_written_inside_the_quote_is_refused(text: str) -> None:
    """Lines written between quoted lines are pieces of an edit: Ivan must not get only them."""
    plan = answer(text)
    assert [m.template for m in mails(plan)] == ["command_error"]
    assert not plan.has(ApprovalDecided)


def test_answer_inline_is_found_between_quoted_lines_only() -> None:
    """Top- and bottom-posting are not inline answers; a line between quotes is."""
    assert not answered_inline("#approve\n\n> a\n> b")
    assert not answered_inline("> a\n> b\n\nНовый текст\n#approve\n-- \nМария")
    assert answered_inline("> a\nНовый текст\n> b\n#approve")


def test_request_attaches_what_fits_and_names_the_rest() -> None:
    """A scan above the staff mail limit stays out of the request (it would bounce), named."""
    scan = AttachmentPart("scan.tiff", "image/tiff", b"x" * 2048)
    act = AttachmentPart("act.pdf", "application/pdf", b"%PDF")
    msg = replace(message(DRAFT, sender=Address(ANNA.email, ANNA.name)), attachments=(scan, act))
    policy = replace(APPROVING, forward_limit=1024)
    plan = decide_staff_reply(Plan(key_state()), StaffReply(msg, ANNA), NOW, policy)
    [request] = mails(plan)
    assert [part.filename for part in request.attachments] == ["act.pdf"]
    assert request.context["attachment_names"] == ["scan.tiff", "act.pdf"]
    assert request.context["not_attached"] == ["scan.tiff"]


def test_reject_reason_keeps_the_lines_that_follow_it() -> None:
    """`#отклонить` with more explanation on the next lines: Anna gets all of it."""
    plan = answer("#отклонить нельзя обещать замену\nСначала попроси фото и акт.")
    [outcome] = mails(plan)
    assert outcome.context["reason"] == "нельзя обещать замену\n\nСначала попроси фото и акт."
    [decided] = [e for e in plan.effects if isinstance(e, ApprovalDecided)]
    assert decided.reason == outcome.context["reason"]
