"""The specialist-workflow mail templates: content, languages, escaping and documented context."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from jinja2 import Environment, meta

from mailflow.domain.labels import (
    category_label,
    cause_label,
    compensation_label,
    demand_label,
    format_size,
    outcome_label,
    priority_label,
    status_label,
    status_next_step,
)
from mailflow.domain.model import ClaimStatus, Priority
from mailflow.domain.outcome import CompensationKind, Outcome
from mailflow.errors import ConfigError
from mailflow.extract.model import Category, Demand
from mailflow.send.render import RenderedMail, TemplateRenderer
from tests.unit.template_checks import (
    LANGUAGES,
    NUMBER,
    SCRIPT,
    TEMPLATES,
    assert_english,
    assert_escapes_script,
    assert_names_the_claim,
    assert_russian,
    assert_tidy_text,
    documented_names,
    renderer,
)

__all__ = ["renderer"]  # the shared fixture

WHEN = datetime(2026, 12, 1, 14, 5, tzinfo=timezone(timedelta(hours=3)))
PHOTO_SIZE = 1_572_864
PHOTO = {"filename": "photo.jpg", "size": PHOTO_SIZE}
VIDEO = {"filename": "unboxing.mp4", "size": 48 * 1024 * 1024}

# English-only values, so that any Cyrillic in an English render comes from the template.
CONTEXTS: dict[str, dict[str, object]] = {
    "specialist_new_claim": {
        "claim_number": NUMBER, "specialist_name": "Anna Smirnova", "reassigned": False,
        "previous_specialist": None, "customer": "John Smith <john@mail.example>",
        "subject": "Broken vase", "category": "damaged", "category_uncertain": False,
        "priority": "normal",
        "received_at": WHEN, "answer_by": date(2026, 12, 11),
        "text": f"The vase arrived broken.\n{SCRIPT}", "attachments": [PHOTO],
        "omitted_attachments": [VIDEO], "commands_help": True,
        "fields": [{"field": "order_number", "value": f"12345 {SCRIPT}", "source": "body",
                    "attachment": None},
                   {"field": "photos", "value": "2", "source": "attachment_text",
                    "attachment": "photo.jpg"}],
        "missing": [f"the date of purchase {SCRIPT}"],
        "warranty": [{"article": f"VT-7005 {SCRIPT}", "months": 12,
                      "until": date(2027, 5, 1), "valid": True}],
    },
    "specialist_follow_up": {
        "claim_number": NUMBER, "specialist_name": "Anna Smirnova",
        "customer": "John Smith <john@mail.example>", "subject": "Re: Broken vase",
        "received_at": WHEN, "text": f"Here is the receipt.\n{SCRIPT}", "attachments": [PHOTO],
        "omitted_attachments": [], "status": "waiting_customer",
        "completed": [f"photos {SCRIPT}"], "still_missing": ["the order number"],
    },
    "relay": {
        "claim_number": NUMBER, "customer_name": "John Smith", "specialist_name": "Anna Smirnova",
        "specialist_position": "Senior Claims Specialist", "company_name": "Daisy Ltd",
        "original_subject": "Broken vase",
        "body": f"Dear John,\n\nA new vase is on its way.\n{SCRIPT}\n",
        "customer_link": "https://claims.example/c/t0ken",
    },
    "status_update": {
        "claim_number": NUMBER, "customer_name": "John Smith", "status": "in_progress",
        "specialist_name": "Anna Smirnova", "specialist_position": "Senior Claims Specialist",
        "company_name": "Daisy Ltd", "note": f"The courier comes on Thursday. {SCRIPT}",
        "answer_by": date(2026, 12, 11), "ask_rating": False,
        "customer_link": "https://claims.example/c/t0ken",
    },
    "command_error": {
        "claim_number": NUMBER, "specialist_name": "Anna Smirnova",
        "errors": [{"line": "#status done", "message": f"unknown status {SCRIPT}"},
                   {"line": 3, "message": "unknown command #frobnicate"}],
    },
    "untrusted_message": {
        "claim_number": NUMBER, "specialist_name": "Anna Smirnova",
        "reason": "the message was not a reply to a notification from the system",
        "subject": f"Re: Broken vase {SCRIPT}", "received_at": WHEN,
    },
    "relay_blocked": {
        "claim_number": NUMBER, "specialist_name": "Anna Smirnova",
        "lines": ["Category: damage", f"Priority: normal {SCRIPT}"],
    },
    "bounce_notice": {
        "claim_number": NUMBER, "specialist_name": "Anna Smirnova",
        "customer": "John Smith <john@mail.example>",
        "diagnostic": f"550 5.1.1 <john@mail.example>: user unknown {SCRIPT}",
        "received_at": WHEN,
    },
    "rating_notice": {
        "claim_number": NUMBER, "specialist_name": "Anna Smirnova",
        "customer": "John Smith <john@mail.example>", "score": 4,
        "comment": f"Quick, but the courier was late. {SCRIPT}", "received_at": WHEN,
    },
}
NAMES = tuple(CONTEXTS)
PHRASES = {
    ("specialist_new_claim", "ru"): "Вам назначена новая претензия",
    ("specialist_new_claim", "en"): "has been assigned to you",
    ("specialist_follow_up", "ru"): "прислал новое письмо по претензии",
    ("specialist_follow_up", "en"): "has sent a new message on claim",
    ("relay", "ru"): "Чтобы дополнить претензию, просто ответьте на это письмо",
    ("relay", "en"): "To add anything to your claim, simply reply to this email",
    ("status_update", "ru"): "Статус вашей претензии",
    ("status_update", "en"): "The status of your claim",
    ("command_error", "ru"): "ничего не изменено и клиенту ничего не отправлено",
    ("command_error", "en"): "nothing was changed on the claim and nothing was sent",
    ("untrusted_message", "ru"): "письмо сохранено в претензии",
    ("untrusted_message", "en"): "the message has been kept on the claim",
    ("relay_blocked", "ru"): "ничего не отправлено и в претензии ничего не изменено",
    ("relay_blocked", "en"): "nothing was sent and nothing was changed on the claim",
    ("bounce_notice", "ru"): "не доставлено",
    ("bounce_notice", "en"): "was not delivered",
    ("rating_notice", "ru"): "оценил работу по претензии",
    ("rating_notice", "en"): "has rated the handling of claim",
}
BOTH = [(name, language) for name in NAMES for language in LANGUAGES]


def render(renderer: TemplateRenderer, name: str, language: str,
           **changes: object) -> RenderedMail:
    return renderer.render(name, language, **{**CONTEXTS[name], **changes})


@pytest.mark.parametrize(("name", "language"), BOTH)
def test_every_template_names_the_claim(renderer: TemplateRenderer, name: str,
                                        language: str) -> None:
    """Each mail names its claim in a one-line subject that starts with the `[CLM-…]` token."""
    result = render(renderer, name, language, subject="Broken\r\nvase")
    assert "\r" not in result.subject
    assert_names_the_claim(result)


@pytest.mark.parametrize(("name", "language"), BOTH)
def test_plain_text_layout_is_tidy(renderer: TemplateRenderer, name: str, language: str) -> None:
    """Plain text starts at the first line, has no runs of blank lines and no doubled full stop."""
    assert_tidy_text(render(renderer, name, language).text)


@pytest.mark.parametrize("name", NAMES)
def test_russian_templates_are_in_russian(renderer: TemplateRenderer, name: str) -> None:
    """The Russian mail carries its Russian wording in the subject, text and HTML."""
    # The relay answers under the customer's own subject, which here is English.
    assert_russian(render(renderer, name, "ru"), PHRASES[name, "ru"],
                   russian_subject=name != "relay")


@pytest.mark.parametrize(("language", "fallback"), [("ru", "Ответ по вашей претензии"),
                                                    ("en", "Reply regarding your claim")])
def test_relay_answers_under_the_customers_subject(renderer: TemplateRenderer, language: str,
                                                   fallback: str) -> None:
    """The relay is "Re: <the customer's subject>", or a plain title when there was none."""
    assert render(renderer, "relay", language).subject == f"[{NUMBER}] Re: Broken vase"
    untitled = render(renderer, "relay", language, original_subject="")
    assert untitled.subject == f"[{NUMBER}] {fallback}"


@pytest.mark.parametrize("name", NAMES)
def test_english_templates_have_no_russian(renderer: TemplateRenderer, name: str) -> None:
    """The English mail carries its English wording and not a single Cyrillic letter."""
    assert_english(render(renderer, name, "en"), PHRASES[name, "en"])


@pytest.mark.parametrize(("name", "language"), BOTH)
def test_html_escapes_supplied_text(renderer: TemplateRenderer, name: str,
                                    language: str) -> None:
    """`<script>` in customer or specialist text is escaped in HTML, kept as is in plain text."""
    assert_escapes_script(render(renderer, name, language))


@pytest.mark.parametrize("name", NAMES)
def test_missing_variable_is_a_config_error(renderer: TemplateRenderer, name: str) -> None:
    """A context variable left out is reported as a ConfigError naming the template."""
    context = {key: value for key, value in CONTEXTS[name].items() if key != "claim_number"}
    with pytest.raises(ConfigError, match=rf"{name}\.ru"):
        renderer.render(name, "ru", **context)


@pytest.mark.parametrize(("name", "language"), BOTH)
def test_documented_context_is_the_used_context(renderer: TemplateRenderer, name: str,
                                                language: str) -> None:
    """The header comment lists exactly the variables the three templates use."""
    documented, not_shown = documented_names(name, language)
    assert renderer.context_names(name, language) == documented - not_shown
    assert documented == set(CONTEXTS[name])


@pytest.mark.parametrize("partial", sorted(path.name for path in TEMPLATES.glob("_*.j2")))
def test_partials_need_no_context(partial: str) -> None:
    """Included partials use no variables, so the including template's comment stays complete."""
    source = (TEMPLATES / partial).read_text(encoding="utf-8")
    assert meta.find_undeclared_variables(Environment().parse(source)) == set()


