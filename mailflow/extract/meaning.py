"""What the letter means: its category, what the customer demands, the grounds (the
sentences saying what is wrong) and where the goods are."""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from mailflow.extract.config import CategoryKeywords
from mailflow.extract.lemmas import (
    PhraseIndex,
    Token,
    find_phrases,
    fold_phrase,
    index_phrases,
    is_reply_subject,
    russian_words,
)
from mailflow.extract.model import Category, Demand
from mailflow.extract.segments import Spans

# Demands: a phrase of lemmas, optionally needing one of the companion lemmas within
# a few words after (вернуть ... деньги).
_MONEY = ("деньга", "деньги", "денги", "средство", "денежный", "стоимость", "сумма", "руб",
          "рубль", "рублей", "рубля", "р", "тыс", "уплатить", "оплата", "аванс", "dengi", "money",
          "долларов", "доллара", "евро", "карта", "карту", "карте")
DEMAND_PHRASES: tuple[tuple[str, Demand, tuple[str, ...]], ...] = (
    ("вернуть", Demand.REFUND, _MONEY),
    ("возвратить", Demand.REFUND, _MONEY),
    ("возврат", Demand.REFUND, ()),
    ("вернуть деньги", Demand.REFUND, ()),
    ("vozvrashait", Demand.REFUND, ()),
    ("vernite", Demand.REFUND, ()),
    ("refund", Demand.REFUND, ()),
    ("money back", Demand.REFUND, ()),
    ("cancel", Demand.REFUND, ()),
    ("отменить", Demand.REFUND, ()),
    ("отменять", Demand.REFUND, ()),
    ("заменить", Demand.REPLACEMENT, ()),
    ("замена", Demand.REPLACEMENT, ()),
    ("обменять", Demand.REPLACEMENT, ()),
    ("обмен", Demand.REPLACEMENT, ()),
    ("поменять", Demand.REPLACEMENT, ()),
    ("replace", Demand.REPLACEMENT, ()),
    ("replacement", Demand.REPLACEMENT, ()),
    ("swap", Demand.REPLACEMENT, ()),
    ("exchange", Demand.REPLACEMENT, ()),
    ("хотеть новый", Demand.REPLACEMENT, ()),
    ("прислать новый", Demand.REPLACEMENT, ()),
    ("send a new", Demand.REPLACEMENT, ()),
    ("new one", Demand.REPLACEMENT, ()),
    ("send what i ordered", Demand.REPLACEMENT, ()),
    ("right thing", Demand.REPLACEMENT, ()),
    ("please change", Demand.REPLACEMENT, ()),
    ("ремонт", Demand.REPAIR, ()),
    ("отремонтировать", Demand.REPAIR, ()),
    ("починить", Demand.REPAIR, ()),
    ("repair", Demand.REPAIR, ()),
    ("fix", Demand.REPAIR, ()),
    ("сдать", Demand.REFUND, ("обратно", "назад")),
    ("исправный", Demand.REPLACEMENT, ()),
    ("send a technician", Demand.REPAIR, ()),
    ("send an engineer", Demand.REPAIR, ()),
    ("прислать мастер", Demand.REPAIR, ()),
    ("уменьшить цену", Demand.PRICE_REDUCTION, ()),
    ("снизить цену", Demand.PRICE_REDUCTION, ()),
    ("уменьшение цены", Demand.PRICE_REDUCTION, ()),
    ("уменьшение стоимости", Demand.PRICE_REDUCTION, ()),
    ("скидка", Demand.PRICE_REDUCTION, ()),
    ("уценка", Demand.PRICE_REDUCTION, ()),
    ("price reduction", Demand.PRICE_REDUCTION, ()),
    ("reduce the price", Demand.PRICE_REDUCTION, ()),
    ("partial refund", Demand.PRICE_REDUCTION, ()),
    ("перерасчет", Demand.PRICE_REDUCTION, ()),
    ("возместить", Demand.COMPENSATION, ()),
    ("возмещение", Demand.COMPENSATION, ()),
    ("компенсировать", Demand.COMPENSATION, ()),
    ("компенсация", Demand.COMPENSATION, ()),
    ("неустойка", Demand.COMPENSATION, ()),
    ("compensate", Demand.COMPENSATION, ()),
    ("compensation", Demand.COMPENSATION, ()),
    ("reimburse", Demand.COMPENSATION, ()),
    ("убыток", Demand.COMPENSATION, ()),
    ("credit us", Demand.COMPENSATION, ()),
    ("credit of", Demand.COMPENSATION, ()),
    ("claiming credit", Demand.COMPENSATION, ()),
    ("credit the", Demand.COMPENSATION, ()),
    ("a credit", Demand.COMPENSATION, ()),
    ("standby costs", Demand.COMPENSATION, ()),
    ("delivery charge of", Demand.COMPENSATION, ()),
    ("довезти", Demand.DELIVERY_OF_MISSING, ()),
    ("допоставить", Demand.DELIVERY_OF_MISSING, ()),
    ("дослать", Demand.DELIVERY_OF_MISSING, ()),
    ("допоставка", Demand.DELIVERY_OF_MISSING, ()),
    ("поставить недостающий", Demand.DELIVERY_OF_MISSING, ()),
    ("отправить недостающий", Demand.DELIVERY_OF_MISSING, ()),
    ("dispatch the missing", Demand.DELIVERY_OF_MISSING, ()),
    ("send the missing", Demand.DELIVERY_OF_MISSING, ()),
    ("deliver the missing", Demand.DELIVERY_OF_MISSING, ()),
    ("missing item", Demand.DELIVERY_OF_MISSING, ()),
    ("доставить недостающий", Demand.DELIVERY_OF_MISSING, ()),
    ("ship the balance", Demand.DELIVERY_OF_MISSING, ()),
    ("send the balance", Demand.DELIVERY_OF_MISSING, ()),
    ("balance will ship", Demand.DELIVERY_OF_MISSING, ()),
    ("send the other", Demand.DELIVERY_OF_MISSING, ()),
    ("send an extra", Demand.DELIVERY_OF_MISSING, ()),
    ("send the rest", Demand.DELIVERY_OF_MISSING, ()),
    ("send the remaining", Demand.DELIVERY_OF_MISSING, ()),
    # Everyday wording beyond the first list, in both languages.
    ("возврат денег", Demand.REFUND, ()),
    ("возврат средств", Demand.REFUND, ()),
    ("вернуть оплата", Demand.REFUND, ()),
    ("расторгнуть договор", Demand.REFUND, ()),
    ("аннулировать заказ", Demand.REFUND, ()),
    ("деньги назад", Demand.REFUND, ()),
    ("return my money", Demand.REFUND, ()),
    ("my money back", Demand.REFUND, ()),
    ("pay me back", Demand.REFUND, ()),
    ("chargeback", Demand.REFUND, ()),
    ("refunded", Demand.REFUND, ()),
    ("money returned", Demand.REFUND, ()),
    ("отказаться от товар", Demand.REFUND, ()),
    ("деньги обратно", Demand.REFUND, ()),
    ("перечислить обратно", Demand.REFUND, ()),
    ("перевести обратно", Demand.REFUND, ()),
    ("отказ от договор", Demand.REFUND, ()),
    ("прислать другой", Demand.REPLACEMENT, ()),
    ("выслать новый", Demand.REPLACEMENT, ()),
    ("отправить новый", Demand.REPLACEMENT, ()),
    ("привезти новый", Demand.REPLACEMENT, ()),
    ("обменять на", Demand.REPLACEMENT, ()),
    ("send another", Demand.REPLACEMENT, ()),
    ("right one", Demand.REPLACEMENT, ()),
    ("correct one", Demand.REPLACEMENT, ()),
    ("correct item", Demand.REPLACEMENT, ()),
    ("right item", Demand.REPLACEMENT, ()),
    ("resend", Demand.REPLACEMENT, ()),
    ("re-send", Demand.REPLACEMENT, ()),
    ("replaced", Demand.REPLACEMENT, ()),
    ("swapped", Demand.REPLACEMENT, ()),
    ("working unit", Demand.REPLACEMENT, ()),
    ("working one", Demand.REPLACEMENT, ()),
    ("взамен", Demand.REPLACEMENT, ()),
    ("на исправный", Demand.REPLACEMENT, ()),
    ("устранить недостаток", Demand.REPAIR, ()),
    ("устранить дефект", Demand.REPAIR, ()),
    ("гарантийный ремонт", Demand.REPAIR, ()),
    ("mend", Demand.REPAIR, ()),
    ("repaired", Demand.REPAIR, ()),
    ("соразмерный уменьшение", Demand.PRICE_REDUCTION, ()),
    ("соразмерно уменьшить", Demand.PRICE_REDUCTION, ()),
    ("уменьшить покупной цена", Demand.PRICE_REDUCTION, ()),
    ("снизить стоимость", Demand.PRICE_REDUCTION, ()),
    ("уменьшить стоимость", Demand.PRICE_REDUCTION, ()),
    ("частичный возврат", Demand.PRICE_REDUCTION, ()),
    ("price adjustment", Demand.PRICE_REDUCTION, ()),
    ("моральный вред", Demand.COMPENSATION, ()),
    ("пеня", Demand.COMPENSATION, ()),
    ("штраф", Demand.COMPENSATION, ()),
    ("cover the cost", Demand.COMPENSATION, ()),
    ("credit note", Demand.COMPENSATION, ()),
    ("goodwill", Demand.COMPENSATION, ()),
    ("our losses", Demand.COMPENSATION, ()),
    ("my losses", Demand.COMPENSATION, ()),
    ("привезти недостающий", Demand.DELIVERY_OF_MISSING, ()),
    ("прислать недостающий", Demand.DELIVERY_OF_MISSING, ()),
    ("довоз", Demand.DELIVERY_OF_MISSING, ()),
    ("ship the missing", Demand.DELIVERY_OF_MISSING, ()),
    ("deliver the rest", Demand.DELIVERY_OF_MISSING, ()),
    ("ship the rest", Demand.DELIVERY_OF_MISSING, ()),
    ("deliver the remaining", Demand.DELIVERY_OF_MISSING, ()),
    ("довезти оставшийся", Demand.DELIVERY_OF_MISSING, ()),
)
_COMPANION_WINDOW = 6
# Within this many words before it, a refund word is about a refund already asked for
# (деньги за возвращённый ... не пришли), or negated: it still counts, the order matters.
_STREET_EN = (
    r"\d{1,5}[A-Za-z]?\s{1,2}(?:[A-Z][\w'’]{1,20}\s{1,2}){1,3}(?:St|Street|Rd|Road|Lane|Ln"
    r"|Ave|Avenue|Blvd|Boulevard|Parade|Quay|Way|Drive|Square|Sq|Park|Place|Close|Court)"
)
# A street named without its number ("Harbour Foods, Dock Road, Cardiff"), in the full
# words only (abbreviations and Park/Place/Way say too little without a number), and a
# unit of a business park ("Unit 5, Ballymount").
_STREET_NAMED_EN = (
    r"(?:[A-Z][a-z'’]{1,20}\s{1,2}){1,2}(?:Road|Street|Lane|Avenue|Quay|Parade|Square)"
    r"|Unit\s{1,2}\d{1,4}[A-Z]?,"
)
_LOCATION_CUE = re.compile(
    r"(?<![^\W_])(?:(?i:по\s{1,2}адресу|адрес[а-я]{0,2}(?:\s{1,2}[а-я]{3,12})?:|объект:"
    r"|на\s{1,2}(?:объекте|базе)|в\s{1,2}(?:офисе|магазине)|based\s{1,2}in"
    r"|in\s{1,2}(?:our|my)\s{1,2}(?:office|shop|store|storeroom|stockroom)"
    r"|склад[а-я]{0,3}|город[а-я]{0,2}"
    r"|address\s{1,2}is|deliver(?:y|ed)?\s{1,2}to:"
    r"|ул\.|улиц[а-я]{0,2}|пр-т|проспект[а-я]{0,2}|ш\.|шоссе|warehouse|address:|депо|depot"
    r"|пункт[а-я]{0,2}\s{1,2}выдачи|находится|находятся|лежит|лежат|хранится|stored|located"
    r"|held\s{1,2}at|collect(?:ed)?\s{1,2}from|site:|garage|hallway|снт|дач[а-я]{1,2})"
    r"|г\.\s{0,2}[А-ЯЁ][а-яё]{3,30}|" + _STREET_EN + "|" + _STREET_NAMED_EN + r")(?![^\W_])"
)
_SENTENCE_END = re.compile(r"(?P<word>[^\W_]{1,12})?[.!?]\s")


