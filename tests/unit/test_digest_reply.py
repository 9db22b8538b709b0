"""A manager's answer to the digest: its command lines, the keyed digest reference, the
all-or-nothing decision and the reply templates."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from mailflow.classify.rules import ClassifyContext, classify
from mailflow.decide.digest_reply import (
    MAX_CLAIMS,
    DigestAnswer,
    NamedClaim,
    decide_digest_answer,
)
from mailflow.decide.effects import Assigned, MailQueued, Recorded
from mailflow.decide.state import ClaimState
from mailflow.domain.digest_reply import DigestOrder, LineProblem, read_digest_orders
from mailflow.domain.model import Address, ClaimStatus, ParsedMessage, Person
from mailflow.domain.references import (
    digest_period,
    digest_reference_in,
    digest_reference_problem,
    digest_reply_address,
    make_digest_message_id,
)
from mailflow.send.render import TemplateRenderer
from tests.unit.template_checks import (
    LANGUAGES,
    SCRIPT,
    assert_english,
    assert_escapes_script,
    assert_russian,
    assert_tidy_text,
    documented_names,
    renderer,
)
from tests.unit.test_decide import ANNA, BORIS, MARIA, NOW, POLICY, state

__all__ = ["renderer"]
FIRST, SECOND = "CLM-2026-000001", "CLM-2026-000002"
SECRET = b"s" * 32


def test_command_lines_name_their_claim_and_other_lines_are_ignored() -> None:
    """`#assign` / `#назначить` take a claim and an address, `#note` / `#заметка` a claim and
    text; the manager's own words around them are not commands."""
    orders, bad = read_digest_orders(
        "Коллеги, срочно.\n#assign CLM-2026-000001 <Boris@Shop.example>\n"
        "#заметка clm-2026-000002: звонил клиент\n#назначить CLM-2026-000002 anna@shop.example"
        "\nSee #1 priority above")
    assert bad == ()
    assert orders == (
        DigestOrder("#assign CLM-2026-000001 <Boris@Shop.example>", "assign", FIRST,
                    "boris@shop.example"),
        DigestOrder("#заметка clm-2026-000002: звонил клиент", "note", SECOND,
                    "звонил клиент"),
        DigestOrder("#назначить CLM-2026-000002 anna@shop.example", "assign", SECOND,
                    "anna@shop.example"))


@pytest.mark.parametrize(("line", "problem"), [
    ("#assign boris@shop.example", LineProblem.MISSING_NUMBER),
    ("#assign CLM-2026-000001", LineProblem.BAD_ADDRESS),
    ("#assign CLM-2026-000001 boris", LineProblem.BAD_ADDRESS),
    ("#note CLM-2026-000001", LineProblem.MISSING_TEXT),
    ("#note звонил клиент", LineProblem.MISSING_NUMBER),
    ("#asign CLM-2026-000001 boris@shop.example", LineProblem.UNKNOWN_COMMAND),
    ("#status CLM-2026-000001 closed", LineProblem.UNKNOWN_COMMAND),
])
def test_malformed_command_lines_are_bad(line: str, problem: LineProblem) -> None:
    """A `#word` line that cannot be carried out as written is an error, never skipped."""
    orders, bad = read_digest_orders(f"Hello\n{line}\n")
    assert orders == ()
    assert [(b.line, b.problem) for b in bad] == [(line, problem)]


def test_digest_reference_is_bound_to_its_person_and_period() -> None:
    """Only the person the digest copy went to verifies its reference; a changed period or
    tag verifies for nobody."""
    assert digest_period("day", NOW.date()) == "d20261201"
    message_id = make_digest_message_id("d20261130", SECRET, MARIA.email, NOW, "ab12",
                                        "shop.example")
    assert message_id.startswith("mf.digest.d20261130.")
    found = digest_reference_in((f"<{message_id}>",), SECRET, MARIA.email)
    assert found is not None
    assert (found.period, found.issued_at) == ("d20261130", NOW)
    assert digest_reference_in((message_id,), SECRET, BORIS.email) is None
    assert digest_reference_in((message_id,), b"other" * 8, MARIA.email) is None
    forged = message_id.replace("d20261130", "d20261129")
    assert digest_reference_in((forged,), SECRET, MARIA.email) is None


