"""Products named in the letter, recognised against the catalogue by their distinctive
words (brand, model, article) with `rapidfuzz` for typos and transliteration, and
articles (SKUs) written after a cue word or equal to a catalogue article."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from mailflow.extract.config import CatalogueEntry
from mailflow.extract.segments import Spans

_TOKEN = re.compile(r"[^\W_]{1,30}(?:[-‐'’][^\W_]{1,30}){0,4}")
_PART = re.compile(r"[^\W_]{1,30}")
_DIGIT = re.compile(r"\d")
_SKU_CUE = re.compile(
    r"(?<![^\W_])(?i:арт(?:икул(?:а|у|ом|е)?)?\.?(?:\s{1,2}товара)?|art(?:icle)?\.?[\s-]{0,2}nr\.?"
    r"|art\.?|article(?:\s{1,2}(?:no\.?|number|#))?|sku|код(?:\s{1,2}товара)?"
    r"|каталожн(?:ый|ого|ому|ым)\s{1,2}номер(?:а|у|ом)?"
    r"|модел(?:ь|и|ью)|model(?:\s{1,2}(?:no\.?|number|#))?|item(?:\s{1,2}(?:no\.?|number|code)|(?=\s{0,2}#))"
    r"|part\s{1,2}(?:no\.?|number|#)|product\s{1,2}(?:code|id|no\.?|number)|cat\.\s{0,2}no\.?"
    r"|catalog(?:ue)?\s{1,2}(?:no\.?|number))[\s:№#.]{1,3}"
    r"(?P<sku>[A-ZА-Я0-9][A-ZА-Яa-z0-9]{0,15}(?:[-‐][A-ZА-Яa-z0-9]{1,15}){0,4})"
)
# A code in brackets right after a word ("набор бит Зубр (ZB-DS18)", "lamp (FL-2207)"):
# capitals and digits, both, with a hyphen or at least five characters; not a document's
# number (its own prefix: ЗК-, ТН-, INV-, PO …, or digits alone).
_BRACKETED_CODE = re.compile(
    r"(?<=[^\W\d_])\s{1,2}\((?P<sku>(?=[A-Z0-9-]{0,20}[A-Z])(?=[A-Z0-9-]{0,20}\d)"
    r"[A-Z][A-Z0-9]{0,9}(?:-[A-Z0-9]{1,10}){0,3})\)"
)
# A model code right after its brand ("Redmond RMC-M903", "Bosch KGN39VL25R", "Indesit
# IWSC 5105"): capitals with digits, as makers write their models.
_BRAND_MODEL = re.compile(
    r"(?<![^\W_])(?P<brand>[A-Z][a-z'’]{1,14}|[A-Z]{2,8})[ \t]{1,2}(?P<sku>"
    r"(?=[A-Z0-9-]{0,20}\d)[A-Z][A-Z0-9]{0,9}-?[A-Z0-9]{0,10}\d[A-Z0-9]{0,10}"
    r"|[A-Z]{2,6}[ ]\d{3,6})(?![^\W_]|-\w)"
)
_DOCUMENT_PREFIX = re.compile(r"(?i:ЗК|ТН|TN|ZK|INV|PO|УПД|UPD|СФ|DN|WB|TTN|ТТН|ORD|NO)(?:-|\d)")
_LATIN = str.maketrans(
    {
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
        "з": "z", "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
        "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "h", "ц": "ts",
        "ч": "ch", "ш": "sh", "щ": "sch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
        "я": "ya", "'": "", "’": "", "-": "", "‐": "",
    }
)
_FUZZY_MIN_LENGTH = 4
_FUZZY_CUTOFF = 78.0
_WINDOW = 6  # words between the first and the last word of one mention
_GENERIC = 2  # a word in more entries than this says nothing on its own


def latin(word: str) -> str:
    """Lower case, transliterated to Latin letters, without hyphens and apostrophes."""
    return word.lower().translate(_LATIN)


@dataclass(frozen=True)
class Vocabulary:
    """The catalogue's words: for each normalised word the entries that use it."""

    entries: tuple[CatalogueEntry, ...]
    words: dict[str, frozenset[int]]
    by_initial: dict[str, tuple[str, ...]]
    # An article, whole or without its shop prefix ("PH-HD9252" and "HD9252"), to its entry.
    articles: dict[str, int]
    # A model code of the catalogue ("HD9252", "KGN39VL25R"): an SKU only in brackets.
    models: dict[str, int]
    # Tokens already looked up (words repeat across letters); emptied when it grows large.
    matches: dict[str, dict[str, bool]] = field(default_factory=dict)

    def weight(self, word: str) -> float:
        return math.log(1 + len(self.entries) / len(self.words[word]))

    def distinctive(self, word: str) -> bool:
        if len(self.words[word]) > _GENERIC or word.isdigit():
            return False
        return len(word) >= (3 if any(char.isdigit() for char in word) else 4)


