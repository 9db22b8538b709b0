"""Carriers named in a claim («отправили СДЭКом», "shipped with DHL"): a configured list of
names with their aliases, matched as whole words in either script.

A word of an alias matches a word of the text when it is the same word ignoring case, or
(Russian) the same lemma or the alias followed by a case ending («СДЭКом», «Почтой России»).
An alias word of up to four capitals ("UPS", «КИТ», "DPD") is an acronym that is also a
common word in lower case ("ups and downs", «кит»): it matches only when written in capitals
(a case ending may follow: «КИТом»); list the lower-case spelling as an alias of its own
where it is safe («сдэк», "dhl"). Words of a phrase may be separated by up to three
characters of spaces or punctuation («Байкал-Сервис», «ТК «Энергия»»), not by a line break.
Linear: each word of the text is compared with the few aliases sharing its first letters.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from mailflow.extract.lemmas import WORD, is_cyrillic, russian_lemma

ACRONYM_LETTERS = 4
_PREFIX = 3
_MAX_GAP = 3
# Russian case endings after an indeclinable name written as is: «СДЭКом», «ПЭКа».
_ENDINGS = frozenset({"а", "у", "ом", "е", "ой", "ою", "ы", "и", "ам", "ами", "ах", "ов",
                      "ем", "ю", "я"})


@dataclass(frozen=True)
class Carrier:
    """A carrier as stored (`name`) and the other ways customers write it."""

    name: str
    aliases: tuple[str, ...] = ()


DEFAULT_CARRIERS: tuple[Carrier, ...] = (
    Carrier("СДЭК", ("сдэк", "СДЕК", "сдек", "CDEK", "cdek", "SDEK", "sdek")),
    Carrier("Деловые Линии", ("Dellin", "Деллин", "Delovye Linii", "Business Lines")),
    Carrier("ПЭК", ("пэк", "PEK")),
    Carrier("Boxberry", ("Боксберри", "Боксбери")),
    Carrier("Почта России", ("Почта РФ", "Russian Post", "Pochta Rossii")),
    Carrier("DPD", ("dpd", "ДПД")),
    Carrier("DHL", ("dhl", "ДХЛ")),
    Carrier("FedEx", ("Федекс", "Федэкс")),
    Carrier("UPS", ()),
    Carrier("Яндекс Доставка", ("Yandex Delivery", "Яндекс Go Доставка")),
    Carrier("Ozon", ("Ozon Rocket", "Озон", "Озон Рокет")),
    Carrier("Wildberries", ("Вайлдберриз", "Валдберис", "Вайлдбериз")),
    Carrier("Байкал Сервис", ("Baikal Service", "Baikal Servis")),
    Carrier("КИТ", ("ТК КИТ", "GTD", "TK KIT")),
    # «энергия» alone is a common word: the name says it is the transport company.
    Carrier("ТК Энергия", ("TK Energia", "Energia", "транспортная компания Энергия")),
    Carrier("Желдорэкспедиция", ("ЖДЭ", "Zheldorexpedition", "Zhel Dor Expeditsiya")),
)


@dataclass(frozen=True)
class _AliasWord:
    text: str
    lower: str
    acronym: bool
    cyrillic: bool


@dataclass(frozen=True)
class CarrierHit:
    """A carrier named at `start`..`end` of a text."""

    name: str
    start: int
    end: int


Phrases = dict[str, tuple[tuple[tuple[_AliasWord, ...], str], ...]]


def _alias_word(word: str) -> _AliasWord:
    acronym = len(word) <= ACRONYM_LETTERS and word.isupper()
    return _AliasWord(word, _fold(word), acronym, is_cyrillic(word))


def _fold(word: str) -> str:
    return word.lower().replace("ё", "е")


@lru_cache(maxsize=16)
def phrase_index(carriers: tuple[Carrier, ...]) -> Phrases:
    """Every alias (and name) as its words, by the first letters of its first word."""
    by_prefix: dict[str, list[tuple[tuple[_AliasWord, ...], str]]] = {}
    for carrier in carriers:
        for alias in dict.fromkeys((carrier.name, *carrier.aliases)):
            words = tuple(_alias_word(word) for word in WORD.findall(alias))
            if words:
                by_prefix.setdefault(words[0].lower[:_PREFIX], []).append((words, carrier.name))
    # Longer phrases first: «ТК КИТ» is tried before «КИТ».
    return {prefix: tuple(sorted(phrases, key=lambda p: -len(p[0])))
            for prefix, phrases in by_prefix.items()}


def carriers_in(text: str, carriers: tuple[Carrier, ...]) -> list[CarrierHit]:
    """Every carrier named in `text`, in the order of the text."""
    if not carriers:
        return []
    index = phrase_index(carriers)
    words = [(match.start(), match.end(), match.group()) for match in WORD.finditer(text)]
    hits: list[CarrierHit] = []
    position = 0
    while position < len(words):
        hit = _phrase_at(text, words, position, index)
        if hit is None:
            position += 1
            continue
        length, name = hit
        hits.append(CarrierHit(name, words[position][0], words[position + length - 1][1]))
        position += length
    return hits


def _phrase_at(text: str, words: list[tuple[int, int, str]], position: int,
               index: Phrases) -> tuple[int, str] | None:
    """The longest alias starting at word `position`: its length in words and carrier."""
    start_word = words[position][2]
    for phrase, name in index.get(_fold(start_word)[:_PREFIX], ()):
        if position + len(phrase) > len(words):
            continue
        if all(_same_word(words[position + k][2], phrase[k]) for k in range(len(phrase))) \
                and all(_joined(text, words[position + k - 1][1], words[position + k][0])
                        for k in range(1, len(phrase))):
            return len(phrase), name
    return None


def _joined(text: str, end: int, start: int) -> bool:
    gap = text[end:start]
    return len(gap) <= _MAX_GAP and "\n" not in gap and not any(c.isdigit() for c in gap)


def _same_word(written: str, alias: _AliasWord) -> bool:
    """Whether the text's word `written` is a form of the alias word."""
    written = written.split("'")[0].split("’")[0]  # "DHL's"
    if alias.acronym:
        rest = written[len(alias.text):]
        return written.startswith(alias.text) and (
            not rest or (alias.cyrillic and _fold(rest) in _ENDINGS))
    folded = _fold(written)
    if folded == alias.lower:
        return True
    if not alias.cyrillic or not is_cyrillic(folded):
        return False
    if folded.startswith(alias.lower) and folded[len(alias.lower):] in _ENDINGS:
        return True
    return _lemma(folded) == _lemma(alias.lower)


def _lemma(word: str) -> str:
    return russian_lemma(word).replace("ё", "е")
