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