def test_context_names_of_a_missing_template_is_a_config_error(
        renderer: TemplateRenderer) -> None:
    """Asking for the variables of a template that does not exist names the missing file."""
    with pytest.raises(ConfigError, match=r"no_such_mail\.en\.subject"):
        renderer.context_names("no_such_mail", "en")


@pytest.mark.parametrize("language", LANGUAGES)
def test_new_claim_lists_details_and_attachments(renderer: TemplateRenderer,
                                                 language: str) -> None:
    """The new-claim mail shows the customer, priority, deadline and both attachment lists."""
    result = render(renderer, "specialist_new_claim", language)
    deadline = "11 декабря 2026 г." if language == "ru" else "11 December 2026"
    for expected in ("John Smith <john@mail.example>", "damaged", deadline,
                     priority_label("normal", language), "photo.jpg", "unboxing.mp4",
                     format_size(PHOTO_SIZE, language)):
        assert expected in result.text
        assert expected.replace("<", "&lt;").replace(">", "&gt;") in result.html


@pytest.mark.parametrize("language", LANGUAGES)
def test_commands_help_appears_only_when_asked(renderer: TemplateRenderer,
                                               language: str) -> None:
    """The reply-and-commands help lists every command, and is left out on request."""
    with_help = render(renderer, "specialist_new_claim", language)
    without = render(renderer, "specialist_new_claim", language, commands_help=False)
    for command in ("#status in_progress|waiting_customer|resolved|rejected", "#assign",
                    "#category", "#priority low|normal|high|urgent", "#note", "#close"):
        assert command in with_help.text
        assert command in with_help.html
        assert command not in without.text
        assert command not in without.html


