"""Products the catalogue does not know, named by the letter's own words: the noun phrase
after a purchase verb ("I ordered 20 packs of paper napkins", «купила пылесос Karcher VC 3»),
after "the" before the order's number ("the oak dining table (order 82-…)") or right after
the order's number («Заказ 45-3308, диван угловой»). Used only when no catalogue product is
named, so a catalogue match always wins."""

from __future__ import annotations

import re

from mailflow.extract.lemmas import is_noun

_COUNT_WORDS = (r"a|an|the|my|our|some|two|three|four|five|six|seven|eight|nine|ten|twelve"
                r"|два|две|три|четыре|пять|шесть|семь|восемь|десять|\d{1,4}")
_CONTAINERS = (r"packs?|packets?|boxes|box|sets?|cartons?|cases?|rolls?|bags?|pairs?|bottles?"
               r"|tins?|jars?|шт\.?|штук[аи]?|упаковк[аиу]|упаковок|упак\.?|коробк[аиу]|коробок"
               r"|мешк(?:а|ов|и)|мешок|банк[аиу]|банок|пач(?:ки|ек|ку)|рулон(?:а|ов)?"
               r"|комплект(?:а|ов)?|набор(?:а|ов)?")
_WORDS = r"(?P<phrase>[^\W\d_][\w'’-]{0,24}(?:[ \t]{1,2}[\w'’-]{1,25}){0,4})"
_AFTER_VERB = re.compile(
    r"(?<![^\W_])(?i:ordered|bought|purchased|expected|returned|waiting\s{1,2}for"
    r"|купил[аи]?|заказал[аи]?|заказывал[аи]?|приобрел[аи]?|приобрёл|жду|ждём|ждем)"
    r"[ \t]{1,2}(?:(?i:" + _COUNT_WORDS + r")[ \t]{1,2})?(?:(?i:" + _CONTAINERS
    + r")[ \t]{1,2}(?i:of[ \t]{1,2})?)?" + _WORDS
)
# "the floor lamp (item no. …", "the Sony headphones from order …", "the plate set came with".
_THE_BEFORE_ORDER = re.compile(
    r"(?<![^\W_])(?i:the)[ \t]{1,2}" + _WORDS[:-1] + r"?)[ \t]{0,2}(?=\((?i:order|item|art)"
    r"|(?i:from[ \t]{1,2}(?:my[ \t]{1,2}|our[ \t]{1,2})?order|came[ \t]{1,2}with|arrived))"
)
# «Заказ 45-3308, диван угловой.», «Заказ 45-8820 (шкаф-купе)», "(order 40-3360, wall tiles)",
# "Order 40-5512: 10 LED bulbs".
_AFTER_ORDER_NUMBER = re.compile(
    r"(?<![^\W_])(?i:заказ|order)[ \t]{1,2}(?:№[ \t]{0,2})?\d[\d-]{2,12}"
    r"(?:[,:][ \t]{1,2}|[ \t]{0,2}\()(?:\d{1,4}[ \t]{1,2})?" + _WORDS
)


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_STOP = _word_set("""
    order orders from in on for with but and which that by twice instead last yesterday size
    colour color of to at was were is are it they them this these those you your we i a an the
    online today week weeks month ago there here have has had not never came arrived got broke
    again because so as item no number before after cheaper please who when since than
    or one ones all both placed dated dispatched shipped delivered received sent x
    jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june
    july august september october november december
    в на за у по с со и а но через от для из к до который которую которые что заказ заказа
    товар товара его её ее их деньги вчера сегодня неделю неделе месяц назад вас нам мне уже
    не ни или же ли бы только всего был была были было есть это
""")
_NOT_PRODUCTS = _word_set("""
    goods items item order parcel package box delivery invoice one ones it everything nothing
    something wrong rest balance money refund replacement товар товары заказ посылка
    посылку доставка доставку деньги что всё все это звонка звонок ответа ответ возврата
    курьера доставки решения packs pack packets boxes sets set cartons cases rolls bags pairs
    bottles
""")
# An article or code ("CF-BEANS1", "TE-GRN100") is an SKU, not a product's name.
_CODE = re.compile(r"[A-ZА-Я]{2,10}[-‐]?\w{0,20}\d|\d")
# Words skipped before the name: "the same kettle", "a blue desk lamp" (a colour alone,
# "I ordered black", names nothing).
_LEADING = _word_set("""
    same new whole entire тот этот весь black white red blue green grey gray navy brown pink
    beige yellow orange purple
""")
_MAX_WORDS = 4


def generic_products(text: str) -> list[tuple[int, int]]:
    """Spans of the products the text names in its own words, in the order of the text,
    at most one per phrase and none overlapping."""
    spans: list[tuple[int, int]] = []
    for pattern in (_AFTER_VERB, _THE_BEFORE_ORDER, _AFTER_ORDER_NUMBER):
        for match in pattern.finditer(text):
            span = _product_span(text, match.start("phrase"), match.group("phrase"))
            if span is not None and not any(s < span[1] and span[0] < e for s, e in spans):
                spans.append(span)
    return sorted(spans)


def _product_span(text: str, start: int, phrase: str) -> tuple[int, int] | None:
    """The leading words of `phrase` up to the first function word, if they name a thing."""
    words = list(re.finditer(r"[\w'’-]{1,25}", phrase))
    kept: list[re.Match[str]] = []
    for word in words[:_MAX_WORDS]:
        lowered = word.group().lower()
        if lowered in _STOP:
            break
        if not kept and lowered in _LEADING:
            continue
        kept.append(word)
    if not kept or kept[0].group().lower() in _NOT_PRODUCTS:
        return None
    written = [word.group() for word in kept]
    if _CODE.match(written[0]):
        return None
    cyrillic = [w for w in written if re.search(r"[а-яё]", w, re.IGNORECASE)]
    if cyrillic and not any(is_noun(w) for w in cyrillic):
        return None  # «заказал вчера», «купила новую»: no thing named
    if not cyrillic and all(len(w) < 3 for w in written):
        return None
    return start + kept[0].start(), start + kept[-1].end()
