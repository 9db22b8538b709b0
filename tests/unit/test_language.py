"""detect_language: Russian or English by the share of Cyrillic letters."""

from __future__ import annotations

import pytest

from mailflow.extract.language import detect_language


@pytest.mark.parametrize(("subject", "text", "expected"), [
    ("Претензия", "Товар повреждён", "ru"),
    ("Damaged item", "The box was crushed", "en"),
    ("Re: Order ORD-12345", "Товар не пришёл, order ORD-12345, tracking RU123456789", "ru"),
    ("", "Thanks, photos tomorrow.\n\nRegards, John Smith\nОтправлено с iPhone", "en"),
    ("", "12345 !!! ---", None),
    ("", "", None),
])
def test_language_by_cyrillic_share(subject: str, text: str, expected: str | None) -> None:
    """Mostly Cyrillic letters give "ru", mostly Latin "en", no letters None."""
    assert detect_language(subject, text) == expected


def test_subject_counts_too() -> None:
    """A Russian subject over a letterless body still gives "ru"."""
    assert detect_language("Брак", "12345") == "ru"


@pytest.mark.parametrize("text", [
    "Zdravstvuyte, tovar prishel povrezhdennyi",
    "zakaz 77-9010 zakazyval 4 shiny prishlo 3 dovezite",
    "Dobryi den! Korobka razbita, proshu vernut dengi.\n\nSent from my iPhone",
])
def test_transliterated_russian_is_russian(text: str) -> None:
    """Russian written in Latin letters is Russian (the acknowledgement answers in Russian)."""
    assert detect_language("", text) == "ru"


@pytest.mark.parametrize("text", [
    "Hello, the goods arrived damaged. Order zakaz-77 from Tovarishch Ltd.",
    "Please refund my order, the kettle was delivered broken.",
    "Dear team, I ordered a Dobrynya Kombucha pack and it has not arrived.",
])
def test_english_with_russian_names_stays_english(text: str) -> None:
    """An English letter naming a Russian company or product stays English."""
    assert detect_language("", text) == "en"
