"""The fail-closed check: a relay body that still carries mailflow's staff mail is caught."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

import pytest

from mailflow.domain.commands import COMMAND_NAMES, parse_commands
from mailflow.domain.leaks import leaked_lines
from mailflow.parse.quotes import own_text
from mailflow.send.render import TemplateRenderer
from tests.unit.reply_samples import NAMES, TEMPLATES, notification, reply, staff_texts

CATEGORIES = frozenset({"damage", "delay", "wrong_item"})
CLEAN_ANSWERS = [
    "Dear John,\n\nWe are sorry the vase arrived broken. A new one leaves tomorrow.\n\n"
    "Best regards,\nAnna",
    "Здравствуйте, Иван!\n\nВаза пришла разбитой по нашей вине, новую отправим завтра.\n"
    "Спасибо!\nС уважением,\nАнна Смирнова",
    "Hello,\nthank you for the photos. Your claim is being handled; the category of the damage "
    "is clear.\nAnna",
]
_COMMAND = re.compile(r"#(?:" + "|".join(COMMAND_NAMES) + r")\b", re.IGNORECASE)


def other_staff_mail(language: str) -> list[str]:
    """A follow-up forward and a command error reply, as staff get them."""
    renderer = TemplateRenderer(TEMPLATES)
    follow_up = renderer.render(
        "specialist_follow_up", language, claim_number="CLM-2026-000123",
        specialist_name="Anna Smirnova", customer="John Smith <john@mail.example>",
        subject="Re: Broken vase",
        received_at=datetime(2026, 12, 3, 12, 40, tzinfo=timezone(timedelta(hours=3))),
        text="Here are the photos of the box.", attachments=[], omitted_attachments=[],
        status="in_progress", completed=[], still_missing=[])
    error = renderer.render(
        "command_error", language, claim_number="CLM-2026-000123",
        specialist_name="Anna Smirnova",
        errors=[{"line": "#status done", "message": "unknown status 'done'"}])
    return [follow_up.text, error.text]


@pytest.mark.parametrize("language", ["en", "ru"])
def test_whole_notification_pasted_without_markers_is_caught(language: str) -> None:
    """The notification copied into a relay with no `>` marks is found line by line."""
    text = notification(language).text
    leaked = leaked_lines(text, [text])
    assert "Category: damage in transit" in leaked or \
        "Категория: повреждение при доставке" in leaked
    assert len(leaked) >= 15


@pytest.mark.parametrize("language", ["en", "ru"])
def test_every_staff_mail_pasted_is_caught(language: str) -> None:
    """A follow-up forward or a command error pasted into a relay is caught as well."""
    for text in other_staff_mail(language):
        assert leaked_lines(f"Dear John,\n\n{text}", [text])


def test_reflowed_notification_is_caught_by_word_runs() -> None:
    """A pasted notification re-wrapped by the mail client still shares long runs of words."""
    help_line = next(line for line in notification("en").text.split("\n")
                     if line.startswith("Reply to this email:"))
    words = help_line.split()
    rewrapped = "Dear John,\n" + " ".join(words[:7]) + "\n" + " ".join(words[7:14]) + "\nAnna"
    leaked = leaked_lines(rewrapped, [notification("en").text])
    assert leaked == [" ".join(words[:7]), " ".join(words[7:14])]


@pytest.mark.parametrize(("body", "leaked"), [
    ("Dear John,\nCategory: damage in transit\nPriority: high\nAnna",
     ["Category: damage in transit", "Priority: high"]),
    ("Dear John,\n> category - DAMAGE IN TRANSIT\nAnna", ["> category - DAMAGE IN TRANSIT"]),
    ("Иван,\nКатегория: повреждение при доставке\nПриоритет: высокий\nАнна",
     ["Категория: повреждение при доставке", "Приоритет: высокий"]),
])
def test_partial_paste_of_claim_details_is_caught(body: str, leaked: list[str]) -> None:
    """Even two short `Label: value` lines of the notification block the relay."""
    staff = [notification("en").text, notification("ru").text]
    assert leaked_lines(body, staff) == leaked


def test_command_lines_are_not_the_notifications_detail_lines() -> None:
    """`#category damage` is the writer's command, not the notification's `Category: damage`."""
    staff = [notification("en").text, notification("ru").text]
    body = "#category damage\n#приоритет высокий\n#status in_progress\nDear John,"
    assert leaked_lines(body, staff) == []


@pytest.mark.parametrize("body", CLEAN_ANSWERS)
def test_clean_answer_is_not_caught(body: str) -> None:
    """An answer sharing a few words with the notification (vase, broken, category) passes."""
    staff = [notification("en").text, notification("ru").text,
             *other_staff_mail("en"), *other_staff_mail("ru")]
    assert leaked_lines(body, staff) == []


def test_greetings_and_sign_offs_are_never_a_leak() -> None:
    """Lines anyone writes are ignored even when the staff mail has them word for word."""
    staff = ["Hello,\nBest regards,\nС уважением,\nСпасибо!\nThank you very much!\nJohn Smith"]
    body = "Hello,\nBest regards,\nС уважением,\nСпасибо!\nThank you very much!\nJohn Smith"
    assert leaked_lines(body, staff) == []


def test_thresholds_are_parameters() -> None:
    """A stricter caller can lower the thresholds and catch shorter shared text."""
    staff = ["The box was crushed and wet."]
    assert leaked_lines("Dear John, the box was crushed and wet?", staff) == []
    assert leaked_lines("Dear John, the box was crushed and wet?", staff, run_words=5) == [
        "Dear John, the box was crushed and wet?"]


@pytest.mark.parametrize("name", NAMES)
def test_relayed_body_of_every_sample_is_clean(name: str) -> None:
    """The own text carries no staff text and its body no command line, whatever the client."""
    own = own_text(reply(name))
    parsed = parse_commands(own, CATEGORIES)
    assert leaked_lines(own, staff_texts(name)) == []
    assert not _COMMAND.search(parsed.body)
    assert parsed.errors == ()


@pytest.mark.parametrize("name", NAMES)
def test_whole_reply_as_relayed_before_would_be_caught(name: str) -> None:
    """The check blocks each sample's full text, which quotes the notification."""
    assert leaked_lines(reply(name), staff_texts(name))