@pytest.mark.parametrize(("language", "wording"),
                         [("ru", "Вам передана претензия"), ("en", "has been handed over")])
def test_reassigned_claim_names_previous_specialist(renderer: TemplateRenderer, language: str,
                                                    wording: str) -> None:
    """A handed-over claim says so in subject and body and names who had it before."""
    result = render(renderer, "specialist_new_claim", language, reassigned=True,
                    previous_specialist="Oleg Ivanov", priority="urgent")
    assert wording in result.text
    assert "Oleg Ivanov" in result.text
    assert "Oleg Ivanov" in result.html
    assert ("СРОЧНО" if language == "ru" else "URGENT") in result.subject


@pytest.mark.parametrize("language", LANGUAGES)
def test_follow_up_shows_current_status(renderer: TemplateRenderer, language: str) -> None:
    """The forwarded follow-up shows the customer's text and the claim's status in words."""
    result = render(renderer, "specialist_follow_up", language)
    assert status_label("waiting_customer", language) in result.text
    assert "Here is the receipt." in result.text
    assert "unboxing.mp4" not in result.text


@pytest.mark.parametrize("language", LANGUAGES)
def test_relay_is_the_specialist_text_with_a_footer(renderer: TemplateRenderer,
                                                    language: str) -> None:
    """The relay starts with the specialist's own text and signs with name, position and claim."""
    result = render(renderer, "relay", language)
    assert result.text.startswith("Dear John,\n\nA new vase is on its way.\n")
    assert "\n-- \n" in result.text
    footer = result.text.split("\n-- \n", 1)[1]
    for expected in ("Anna Smirnova, Senior Claims Specialist", NUMBER, "Daisy Ltd"):
        assert expected in footer
        assert expected in result.html