def test_digest_reply_address_carries_the_same_reference() -> None:
    """The Reply-To sub-address verifies like the Message-ID, for its person only, and a
    reply sent to it without In-Reply-To is known as an answer to the digest."""
    address = digest_reply_address("claims@shop.example", "d20261130", SECRET, MARIA.email,
                                   NOW)
    assert address.startswith("claims+digest.d20261130.")
    found = digest_reference_in((), SECRET, MARIA.email, (address.upper(),))
    assert found is not None
    assert found.issued_at == NOW
    assert digest_reference_in((), SECRET, BORIS.email, (address,)) is None
    context = ClassifyContext("claims@shop.example", frozenset({"claims@shop.example"}))
    sent_to = ParsedMessage(message_id="r@x", subject="Re", from_=Address(MARIA.email),
                            to=(Address(address),))
    assert "answers-digest" in classify(sent_to, context).rules
    elsewhere = replace(sent_to, to=(Address(address.replace("shop.example", "evil.example")),))
    assert "answers-digest" not in classify(elsewhere, context).rules


@pytest.mark.parametrize(("age", "problem"), [
    (timedelta(days=90), None), (timedelta(days=90, seconds=1), "reference-expired")])
def test_digest_reference_expires_with_age(age: timedelta, problem: str | None) -> None:
    """A digest answered after the reference's age is refused; no reference at all too."""
    found = digest_reference_in((make_digest_message_id(
        "d20261130", SECRET, MARIA.email, NOW, "ab", "shop.example"),), SECRET, MARIA.email)
    limit = timedelta(days=90)
    assert digest_reference_problem(found, now=NOW + age, max_age=limit) == problem
    assert digest_reference_problem(None, now=NOW, max_age=limit) == "no-personal-reference"


def answer(text: str, person: Person | None = MARIA, distrust: str | None = None,
           claims: dict[str, NamedClaim] | None = None) -> DigestAnswer:
    sender = person.email if person else "stranger@mail.example"
    msg = ParsedMessage(message_id="r1@shop.example", subject="Re: сводка",
                        from_=Address(sender), text=text, content_hash="h")
    return DigestAnswer(msg, person, distrust, claims if claims is not None else CLAIMS)


def claim(number: str, status: ClaimStatus = ClaimStatus.IN_PROGRESS,
          merged_into: str | None = None) -> NamedClaim:
    named: ClaimState = replace(state(status, ANNA.email), number=number)
    return NamedClaim(named, merged_into)


CLAIMS = {FIRST: claim(FIRST), SECOND: claim(SECOND)}


def test_valid_lines_hand_over_and_note_as_the_manager() -> None:
    """Every line is carried out through hand_over and the note, in the manager's name; the
    new owner gets the claim and the manager a confirmation listing the lines."""
    decision = decide_digest_answer(answer(
        "Сделайте так:\n#assign CLM-2026-000001 boris@shop.example\n"
        "#note CLM-2026-000002 клиент ждёт звонка"), NOW, POLICY)
    first, second = decision.plans
    assert first.actor == second.actor == MARIA.email
    assert first.state.assignee == BORIS.email
    assert any(isinstance(e, Assigned) and e.person == BORIS.email for e in first.effects)
    assert any(isinstance(e, MailQueued) and e.template == "specialist_new_claim"
               and e.to.email == BORIS.email for e in first.effects)
    assert Recorded("note", {"text": "клиент ждёт звонка", "via": "digest"}) in second.effects
    assert decision.event.kind == "digest.answered"
    assert decision.reply is not None
    assert decision.reply.to.email == MARIA.email
    assert decision.reply.context["outcome"] == "done"
    assert decision.reply.language == "ru"


@pytest.mark.parametrize(("line", "claims", "says"), [
    ("#note CLM-2026-000009 x", CLAIMS, "претензии CLM-2026-000009 нет"),
    ("#assign CLM-2026-000001 nobody@shop.example", CLAIMS, "nobody@shop.example нет среди"),
    ("#assign CLM-2026-000001 boris@shop.example",
     {**CLAIMS, FIRST: claim(FIRST, ClaimStatus.CLOSED)}, "уже завершена"),
    ("#note CLM-2026-000001 x", {**CLAIMS, FIRST: claim(FIRST, merged_into=SECOND)},
     "объединена с CLM-2026-000002"),
    ("#status CLM-2026-000001 closed", CLAIMS, "#status"),
])
def test_one_bad_line_refuses_the_whole_reply(line: str, claims: dict[str, NamedClaim],
                                              says: str) -> None:
    """A line the rules refuse leaves every claim as it was, the good lines included, and
    the manager is told which line and why."""
    decision = decide_digest_answer(answer(
        f"#note CLM-2026-000002 хорошая строка\n{line}", claims=claims), NOW, POLICY)
    assert decision.plans == ()
    assert decision.event.kind == "digest.refused"
    assert decision.reply is not None
    errors = decision.reply.context["errors"]
    assert [e["line"] for e in errors] == [line]
    assert says in errors[0]["message"]


