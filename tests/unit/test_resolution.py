"""How a claim ends (issue 11): the decision, compensation and cause as words and rules, and
the customer's rating of a decided claim."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from mailflow.config import load_settings
from mailflow.decide.effects import (
    MailQueued,
    MessageMarked,
    Rated,
    ResolutionChanged,
    StatusChanged,
)
from mailflow.decide.intake import Arrival, IntakeFacts, decide_follow_up
from mailflow.decide.lifecycle import move_status
from mailflow.decide.notices import decide_notice
from mailflow.decide.resolution import (
    ResolutionMissing,
    ResolutionRefused,
    apply_resolution,
    compensation_json,
)
from mailflow.decide.staff import StaffReply, decide_staff_reply
from mailflow.decide.state import ClaimState, Plan
from mailflow.decide.wording import command_problem
from mailflow.domain.commands import CommandErrorCode, parse_commands
from mailflow.domain.model import (
    AttachmentPart,
    ClaimStatus,
    Classification,
    MessageKind,
    ParsedMessage,
)
from mailflow.domain.notices import Notice, NoticeKind
from mailflow.domain.outcome import Compensation, CompensationKind, Outcome, Rating, Resolution
from mailflow.domain.resolution import (
    ArgumentError,
    missing_to_end,
    read_compensation,
    read_outcome,
    read_rating,
)
from mailflow.errors import ConfigError
from tests.unit.test_decide import ANNA, CUSTOMER, IVAN, NOW, POLICY, message, state

UNDECIDED = Resolution()
ACCEPTED = Resolution(Outcome.ACCEPTED)
REJECTED = Resolution(Outcome.REJECTED, "нарушены условия эксплуатации")


def with_resolution(status: ClaimStatus, resolution: Resolution = UNDECIDED,
                    rating: Rating | None = None) -> ClaimState:
    return replace(state(status, ANNA.email), resolution=resolution, rating=rating,
                   rated_at=NOW if rating else None)


# -- words -------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("accepted", (Outcome.ACCEPTED, "")),
    ("Частично", (Outcome.PARTLY, "")),
    ("отклонена: нарушены условия", (Outcome.REJECTED, "нарушены условия")),
    ("rejected - the seal is broken", (Outcome.REJECTED, "the seal is broken")),
])
def test_outcome_words_in_both_languages(text: str, expected: tuple[Outcome, str]) -> None:
    """The decision is read in English or Russian, with the reason after it."""
    assert read_outcome(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("refund 1500 RUB", Compensation(CompensationKind.REFUND, 150000, "RUB")),
    ("возврат 1 500 руб", Compensation(CompensationKind.REFUND, 150000, "RUB")),
    ("скидка 1500.50 ₽", Compensation(CompensationKind.DISCOUNT, 150050, "RUB")),
    ("refund 1500,5 $", Compensation(CompensationKind.REFUND, 150050, "USD")),
    ("discount 1\u00a0500,50 eur", Compensation(CompensationKind.DISCOUNT, 150050, "EUR")),
    ("refund 1500", Compensation(CompensationKind.REFUND, 150000, "KZT")),
    ("замена", Compensation(CompensationKind.REPLACEMENT)),
    ("доставка", Compensation(CompensationKind.DELIVERY)),
    ("repair 3000 RUB", Compensation(CompensationKind.REPAIR, 300000, "RUB")),
    ("нет", None),
])
def test_compensation_kinds_amounts_and_currencies(text: str,
                                                   expected: Compensation | None) -> None:
    """Kinds and currencies have Russian aliases; amounts take spaces and either decimal
    mark; an amount without a currency takes the default; replacement needs no amount."""
    assert read_compensation(text, "KZT") == expected


@pytest.mark.parametrize("text", ["many", "refund", "refund many RUB", "refund 0 RUB",
                                  "refund 1500 doubloons", "скидка 10%"])
def test_compensation_that_cannot_be_read(text: str) -> None:
    """An unknown kind, a money kind without an amount, a zero amount, an unknown currency."""
    with pytest.raises(ArgumentError):
        read_compensation(text, "RUB")


def test_amount_is_shown_as_a_decimal_string() -> None:
    """Minor units reach the JSON as "1500.50" with the currency; an in-kind one has none."""
    assert compensation_json(Compensation(CompensationKind.REFUND, 150050, "RUB")) == {
        "kind": "refund", "amount": "1500.50", "currency": "RUB"}
    assert compensation_json(Compensation(CompensationKind.REPLACEMENT)) == {
        "kind": "replacement", "amount": None, "currency": None}


@pytest.mark.parametrize(("text", "expected"), [
    ("5", Rating(5)),
    ("4 - thanks", Rating(4, "thanks")),
    ("5, всё отлично", Rating(5, "всё отлично")),
    ("3/5 долго ждал", Rating(3, "долго ждал")),
    ("  2 из 5. Курьер опоздал\nВторая строка", Rating(2, "Курьер опоздал\nВторая строка")),
    ("10 дней прошло", None), ("1.5", None), ("0", None), ("6 звёзд", None),
    ("12345", None), ("Спасибо, 5", None), ("", None),
])
def test_rating_is_a_leading_digit_one_to_five(text: str, expected: Rating | None) -> None:
    """Only a lone digit 1..5 at the very start is a rating; the words after it are the
    comment ("3/5" and "из 5" are part of the score)."""
    assert read_rating(text) == expected


@pytest.mark.parametrize(("resolution", "target", "missing"), [
    (Resolution(), ClaimStatus.RESOLVED, ("outcome",)),
    (Resolution(), ClaimStatus.CLOSED, ("outcome",)),
    (Resolution(), ClaimStatus.REJECTED, ("outcome", "reason")),
    (Resolution(Outcome.REJECTED), ClaimStatus.CLOSED, ("reason",)),
    (ACCEPTED, ClaimStatus.REJECTED, ("rejected_outcome",)),
    (ACCEPTED, ClaimStatus.CLOSED, ()),
    (REJECTED, ClaimStatus.REJECTED, ()),
    (Resolution(), ClaimStatus.WAITING_CUSTOMER, ()),
])
def test_what_a_claim_needs_to_end(resolution: Resolution, target: ClaimStatus,
                                   missing: tuple[str, ...]) -> None:
    """Resolving or closing needs an outcome, a rejection a reason, the status rejected the
    outcome rejected; other moves need nothing."""
    assert missing_to_end(resolution, target) == missing


# -- commands ----------------------------------------------------------------------------


def test_resolution_commands_are_parsed_to_canonical_arguments() -> None:
    """`#решение`, `#компенсация`, `#причина` are read like their English names."""
    parsed = parse_commands("#решение отклонена: нарушены условия\n#компенсация возврат "
                            "1 500,50 руб\n#причина Перевозчик\n\nИван, ...", frozenset())
    assert [(c.name, c.argument) for c in parsed.commands] == [
        ("outcome", "rejected нарушены условия"), ("compensation", "refund 1500.50 RUB"),
        ("cause", "Перевозчик")]
    assert parsed.body == "Иван, ..."


@pytest.mark.parametrize("line", ["#outcome maybe", "#compensation many", "#outcome"])
def test_bad_resolution_commands_are_errors(line: str) -> None:
    """A decision or compensation that cannot be read is an error, not a command."""
    parsed = parse_commands(line, frozenset())
    assert parsed.commands == ()
    assert parsed.errors[0].code in (CommandErrorCode.INVALID_ARGUMENT,
                                     CommandErrorCode.MISSING_ARGUMENT)


@pytest.mark.parametrize(("line", "russian"), [
    ("#outcome maybe", "решение 'maybe' неизвестно"),
    ("#компенсация: много", "вид компенсации 'много' неизвестен"),
    ("#compensation refund", "для компенсации refund нужны сумма и валюта"),
    ("#compensation refund много руб", "'много руб' — не сумма"),
    ("#compensation refund 0", "сумма должна быть больше нуля"),
    ("#compensation refund 1500 тугриков", "валюта 'тугриков' неизвестна"),
])
def test_argument_errors_are_worded_in_russian(line: str, russian: str) -> None:
    """Each way an argument fails has its own Russian explanation naming the value."""
    [error] = parse_commands(line, frozenset()).errors
    assert russian in command_problem(error, "ru", ())
    assert command_problem(error, "en", ()) == error.message


# -- rules -------------------------------------------------------------------------------


def test_each_change_is_an_effect_with_the_previous_value() -> None:
    """A changed decision records what it was; the same decision again records nothing."""
    plan = Plan(with_resolution(ClaimStatus.IN_PROGRESS, ACCEPTED))
    plan = apply_resolution(plan, "outcome", "partly", POLICY, "en")
    plan = apply_resolution(plan, "outcome", "partly", POLICY, "en")
    plan = apply_resolution(plan, "cause", "склад", POLICY, "ru")
    plan = apply_resolution(plan, "compensation", "discount 500", POLICY, "en")
    assert plan.effects == (
        ResolutionChanged("outcome", {"outcome": "partly", "reason": ""},
                          {"outcome": "accepted", "reason": ""}),
        ResolutionChanged("cause", "warehouse", None),
        ResolutionChanged("compensation", {"kind": "discount", "amount": "500.00",
                                           "currency": "RUB"}, None))
    assert plan.state.resolution == Resolution(
        Outcome.PARTLY, "", "warehouse", Compensation(CompensationKind.DISCOUNT, 50000, "RUB"))


def test_unknown_cause_lists_the_configured_ones() -> None:
    """A cause outside `[rules.causes]` is refused with the list, in the asker's language."""
    with pytest.raises(ResolutionRefused) as refused:
        apply_resolution(Plan(with_resolution(ClaimStatus.IN_PROGRESS)), "cause", "погода",
                         POLICY, "ru")
    assert "допустимые: поставщик, перевозчик, склад" in refused.value.problem


