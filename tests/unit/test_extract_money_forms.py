"""Amounts written in more ways: dollars of other countries, more currency signs and words,
thousands as «тысячи» or "k", and whole amounts in words (extract/money.py)."""

from __future__ import annotations

import pytest

from mailflow.extract.money import amounts


def read(text: str) -> list[str]:
    return [f"{money.amount} {money.currency}" for money in amounts(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("refund A$179.90", "179.90 AUD"),
    ("NZ$89.00 back", "89.00 NZD"),
    ("C$120 please", "120.00 CAD"),
    ("paid US$45", "45.00 USD"),
    ("R$ 150,00", "150.00 BRL"),
    ("¥5000", "5000.00 JPY"),
    ("₴ 500", "500.00 UAH"),
    ("500 грн", "500.00 UAH"),
    ("1000 тенге", "1000.00 KZT"),
    ("300 zł", "300.00 PLN"),
])
def test_more_signs_and_currency_words(text: str, expected: str) -> None:
    """Dollars of other countries and the hryvnia, tenge, yen and złoty are read."""
    assert read(text) == [expected]


@pytest.mark.parametrize(("text", "expected"), [
    ("3 тысячи рублей", "3000.00 RUB"),
    ("£1.2k", "1200.00 GBP"),
    ("€1.5k", "1500.00 EUR"),
])
def test_thousands_in_words_and_k(text: str, expected: str) -> None:
    """«3 тысячи рублей» and "£1.2k" are thousands."""
    assert read(text) == [expected]


@pytest.mark.parametrize(("text", "expected"), [
    ("верните одну тысячу двести рублей", "1200.00 RUB"),
    ("пять тысяч рублей", "5000.00 RUB"),
    ("двести рублей", "200.00 RUB"),
    ("полторы тысячи рублей", "1500.00 RUB"),
    ("one hundred pounds", "100.00 GBP"),
    ("two hundred and fifty dollars", "250.00 USD"),
])
def test_whole_amounts_in_words(text: str, expected: str) -> None:
    """An amount written in words before its currency word is read as a number."""
    assert read(text) == [expected]


def test_words_in_brackets_after_digits_are_one_amount() -> None:
    """«96 750 (девяносто шесть тысяч семьсот пятьдесят) рублей» is one amount, not two."""
    assert read("аванс 96 750 (девяносто шесть тысяч семьсот пятьдесят) рублей") == [
        "96750.00 RUB"]