@pytest.mark.parametrize("language", LANGUAGES)
def test_relay_without_position_has_no_dangling_comma(renderer: TemplateRenderer,
                                                      language: str) -> None:
    """A specialist without a position is named alone."""
    result = render(renderer, "relay", language, specialist_position="")
    assert "Anna Smirnova\n" in result.text


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("status", list(ClaimStatus))
def test_status_update_words_every_status(renderer: TemplateRenderer, status: ClaimStatus,
                                          language: str) -> None:
    """Every status reaches the customer as a label and a next-step sentence, never as a code."""
    result = render(renderer, "status_update", language, status=status)
    assert status_label(status, language) in result.subject
    assert status_label(status, language) in result.text
    assert status_next_step(status, language) in result.text
    assert status_next_step(status, language) in result.html
    assert str(status) not in result.text.replace(NUMBER, "")


@pytest.mark.parametrize("language", LANGUAGES)
def test_status_update_optional_parts(renderer: TemplateRenderer, language: str) -> None:
    """The note, deadline and specialist appear only when given."""
    full = render(renderer, "status_update", language)
    bare = render(renderer, "status_update", language, note=None, answer_by=None,
                  specialist_name=None, customer_name=None)
    deadline = "11 декабря 2026 г." if language == "ru" else "11 December 2026"
    for expected in ("The courier comes on Thursday.", deadline, "Anna Smirnova"):
        assert expected in full.text
        assert expected not in bare.text
    assert ("Здравствуйте!" if language == "ru" else "Hello,") in bare.text


@pytest.mark.parametrize(("language", "asking"), [
    ("ru", "начав его с одной цифры от 1 до 5"),
    ("en", "starting with a single digit from 1 to 5")])
def test_closing_note_asks_for_a_rating(renderer: TemplateRenderer, language: str,
                                        asking: str) -> None:
    """The note that closes a decided claim asks for a 1..5 rating; other notes do not."""
    rated = render(renderer, "status_update", language, status="closed", ask_rating=True)
    plain = render(renderer, "status_update", language, status="closed")
    assert asking in rated.text
    assert asking in rated.html
    assert asking not in plain.text


@pytest.mark.parametrize(("language", "numbered"), [("ru", "строка 3"), ("en", "line 3")])
def test_command_error_lists_each_error(renderer: TemplateRenderer, language: str,
                                        numbered: str) -> None:
    """Each error is shown by its command text or line number, followed by the command list."""
    result = render(renderer, "command_error", language)
    assert "#status done" in result.text
    assert f"{numbered}: unknown command #frobnicate" in result.text
    assert "#priority low|normal|high|urgent" in result.text


@pytest.mark.parametrize(("language", "phrase"), [
    ("ru", "не найдено вашего собственного текста"), ("en", "no text of your own was found")])
def test_relay_blocked_without_lines_says_only_a_quote_was_found(
        renderer: TemplateRenderer, language: str, phrase: str) -> None:
    """With no leaked lines, the refusal says the reply held nothing but quoted mail."""
    result = render(renderer, "relay_blocked", language, lines=[])
    assert phrase in result.text
    assert phrase in result.html
    assert "<ul>" not in result.html
    assert_tidy_text(result.text)


@pytest.mark.parametrize("language", LANGUAGES)
def test_untrusted_and_bounce_show_the_reason(renderer: TemplateRenderer, language: str) -> None:
    """The untrusted-message and bounce notices quote the reason and the server's diagnostic."""
    untrusted = render(renderer, "untrusted_message", language)
    bounce = render(renderer, "bounce_notice", language)
    assert "not a reply to a notification" in untrusted.text
    assert "Re: Broken vase" in untrusted.text
    assert "550 5.1.1" in bounce.text
    assert "John Smith <john@mail.example>" in bounce.text