@dataclass(frozen=True)
class Categorised:
    category: Category
    confidence: float
    scores: dict[Category, float]


@lru_cache(maxsize=8)
def _category_phrases(
    frozen: tuple[tuple[Category, str, float], ...],
) -> PhraseIndex[tuple[Category, float]]:
    phrases: dict[tuple[str, ...], tuple[Category, float]] = {}
    for category, phrase, weight in frozen:
        folded = fold_phrase(phrase)
        previous = phrases.get(folded)
        if previous is None or previous[1] < weight:
            phrases[folded] = (category, weight)
    return index_phrases(phrases)


_FROZEN: dict[int, tuple[CategoryKeywords, tuple[tuple[Category, str, float], ...]]] = {}


def _frozen(keywords: CategoryKeywords) -> tuple[tuple[Category, str, float], ...]:
    """The keywords as a hashable tuple, remembered per keywords object (the config's)."""
    cached = _FROZEN.get(id(keywords))
    if cached is not None and cached[0] is keywords:
        return cached[1]
    frozen = _freeze(keywords)
    if len(_FROZEN) > _CACHED_CONFIGS:
        _FROZEN.clear()
    _FROZEN[id(keywords)] = (keywords, frozen)
    return frozen


_CACHED_CONFIGS = 16


def _freeze(keywords: CategoryKeywords) -> tuple[tuple[Category, str, float], ...]:
    return tuple(
        (category, phrase, float(weight))
        for category, per_language in keywords.items()
        for phrases in per_language.values()
        for phrase, weight in phrases
    )


