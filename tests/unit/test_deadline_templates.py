"""The deadline mail templates: reminders, escalations, customer chasers and auto-close notices."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from mailflow.domain.labels import deadline_label, status_label, working_days, working_hours
from mailflow.errors import ConfigError
from mailflow.send.render import RenderedMail, TemplateRenderer
from tests.unit.template_checks import (
    LANGUAGES,
    NUMBER,
    SCRIPT,
    assert_english,
    assert_escapes_script,
    assert_names_the_claim,
    assert_russian,
    assert_tidy_text,
    documented_names,
    renderer,
)

__all__ = ["renderer"]  # the shared fixture

MSK = timezone(timedelta(hours=3))
DUE = datetime(2026, 12, 3, 18, 0, tzinfo=MSK)
ASKED = datetime(2026, 12, 1, 14, 5, tzinfo=MSK)
CLOSE_ON = date(2026, 12, 15)
KINDS = ("first_response", "hard_limit", "resolution")

# English-only values, so that any Cyrillic in an English render comes from the template.
CONTEXTS: dict[str, dict[str, object]] = {
    "deadline_reminder": {
        "claim_number": NUMBER, "specialist_name": "Anna Smirnova",
        "deadline_kind": "first_response", "due_at": DUE, "working_days_left": 2,
        "customer": "John Smith <john@mail.example>", "subject": f"Broken vase {SCRIPT}",
        "status": "assigned",
    },
    "escalation": {
        "claim_number": NUMBER, "manager_name": "Olga Petrova", "deadline_kind": "hard_limit",
        "due_at": DUE, "overdue_working_hours": 2.25, "specialist_name": "Anna Smirnova",
        "specialist_email": "anna@company.example",
        "customer": "John Smith <john@mail.example>", "subject": f"Broken vase {SCRIPT}",
        "status": "in_progress", "received_at": ASKED, "repeat": 0,
    },
    "customer_chaser": {
        "claim_number": NUMBER, "customer_name": "John Smith", "company_name": "Daisy Ltd",
        "specialist_name": "Anna Smirnova", "specialist_position": "Senior Claims Specialist",
        "waiting_since": ASKED, "auto_close_on": CLOSE_ON,
        "question": f"Could you send a photo of the packaging? {SCRIPT}",
        "missing_items": [f"photos of the damaged goods {SCRIPT}"],
        "customer_link": "https://claims.example/c/t0ken",
    },
    "auto_closed": {
        "claim_number": NUMBER, "customer_name": f"John Smith {SCRIPT}",
        "company_name": "Daisy Ltd", "specialist_name": "Anna Smirnova", "waiting_since": ASKED,
        "customer_link": "https://claims.example/c/t0ken",
    },
}
NAMES = tuple(CONTEXTS)
PHRASES = {
    ("deadline_reminder", "ru"): "Напоминаем: срок по претензии",
    ("deadline_reminder", "en"): "A reminder: a deadline on claim",
    ("escalation", "ru"): "срок, указанный ниже, истёк 2 рабочих часа назад",
    ("escalation", "en"): "it passed 2 working hours ago",
    ("customer_chaser", "ru"): "мы запросили у вас дополнительные сведения",
    ("customer_chaser", "en"): "we asked you for more information",
    ("auto_closed", "ru"): "претензия будет открыта снова",
    ("auto_closed", "en"): "the claim will be reopened",
}
BOTH = [(name, language) for name in NAMES for language in LANGUAGES]
EVERY_VARIABLE = [(name, language, key) for name, language in BOTH for key in CONTEXTS[name]]


def render(renderer: TemplateRenderer, name: str, language: str,
           **changes: object) -> RenderedMail:
    return renderer.render(name, language, **{**CONTEXTS[name], **changes})


@pytest.mark.parametrize(("name", "language"), BOTH)
def test_subject_is_one_line_with_the_claim_token(renderer: TemplateRenderer, name: str,
                                                  language: str) -> None:
    """Each mail names its claim in a one-line subject that starts with the `[CLM-…]` token."""
    assert_names_the_claim(render(renderer, name, language))


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", ["deadline_reminder", "escalation"])
def test_customer_subject_with_line_breaks_stays_one_line(renderer: TemplateRenderer, name: str,
                                                          language: str) -> None:
    """A customer subject with CR/LF in it still gives a one-line staff subject."""
    result = render(renderer, name, language, subject="Broken\r\nvase")
    assert "\r" not in result.subject
    assert "\n" not in result.subject
    assert "Broken vase" in result.subject


@pytest.mark.parametrize(("name", "language"), BOTH)
def test_plain_text_layout_is_tidy(renderer: TemplateRenderer, name: str, language: str) -> None:
    """Plain text starts at the first line, has no runs of blank lines and no doubled full stop."""
    assert_tidy_text(render(renderer, name, language).text)


@pytest.mark.parametrize("name", NAMES)
def test_russian_templates_are_in_russian(renderer: TemplateRenderer, name: str) -> None:
    """The Russian mail carries its Russian wording in the subject, text and HTML."""
    assert_russian(render(renderer, name, "ru"), PHRASES[name, "ru"])


@pytest.mark.parametrize("name", NAMES)
def test_english_templates_have_no_russian(renderer: TemplateRenderer, name: str) -> None:
    """The English mail carries its English wording and not a single Cyrillic letter."""
    assert_english(render(renderer, name, "en"), PHRASES[name, "en"])


@pytest.mark.parametrize(("name", "language"), BOTH)
def test_html_escapes_supplied_text(renderer: TemplateRenderer, name: str,
                                    language: str) -> None:
    """`<script>` in customer or specialist text is escaped in HTML, kept as is in plain text."""
    assert_escapes_script(render(renderer, name, language))


@pytest.mark.parametrize(("name", "language", "key"), EVERY_VARIABLE)
def test_every_missing_variable_is_a_config_error(renderer: TemplateRenderer, name: str,
                                                  language: str, key: str) -> None:
    """Leaving out any one context variable is a ConfigError naming the template."""
    context = {k: value for k, value in CONTEXTS[name].items() if k != key}
    with pytest.raises(ConfigError, match=rf"{name}\.{language}"):
        renderer.render(name, language, **context)


@pytest.mark.parametrize(("name", "language"), BOTH)
def test_documented_context_is_the_used_context(renderer: TemplateRenderer, name: str,
                                                language: str) -> None:
    """The header comment lists exactly the variables the three templates use."""
    documented, _ = documented_names(name, language)
    assert renderer.context_names(name, language) == documented
    assert documented == set(CONTEXTS[name])


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", KINDS)
def test_reminder_says_what_is_due_and_by_when(renderer: TemplateRenderer, kind: str,
                                               language: str) -> None:
    """The reminder names the deadline in words, its date and time, and the claim's status."""
    result = render(renderer, "deadline_reminder", language, deadline_kind=kind)
    due = "3 декабря 2026 г. в 18:00" if language == "ru" else "3 December 2026 at 18:00"
    for expected in (deadline_label(kind, language), due, working_days(2, language),
                     status_label("assigned", language)):
        assert expected in result.text
        assert expected in result.html
    assert deadline_label(kind, language) in result.subject


