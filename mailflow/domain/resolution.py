"""Reading the department's decision from words, and what a claim needs before it ends.

`#outcome rejected the seal is broken`, `#компенсация возврат 1 500,50 руб`,
`#причина перевозчик`, and the customer's "5, всё отлично" on a closed claim: the words
are read here (pure), the rules that use them live in `mailflow.decide.resolution`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from mailflow.domain.model import ClaimStatus
from mailflow.domain.outcome import Compensation, CompensationKind, Outcome, Rating, Resolution

OUTCOME_WORDS: Mapping[str, Outcome] = {
    **{outcome.value: outcome for outcome in Outcome},
    "accept": Outcome.ACCEPTED, "partial": Outcome.PARTLY, "partially": Outcome.PARTLY,
    "reject": Outcome.REJECTED, "declined": Outcome.REJECTED,
    "принята": Outcome.ACCEPTED, "принято": Outcome.ACCEPTED,
    "удовлетворена": Outcome.ACCEPTED,
    "частично": Outcome.PARTLY, "частично_принята": Outcome.PARTLY,
    "отклонена": Outcome.REJECTED, "отклонено": Outcome.REJECTED, "отказ": Outcome.REJECTED,
}
COMPENSATION_WORDS: Mapping[str, CompensationKind] = {
    **{kind.value: kind for kind in CompensationKind},
    "возврат": CompensationKind.REFUND, "замена": CompensationKind.REPLACEMENT,
    "скидка": CompensationKind.DISCOUNT, "ремонт": CompensationKind.REPAIR,
    "доставка": CompensationKind.DELIVERY, "допоставка": CompensationKind.DELIVERY,
    "довоз": CompensationKind.DELIVERY,
}
NO_COMPENSATION = frozenset({"none", "нет"})
# Kinds given in goods or work: an amount (their cost) is optional.
IN_KIND = frozenset({CompensationKind.REPLACEMENT, CompensationKind.REPAIR,
                     CompensationKind.DELIVERY})
CURRENCY_WORDS: Mapping[str, str] = {
    "руб": "RUB", "руб.": "RUB", "рубль": "RUB", "рублей": "RUB", "рубля": "RUB", "р": "RUB",
    "р.": "RUB", "₽": "RUB", "$": "USD", "долл": "USD", "долл.": "USD", "€": "EUR",
    "евро": "EUR", "тенге": "KZT", "₸": "KZT", "юаней": "CNY", "¥": "CNY",
}
# ISO 4217 codes accepted as typed (two minor digits each).
CURRENCY_CODES = frozenset({"RUB", "USD", "EUR", "CNY", "KZT", "BYN", "UAH", "GBP", "CHF",
                            "TRY", "AMD", "GEL", "UZS", "KGS", "AED"})
MAX_AMOUNT_MINOR = 10 ** 15  # far above any claim, far below a 64-bit column

DEFAULT_CAUSE_LABELS: Mapping[str, str] = {
    "supplier": "поставщик", "carrier": "перевозчик", "warehouse": "склад",
    "production": "производство", "sales": "продажи", "customer": "клиент", "other": "другое",
}

_AMOUNT = re.compile(r"(?P<units>\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?:[.,](?P<cents>\d{1,2}))?")
_REASON_LEAD = re.compile(r"^[\s:;,.\-–—]+")
# A digit that starts a date or a span ("1 декабря вернусь", "3 weeks away", "1-го") is an
# out-of-office or a new request, never a score.
_DATE_OR_SPAN = (r"\s*-?\s*(?:го\b|январ|феврал|март|апрел|ма[яй]\b|июн|июл|август|сентябр|"
                 r"октябр|ноябр|декабр|дн|ден|недел|месяц|час|"
                 r"jan|feb|mar|apr|may\b|jun|jul|aug|sep|oct|nov|dec|day|week|month|hour)")
_RATING = re.compile(r"\s*(?P<score>[1-5])(?![\d])(?![.,]\d)(?!" + _DATE_OR_SPAN
                     + r")(?P<rest>.*)", re.DOTALL | re.IGNORECASE)
_OUT_OF_FIVE = re.compile(r"^\s*(?:/\s*5|из\s+5|of\s+5|out\s+of\s+5)(?!\d)", re.IGNORECASE)
_COMMENT_LEAD = re.compile(r"^[\s:;,.!)\-–—/]+")


class ArgumentError(ValueError):
    """An argument that cannot be read: a `code` and the `value` at fault for the Russian
    wording (`mailflow.decide.wording.argument_problem`), and an English message."""

    def __init__(self, code: str, value: str, message: str) -> None:
        super().__init__(message)
        self.code, self.value = code, value


def word(text: str) -> str:
    """`Частично принята` -> `частично_принята`: lower case, ё as е, spaces as `_`."""
    return re.sub(r"[\s-]+", "_", text.strip().lower().replace("ё", "е"))


def read_outcome(argument: str) -> tuple[Outcome, str]:
    """`rejected the seal is broken` -> (REJECTED, "the seal is broken")."""
    head, _, rest = argument.strip().partition(" ")
    outcome = OUTCOME_WORDS.get(word(head.rstrip(":;,.")))
    if outcome is None:
        raise ArgumentError("unknown_outcome", head, f"unknown outcome {head!r}; known: "
                            + ", ".join(o.value for o in Outcome)
                            + " (then the reason, required for rejected)")
    return outcome, _REASON_LEAD.sub("", rest).strip()


def read_compensation(argument: str, default_currency: str | None) -> Compensation | None:
    """`refund 1 500,50 руб` -> Compensation(REFUND, 150050, "RUB"); `none` -> None. An
    amount without a currency gets `default_currency` (None: stays without one)."""
    head, _, rest = argument.strip().partition(" ")
    if word(head) in NO_COMPENSATION and not rest.strip():
        return None
    kind = COMPENSATION_WORDS.get(word(head))
    if kind is None:
        raise ArgumentError("unknown_kind", head, f"unknown compensation {head!r}; known: "
                            + ", ".join(k.value for k in CompensationKind)
                            + ", or none; e.g. #compensation refund 1500 RUB")
    rest = rest.strip()
    if not rest:
        if kind in IN_KIND:
            return Compensation(kind)
        raise ArgumentError("amount_needed", kind.value,
                            f"#compensation {kind.value} needs an amount and a currency, "
                            f"e.g. #compensation {kind.value} 1500 RUB")
    amount, currency = _amount_and_currency(rest, default_currency)
    return Compensation(kind, amount, currency)


def _amount_and_currency(text: str, default_currency: str | None) -> tuple[int, str]:
    match = _AMOUNT.match(text)
    if match is None:
        raise ArgumentError("bad_amount", text,
                            f"not an amount: {text!r}; e.g. 1500, 1 500, 1500.50 or 1500,50")
    cents = (match["cents"] or "0").ljust(2, "0")
    minor = int(re.sub(r"\D", "", match["units"])) * 100 + int(cents)
    if not 0 < minor < MAX_AMOUNT_MINOR:
        raise ArgumentError("amount_range", match.group(0),
                            f"the amount must be above zero and below "
                            f"{MAX_AMOUNT_MINOR // 100}, not {match.group(0)!r}")
    currency = read_currency(text[match.end():].strip(), default_currency)
    return minor, currency


def read_currency(text: str, default_currency: str | None) -> str:
    """`руб` / `₽` / `rub` -> `RUB`; the default when nothing is written."""
    if not text:
        return default_currency or ""
    code = CURRENCY_WORDS.get(text.lower()) or text.upper()
    if code not in CURRENCY_CODES:
        raise ArgumentError("unknown_currency", text, f"unknown currency {text!r}; known: "
                            + ", ".join(sorted(CURRENCY_CODES)) + ", руб, ₽, $, €")
    return code


def read_cause(argument: str, causes: Mapping[str, str]) -> str | None:
    """The cause code for a code or its label (`carrier`, `перевозчик`), None if unknown."""
    wanted = word(argument)
    for code, label in causes.items():
        if wanted in (word(code), word(label)):
            return code
    return None


def amount_text(minor: int) -> str:
    """Minor units as a decimal string: 150050 -> "1500.50"."""
    return f"{minor // 100}.{minor % 100:02d}"


def compensation_args(compensation: Compensation | None) -> str:
    """The canonical argument of `#compensation` for a compensation (read back by
    `read_compensation`)."""
    if compensation is None:
        return "none"
    if not compensation.amount_minor:
        return compensation.kind.value
    return (f"{compensation.kind.value} {amount_text(compensation.amount_minor)} "
            f"{compensation.currency}").strip()


def missing_to_end(resolution: Resolution, target: ClaimStatus) -> tuple[str, ...]:
    """What the claim lacks to reach `target`: `outcome`, `reason` (of a rejection) or
    `rejected_outcome` (the status `rejected` needs the outcome `rejected`)."""
    if target not in (ClaimStatus.RESOLVED, ClaimStatus.REJECTED, ClaimStatus.CLOSED):
        return ()
    outcome = resolution.outcome
    if target is ClaimStatus.REJECTED and outcome not in (None, Outcome.REJECTED):
        return ("rejected_outcome",)
    if outcome is None:
        return ("outcome", "reason") if target is ClaimStatus.REJECTED else ("outcome",)
    if outcome is Outcome.REJECTED and not resolution.reason.strip():
        return ("reason",)
    return ()


def read_rating(own_text: str) -> Rating | None:
    """The customer's rating when their own words start with a digit 1..5 standing alone:
    "5", "4 - thanks", "5, всё отлично", "3/5 долго". Not "10 days", "1.5" or "12345"."""
    match = _RATING.match(own_text)
    if match is None:
        return None
    rest = _OUT_OF_FIVE.sub("", match["rest"])
    comment = _COMMENT_LEAD.sub("", rest).strip()
    return Rating(int(match["score"]), comment)
