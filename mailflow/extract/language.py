"""The language of a message, decided by the share of Cyrillic letters, and for a letter
written in Latin letters by whether its words are transliterated Russian."""

from __future__ import annotations

import re
from typing import Literal

Language = Literal["ru", "en"]

# Russian customers quote Latin order numbers, product names and English signatures,
# so a minority of Cyrillic letters already marks a Russian message.
RUSSIAN_SHARE = 0.3
# Russian written in Latin letters ("Zdravstvuyte, tovar prishel povrezhdennyi") is read
# as Russian when at least this many of its words are common Russian words or stems and
# they outnumber the common English words.
TRANSLIT_WORDS = 2
_LATIN_WORD = re.compile(r"[a-z']{1,30}")
_WORDS_READ = 400
# Short Russian words that are not English words as well ("no", "do", "my" are left out).
_RUSSIAN_WORDS = frozenset({
    "ne", "na", "po", "chto", "eto", "kak", "uzhe", "uje", "net", "mne", "menya", "moy",
    "moi", "moya", "moe", "vy", "vas", "vam", "nam", "nas", "ya", "iz", "za", "ili", "esli",
    "kogda", "gde", "pochemu", "ot", "bylo", "byl", "byla", "byli", "est", "tolko", "eshe",
    "eshche", "ochen", "seychas", "segodnya", "vchera", "tak", "nu", "vse", "vsyo", "ego",
    "ee", "oni", "tam", "tut", "zdes", "nado", "nuzhno", "mozhno", "den", "dnya", "dney",
    "vecher", "privet", "sht", "shtuk", "rub", "sdelat", "pri", "bez", "dlya", "cherez",
})
# Stems of words a Russian claim writes (greetings, goods, delivery, what is wrong).
_RUSSIAN_STEMS = (
    "zdrav", "zdrast", "pozhal", "pojal", "spasib", "uvazh", "dobr", "zakaz", "tovar",
    "prish", "privez", "dostav", "povrezh", "povrej", "vozvrat", "verni", "vernut", "deng",
    "zamen", "nedost", "nedovl", "korobk", "upakov", "slomal", "razbit", "proshu", "prosim",
    "pretenz", "polu", "oplat", "kupil", "srochn", "pomog", "otvet", "skazh", "nakladn",
    "dogovor", "vcher", "segodn", "nedel", "mesyats", "rubl", "kurer", "kach",
)
_ENGLISH_WORDS = frozenset({
    "the", "and", "is", "are", "was", "were", "to", "of", "in", "for", "you", "your",
    "with", "have", "has", "had", "please", "this", "that", "it", "i", "we", "our", "a",
    "an", "be", "not", "on", "at", "from", "but", "would", "could", "will", "my", "me",
    "hello", "thanks", "dear", "regards", "order", "arrived", "received",
})


def detect_language(subject: str, text: str) -> Language | None:
    """"ru" when enough letters are Cyrillic or the Latin words are transliterated
    Russian, "en" otherwise, None without any letters."""
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
    if cyrillic / letters >= RUSSIAN_SHARE or is_transliterated_russian(f"{subject}\n{text}"):
        return "ru"
    return "en"


def is_transliterated_russian(text: str) -> bool:
    """Whether Latin-letter text reads as Russian: common Russian words and stems
    ("zdravstvuyte", "tovar", "prishel") outnumber common English words."""
    russian = english = 0
    for count, match in enumerate(_LATIN_WORD.finditer(text.lower())):
        if count >= _WORDS_READ:
            break
        word = match.group()
        if word in _ENGLISH_WORDS:
            english += 1
        elif word in _RUSSIAN_WORDS or word.startswith(_RUSSIAN_STEMS):
            russian += 1
    return russian >= TRANSLIT_WORDS and russian > english