def keyword_lemmas(keywords: CategoryKeywords) -> frozenset[str]:
    """The Russian words of every keyword and demand phrase (for the analyzer's filter)."""
    return _keyword_lemmas(_frozen(keywords))


@lru_cache(maxsize=8)
def _keyword_lemmas(frozen: tuple[tuple[Category, str, float], ...]) -> frozenset[str]:
    phrases = [phrase for _, phrase, _ in frozen]
    phrases += [phrase for phrase, _, _ in DEMAND_PHRASES]
    phrases += ["деньги", "средства", "стоимость", "сумма"]
    return russian_words(phrases)


# A keyword just after one of these («без повреждений», "not damaged", "wasn't broken")
# says the opposite; a keyword phrase that starts with one («не тот») is read whole.
NEGATIONS = frozenset({"не", "нет", "без", "ни", "not", "no", "never", "without", "ne"})
_NEGATION_REACH = 3


def negated(words: Sequence[Token], first: int) -> bool:
    """Whether the word at `first` follows a negation within three words of its clause."""
    index = first
    while index > max(0, first - _NEGATION_REACH) and not words[index].after_break:
        index -= 1
        word = words[index]
        if word.folded in NEGATIONS or word.folded.endswith(("n't", "n’t")):
            return True
    return False


# «Привезли 8 коробок вместо 10», "3 chairs instead of 4": «вместо» before a count
# compares quantities (a shortage), not one article with another (a wrong item).
_INSTEAD_OF_A_COUNT = re.compile(
    r"(?<![^\W_])(?i:вместо|instead\s{1,2}of)\s{1,2}(?:[^\W\d_]{1,15}\s{1,2})?\d{1,5}"
    r"(?!\d|[.,:/-]\d)"
)
INSTEAD_OF_A_COUNT_WEIGHT = 3.0