@lru_cache(maxsize=8)
def vocabulary(entries: tuple[CatalogueEntry, ...]) -> Vocabulary:
    words: dict[str, set[int]] = {}
    for index, entry in enumerate(entries):
        for variant in sorted(_variants(entry.name) | _variants(entry.article)):
            words.setdefault(variant, set()).add(index)
    by_initial: dict[str, list[str]] = {}
    for word in words:
        by_initial.setdefault(word[0], []).append(word)
    articles: dict[str, int] = {}
    models: dict[str, int] = {}
    for index, entry in enumerate(entries):
        articles[latin(entry.article)] = index
        models[latin(entry.article.split("-", 1)[-1])] = index
        for match in _TOKEN.finditer(entry.name):
            code = latin(match.group())
            if len(code) >= 4 and any(c.isdigit() for c in code) and any(c.isalpha() for c in code):
                models.setdefault(code, index)
    return Vocabulary(
        entries,
        {word: frozenset(ids) for word, ids in words.items()},
        {initial: tuple(group) for initial, group in by_initial.items()},
        articles,
        models,
    )


def _variants(text: str) -> set[str]:
    variants: set[str] = set()
    for match in _TOKEN.finditer(text):
        variants.add(latin(match.group()))
        variants.update(latin(part) for part in _PART.findall(match.group()))
    return {v for v in variants if v}


@dataclass(frozen=True)
class Mention:
    entry: int
    start: int
    end: int
    score: float


@dataclass(frozen=True)
class _Hit:
    index: int  # word number in the text
    start: int
    end: int
    word: str  # the catalogue word it matched
    exact: bool
    line: int


def mentions(text: str, vocab: Vocabulary) -> list[Mention]:
    """One mention per catalogue entry named in the text, in the order of the text."""
    by_entry: dict[int, list[_Hit]] = {}
    line = 0
    previous_end = 0
    for index, match in enumerate(_TOKEN.finditer(text)):
        line += text.count("\n", previous_end, match.start())
        previous_end = match.start()
        for word, exact in _matching_words(match.group(), vocab).items():
            hit = _Hit(index, match.start(), match.end(), word, exact, line)
            for entry in vocab.words[word]:
                by_entry.setdefault(entry, []).append(hit)
    best = [_extended(text, m) for entry, hits in by_entry.items()
            if (m := _best_cluster(hits, vocab, entry)) is not None and _named(text, m, vocab)]
    return _without_overlaps(sorted(best, key=lambda m: (m.start, -m.score)))


# "Indesit washing machine": an English brand is followed by what the product is.
_FOLLOWING_WORDS = re.compile(r"(?:[ \t]{1,2}[a-z][a-z'-]{1,20}){1,3}")
_NOT_A_NAME = frozenset({
    "and", "or", "but", "with", "from", "is", "was", "were", "has", "have", "had", "on", "in",
    "at", "to", "for", "of", "the", "a", "an", "it", "that", "which", "arrived", "came",
    "broke", "stopped", "we", "i", "you", "my", "our", "your", "its", "this", "one", "still",
})


def _named(text: str, mention: Mention, vocab: Vocabulary) -> bool:
    """A one-word mention must look like a name (a capital or a digit) and not be an
    article (an article alone is an SKU, not a product name)."""
    written = text[mention.start : mention.end]
    if any(char.isspace() for char in written):
        return True
    if latin(written) in vocab.articles:
        return False
    return any(char.isupper() or char.isdigit() for char in written)


def _extended(text: str, mention: Mention) -> Mention:
    written = text[mention.start : mention.end]
    if any(char.isspace() for char in written) or not written.isascii():
        return mention
    following = _FOLLOWING_WORDS.match(text, mention.end)
    if following is None:
        return mention
    end = mention.end
    for word in re.finditer(r"[a-z][a-z'-]{1,20}", following.group()):
        if word.group() in _NOT_A_NAME:
            break
        end = mention.end + word.end()
    return Mention(mention.entry, mention.start, end, mention.score)


_CACHED_TOKENS = 100_000


def _matching_words(token: str, vocab: Vocabulary) -> dict[str, bool]:
    """The catalogue words a token matches, each with whether the match is exact."""
    cached = vocab.matches.get(token)
    if cached is None:
        if len(vocab.matches) > _CACHED_TOKENS:
            vocab.matches.clear()
        cached = vocab.matches[token] = _look_up(token, vocab)
    return cached


def _look_up(token: str, vocab: Vocabulary) -> dict[str, bool]:
    from rapidfuzz import fuzz, process  # imported with the first catalogue lookup

    candidates = {latin(token)} | {latin(part) for part in _PART.findall(token)}
    found: dict[str, bool] = {}
    for candidate in sorted(candidates):  # sorted: the same result in every process
        if candidate in vocab.words:
            found[candidate] = True
        elif len(candidate) >= _FUZZY_MIN_LENGTH and not candidate.isdigit():
            for word, _score, _ in process.extract_iter(
                candidate, vocab.by_initial.get(candidate[0], ()), scorer=fuzz.ratio,
                score_cutoff=_FUZZY_CUTOFF,
            ):
                if len(word) >= _FUZZY_MIN_LENGTH:
                    found.setdefault(word, False)
    return found