@pytest.mark.parametrize(("name", "commands"), [
    ("gmail_bottom.en", [("status", "in_progress")]),
    ("gmail_bottom.ru", [("status", "in_progress")]),
    ("thunderbird_bottom.en", [("category", "damage")]),
    ("thunderbird_bottom.ru", [("status", "resolved")]),
    ("yandex_bottom.ru", [("status", "in_progress")]),
    ("original_message.en", [("status", "resolved")]),
    ("outlook_top.en", [("status", "in_progress"), ("priority", "urgent")]),
    ("outlook_top.ru", [("status", "waiting_customer")]),
    ("interleaved.en", [("priority", "normal")]),
    ("mailru_top.ru", [("assign", "olga@company.example")]),
    ("html_outlook.en", [("status", "in_progress")]),
    ("command_inside_quote.en", []),
    ("command_inside_outlook_quote.en", []),
    ("order_prose.en", []),
])
def test_commands_are_found_in_own_text_only(name: str, commands: list[tuple[str, str]]) -> None:
    """Commands after the quote or below the answer count; those quoted from the help do not."""
    parsed = parse_commands(own_text(reply(name)), CATEGORIES)
    assert [(command.name, command.argument) for command in parsed.commands] == commands


def test_note_in_a_forward_keeps_everything_internal() -> None:
    """`#note` above a forwarded notification is a note; the forwarded mail is not in it."""
    parsed = parse_commands(own_text(reply("forwarded.en")), CATEGORIES)
    assert parsed.note == "John called, he wants a refund instead of a replacement."
    assert parsed.body == ""