# "2 hours instead of 12", «20 см вместо 30»: durations and measures are not counts of goods.
_MEASURE_BEFORE = re.compile(
    r"(?i:hour|minute|day|week|month|year|час|минут|дн|дня|недел|месяц|лет|год|градус|процент"
    r"|percent|см|мм|cm|mm|кг|kg|литр|litre|liter|метр|metre|meter|ватт|watt|inch|дюйм)"
    r"[^\W\d_]{0,3}[\s,]{1,3}$|[°%]\s{0,2}$"
)


def count_comparisons(text: str) -> dict[Category, float]:
    """Score moved from a wrong item to a shortage for each «вместо <count>» in `text`."""
    found = sum(1 for match in _INSTEAD_OF_A_COUNT.finditer(text)
                if not _MEASURE_BEFORE.search(text[max(0, match.start() - 20) : match.start()]))
    return ({Category.SHORTAGE: found * INSTEAD_OF_A_COUNT_WEIGHT,
             Category.WRONG_ITEM: -found * INSTEAD_OF_A_COUNT_WEIGHT} if found else {})


# «Через три дня перестал греть», "leaks after 2 weeks", «после первой стирки»: a fault
# that shows after a time of use is a defect, not damage in transit (noticed on arrival).
# Not when a delivery or a wait stands next to it («привезут через неделю», "after two
# weeks of waiting").
_TIME_IN_USE = re.compile(
    r"(?<![^\W_])(?i:(?:через|спустя|cherez)\s{1,2}(?:\d{1,3}\s{1,2}|[^\W\d_]{2,12}\s{1,2})?"
    r"(?:дн|день|недел|месяц|час|nedel|mesyac|dn)"
    r"|после\s{1,2}(?:\d{1,3}\s{1,2}|[^\W\d_]{2,12}\s{1,2})?"
    r"(?:использовани|стирк|примерк|включени|эксплуатаци|установк|недел|месяц|дн)"
    r"|after\s{1,2}(?:(?:\d{1,3}|[a-z]{1,10})\s{1,2}){0,2}"
    r"(?:days?|weeks?|months?|uses?|washe?s?|charges?)(?![a-z])"
    r"|(?:на|в)\s{1,2}(?:второй|третий|четв[её]ртый|пятый|первый\s{1,2}же)\s{1,2}день"
    r"|on\s{1,2}(?:day\s{1,2}(?:two|three|four|five|\d{1,2})"
    r"|the\s{1,2}(?:second|third|fourth|fifth)\s{1,2}day))"
)
_DELIVERY_NEAR = re.compile(
    r"(?i:достав|привез|привоз|прид[её]т|придут|ожидани|жд[уеёа]|отправ|отгруз|deliver|arriv"
    r"|wait|ship|dispatch|track|transit|promis|обеща)"
)
TIME_IN_USE_WEIGHT = 2.0
_NEAR_BEFORE, _NEAR_AFTER = 30, 25