def _best_cluster(hits: Sequence[_Hit], vocab: Vocabulary, entry: int) -> Mention | None:
    """The best run of hits on one line within a few words: it needs a distinctive word
    matched exactly, or two different words one of which is distinctive."""
    best: Mention | None = None
    for first in range(len(hits)):
        if hits[first].word.isdigit():
            continue  # a mention does not begin with a bare number
        words: set[str] = set()
        exact = False
        last = first
        for k in range(first, min(len(hits), first + _WINDOW * 4)):
            hit = hits[k]
            if hit.index - hits[first].index > _WINDOW or hit.line != hits[first].line:
                break
            words.add(hit.word)
            exact = exact or (hit.exact and vocab.distinctive(hit.word))
            last = k
        if not any(vocab.distinctive(word) for word in words) or not (exact or len(words) > 1):
            continue
        score = round(sum(sorted(vocab.weight(word) for word in words)), 9)  # order-free
        if best is None or score > best.score:
            best = Mention(entry, hits[first].start, hits[last].end, score)
    return best


def _without_overlaps(found: list[Mention]) -> list[Mention]:
    kept: list[Mention] = []
    for mention in found:
        clash = next((k for k in kept if mention.start < k.end and k.start < mention.end), None)
        if clash is None:
            kept.append(mention)
        elif mention.score > clash.score:
            kept[kept.index(clash)] = mention
    return kept


@dataclass(frozen=True)
class Sku:
    start: int
    end: int
    value: str
    entry: int | None
    rule: str


def skus(text: str, vocab: Vocabulary) -> list[Sku]:
    """Articles after a cue word, words equal to a catalogue article, and a catalogue model
    code in brackets ("the Bosch fridge (KGN39VL25R)"), in the order of the text."""
    found: list[Sku] = []
    for match in _SKU_CUE.finditer(text):
        value = match.group("sku").rstrip("-‐")
        entry = _article_entry(value, vocab)
        if entry is None:
            entry = _article_entry(value, vocab, vocab.models)
        if entry is None:
            entry = _lettered_article(value, vocab)
        found.append(Sku(match.start("sku"), match.start("sku") + len(value), value, entry,
                         "cue"))
    for match in _BRACKETED_CODE.finditer(text):
        value = match.group("sku")
        if (len(value) < 5 and "-" not in value) or _DOCUMENT_PREFIX.match(value):
            continue
        if any(sku.start == match.start("sku") for sku in found):
            continue
        found.append(Sku(match.start("sku"), match.end("sku"), value,
                         _article_entry(value, vocab) or _article_entry(value, vocab, vocab.models),
                         "brackets"))
    for match in _BRAND_MODEL.finditer(text):
        value = match.group("sku")
        entry = _makers_model(value, vocab)
        if entry is None or any(sku.start <= match.start("sku") < sku.end for sku in found):
            continue
        found.append(Sku(match.start("sku"), match.end("sku"), value, entry, "brand model"))
    cued = Spans([(s.start, s.end) for s in found])
    for match in _TOKEN.finditer(text):
        if match.start() in cued:
            continue
        entry = _article_entry(match.group(), vocab)
        if entry is None:
            entry = _lettered_article(match.group(), vocab)
        if entry is None and text[max(0, match.start() - 1) : match.start()] == "(":
            entry = _article_entry(match.group(), vocab, vocab.models)
        if entry is not None:
            found.append(Sku(match.start(), match.end(), match.group(), entry, "catalogue"))
    return sorted(found, key=lambda sku: sku.start)


def _makers_model(written: str, vocab: Vocabulary) -> int | None:
    """The catalogue entry whose name carries this maker's model code when the shop's
    article is another code ("Redmond RMC-M903" for RD-M903): the model then identifies
    the product as its SKU. A code the article repeats (HR2470 of MK-HR2470) is only a
    product's name."""
    entry = _article_entry(written.replace(" ", ""), vocab, vocab.models)
    if entry is None:
        return None
    article = vocab.entries[entry].article
    code = latin(written.replace(" ", ""))
    return None if code in (latin(article), latin(article.split("-", 1)[-1])) else entry


def _lettered_article(written: str, vocab: Vocabulary) -> int | None:
    """An article of letters alone ("GD-TRIM", "SP-YOGA") counts when written as the
    catalogue writes it: in capitals, with its hyphen."""
    if "-" not in written or not written.isupper() or _DIGIT.search(written):
        return None
    entry = vocab.articles.get(latin(written))
    return entry if entry is not None and vocab.entries[entry].article == written else None


def _article_entry(written: str, vocab: Vocabulary,
                   table: dict[str, int] | None = None) -> int | None:
    if len(written) < 4 or not _DIGIT.search(written):
        return None  # every article has a digit (checked before the costlier transliteration)
    wanted = latin(written)
    if len(wanted) < 4:
        return None
    return (vocab.articles if table is None else table).get(wanted)
