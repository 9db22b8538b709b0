"""Phone numbers, checked and normalised to E.164 by `phonenumbers`."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A candidate: an optional +, then digits with spaces, brackets, dots or dashes; bounded.
_CANDIDATE = re.compile(r"(?<![\w+\-/.])\+?\(?\d[\d ()\-.]{7,20}\d(?![\w\-/])")
_NOT_A_PHONE = re.compile(r"(?i:инн|кпп|огрн|бик|р/с|к/с|счет|счёт|serial|s/n)[\s:№]{0,3}$")


@dataclass(frozen=True)
class Phone:
    start: int
    end: int
    e164: str


def phones(text: str, regions: tuple[str, ...]) -> list[Phone]:
    """Valid phone numbers in the text, tried in each region in turn when written
    without a country code."""
    import phonenumbers  # imported on the first candidate only

    found: list[Phone] = []
    for match in _CANDIDATE.finditer(text):
        written = match.group()
        digits = sum(char.isdigit() for char in written)
        before = text[max(0, match.start() - 12) : match.start()]
        if not 10 <= digits <= 15 or _NOT_A_PHONE.search(before):
            continue
        for region in regions if not written.startswith("+") else ("ZZ",):
            try:
                number = phonenumbers.parse(written, region)
            except phonenumbers.NumberParseException:
                continue
            if phonenumbers.is_valid_number(number):
                e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
                found.append(Phone(match.start(), match.end(), e164))
                break
    return found