def time_in_use(text: str) -> dict[Category, float]:
    """Score for a defect for each mention of a time of use before the fault."""
    found = sum(1 for match in _TIME_IN_USE.finditer(text)
                if not _DELIVERY_NEAR.search(
                    text, max(0, match.start() - _NEAR_BEFORE),
                    min(len(text), match.end() + _NEAR_AFTER)))
    return {Category.DEFECT: found * TIME_IN_USE_WEIGHT} if found else {}


# "Warranty question", «Запрос сертификатов», «Благодарность курьеру», "Promo code not
# applied", «Смена адреса доставки»: a subject the customer wrote that names a question, a
# request for papers, thanks, a promotion or an address change is no fault (other). A
# reply's subject ("Re: Your question about the kettle") is ours, not the customer's.
_NO_FAULT_SUBJECT = re.compile(
    r"(?<![^\W_])(?i:вопрос[а-я]{0,3}|запрос[а-я]{0,3}|questions?|enquir(?:y|ies)"
    r"|inquir(?:y|ies)|благодарност[а-я]{0,2}|thank(?:s|\s{1,2}you)|сертификат[а-я]{0,3}"
    r"|certificates?|промокод[а-я]{0,2}|promo(?:\s{1,2}code)?|бонус[а-я]{0,3}|балл[а-я]{0,3}"
    r"|loyalty|смен[а-я]{1,2}\s{1,2}адрес[а-я]{0,2}|change\s{1,2}of\s{1,2}address"
    r"|address\s{1,2}change)(?![^\W_])")
