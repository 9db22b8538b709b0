"""Dates of purchase and delivery. Cheap patterns find candidate spans; numeric dates are
read directly, dates with a month word go through `dateparser` (imported lazily)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

_MONTHS_RU = (
    r"(?:январ|феврал|март|апрел|ма[йя]|июн|июл|август|сентябр|октябр|ноябр|декабр)[а-я]{0,3}"
)
_MONTHS_EN = (
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)(?:[a-z]{0,6})\.?"
)
_MONTHS_TR = (
    r"(?:yanvar|fevral|mart|aprel|ma[iy]|iyun|iyul|avgust|sentyabr|oktyabr|noyabr|dekabr)"
    r"[a-z]{0,3}"
)
_DAY = r"(?:st|nd|rd|th|-?го|-?е)?"
_MONTH = rf"(?i:{_MONTHS_RU}|{_MONTHS_EN}|{_MONTHS_TR})"
_YEAR = r"(?:,?\s{{1,2}}(?P<{name}>\d{{4}})(?:\s{{0,2}}(?:г\.|года?))?)?"
WORD_DATE = re.compile(
    rf"(?<!\d)(?:(?P<day1>\d{{1,2}}){_DAY}(?:\s{{1,2}}of)?\s{{1,2}}(?P<month1>{_MONTH})"
    + _YEAR.format(name="year1")
    + rf"|(?P<month2>{_MONTH})\s{{1,2}}(?P<day2>\d{{1,2}}){_DAY}"
    + _YEAR.format(name="year2")
    + r")(?![^\W_])"
)
# The month of a month word by its first letters (Russian, English, transliterated).
_MONTH_NUMBER = {
    "янв": 1, "фев": 2, "мар": 3, "апр": 4, "май": 5, "мая": 5, "июн": 6, "июл": 7,
    "авг": 8, "сен": 9, "окт": 10, "ноя": 11, "дек": 12, "jan": 1, "feb": 2, "mar": 3,
    "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11,
    "dec": 12, "yan": 1, "fev": 2, "mai": 5, "iyun": 6, "iyul": 7, "avg": 8, "sen": 9,
    "okt": 10, "noy": 11, "dek": 12,
}
RELATIVE_DATE = re.compile(r"(?<![^\W_])(?i:позавчера|вчера|yesterday|vchera)(?![^\W_])")
_DAYS_BACK = {"позавчера": 2, "вчера": 1, "yesterday": 1, "vchera": 1}
NUMERIC_DATE = re.compile(
    r"(?<!ст\.\s)(?<!п\.\s)(?<!ч\.\s)(?<![\d.\-/])(?:(?P<iso>\d{4}-\d{2}-\d{2})|(?P<a>\d{1,2})(?P<sep>[./])(?P<b>\d{1,2})"
    r"(?:(?P=sep)(?P<year>\d{4}|\d{2}))?)(?![\d\-/]|\.\d)"
)


_PLAUSIBLE_YEARS = 5
_FUTURE_DAYS = 180


@dataclass(frozen=True)
class FoundDate:
    start: int
    end: int
    iso: str


def dates(text: str, language: str, reference: date | None) -> list[FoundDate]:
    """Every date in the text, in the order of the text; a date without a year takes the
    latest year that puts it on or before `reference` (and is skipped without one)."""
    found = [_numeric(m, language, reference) for m in NUMERIC_DATE.finditer(text)]
    found += [_worded(m, language, reference) for m in WORD_DATE.finditer(text)]
    if reference is not None:
        found += [
            FoundDate(m.start(), m.end(),
                      (reference - timedelta(days=_DAYS_BACK[m.group().lower()])).isoformat())
            for m in RELATIVE_DATE.finditer(text)
        ]
    return sorted((d for d in found if d is not None), key=lambda d: d.start)


def _numeric(match: re.Match[str], language: str, reference: date | None) -> FoundDate | None:
    if match.group("iso"):
        return _found(match, *map(int, match.group("iso").split("-")))
    first, second = int(match.group("a")), int(match.group("b"))
    slash = match.group("sep") == "/"
    if slash and language == "en" and first <= 12:
        first, second = second, first  # an English slash date is month/day
    year_text = match.group("year")
    if year_text is None and (reference is None or (slash and not _day_first(match))):
        return None
    year = _year(year_text, second, first, reference)
    if year is None or (reference is not None and abs(year - reference.year) > _PLAUSIBLE_YEARS):
        return None
    return _found(match, year, second, first)


def _day_first(match: re.Match[str]) -> bool:
    """"30/11" can only be the 30th of November (a day above 12, a month after it); "1/2"
    may be a fraction and "24/7" is all day, every day."""
    day, month = int(match.group("a")), int(match.group("b"))
    return 12 < day <= 31 and 1 <= month <= 12 and (day, month) != (24, 7)


def _year(written: str | None, month: int, day: int, reference: date | None) -> int | None:
    if written:
        return int(written) + (2000 if len(written) == 2 else 0)
    if reference is None:
        return None
    try:
        this_year = date(reference.year, month, day)
    except ValueError:
        return None
    if this_year <= reference:
        return reference.year
    # A date a little after the letter is a promise, not a purchase or a delivery.
    return reference.year - 1 if (this_year - reference).days > _FUTURE_DAYS else None


def _found(match: re.Match[str], year: int, month: int, day: int) -> FoundDate | None:
    try:
        return FoundDate(match.start(), match.end(), date(year, month, day).isoformat())
    except ValueError:
        return None


def _worded(match: re.Match[str], language: str, reference: date | None) -> FoundDate | None:
    day = int(match.group("day1") or match.group("day2"))
    month_word = (match.group("month1") or match.group("month2")).lower()
    written_year = match.group("year1") or match.group("year2")
    month = _MONTH_NUMBER.get(month_word[:4]) or _MONTH_NUMBER.get(month_word[:3])
    if month is None:
        return _with_dateparser(match, language, written_year, reference)
    year = int(written_year) if written_year else _year(None, month, day, reference)
    return _found(match, year, month, day) if year else None


def _with_dateparser(
    match: re.Match[str], language: str, written_year: str | None, reference: date | None
) -> FoundDate | None:
    """A month word the table does not know goes through dateparser, with the year added
    when it was left out (so that dateparser never reads the clock)."""
    if written_year is None and reference is None:
        return None
    written = re.sub(r"(?<=\d)-?(?:го|е)(?![^\W_])", "", match.group())
    if written_year is None:
        written = f"{written} {reference.year if reference else ''}"
    parsed = _parser("ru" if re.search("[а-яё]", written.lower()) else "en").get_date_data(written)
    if parsed.date_obj is None:
        return None
    found = parsed.date_obj.date()
    if written_year is None and reference is not None and found > reference:
        found = found.replace(year=found.year - 1)
    return FoundDate(match.start(), match.end(), found.isoformat())


def warm_up() -> None:
    """Load dateparser for both languages now rather than on the first rare month word."""
    for language in ("ru", "en"):
        _parser(language)


@lru_cache(maxsize=4)
def _parser(language: str) -> Any:
    from dateparser.date import DateDataParser  # heavy: imported on the first unknown month

    return DateDataParser(languages=[language], settings={"DATE_ORDER": "DMY"})