def test_unknown_status_is_refused(renderer: TemplateRenderer) -> None:
    """A status code without a label is an error rather than a raw code in a customer's mail."""
    with pytest.raises(ValueError, match="finished"):
        status_label("finished", "ru")
    with pytest.raises(ValueError, match="finished"):
        render(renderer, "status_update", "en", status="finished")


def test_labels_exist_for_every_code_and_language() -> None:
    """Every status and priority has a distinct label in both languages; other tags mean English."""
    for language in LANGUAGES:
        labels = {status_label(status, language) for status in ClaimStatus}
        steps = {status_next_step(status, language) for status in ClaimStatus}
        priorities = {priority_label(priority, language) for priority in Priority}
        assert len(labels) == len(steps) == len(ClaimStatus)
        assert len(priorities) == len(Priority)
    assert status_label("in_progress", "ru") == "На рассмотрении"
    assert status_label("in_progress", "de") == "Under review"
    assert priority_label("urgent", "ru-RU") == "срочный"


@pytest.mark.parametrize("language", LANGUAGES)
def test_new_claim_words_the_category_and_the_demand(renderer: TemplateRenderer,
                                                    language: str) -> None:
    """A built-in category and the customer's demand appear in words, not as codes."""
    demand = {"field": "demand", "value": "replacement", "source": "body", "attachment": None}
    result = render(renderer, "specialist_new_claim", language, category="damage",
                    fields=[demand])
    category, wanted = ("повреждение при доставке", "замена") if language == "ru" \
        else ("damage in transit", "replacement")
    assert category in result.text
    assert category in result.html
    assert wanted in result.html
    assert (f"Категория: {category}" if language == "ru" else f"Category: {category}") \
        in result.text
    assert (f"Требование: {wanted}" if language == "ru" else f"Demand: {wanted}") in result.text


def test_claim_words_exist_for_every_code_and_language() -> None:
    """Every built-in category, demand, outcome and compensation has a distinct word in both
    languages; an unknown code (a category only the config knows) is shown as it is."""
    for language in LANGUAGES:
        for codes, label in ((Category, category_label), (Demand, demand_label),
                             (Outcome, outcome_label), (CompensationKind, compensation_label)):
            words = {label(code, language) for code in codes}
            assert len(words) == len(codes)
    assert category_label("damage", "ru") == "повреждение при доставке"
    assert demand_label("refund", "ru") == "возврат денег"
    assert outcome_label("partly", "ru") == "частично принята"
    assert compensation_label("delivery", "en") == "delivery of the missing part"
    assert category_label("fragile_glass", "ru") == "fragile_glass"


def test_causes_are_worded_from_the_config_in_russian() -> None:
    """A cause reads as its [rules.causes] label in Russian (the built-in one without a
    config) and as its code, which is English, in English."""
    assert cause_label("carrier", "ru") == "перевозчик"
    assert cause_label("carrier", "ru", {"carrier": "транспортная компания"}) == \
        "транспортная компания"
    assert cause_label("carrier", "en", {"carrier": "транспортная компания"}) == "carrier"
    assert cause_label("moon", "ru") == "moon"


def test_sizes_read_naturally() -> None:
    """Sizes use binary units, one decimal under ten, and a decimal comma in Russian."""
    assert format_size(512, "en") == "512 B"
    assert format_size(1_572_864, "en") == "1.5 MB"
    assert format_size(1_572_864, "ru") == "1,5 МБ"
    assert format_size(2048, "ru") == "2 КБ"
    assert format_size(48 * 1024 * 1024, "en") == "48 MB"


@pytest.mark.parametrize("language", LANGUAGES)
def test_new_claim_flags_a_category_read_with_low_confidence(renderer: TemplateRenderer,
                                                            language: str) -> None:
    """A category the extractor read with low confidence is shown with a request to check
    it, in text and HTML; a confident one is shown plain."""
    doubtful = render(renderer, "specialist_new_claim", language, category="damage",
                      category_uncertain=True)
    sure = render(renderer, "specialist_new_claim", language, category="damage")
    flag = "проверьте" if language == "ru" else "please check"
    assert flag in doubtful.text
    assert flag in doubtful.html
    assert flag not in sure.text