NO_FAULT_SUBJECT_WEIGHT = 3.0


def no_fault_subject(subject: str) -> dict[Category, float]:
    """Score for other when the customer's own subject names no fault but a question,
    a request for papers, thanks, a promotion or an address change."""
    if is_reply_subject(subject) or not _NO_FAULT_SUBJECT.search(subject):
        return {}
    return {Category.OTHER: NO_FAULT_SUBJECT_WEIGHT}


def text_adjustments(subject: str, body: str) -> dict[Category, float]:
    """What the letter's wording adds to the keyword scores beyond the keywords: counts
    compared («8 вместо 10»), a time of use before the fault, a subject that names no fault."""
    text = f"{subject}\n{body}"
    adjustments = count_comparisons(text)
    for extra in (time_in_use(text), no_fault_subject(subject)):
        for category, change in extra.items():
            adjustments[category] = adjustments.get(category, 0.0) + change
    return adjustments


QUESTION_WEIGHT = 0.5
SUBJECT_WEIGHT = 2.0  # a little better than 1 or 3 by the training letters' CV


def categorise(words: Sequence[Token], keywords: CategoryKeywords,
               adjustments: dict[Category, float] | None = None) -> Categorised:
    """The best-scoring category; confidence from the margin over the second best.
    A negated keyword does not count; `adjustments` are added to the keyword scores."""
    scores = dict.fromkeys(Category, 0.0)
    for category, change in (adjustments or {}).items():
        scores[category] += change
    for _, _, category, weight in keyword_hits(words, keywords):
        scores[category] += weight
    return verdict_of(scores)


def keyword_hits(words: Sequence[Token], keywords: CategoryKeywords
                 ) -> list[tuple[int, int, Category, float]]:
    """Every keyword that counts in `words` (not negated, once per span): its first and
    last word, its category and its weight (halved in a question)."""
    hits: list[tuple[int, int, Category, float]] = []
    seen: set[tuple[int, int]] = set()
    for first, last, payload in find_phrases(words, _category_phrases(_frozen(keywords))):
        category, weight = payload
        if negated(words, first):
            continue
        if words[first].in_question and category is not Category.OTHER:
            weight *= QUESTION_WEIGHT  # "Is there a warranty?" asks; it does not complain
        if words[first].in_subject:
            weight *= SUBJECT_WEIGHT  # "Wrong size boots": the subject names the matter
        if (first, last) not in seen:
            seen.add((first, last))
            hits.append((first, last, category, weight))
    return hits


def verdict_of(scores: dict[Category, float]) -> Categorised:
    """The best of the keyword scores (none above zero: other); confidence from the margin
    over the second best."""
    scores = {category: max(0.0, score) for category, score in scores.items()}
    ranked = sorted(scores.items(), key=lambda item: item[1], reverse=True)
    (best, top), (_, second) = ranked[0], ranked[1]
    if top == 0:
        return Categorised(Category.OTHER, 0.0, scores)
    confidence = round(min(1.0, (top - second) / top * 0.7 + min(top, 6.0) / 20), 2)
    return Categorised(best, confidence, scores)


@lru_cache(maxsize=1)
def _demand_phrases() -> PhraseIndex[tuple[Demand, tuple[str, ...]]]:
    return index_phrases({
        fold_phrase(phrase): (demand, tuple(fold_phrase(c)[0] for c in companions))
        for phrase, demand, companions in DEMAND_PHRASES
    })


# «Прошу вернуть ₽11 990», "refund me £45": an amount right after the verb is the money.
_AMOUNT_AFTER = re.compile(
    r"[\s:]{0,3}(?:(?i:мне|нам|me|us)\s{1,2})?(?:[₽$€£]\s{0,2}\d|\d[\d\s.,]{0,12}\s{0,2}"
    r"(?:₽|[$€£]|(?i:руб|р\.|rub|eur|usd|gbp|euro|dollar|pound)))"
)


