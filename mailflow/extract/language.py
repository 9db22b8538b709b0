"""The language of a message, decided by the share of Cyrillic letters."""

from __future__ import annotations

from typing import Literal

Language = Literal["ru", "en"]

# Russian customers quote Latin order numbers, product names and English signatures,
# so a minority of Cyrillic letters already marks a Russian message.
RUSSIAN_SHARE = 0.3


def detect_language(subject: str, text: str) -> Language | None:
    """"ru" when enough letters are Cyrillic, "en" otherwise, None without any letters."""
    cyrillic = latin = 0
    for char in f"{subject}\n{text}":
        if not char.isalpha():
            continue
        if "\u0400" <= char <= "\u04ff":
            cyrillic += 1
        else:
            latin += 1
    letters = cyrillic + latin
    if letters == 0:
        return None
    return "ru" if cyrillic / letters >= RUSSIAN_SHARE else "en"