@pytest.mark.parametrize(("language", "today"), [("ru", "сегодня"), ("en", "today")])
def test_reminder_on_the_day_says_today(renderer: TemplateRenderer, language: str,
                                        today: str) -> None:
    """With no working days left the reminder says the deadline is today, not `in 0 days`."""
    result = render(renderer, "deadline_reminder", language, working_days_left=0)
    assert today in result.subject.lower()
    assert today in result.text
    assert working_days(0, language) not in result.text


@pytest.mark.parametrize(("language", "wording"), [
    ("ru", "ваш текст будет отправлен клиенту"),
    ("en", "your text will be sent to the customer")])
def test_reminder_tells_how_to_reach_the_customer(renderer: TemplateRenderer, language: str,
                                                  wording: str) -> None:
    """The reminder says that replying to the claim mail reaches the customer."""
    result = render(renderer, "deadline_reminder", language)
    assert wording in result.text
    assert wording in result.html


@pytest.mark.parametrize(("language", "first", "again", "still"), [
    ("ru", "Просрочено", "По-прежнему просрочено", "по-прежнему просрочена"),
    ("en", "Overdue", "Still overdue", "still overdue")])
def test_repeated_escalation_says_still_overdue(renderer: TemplateRenderer, language: str,
                                                first: str, again: str, still: str) -> None:
    """A repeated escalation says the claim is still overdue; the first one does not."""
    initial = render(renderer, "escalation", language, repeat=0)
    repeated = render(renderer, "escalation", language, repeat=1,
                      overdue_working_hours=26.0)
    assert initial.subject == f"[{NUMBER}] {first}: {deadline_label('hard_limit', language)}" \
                              f" (Broken vase {SCRIPT})"
    assert repeated.subject.startswith(f"[{NUMBER}] {again}: ")
    for part in (repeated.text, repeated.html):
        assert still in part
        assert ("2-е уведомление" if language == "ru" else "escalation number 2") in part
    for part in (initial.text, initial.html):
        assert still not in part


@pytest.mark.parametrize("language", LANGUAGES)
def test_escalation_shows_the_overdue_claim(renderer: TemplateRenderer, language: str) -> None:
    """The escalation shows the deadline, how late it is, the specialist and the claim."""
    result = render(renderer, "escalation", language)
    received = "1 декабря 2026 г. в 14:05" if language == "ru" else "1 December 2026 at 14:05"
    for expected in (deadline_label("hard_limit", language), working_hours(2.25, language),
                     "John Smith <john@mail.example>", status_label("in_progress", language),
                     received):
        assert expected in result.text
        assert expected.replace("<", "&lt;").replace(">", "&gt;") in result.html
    assert "Anna Smirnova <anna@company.example>" in result.text
    assert 'Anna Smirnova &lt;<a href="mailto:anna@company.example">' in result.html


@pytest.mark.parametrize(("language", "greeting", "unassigned"), [
    ("ru", "Здравствуйте!", "Специалист: не назначен"),
    ("en", "Hello,", "Specialist: not assigned")])
