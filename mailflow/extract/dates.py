"""Dates of purchase and delivery. Cheap patterns find candidate spans; numeric dates are
read directly, dates with a month word go through `dateparser` (imported lazily)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

_MONTHS_RU = r"(?:январ|феврал|март|апрел|ма[йя]|июн|июл|август|сентябр|октябр|ноябр|декабр)[а-я]{0,3}"
_MONTHS_EN = (
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)(?:[a-z]{0,6})\.?"
)
_MONTHS_TR = r"(?:yanvar|fevral|mart|aprel|ma[iy]|iyun|iyul|avgust|sentyabr|oktyabr|noyabr|dekabr)[a-z]{0,3}"
_DAY = r"\d{1,2}(?:st|nd|rd|th|-?го|-?е)?"
_YEAR = r"(?:\s{1,2}\d{4}(?:\s{0,2}(?:г\.|года?))?)?"
WORD_DATE = re.compile(
    rf"(?<!\d)(?:{_DAY}(?:\s{{1,2}}of)?\s{{1,2}}(?i:{_MONTHS_RU}|{_MONTHS_EN}|{_MONTHS_TR}){_YEAR}"
    rf"|(?i:{_MONTHS_EN})\s{{1,2}}{_DAY}(?:,?\s{{1,2}}\d{{4}})?)(?![^\W_])"
)
NUMERIC_DATE = re.compile(
    r"(?<![\d.\-/])(?:(?P<iso>\d{4}-\d{2}-\d{2})|(?P<a>\d{1,2})(?P<sep>[./])(?P<b>\d{1,2})"
    r"(?:(?P=sep)(?P<year>\d{4}|\d{2}))?)(?![\d\-/]|\.\d)"
)
_TRANSLIT = {
    "yanvar": "января", "fevral": "февраля", "mart": "марта", "aprel": "апреля",
    "mai": "мая", "may": "мая", "iyun": "июня", "iyul": "июля", "avgust": "августа",
    "sentyabr": "сентября", "oktyabr": "октября", "noyabr": "ноября", "dekabr": "декабря",
}


_PLAUSIBLE_YEARS = 5


@dataclass(frozen=True)
class FoundDate:
    start: int
    end: int
    iso: str


def dates(text: str, language: str, reference: date | None) -> list[FoundDate]:
    """Every date in the text, in the order of the text; a date without a year takes the
    latest year that puts it on or before `reference` (and is skipped without one)."""
    found = [d for d in (_numeric(m, language, reference) for m in NUMERIC_DATE.finditer(text)) if d]
    found += [d for d in (_worded(m, language, reference) for m in WORD_DATE.finditer(text)) if d]
    return sorted(found, key=lambda d: d.start)


def _numeric(match: re.Match[str], language: str, reference: date | None) -> FoundDate | None:
    if match.group("iso"):
        return _found(match, *map(int, match.group("iso").split("-")))
    first, second = int(match.group("a")), int(match.group("b"))
    slash = match.group("sep") == "/"
    if slash and language == "en" and first <= 12:
        first, second = second, first  # an English slash date is month/day
    year_text = match.group("year")
    if year_text is None and (slash or reference is None):
        return None
    year = _year(year_text, second, first, reference)
    if year is None or reference is not None and abs(year - reference.year) > _PLAUSIBLE_YEARS:
        return None
    return _found(match, year, second, first)


def _year(written: str | None, month: int, day: int, reference: date | None) -> int | None:
    if written:
        return int(written) + (2000 if len(written) == 2 else 0)
    if reference is None:
        return None
    try:
        return reference.year if date(reference.year, month, day) <= reference else reference.year - 1
    except ValueError:
        return None


def _found(match: re.Match[str], year: int, month: int, day: int) -> FoundDate | None:
    try:
        return FoundDate(match.start(), match.end(), date(year, month, day).isoformat())
    except ValueError:
        return None


def _worded(match: re.Match[str], language: str, reference: date | None) -> FoundDate | None:
    written = match.group()
    lowered = written.lower()
    for latin, russian in _TRANSLIT.items():
        if re.search(rf"(?<![a-z]){latin}", lowered) and not re.search(r"[a-z]{3}", lowered.replace(latin, "", 1).replace("go", "")):
            written, language = re.sub(rf"(?i){latin}[a-z]{{0,3}}", russian, written), "ru"
            break
    has_year = bool(re.search(r"\d{4}", written))
    if not has_year and reference is None:
        return None
    parsed = _dateparser().parse(
        re.sub(r"(?<=\d)-?(?:го|е)\b", "", written),
        languages=["ru" if re.search("[а-яё]", written.lower()) else "en"],
        settings={
            "PREFER_DATES_FROM": "past",
            "RELATIVE_BASE": datetime.combine(reference or date(2000, 1, 1), datetime.min.time()),
            "REQUIRE_PARTS": ["day", "month"],
        },
    )
    if parsed is None:
        return None
    return FoundDate(match.start(), match.end(), parsed.date().isoformat())


def _dateparser() -> Any:
    import dateparser  # heavy: imported on the first date written with a month word

    return dateparser