def test_closing_without_an_outcome_is_refused_and_allowed_when_not_required() -> None:
    """`#close` / `claims status closed` on an undecided claim raises what is missing,
    unless `[rules] require_outcome = false`."""
    undecided = Plan(with_resolution(ClaimStatus.IN_PROGRESS))
    with pytest.raises(ResolutionMissing) as missing:
        move_status(undecided, ClaimStatus.CLOSED, POLICY, NOW, why="done")
    assert missing.value.missing == ("outcome",)
    relaxed = replace(POLICY, require_outcome=False)
    assert move_status(undecided, ClaimStatus.CLOSED, relaxed, NOW, why="done").state.status \
        == ClaimStatus.CLOSED


def test_a_claim_closed_before_the_rule_stays_closed_quietly() -> None:
    """`#close` on a claim already closed without a decision is nothing to do, not an error."""
    closed = Plan(with_resolution(ClaimStatus.CLOSED))
    assert move_status(closed, ClaimStatus.CLOSED, POLICY, NOW, why="again") == closed


def test_closing_a_rejected_claim_passes_through_rejected() -> None:
    """With the outcome rejected, `#close` on a claim in progress goes in_progress ->
    rejected -> closed, and the closing note asks for a rating."""
    plan = move_status(Plan(with_resolution(ClaimStatus.IN_PROGRESS, REJECTED)),
                       ClaimStatus.CLOSED, POLICY, NOW, why="done")
    assert [e.new for e in plan.effects if isinstance(e, StatusChanged)] == [
        ClaimStatus.REJECTED, ClaimStatus.CLOSED]
    note = [e for e in plan.effects if isinstance(e, MailQueued)]
    assert [(m.context["status"], m.context["ask_rating"]) for m in note] == [("closed", True)]