def test_escalation_to_several_managers_greets_generically(
        renderer: TemplateRenderer, language: str, greeting: str, unassigned: str) -> None:
    """Without a manager name the greeting is generic; without a specialist it says so."""
    result = render(renderer, "escalation", language, manager_name=None, specialist_name=None,
                    specialist_email=None)
    assert result.text.startswith(f"{greeting}\n")
    assert "Olga Petrova" not in result.text
    assert unassigned in result.text


@pytest.mark.parametrize(("language", "closing", "day"), [
    ("ru", "15 декабря 2026 г. претензия будет закрыта", "15 декабря 2026 г."),
    ("en", "we will close the claim on 15 December 2026", "15 December 2026")])
def test_chaser_announces_auto_close_only_when_set(renderer: TemplateRenderer, language: str,
                                                   closing: str, day: str) -> None:
    """The chaser names the auto-close date when there is one, and otherwise never mentions it."""
    closing_soon = render(renderer, "customer_chaser", language)
    open_ended = render(renderer, "customer_chaser", language, auto_close_on=None)
    assert closing in closing_soon.text
    assert f"<strong>{day}</strong>" in closing_soon.html
    for part in (open_ended.text, open_ended.html):
        assert day not in part


@pytest.mark.parametrize("language", LANGUAGES)
def test_chaser_quotes_the_question_and_signs(renderer: TemplateRenderer, language: str) -> None:
    """The chaser quotes the specialist's question when given and is signed by the specialist."""
    asked = render(renderer, "customer_chaser", language)
    bare = render(renderer, "customer_chaser", language, question=None, specialist_name=None,
                  customer_name=None)
    assert "Could you send a photo of the packaging?" in asked.text
    assert "Anna Smirnova, Senior Claims Specialist\n" in asked.text
    assert "Could you send a photo" not in bare.text
    assert "Anna Smirnova" not in bare.text
    assert ("Здравствуйте!" if language == "ru" else "Hello,") in bare.text


@pytest.mark.parametrize(("language", "asked"), [
    ("ru", "1 декабря 2026 г. в 14:05 мы запросили"), ("en", "On 1 December 2026 at 14:05")])
def test_auto_closed_says_when_and_how_to_reopen(renderer: TemplateRenderer, language: str,
                                                 asked: str) -> None:
    """The auto-close notice says when we asked and that a reply reopens the claim."""
    result = render(renderer, "auto_closed", language)
    assert asked in result.text
    assert asked in result.html
    assert PHRASES["auto_closed", language] in result.text
    assert "Anna Smirnova\n" in result.text


def test_unknown_deadline_kind_is_refused(renderer: TemplateRenderer) -> None:
    """A deadline kind without a label is an error rather than a raw code in a mail."""
    with pytest.raises(ValueError, match="first_answer"):
        deadline_label("first_answer", "en")
    with pytest.raises(ValueError, match="first_answer"):
        render(renderer, "deadline_reminder", "ru", deadline_kind="first_answer")


def test_deadline_labels_are_distinct_in_both_languages() -> None:
    """Every deadline kind has its own label in each language; other tags mean English."""
    for language in LANGUAGES:
        assert len({deadline_label(kind, language) for kind in KINDS}) == len(KINDS)
    assert deadline_label("first_response", "ru") == "первый письменный ответ"
    assert deadline_label("hard_limit", "de") == "final deadline for the answer"


def test_working_days_agree_with_the_number() -> None:
    """Russian picks one, few or many noun forms by the number; English singular only for 1."""
    assert [working_days(n, "ru") for n in (1, 2, 5, 11, 12, 21, 22, 111)] == [
        "1 рабочий день", "2 рабочих дня", "5 рабочих дней", "11 рабочих дней",
        "12 рабочих дней", "21 рабочий день", "22 рабочих дня", "111 рабочих дней"]
    assert [working_days(n, "en") for n in (0, 1, 2, 21)] == [
        "0 working days", "1 working day", "2 working days", "21 working days"]


def test_working_hours_round_half_up_and_read_naturally() -> None:
    """Hours round half up to whole hours; under one hour is said in words."""
    assert working_hours(0.4, "en") == "less than one working hour"
    assert working_hours(0.99, "ru") == "менее одного рабочего часа"
    assert working_hours(1.4, "en") == "1 working hour"
    assert working_hours(1.5, "ru") == "2 рабочих часа"
    assert working_hours(24.6, "ru") == "25 рабочих часов"


@pytest.mark.parametrize("hours", [-0.5, float("nan"), float("inf")])
def test_impossible_working_hours_are_refused(hours: float) -> None:
    """A negative, NaN or infinite number of hours is an error, not a sentence."""
    with pytest.raises(ValueError, match="working hours"):
        working_hours(hours, "en")


def test_negative_working_days_are_refused() -> None:
    """A reminder for a deadline already past is a caller's error, not `-1 working days`."""
    with pytest.raises(ValueError, match="working days"):
        working_days(-1, "ru")
