"""Amounts with their currency: 1 500 руб., 1500,00 ₽, RUB 1,500.50, $25, 25 USD, €10."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

# Thousands groups are bounded (at most five), so a run of digits is never rescanned.
_AMOUNT = r"(?P<amount>\d{1,3}(?:[  ,.]\d{3}){1,5}(?:[.,]\d{1,2})?|\d{1,12}(?:[.,]\d{1,2})?)"
_CODES = (r"RUB|RUR|USD|EUR|GBP|AUD|CAD|CHF|PLN|SEK|NOK|DKK|CNY|JPY|KZT|BYN|UAH|NZD|HKD|SGD"
          r"|BRL|INR|CZK|TRY")
# Dollars of other countries ("A$179.90", "NZ$89", "C$120", "US$45") and other signs.
_PREFIXED = {"a$": "AUD", "au$": "AUD", "nz$": "NZD", "c$": "CAD", "ca$": "CAD", "us$": "USD",
             "hk$": "HKD", "s$": "SGD", "r$": "BRL"}
_SIGNS = r"A\$|AU\$|NZ\$|C\$|CA\$|US\$|HK\$|S\$|R\$|\$|€|£|₽|¥|₴|₸"
_AFTER = (
    rf"(?P<after>руб(?:л[а-я]{{0,3}}|\.)?|р\.|р(?![^\W_])|₽|{_CODES}|rub|r(?![^\W_])|\$|€|£"
    r"|долл[а-я]{0,5}|евро|dollars?|euros?|pounds?|грн\.?|гривен[а-я]{0,2}|тенге|zł|₴|₸)"
)
_BEFORE = rf"(?P<before>{_CODES}|{_SIGNS})"
# "4,2 тыс. руб.", "3 тысячи рублей", "96 750 (девяносто шесть тысяч...) рублей"
_BETWEEN = (r"(?P<thousand>\s{0,2}тыс(?:\.|яч[а-я]{0,2})?)?\s{0,2}"
            r"(?:\([^()\n]{1,100}\)\s{0,2})?")
AFTER_NUMBER = re.compile(
    rf"(?<![\d.,])(?<![^\W\d_]){_AMOUNT}{_BETWEEN}(?i:{_AFTER})(?![^\W_])"
)
BEFORE_NUMBER = re.compile(rf"(?<![^\W_]){_BEFORE}\s{{0,2}}{_AMOUNT}(?P<k>[kK](?![^\W_]))?"
                           r"(?![\d])")

_CURRENCY = {
    "руб": "RUB", "р": "RUB", "₽": "RUB", "rub": "RUB", "rur": "RUB",
    "usd": "USD", "$": "USD", "долл": "USD", "dollar": "USD",
    "eur": "EUR", "€": "EUR", "евро": "EUR", "euro": "EUR",
    "gbp": "GBP", "£": "GBP", "pound": "GBP", "r": "RUB", "¥": "JPY", "₴": "UAH", "грн": "UAH",
    "гривн": "UAH", "₸": "KZT", "тенге": "KZT", "zł": "PLN",
}


@dataclass(frozen=True)
class Money:
    start: int
    end: int
    amount: str
    currency: str


def amounts(text: str) -> list[Money]:
    """Every amount with a currency sign or word, in the order of the text."""
    found: list[Money] = []
    for pattern, group in ((AFTER_NUMBER, "after"), (BEFORE_NUMBER, "before")):
        for match in pattern.finditer(text):
            value = normalise_amount(match.group("amount"))
            thousand = match.group("thousand") if group == "after" else match.group("k")
            if value is not None and thousand:
                value = f"{Decimal(value) * 1000:.2f}"
            currency = _currency(match.group(group))
            if value is not None and currency is not None:
                found.append(Money(match.start(), match.end(), value, currency))
    found += _worded(text, [(money.start, money.end) for money in found])
    return sorted(found, key=lambda money: money.start)


def normalise_amount(written: str) -> str | None:
    """"1 500,5" -> "1500.50"; "1,500.50" -> "1500.50"; "1.500" -> "1500.00"."""
    compact = written.replace(" ", "").replace(" ", "")
    last = max(compact.rfind(","), compact.rfind("."))
    if last != -1 and len(compact) - last - 1 in (1, 2):
        whole, cents = compact[:last], compact[last + 1 :]
    else:
        whole, cents = compact, ""
    whole = whole.replace(",", "").replace(".", "")
    try:
        return f"{Decimal(f'{whole}.{cents or 0}'):.2f}"
    except InvalidOperation:
        return None


def _currency(word: str) -> str | None:
    lowered = word.lower().rstrip(".")
    if lowered in _PREFIXED:
        return _PREFIXED[lowered]
    if len(lowered) == 3 and lowered.isascii() and lowered.upper() == word:
        return word  # an ISO 4217 code as written
    for prefix, code in _CURRENCY.items():
        if lowered.startswith(prefix) and (prefix not in ("р", "r") or lowered == prefix):
            return code
    return None


# Amounts written in words: «одну тысячу двести рублей», «полторы тысячи рублей», "one
# hundred pounds", «двести рублей».
_WORD_VALUES = {
    "один": 1, "одна": 1, "одну": 1, "два": 2, "две": 2, "три": 3, "четыре": 4, "пять": 5,
    "шесть": 6, "семь": 7, "восемь": 8, "девять": 9, "десять": 10, "одиннадцать": 11,
    "двенадцать": 12, "тринадцать": 13, "четырнадцать": 14, "пятнадцать": 15,
    "шестнадцать": 16, "семнадцать": 17, "восемнадцать": 18, "девятнадцать": 19,
    "двадцать": 20, "тридцать": 30, "сорок": 40, "пятьдесят": 50, "шестьдесят": 60,
    "семьдесят": 70, "восемьдесят": 80, "девяносто": 90, "сто": 100, "двести": 200,
    "триста": 300, "четыреста": 400, "пятьсот": 500, "шестьсот": 600, "семьсот": 700,
    "восемьсот": 800, "девятьсот": 900, "полторы": 1.5, "полтора": 1.5,
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
_HUNDRED = frozenset({"hundred"})
_THOUSAND = frozenset({"тысяча", "тысячи", "тысяч", "тысячу", "thousand"})
_NUMBER_WORD = ("(?:" + "|".join(sorted([*_WORD_VALUES, *_HUNDRED, *_THOUSAND], key=len,
                                        reverse=True)) + ")")
_WORDED = re.compile(
    r"(?<![^\W_])(?i:(?P<words>" + _NUMBER_WORD + r"(?:(?:\s{1,2}|\s{1,2}and\s{1,2}|-)"
    + _NUMBER_WORD + r"){0,7})\s{1,2}(?P<currency>руб(?:л[а-я]{0,3}|\.)?|долл[а-я]{0,5}|евро"
    r"|dollars?|euros?|pounds?|грн|гривен[а-я]{0,2}|тенге))(?![^\W_])"
)


def _worded(text: str, taken: list[tuple[int, int]]) -> list[Money]:
    """Amounts in words, except within an amount already read in digits."""
    found: list[Money] = []
    for match in _WORDED.finditer(text):
        value = _words_value(match["words"])
        currency = _currency(match["currency"])
        inside = any(start < match.end() and match.start() < end for start, end in taken)
        if value and currency is not None and not inside:
            found.append(Money(match.start(), match.end(), f"{value:.2f}", currency))
    return found


def _words_value(words: str) -> Decimal:
    """«одну тысячу двести» -> 1200; "one hundred and five" -> 105."""
    total, current = Decimal(0), Decimal(0)
    for word in re.findall(r"[^\W\d_]+", words.lower()):
        if word in _THOUSAND:
            total += (current or Decimal(1)) * 1000
            current = Decimal(0)
        elif word in _HUNDRED:
            current = (current or Decimal(1)) * 100
        elif word in _WORD_VALUES:
            current += Decimal(str(_WORD_VALUES[word]))
    return total + current