def demands(words: Sequence[Token], text: str = "") -> list[tuple[Demand, int, int]]:
    """Each demand once, in the order first written, with the span of its words; `text`
    (the words' own text) lets an amount stand for the money a verb needs."""
    found: dict[Demand, tuple[int, int]] = {}
    hits = find_phrases(words, _demand_phrases())
    by_first: dict[int, list[tuple[int, Demand]]] = {}
    for first, last, (demand, _) in hits:
        by_first.setdefault(first, []).append((last, demand))
    for first, last, payload in sorted(hits, key=lambda hit: hit[0]):
        demand, companions = payload
        if _inside_another(by_first, first, last, demand):
            continue  # "partial refund" is a price reduction, not also a refund
        if negated(words, first):
            continue  # «возврат не нужен» is after it; "we don't want a refund" is not one
        if companions and not any(
            form in companions
            for w in words[last + 1 : last + 1 + _COMPANION_WINDOW]
            for form in w.forms()
        ) and not _AMOUNT_AFTER.match(text, words[last].end):
            continue
        found.setdefault(demand, (words[first].start, words[last].end))
    return [(demand, start, end) for demand, (start, end) in found.items()]


_LONGEST_PHRASE = 6


def _inside_another(by_first: dict[int, list[tuple[int, Demand]]], first: int, last: int,
                    demand: Demand) -> bool:
    """Whether a longer phrase of another demand covers the words first..last."""
    return any(
        other_last >= last and (start, other_last) != (first, last) and other is not demand
        for start in range(max(0, first - _LONGEST_PHRASE), first + 1)
        for other_last, other in by_first.get(start, ())
    )


_GREETING = re.compile(
    r"(?i:здравствуй|добр(?:ый|ое|ого)|привет|уважаем|hello|hi\b|dear|good\s{1,2}(?:morning|"
    r"afternoon|evening)|с\s{1,2}уважением|regards|thanks|спасибо|zdravstv|dobr)"
)
_GROUNDS_LENGTH = 500


@lru_cache(maxsize=8)
def _without_other(frozen: tuple[tuple[Category, str, float], ...]
                   ) -> tuple[tuple[Category, str, float], ...]:
    return tuple(k for k in frozen if k[0] is not Category.OTHER)
_SUBSTANTIVE_WORDS = 4


def grounds(sentence_spans: Sequence[tuple[int, int]], words: Sequence[Token],
            keywords: CategoryKeywords, extra: Sequence[int] = ()) -> tuple[int, int] | None:
    """The span from the first to the last sentence that says what is wrong: a sentence
    with a category keyword that is not only a demand (or holding one of the `extra`
    positions, such as a shortfall's numbers); failing that, the first sentence of
    substance that is not a greeting."""
    frozen = _without_other(_frozen(keywords))
    demanded = {index for first, last, _ in find_phrases(words, _demand_phrases())
                for index in range(first, last + 1)}
    positions = [words[first].start for first, last, _ in find_phrases(
        words, _category_phrases(frozen))
        if not demanded & set(range(first, last + 1)) and not negated(words, first)]
    spans = Spans(list(sentence_spans))
    starts = [word.start for word in words]
    chosen = sorted({span for position in [*positions, *extra]
                     if (span := spans.holding(position)) is not None
                     and not _salutation(words, starts, span)})
    if not chosen:
        return _first_substantive(sentence_spans, words, demanded)
    first = chosen[0]
    last = next((s for s in reversed(chosen) if s[1] - first[0] <= _GROUNDS_LENGTH), first)
    return first[0], last[1]


_SALUTATION_WORDS = 5


def _salutation(words: Sequence[Token], starts: list[int], span: tuple[int, int]) -> bool:
    """"Dear Customer Services,", «Добрый день, служба поддержки!», "Kind regards, Goods-in
    team": a short greeting or sign-off names no fault, whatever keyword it holds."""
    first, last = bisect_left(starts, span[0]), bisect_left(starts, span[1])
    return (first < last <= first + _SALUTATION_WORDS
            and _GREETING.match(words[first].text) is not None)