def test_auto_close_needs_no_outcome_and_asks_no_rating() -> None:
    """The customer's silence closes an undecided claim as before; its note is auto_closed."""
    waiting = replace(with_resolution(ClaimStatus.WAITING_CUSTOMER), waiting_since=NOW)
    notice = Notice("auto:1", NoticeKind.AUTO_CLOSE, None, NOW + timedelta(days=9))
    plan = decide_notice(Plan(waiting), notice, NOW + timedelta(days=9), POLICY)
    assert plan.state.status == ClaimStatus.CLOSED
    assert [m.template for m in plan.effects if isinstance(m, MailQueued)] == ["auto_closed"]


def staff_reply(text: str) -> StaffReply:
    msg = ParsedMessage(message_id="s1@shop.example", subject="Re: претензия",
                        from_=None, text=text, content_hash="s1")
    return StaffReply(msg, ANNA)


def test_staff_close_without_outcome_gets_the_error_reply_and_changes_nothing() -> None:
    """`#close` on an undecided claim: command_error says the outcome is missing; no status
    move, no relay."""
    start = Plan(with_resolution(ClaimStatus.IN_PROGRESS), actor=ANNA.email)
    plan = decide_staff_reply(start, staff_reply("#close\nИван, всё решено."), NOW, POLICY)
    assert plan.state == start.state
    errors = [m for m in plan.effects if isinstance(m, MailQueued)]
    assert [m.template for m in errors] == ["command_error"]
    assert "не указано решение" in errors[0].context["errors"][0]["message"]


