"""Amounts with their currency: 1 500 руб., 1500,00 ₽, RUB 1,500.50, $25, 25 USD, €10."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

# Thousands groups are bounded (at most five), so a run of digits is never rescanned.
_AMOUNT = r"(?P<amount>\d{1,3}(?:[  ,.]\d{3}){1,5}(?:[.,]\d{1,2})?|\d{1,12}(?:[.,]\d{1,2})?)"
_CODES = r"RUB|RUR|USD|EUR|GBP|AUD|CAD|CHF|PLN|SEK|NOK|DKK|CNY|JPY|KZT|BYN|UAH"
_AFTER = (
    rf"(?P<after>руб(?:л[а-я]{{0,3}}|\.)?|р\.|р(?![^\W_])|₽|{_CODES}|rub|r(?![^\W_])|\$|€|£"
    r"|долл[а-я]{0,5}|евро|dollars?|euros?|pounds?)"
)
_BEFORE = rf"(?P<before>{_CODES}|\$|€|£|₽)"
# "4,2 тыс. руб.", "96 750 (девяносто шесть тысяч...) рублей"
_BETWEEN = r"(?P<thousand>\s{0,2}тыс\.?)?\s{0,2}(?:\([^()\n]{1,100}\)\s{0,2})?"
AFTER_NUMBER = re.compile(
    rf"(?<![\d.,])(?<![^\W\d_]){_AMOUNT}{_BETWEEN}(?i:{_AFTER})(?![^\W_])"
)
BEFORE_NUMBER = re.compile(rf"(?<![^\W_]){_BEFORE}\s{{0,2}}{_AMOUNT}(?![\d])")

_CURRENCY = {
    "руб": "RUB", "р": "RUB", "₽": "RUB", "rub": "RUB", "rur": "RUB",
    "usd": "USD", "$": "USD", "долл": "USD", "dollar": "USD",
    "eur": "EUR", "€": "EUR", "евро": "EUR", "euro": "EUR",
    "gbp": "GBP", "£": "GBP", "pound": "GBP", "r": "RUB",
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
            if value is not None and group == "after" and match.group("thousand"):
                value = f"{Decimal(value) * 1000:.2f}"
            currency = _currency(match.group(group))
            if value is not None and currency is not None:
                found.append(Money(match.start(), match.end(), value, currency))
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
    if len(lowered) == 3 and lowered.isascii() and lowered.upper() == word:
        return word  # an ISO 4217 code as written
    for prefix, code in _CURRENCY.items():
        if lowered.startswith(prefix) and (prefix not in ("р", "r") or lowered == prefix):
            return code
    return None
