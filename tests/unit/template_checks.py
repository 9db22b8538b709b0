"""Checks every mail template must pass, shared by the workflow and deadline template tests."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mailflow.domain.claims import subject_claim_numbers
from mailflow.send.render import RenderedMail, TemplateRenderer

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
LANGUAGES = ("ru", "en")
NUMBER = "CLM-2026-000123"
SCRIPT = "<script>alert(1)</script>"
CYRILLIC = re.compile("[А-Яа-яЁё]")


@pytest.fixture
def renderer() -> TemplateRenderer:
    return TemplateRenderer(TEMPLATES)


def documented_names(name: str, language: str) -> tuple[set[str], set[str]]:
    """The context names in the txt template's header comment, and those marked `not shown`."""
    source = (TEMPLATES / f"{name}.{language}.txt.j2").read_text(encoding="utf-8")
    header = re.match(r"\{#(.*?)#\}", source, re.DOTALL)
    assert header is not None, f"{name}.{language}.txt.j2 has no context comment"
    lines = re.findall(r"^  (\w+):(.*)$", header.group(1), re.MULTILINE)
    return {key for key, _ in lines}, {key for key, rest in lines if "not shown" in rest}


def assert_names_the_claim(result: RenderedMail) -> None:
    """A one-line subject starting with the `[CLM-…]` token; the number in text and HTML."""
    assert "\n" not in result.subject
    assert result.subject.startswith(f"[{NUMBER}] ")
    assert subject_claim_numbers(result.subject) == (NUMBER,)
    assert NUMBER in result.text
    assert NUMBER in result.html


def assert_tidy_text(text: str) -> None:
    """Starts at the first line, no runs of blank lines, no doubled full stop."""
    assert text == text.lstrip()
    assert text.endswith("\n")
    assert "\n\n\n" not in text
    assert ".." not in text


def assert_russian(result: RenderedMail, phrase: str, *, russian_subject: bool = True) -> None:
    """The Russian wording is in the text and the HTML (and the subject is in Russian)."""
    assert phrase in result.text
    assert phrase in result.html
    if russian_subject:
        assert CYRILLIC.search(result.subject)
    assert '<html lang="ru">' in result.html


def assert_english(result: RenderedMail, phrase: str) -> None:
    """The English wording is there, and not a single Cyrillic letter anywhere."""
    assert phrase in result.text
    assert phrase in result.html
    for part in (result.subject, result.text, result.html):
        assert not CYRILLIC.search(part), part
    assert '<html lang="en">' in result.html


def assert_escapes_script(result: RenderedMail) -> None:
    """`<script>` is escaped in the HTML and kept as it is in the plain text."""
    assert "<script>" not in result.html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in result.html
    assert SCRIPT in result.text