def test_staff_decision_below_close_is_applied_first() -> None:
    """`#close` above `#outcome accepted` closes a claim decided in the same reply."""
    start = Plan(with_resolution(ClaimStatus.IN_PROGRESS), actor=ANNA.email)
    plan = decide_staff_reply(start, staff_reply("#close\n#outcome accepted\n#cause carrier"),
                              NOW, POLICY)
    assert plan.state.status == ClaimStatus.CLOSED
    assert plan.state.resolution == Resolution(Outcome.ACCEPTED, cause="carrier")


def follow_up(status: ClaimStatus, text: str, resolution: Resolution = ACCEPTED,
              rating: Rating | None = None, **changes: object) -> Plan:
    msg = replace(message(text), **changes)
    return decide_follow_up(Plan(with_resolution(status, resolution, rating)),
                            Arrival(msg, CUSTOMER, False, reopen=True),
                            IntakeFacts(NOW + timedelta(days=30)), POLICY)


def test_rating_weeks_later_is_recorded_and_nothing_else() -> None:
    """"5, всё отлично" on a closed claim a month later: the rating, no reopening, nothing
    to the customer; Anna is told."""
    plan = follow_up(ClaimStatus.CLOSED, "5, всё отлично\n\n> старое письмо")
    assert plan.effects[:2] == (Rated(5, "всё отлично", "m1@mail.example"),
                                MessageMarked("rating"))
    notice = plan.effects[2]
    assert isinstance(notice, MailQueued)
    assert (notice.template, notice.to.email, notice.context["score"], len(plan.effects)) \
        == ("rating_notice", ANNA.email, 5, 3)
    assert plan.state.status == ClaimStatus.CLOSED
    assert (plan.state.rating, plan.state.rated_at) == (Rating(5, "всё отлично"),
                                                        NOW + timedelta(days=30))


def test_second_rating_replaces_the_first_and_the_event_keeps_it() -> None:
    """A later rating wins; its event carries the earlier score and comment."""
    plan = follow_up(ClaimStatus.RESOLVED, "2 - передумал", rating=Rating(5, "спасибо"))
    rated = plan.effects[0]
    assert isinstance(rated, Rated)
    assert (rated.score, rated.previous) == (2, {"score": 5, "comment": "спасибо",
                                                 "rated_at": NOW.isoformat()})
    assert plan.state.rating == Rating(2, "передумал")


