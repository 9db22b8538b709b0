"""Claim numbers: `CLM-2026-000123`, sequential per year."""

from __future__ import annotations

import re

SUBJECT_TOKEN_RE = re.compile(r"\[(CLM-\d{4}-\d{6,})\]")


def format_claim_number(year: int, sequence: int) -> str:
    """The public number of the `sequence`-th claim of `year`."""
    return f"CLM-{year:04d}-{sequence:06d}"


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
