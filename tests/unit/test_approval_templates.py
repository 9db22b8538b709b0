"""The approval mail templates: content, languages, escaping and documented context."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

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

WHEN = datetime(2026, 12, 1, 14, 5, tzinfo=timezone(timedelta(hours=3)))
DRAFT = f"Dear John,\n\nA new vase is on its way.\n{SCRIPT}\n"
# English-only values, so that any Cyrillic in an English render comes from the template.
CONTEXTS: dict[str, dict[str, object]] = {
    "approval_request": {
        "claim_number": NUMBER, "approver_name": "Maria Orlova", "author_name": "Anna Smirnova",
        "author_email": "anna@shop.example", "draft": DRAFT, "reasons": ["a key account"],
        "key_account": f"Big Shop {SCRIPT}", "held_status": "resolved",
        "attachment_names": ["answer.pdf"], "not_attached": [],
        "customer": "John Smith <john@mail.example>",
        "subject": "Broken vase", "category": "damage", "priority": "high",
        "status": "in_progress", "received_at": WHEN, "resolution_due": WHEN,
        "statutory_due": WHEN, "outcome": "partly", "outcome_reason": "",
        "compensation": "refund 1500.00 RUB", "cause": "carrier",
    },
    "approval_outcome": {
        "claim_number": NUMBER, "specialist_name": "Anna Smirnova", "decision": "edited",
        "author_name": "", "approver_name": "Maria Orlova", "text": DRAFT, "reason": "",
        "held_status": "resolved", "status_problem": "",
    },
    "approval_reminder": {
        "claim_number": NUMBER, "recipient_name": "Maria Orlova", "escalation": False,
        "approver_name": "Maria Orlova", "author_name": "Anna Smirnova", "waiting_since": WHEN,
        "customer": "John Smith <john@mail.example>", "subject": "Broken vase",
        "resolution_due": WHEN, "draft": DRAFT,
    },
}
NAMES = tuple(CONTEXTS)
PHRASES = {
    ("approval_request", "ru"): "требует вашего согласования",
    ("approval_request", "en"): "It needs your approval",
    ("approval_outcome", "ru"): "с изменениями",
    ("approval_outcome", "en"): "with changes",
    ("approval_reminder", "ru"): "ждёт вашего согласования",
    ("approval_reminder", "en"): "has waited for your approval",
}
BOTH = [(name, language) for name in NAMES for language in LANGUAGES]


def render(renderer: TemplateRenderer, name: str, language: str,
           **changes: object) -> RenderedMail:
    return renderer.render(name, language, **{**CONTEXTS[name], **changes})


@pytest.mark.parametrize(("name", "language"), BOTH)
def test_every_approval_mail_names_the_claim_tidily(renderer: TemplateRenderer, name: str,
                                                    language: str) -> None:
    """A one-line `[CLM-…]` subject, the number in both parts, tidy plain text."""
    result = render(renderer, name, language, subject="Broken\r\nvase")
    assert_names_the_claim(result)
    assert_tidy_text(result.text)


@pytest.mark.parametrize("name", NAMES)
def test_approval_mail_in_each_language(renderer: TemplateRenderer, name: str) -> None:
    """Russian wording in the Russian mail, no Cyrillic at all in the English one."""
    assert_russian(render(renderer, name, "ru"), PHRASES[name, "ru"])
    assert_english(render(renderer, name, "en"), PHRASES[name, "en"])


@pytest.mark.parametrize(("name", "language"), BOTH)
def test_approval_mail_escapes_the_draft(renderer: TemplateRenderer, name: str,
                                         language: str) -> None:
    """`<script>` in a draft is escaped in HTML and kept as is in plain text."""
    assert_escapes_script(render(renderer, name, language))


@pytest.mark.parametrize(("name", "language"), BOTH)
def test_approval_context_is_documented(renderer: TemplateRenderer, name: str,
                                        language: str) -> None:
    """The header comment lists exactly the variables the three templates use."""
    documented, not_shown = documented_names(name, language)
    assert renderer.context_names(name, language) == documented - not_shown
    assert documented == set(CONTEXTS[name])


@pytest.mark.parametrize("language", LANGUAGES)
def test_request_holds_the_draft_and_how_to_answer(renderer: TemplateRenderer,
                                                   language: str) -> None:
    """The approver reads the draft whole and the three ways to answer."""
    text = render(renderer, "approval_request", language).text
    assert "A new vase is on its way." in text
    commands = ("#согласовать", "#отклонить") if language == "ru" else ("#approve", "#reject")
    assert all(command in text for command in commands)


@pytest.mark.parametrize("language", LANGUAGES)
def test_rejection_tells_the_reason(renderer: TemplateRenderer, language: str) -> None:
    """A rejected draft comes back with the approver's reason."""
    result = render(renderer, "approval_outcome", language, decision="rejected",
                    reason="Too blunt")
    assert "Too blunt" in result.text
    assert "Too blunt" in result.html


@pytest.mark.parametrize(("language", "worded", "code"), [
    ("ru", "отклонена", "rejected"), ("en", "partly accepted", "partly")])
def test_request_words_the_outcome_in_the_approvers_language(
        renderer: TemplateRenderer, language: str, worded: str, code: str) -> None:
    """The decision reads as a word of the approver's language, never as its code."""
    result = render(renderer, "approval_request", language, outcome=code)
    for part in (result.text, result.html):
        assert worded in part
    if language == "ru":
        assert code not in result.text + result.html


@pytest.mark.parametrize("language", LANGUAGES)
def test_rejection_to_the_new_owner_names_who_wrote_the_answer(renderer: TemplateRenderer,
                                                               language: str) -> None:
    """The claim's new owner reads whose answer was not approved, not "your answer"."""
    result = render(renderer, "approval_outcome", language, decision="rejected",
                    reason="Too blunt", specialist_name="Boris Kuznetsov",
                    author_name="Anna Smirnova")
    for part in (result.text, result.html):
        assert "Anna Smirnova" in part
        assert ("ваш ответ" if language == "ru" else "your answer") not in part


@pytest.mark.parametrize("language", LANGUAGES)
def test_request_names_the_files_too_large_to_attach(renderer: TemplateRenderer,
                                                     language: str) -> None:
    """The approver learns which of the answer's files they cannot see in the request."""
    result = render(renderer, "approval_request", language,
                    attachment_names=["answer.pdf", "scan.tiff"], not_attached=["scan.tiff"])
    for part in (result.text, result.html):
        assert part.count("scan.tiff") == 2


@pytest.mark.parametrize(("language", "worded"), [
    ("ru", "Категория: повреждение при доставке"), ("en", "Category: damage in transit")])
def test_request_words_the_category(renderer: TemplateRenderer, language: str,
                                    worded: str) -> None:
    """The approver reads the claim's category in words, not the code `damage`."""
    result = render(renderer, "approval_request", language)
    assert worded in result.text
    assert worded.partition(": ")[2] in result.html