@pytest.mark.parametrize(("status", "text", "resolution", "changes"), [
    (ClaimStatus.CLOSED, "Товар снова сломался", ACCEPTED, {}),
    (ClaimStatus.CLOSED, "5", Resolution(), {}),  # auto-closed, never asked for a rating
    (ClaimStatus.REJECTED, "3 я не согласен", REJECTED, {}),
    (ClaimStatus.CLOSED, "2 фото во вложении", ACCEPTED,
     {"attachments": (AttachmentPart("a.jpg", "image/jpeg", b"x"),)}),
    (ClaimStatus.CLOSED, "5", ACCEPTED,
     {"from_": replace(IVAN, email="someone@else.example")}),
])
def test_other_replies_on_finished_claims_reopen_as_before(
        status: ClaimStatus, text: str, resolution: Resolution,
        changes: dict[str, object]) -> None:
    """No leading digit, an undecided or rejected (not closed) claim, files, or another
    sender: the claim is reopened and the specialist gets the message, as today."""
    plan = follow_up(status, text, resolution, **changes)
    assert plan.state.status == ClaimStatus.REOPENED
    assert not any(isinstance(effect, Rated) for effect in plan.effects)


# -- config ------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "key"), [
    ('[rules]\ncurrency = "XYZ"\n', "rules.currency"),
    ('[rules.causes]\ncarrier = "перевозчик"\ncourier = "Перевозчик"\n',
     "rules.causes.courier"),
    ('[rules.causes]\n"Склад" = "склад"\n', "rules.causes.Склад"),
])
def test_bad_rules_name_the_key_and_file(tmp_path: Path, text: str, key: str) -> None:
    """An unknown currency, a cause named twice or a code that is not latin is a ConfigError
    naming the key and the file."""
    path = tmp_path / "mailflow.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    assert (caught.value.key, caught.value.path) == (key, str(path))


@pytest.mark.parametrize("text", ["1 декабря вернусь в офис.", "5 января вернусь",
                                  "3 weeks away", "1-го числа вернусь", "2 дня ждал ответа",
                                  "5 May: back in the office"])
def test_a_date_or_a_span_at_the_start_is_no_rating(text: str) -> None:
    """An out-of-office ("1 декабря вернусь") or a new complaint ("2 дня ждал") that starts
    with a digit is not a score: the claim reopens rather than losing the words."""
    assert read_rating(text) is None


def test_a_reply_whose_subject_reads_automatic_is_no_rating() -> None:
    """"Automatic reply: …" with "5" in the text, without any auto-reply header: not a
    rating (the subject rule fired), so no score is recorded in the customer's name."""
    msg = replace(message("5"), subject="Automatic reply: Re: [CLM-2026-000001] Закрыта")
    automatic = Classification(MessageKind.CUSTOMER, ("auto-reply-subject",))
    plan = decide_follow_up(Plan(with_resolution(ClaimStatus.CLOSED, ACCEPTED)),
                            Arrival(msg, automatic, False, reopen=True),
                            IntakeFacts(NOW + timedelta(days=30)), POLICY)
    assert not plan.has(Rated)


def test_rating_on_a_claim_whose_owner_left_reaches_a_manager() -> None:
    """The owner is no longer in the team: the rating notice goes to a manager, so words
    after the digit (maybe a new request) are read by someone."""
    gone = replace(with_resolution(ClaimStatus.CLOSED, ACCEPTED),
                   assignee="left@company.example")
    plan = decide_follow_up(Plan(gone), Arrival(message("3 - снова сломался"), CUSTOMER, False,
                                                reopen=True),
                            IntakeFacts(NOW + timedelta(days=30)), POLICY)
    notices = [e for e in plan.effects if isinstance(e, MailQueued)]
    assert [(n.template, n.to.email) for n in notices] == [
        ("rating_notice", POLICY.team.managers[0].email)]