@pytest.mark.parametrize(("person", "distrust", "replied", "why"), [
    (MARIA, "no-personal-reference", True, "no-personal-reference"),
    (MARIA, "reference-expired", True, "reference-expired"),
    (ANNA, None, True, "not-a-manager"),
    (None, None, False, "not-staff"),
])
def test_untrusted_replies_change_nothing(person: Person | None, distrust: str | None,
                                          replied: bool, why: str) -> None:
    """Without the writer's own digest reference, or from someone not a manager, nothing is
    done; staff are told why, a stranger is answered nothing."""
    decision = decide_digest_answer(
        answer("#assign CLM-2026-000001 boris@shop.example", person, distrust), NOW, POLICY)
    assert decision.plans == ()
    assert decision.event.detail["why"] == why
    assert (decision.reply is not None) is replied
    if decision.reply is not None:
        assert decision.reply.context["outcome"] == "refused"
        assert decision.reply.context["reason"]


def test_an_automatic_answer_is_never_answered() -> None:
    """The manager's out-of-office answering the digest changes nothing and gets no mail."""
    decision = decide_digest_answer(
        replace(answer("#note CLM-2026-000001 x"), automatic=True), NOW, POLICY)
    assert decision.plans == ()
    assert decision.reply is None
    assert decision.event.detail["why"] == "automatic-reply"


def test_a_reply_without_commands_gets_a_short_answer() -> None:
    """Words alone change nothing and the manager is told there was no command."""
    decision = decide_digest_answer(answer("Спасибо, посмотрю."), NOW, POLICY)
    assert decision.plans == ()
    assert decision.reply is not None
    assert decision.reply.context["outcome"] == "empty"


OUTCOMES = {
    "done": {"done": ["#assign CLM-2026-000001 boris@shop.example"]},
    "errors": {"errors": [{"line": "#note CLM-2026-000009 x", "message": "no claim"}]},
    "refused": {"reason": "no reference"},
    "empty": {},
}
PHRASES = {"done": ("выполнен", "was carried out"),
           "errors": ("не выполнен", "was not carried out"),
           "refused": ("ничего не изменило", "changed nothing"),
           "empty": ("нет команд", "holds no command")}


@pytest.mark.parametrize("outcome", OUTCOMES)
@pytest.mark.parametrize("language", LANGUAGES)
def test_reply_template_renders_every_outcome(renderer: TemplateRenderer, outcome: str,
                                              language: str) -> None:
    """The reply to a digest answer is tidy, escapes the subject in HTML and is wholly in
    the manager's language for each outcome."""
    context = {"company_name": "Shop", "manager_name": "Maria", "subject": SCRIPT,
               "received_at": NOW + timedelta(hours=3), "outcome": outcome, "reason": "",
               "errors": [], "done": [], **OUTCOMES[outcome]}
    result = renderer.render("digest_reply", language, **context)
    documented, not_shown = documented_names("digest_reply", language)
    assert documented - not_shown == set(renderer.context_names("digest_reply", language))
    assert_tidy_text(result.text)
    assert_escapes_script(result)
    ru, en = PHRASES[outcome]
    if language == "ru":
        assert_russian(result, ru)
    else:
        assert_english(result, en)


def test_an_answer_naming_too_many_claims_is_refused_whole() -> None:
    """More claims than one answer may name refuses every line, saying how many may be."""
    lines = "\n".join(f"#note CLM-2026-{n:06d} x" for n in range(1, MAX_CLAIMS + 2))
    decision = decide_digest_answer(answer(lines), NOW, POLICY)
    assert decision.plans == ()
    assert decision.reply is not None
    assert [e["message"] for e in decision.reply.context["errors"]] == [
        f"в одном ответе можно назвать не больше {MAX_CLAIMS} претензий"]