def _first_substantive(sentence_spans: Sequence[tuple[int, int]], words: Sequence[Token],
                       demanded: set[int]) -> tuple[int, int] | None:
    """The first sentence of a few words that is neither a greeting nor a sign-off nor only
    a demand; failing that, the first such sentence even with a demand in it ("please
    cancel order 82-9944, I ordered the same kettle twice")."""
    starts = [word.start for word in words]
    for allow_demand in (False, True):
        for start, end in sentence_spans:
            first = bisect_left(starts, start)
            last = bisect_left(starts, end)
            if last - first < _SUBSTANTIVE_WORDS or (
                    not allow_demand and demanded & set(range(first, last))):
                continue
            if not _greeting_only(words, first, last):
                return start, end
    return None


def _greeting_only(words: Sequence[Token], first: int, last: int) -> bool:
    """A sentence that opens with a greeting is only a greeting when it is short ("Hello
    there, team"); "Hi, I ordered the cushions in navy" says what happened."""
    return (_GREETING.match(words[first].text) is not None
            and last - first <= _SALUTATION_WORDS + 2)


_ABBREVIATION = re.compile(r"(?i:г|ул|д|ш|кв|оф|пр|корп|стр|пом|обл|р-н|пос|с|st|rd|ave|no)")
_LOCATION_LENGTH = 160


# What an address looks like: a street with its number, «ул.», «г. Город», a postcode, or
# a European "Street 12, City" ("Via Roma 22, Milano", "Kastanienallee 7, 10435 Berlin").
_ADDRESS_LIKE = re.compile(
    _STREET_EN + "|" + _STREET_NAMED_EN + r"|(?<![^\W_])(?:ул\.|г\.\s{0,2}[А-ЯЁ])|\b\d{6},"
    r"|[A-Z][a-zäöüß]{2,20}(?:\s{1,2}[A-Z][a-z]{1,20})?\s{1,2}\d{1,4}[a-z]?,\s{1,2}"
    r"(?:\d{4,5}\s{1,2})?[A-Z][a-z]{2,20}"
    r"|[A-Z][a-z]{2,20},\s{1,2}[A-Z][a-zäöüß]{2,20}\s{1,2}\d{1,4}[a-z]?(?![\w-])"
)
_ADDRESS_LINE = re.compile(
    r"^[ \t]{0,4}((?:" + _ADDRESS_LIKE.pattern + r")[^\n]{0,60}?)[ \t.]{0,4}$", re.MULTILINE)
_LOCATION_CANDIDATES = 8


def location(text: str) -> tuple[int, int] | None:
    """The sentence (within its line) of a location cue: the first that holds an address,
    else the first; a full stop after an address abbreviation such as «ул.» does not end it."""
    spans = [span for match in itertools.islice(_LOCATION_CUE.finditer(text),
                                                _LOCATION_CANDIDATES)
             if (span := _location_at(text, match)) is not None]
    if not spans:
        return _address_line(text)
    return next((span for span in spans if _ADDRESS_LIKE.search(text, *span)), spans[0])


def _address_line(text: str) -> tuple[int, int] | None:
    """Without a cue, a line that is an address and nothing else ("Via Roma 22, Milano"
    below the customer's name): where the customer, and so the goods, are."""
    for match in _ADDRESS_LINE.finditer(text):
        return match.start(1), match.end(1)
    return None


def _location_at(text: str, match: re.Match[str]) -> tuple[int, int] | None:
    start = text.rfind("\n", 0, match.start()) + 1
    for stop in _SENTENCE_END.finditer(text, start, match.start()):
        if stop["word"] is None or not _ABBREVIATION.fullmatch(stop["word"]):
            start = stop.end()
    if match.group().lower().startswith(("по адресу", "address", "адрес", "deliver")):
        start = match.end()
    while start < len(text) and text[start] in " :":
        start += 1
    limit = min(len(text), match.end() + _LOCATION_LENGTH)
    line_end = text.find("\n", match.end(), limit)
    end = limit if line_end == -1 else line_end
    for stop in _SENTENCE_END.finditer(text + " ", match.end(), end + 1):
        if stop["word"] is None or not _ABBREVIATION.fullmatch(stop["word"]):
            end = stop.start() + (len(stop["word"]) if stop["word"] else 0)
            break
    end = len(text[:end].rstrip(" ,;:"))
    return (start, end) if end > start else None
