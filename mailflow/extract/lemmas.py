"""Words and their folded forms: Russian words to their lemma (pymorphy3), English words
to a crude stem, so that any form of a keyword matches."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any, TypeVar

Payload = TypeVar("Payload")

# Bounded repetitions only: a word longer than 40 letters is read as several words.
WORD = re.compile(r"[^\W\d_]{1,40}(?:['’][^\W\d_]{1,8})?")
_ENGLISH_SUFFIXES = ("ing", "ed", "es", "s")
_PREFIX = 4


@dataclass(frozen=True)
class Token:
    """A word of the text with its span and its folded form; a Latin word that may be
    transliterated Russian also carries the lemma of its Cyrillic reading (`alternative`)."""

    start: int
    end: int
    text: str
    folded: str
    alternative: str | None = None
    # Whether punctuation or a line break stands between this word and the one before.
    after_break: bool = False
    # Whether the word's sentence ends with a question mark.
    in_question: bool = False
    # Whether the word is the letter's subject (which names the matter in a few words).
    in_subject: bool = False

    def forms(self) -> tuple[str, ...]:
        return (self.folded,) if self.alternative is None else (self.folded, self.alternative)


# Russian written in Latin letters (zakaz ne prishel): longest spellings first.
_CYRILLIC_READING = (
    ("shch", "щ"), ("sch", "щ"), ("zh", "ж"), ("kh", "х"), ("ch", "ч"), ("sh", "ш"),
    ("ts", "ц"), ("yu", "ю"), ("ya", "я"), ("yo", "ё"), ("ye", "е"), ("a", "а"), ("b", "б"),
    ("v", "в"), ("g", "г"), ("d", "д"), ("e", "е"), ("z", "з"), ("i", "и"), ("k", "к"),
    ("l", "л"), ("m", "м"), ("n", "н"), ("o", "о"), ("p", "п"), ("r", "р"), ("s", "с"),
    ("t", "т"), ("u", "у"), ("f", "ф"), ("h", "х"), ("c", "ц"), ("y", "ы"), ("'", "ь"),
    ("w", "в"), ("x", "кс"), ("q", "к"), ("j", "й"),
)
_VOWELS = "аеёиоуыэюя"


def cyrillic_reading(word: str) -> str:
    """The Cyrillic spelling of a transliterated Russian word: "zakazyval" -> "заказывал"."""
    lower = word.lower().replace("’", "'")
    out: list[str] = []
    index = 0
    while index < len(lower):
        for latin, cyrillic in _CYRILLIC_READING:
            if lower.startswith(latin, index):
                if latin in ("i", "y") and out and out[-1][-1] in _VOWELS:
                    cyrillic = "й"
                out.append(cyrillic)
                index += len(latin)
                break
        else:
            out.append(lower[index])
            index += 1
    return "".join(out)


def is_cyrillic(word: str) -> bool:
    return bool(word) and "\u0400" <= word[0] <= "\u04ff"


@lru_cache(maxsize=1)
def _analyzer() -> Any:
    import pymorphy3  # heavy: imported on the first Russian word

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=100_000)
def russian_lemma(word: str) -> str:
    """The most likely lemma of a lower-case Russian word, ё kept."""
    return str(_analyzer().parse(word)[0].normal_form)


@lru_cache(maxsize=20_000)
def names_a_thing(word: str) -> bool:
    """Whether a Russian word most likely describes or names a thing: an adjective
    («древесный») or a noun in the nominative («мешок»), not a verb («привезли»)."""
    tag = _analyzer().parse(word.lower())[0].tag
    return bool("ADJF" in tag or "ADJS" in tag or ("NOUN" in tag and "nomn" in tag))


@lru_cache(maxsize=20_000)
def is_noun(word: str) -> bool:
    """Whether a Russian word is most likely a noun («масло»), not an adjective («зелёный»)."""
    return "NOUN" in _analyzer().parse(word.lower())[0].tag


def english_stem(word: str) -> str:
    """A crude stem: damaged, damages and damage all give "damag"."""
    word = word.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    for suffix in _ENGLISH_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    if word.endswith("e") and len(word) > 3:
        word = word[:-1]
    return word


@lru_cache(maxsize=64)
def russian_prefixes(lemmas: frozenset[str]) -> frozenset[str]:
    """The first letters of every form of `lemmas`: a word outside them is not a keyword,
    so it need not go through the (slow) analyzer."""
    prefixes: set[str] = set()
    for lemma in lemmas:
        prefixes.add(lemma[:_PREFIX])
        for parse in _analyzer().parse(lemma)[:2]:
            prefixes.update(str(form.word)[:_PREFIX] for form in parse.lexeme)
    return frozenset(prefixes)


def fold_word(word: str, prefixes: frozenset[str]) -> str:
    lower = word.lower()
    if is_cyrillic(lower):
        if len(lower) <= _PREFIX or lower[:_PREFIX] in prefixes:
            return russian_lemma(lower).replace("ё", "е")
        return lower.replace("ё", "е")
    return english_stem(lower)


def fold_phrase(phrase: str) -> tuple[str, ...]:
    """A keyword phrase folded word by word (every word goes through the analyzer)."""
    return tuple(
        (russian_lemma(w.lower()).replace("ё", "е") if is_cyrillic(w) else english_stem(w))
        for w in WORD.findall(phrase)
    )


_BREAK = re.compile(r"[,.;:!?()\[\]\n—–-]")


_SENTENCE_END = re.compile(r"[.!?\n]")


# "Re: Your question about the kettle", «Ответ: По вашему обращению»: the subject of a
# reply or a forward repeats the first letter's (often ours), it does not name the matter.
_REPLY_SUBJECT = re.compile(
    r"^\s{0,4}(?i:re|fwd?|aw|wg|ответ|отв|пересл)\s{0,2}(?:\[\d{1,3}\])?\s{0,2}:")


def is_reply_subject(subject: str) -> bool:
    """Whether the subject is a reply's or a forward's ("Re:", "Fwd:", «Ответ:»)."""
    return _REPLY_SUBJECT.match(subject) is not None


def subject_tokens(text: str, prefixes: frozenset[str]) -> list[Token]:
    """The subject's words, marked as the subject's unless it is a reply's or a forward's."""
    words = tokens(text, prefixes)
    if is_reply_subject(text):
        return words
    return [replace(token, in_subject=True) for token in words]


def tokens(text: str, prefixes: frozenset[str]) -> list[Token]:
    found: list[Token] = []
    previous_end = 0
    ends = [(match.start(), match.group() == "?") for match in _SENTENCE_END.finditer(text)]
    positions = [position for position, _ in ends]
    for match in WORD.finditer(text):
        after_break = bool(_BREAK.search(text, previous_end, match.start()))
        token = _token(match.start(), match.end(), match.group(), prefixes, after_break)
        end = bisect_left(positions, match.end())
        if end < len(ends) and ends[end][1]:
            token = replace(token, in_question=True)
        found.append(token)
        previous_end = match.end()
    return found


def _token(start: int, end: int, word: str, prefixes: frozenset[str],
           after_break: bool = False) -> Token:
    folded = fold_word(word, prefixes)
    if is_cyrillic(word) or not word.isascii():
        return Token(start, end, word, folded, after_break=after_break)
    if _reading_prefix(word[: _PREFIX + 1].lower()) not in prefixes:
        return Token(start, end, word, folded, after_break=after_break)  # no keyword's form
    return Token(start, end, word, folded, _reading_lemma(word.lower()), after_break)


@lru_cache(maxsize=50_000)
def _reading_prefix(start: str) -> str:
    """The first letters of the Cyrillic reading of a word's first letters (remembered:
    the same English words come in every letter)."""
    return cyrillic_reading(start)[:_PREFIX]


@lru_cache(maxsize=50_000)
def _reading_lemma(word: str) -> str:
    reading = cyrillic_reading(word)
    # The soft sign is mostly left out: "otremontirovat" is «отремонтировать».
    if (reading.endswith("т") and reading[-2:-1] in _VOWELS
            and not _analyzer().word_is_known(reading)
            and _analyzer().word_is_known(reading + "ь")):
        reading += "ь"
    return russian_lemma(reading).replace("ё", "е")


def russian_words(phrases: Iterable[str]) -> frozenset[str]:
    return frozenset(
        w.lower() for phrase in phrases for w in WORD.findall(phrase) if is_cyrillic(w)
    )


PhraseIndex = dict[str, list[tuple[tuple[str, ...], Payload]]]


def index_phrases(phrases: dict[tuple[str, ...], Payload]) -> PhraseIndex[Payload]:
    """Phrases by their first folded word, for find_phrases."""
    by_first: dict[str, list[tuple[tuple[str, ...], Payload]]] = {}
    for phrase, payload in phrases.items():
        if phrase:
            by_first.setdefault(phrase[0], []).append((phrase, payload))
    return by_first


def find_phrases(
    words: Sequence[Token], by_first: PhraseIndex[Payload]
) -> list[tuple[int, int, Payload]]:
    """Every occurrence of an indexed phrase in `words`: (first word index, last word
    index, the phrase's payload). Linear in the words times the longest phrase."""
    hits: list[tuple[int, int, Payload]] = []
    for index, word in enumerate(words):
        for form in word.forms():
            for phrase, payload in by_first.get(form, ()):
                end = index + len(phrase)
                if end <= len(words) and all(
                    phrase[k] in words[index + k].forms() for k in range(1, len(phrase))
                ):
                    hits.append((index, end - 1, payload))
    return hits
