"""Claim numbers: `CLM-2026-000123`, sequential per prefix and year.

Each mailbox numbers its claims with its own prefix (`CLM` by default, `WRN` for a
warranty address...): two to four Latin capitals. Every rule that finds a claim number in
text (subject tokens, keyed references, commands) accepts any such prefix; a number that
names no stored claim simply finds nothing.
"""

from __future__ import annotations

import re

DEFAULT_PREFIX = "CLM"
PREFIX_PATTERN = r"[A-Z]{2,4}"
CLAIM_NUMBER_PATTERN = rf"{PREFIX_PATTERN}-\d{{4}}-\d{{6,}}"
SUBJECT_TOKEN_RE = re.compile(rf"\[({CLAIM_NUMBER_PATTERN})\]")
_PREFIX_RE = re.compile(rf"({PREFIX_PATTERN})-\d{{4}}-\d{{6,}}")
_FIRST_YEAR, _YEARS = 1900, 1000  # the years a prefix's counter key can hold


def format_claim_number(year: int, sequence: int, prefix: str = DEFAULT_PREFIX) -> str:
    """The public number of the `sequence`-th claim of `year` under `prefix`."""
    return f"{prefix}-{year:04d}-{sequence:06d}"


def is_number_prefix(prefix: str) -> bool:
    """Whether `prefix` can start a claim number (two to four Latin capitals)."""
    return re.fullmatch(PREFIX_PATTERN, prefix) is not None


def prefix_of(number: str) -> str | None:
    """The prefix of a claim number (`WRN` of `WRN-2026-000001`), None for other text."""
    match = _PREFIX_RE.fullmatch(number)
    return match.group(1) if match else None


def counter_key(prefix: str, year: int) -> int:
    """The key of the counter that numbers `prefix`'s claims of `year`: the year itself for
    `CLM` (the counters kept before prefixes existed), a negative number for any other
    prefix (its letters in base 27, then the year), so keys never collide."""
    if prefix == DEFAULT_PREFIX:
        return year
    if not is_number_prefix(prefix):
        raise ValueError(f"not a claim number prefix: {prefix!r}")
    if not _FIRST_YEAR <= year < _FIRST_YEAR + _YEARS:
        raise ValueError(f"year {year} is outside the numbered years")
    letters = 0
    for letter in prefix:
        letters = letters * 27 + ord(letter) - ord("A") + 1
    return -(letters * _YEARS + year - _FIRST_YEAR)


def subject_token(number: str) -> str:
    """The token that marks a claim in a subject line."""
    return f"[{number}]"


def subject_claim_numbers(subject: str) -> tuple[str, ...]:
    """Claim numbers quoted as `[CLM-YYYY-NNNNNN]` in a subject, in order, without repeats."""
    return tuple(dict.fromkeys(SUBJECT_TOKEN_RE.findall(subject)))


def subject_with_token(subject: str, number: str) -> str:
    """The subject with the claim token added once (kept when already there)."""
    token = subject_token(number)
    clean = " ".join(subject.split())
    return clean if token in clean else f"{token} {clean}".strip()


_REPLY_PREFIX_RE = re.compile(r"^\s*(?:(?:re|ответ|aw|sv)\s*(?:\[\d+\]|\(\d+\))?\s*:\s*)+",
                              re.IGNORECASE)


def base_subject(subject: str) -> str:
    """The subject without claim tokens and leading reply prefixes (`Re:`, `Ответ:`)."""
    without_tokens = SUBJECT_TOKEN_RE.sub(" ", subject)
    return " ".join(_REPLY_PREFIX_RE.sub("", " ".join(without_tokens.split())).split())


def acknowledgement_subject(original: str, fallback: str, claim_number: str) -> str:
    """`[CLM-…] Re: <original subject>`, or the template's subject when there was none."""
    base = base_subject(original)
    return subject_with_token(f"Re: {base}" if base else fallback, claim_number)
