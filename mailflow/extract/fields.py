"""extract(): a claim's text in, its fields, category and notes out. Pure: no I/O, no
clock unless one is passed for the attachment time budget."""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from collections.abc import Callable, Iterator

from mailflow.extract import attachments as attachments_module
from mailflow.extract import dates as dates_module
from mailflow.extract.attachments import DOCUMENT_KINDS, Budget, Kind, read_text, sniff
from mailflow.extract.carriers import carriers_in
from mailflow.extract.category_model import combine, shipped_model, word_features
from mailflow.extract.config import ExtractConfig
from mailflow.extract.generic_products import generic_products
from mailflow.extract.lemmas import Token, is_noun, russian_prefixes, subject_tokens, tokens
from mailflow.extract.meaning import (
    Categorised,
    categorise,
    demands,
    grounds,
    keyword_lemmas,
    location,
    text_adjustments,
)
from mailflow.extract.model import (
    Category,
    ClaimText,
    Demand,
    Extraction,
    FieldName,
    FoundField,
    Source,
)
from mailflow.extract.money import amounts
from mailflow.extract.numbers import document_numbers
from mailflow.extract.phones import phones
from mailflow.extract.products import Mention, latin, mentions, skus, vocabulary
from mailflow.extract.quantities import (
    MEASURES,
    NUMERAL_WORDS,
    Quantity,
    count_value,
    quantities,
    shortfalls,
    table_shortfalls,
    unit_named_in,
)
from mailflow.extract.segments import Segment, Spans, sentences

# Longer texts are cut: every rule is then bounded by the same length.
MAX_TEXT = 100_000
_PURCHASE_CUE = re.compile(
    r"(?i:купил|покуп|приобр|заказ|оформ|оплат|сч[её]т|чек|kupil|zakaz|oform|bought|purchas|placed"
    r"|ordered|order|paid|invoice)"
)
_DELIVERY_CUE = re.compile(
    r"(?i:достав|привез|привёз|пришл|пришел|пришёл|получ|накладн|отгруз|delivered|arrived"
    r"|received|delivery|install|connect|dispatch|shipped|назначен|dostav|priv"
    r"|came|brought|turned\s{1,2}up)"
)
# After a date only verbs count: "12 ноября был оформлен", "30 November arrived".
_PURCHASE_VERB = re.compile(r"(?i:купил|приобр|оформ|оплач|bought|purchased|placed|ordered)")
_DELIVERY_VERB = re.compile(r"(?i:достав|привез|привёз|пришл|пришел|пришёл|получ|delivered"
                            r"|arrived|received|came|brought)")
_WAYBILL_DOCUMENT = re.compile(r"(?i:waybill|накладн|delivery\s{1,2}note|ТТН|упд)")
_DATE_LABEL = re.compile(r"(?i:date|дата)[\s:]{0,3}$")
_PROMISE = re.compile(
    r"(?i:срок|позднее|позже|обещ|должен|должна|должны|promis|between|until|due|agreed"
    r"|confirmed|should|latest|scheduled|planned|booked|since)"
)
_PROMISE_JUST_BEFORE = re.compile(r"(?i:(?<![^\W_])(?:by|до)\s{1,2}(?:the\s{1,2})?$)")
_MONEY_CUE = re.compile(
    r"(?i:верн|возвра|возмест|компенс|сумм|стоимост|refund|compensat|reimburs|back|сумма)"
)
_DATE_WINDOW = 60
_ITEM_DISTANCE = 80


def extract(
    text: ClaimText, config: ExtractConfig, clock: Callable[[], float] | None = None
) -> Extraction:
    """Every field found in the claim, its category with a confidence, and notes on the
    attachments that were skipped. `clock` (seconds) enables the attachment time budget."""
    body = Segment(Source.BODY, text.body[:MAX_TEXT])
    subject = Segment(Source.SUBJECT, text.subject[:MAX_TEXT])
    names = [Segment(Source.ATTACHMENT_NAME, _stem(a.filename), a.filename)
             for a in text.attachments]
    notes: list[str] = []
    attached = _attachment_texts(text, config, clock, notes)
    prefixes = russian_prefixes(keyword_lemmas(config.category_keywords))
    body_words = tokens(body.text, prefixes)
    subject_words = subject_tokens(subject.text, prefixes)

    read = _LazyWords(attached, prefixes)
    verdict = _keyword_verdict(subject, [*subject_words, *body_words], body, read, config)
    if config.category_model:
        verdict = _with_model(verdict, [*subject_words, *body_words])

    fields: list[FoundField] = []
    fields += _numbers([subject, body, *names, *attached])
    fields += _products(body, subject, [*names, *attached], config)
    fields += _suppliers(fields, config)
    fields += _carriers([subject, body, *attached], config)
    if verdict.category is Category.WRONG_ITEM:
        fields = _without_received_instead(body, fields)
    if (verdict.category in config.counted_categories
            or verdict.confidence < config.uncounted_confidence):
        fields += _quantities(body, fields, attached, verdict.category is Category.SHORTAGE)
    fields += _dates(body, text, attached)
    fields += _money(body, attached)
    fields += _phones(body, Segment(Source.SIGNATURE, text.signature[:MAX_TEXT]),
                      config.phone_regions.get(text.language, ("RU",)))
    fields += _demands(body, body_words, subject, subject_words, attached, prefixes,
                       verdict.category is Category.SHORTAGE)
    fields += _counts(text)
    shortfall_positions = [f.start for f in fields if f.name is FieldName.QUANTITY_ORDERED]
    fields += _grounds_and_location(body, body_words, read, config, shortfall_positions)
    return Extraction(
        fields=tuple(fields),
        category=verdict.category,
        category_confidence=verdict.confidence,
        notes=tuple(notes),
    )


def _keyword_verdict(subject: Segment, words: list[Token], body: Segment, read: _LazyWords,
                     config: ExtractConfig) -> Categorised:
    """The category by the keywords of the subject and body, or else of the attachments."""
    verdict = categorise(words, config.category_keywords,
                         text_adjustments(subject.text, body.text))
    if verdict.category is Category.OTHER:
        for _, attached_words in read:
            fallback = categorise(attached_words, config.category_keywords)
            if fallback.category is not Category.OTHER:
                return fallback
    return verdict


def _with_model(verdict: Categorised, words: list[Token]) -> Categorised:
    """The keyword verdict weighed together with the shipped statistical model."""
    model = shipped_model()
    category, confidence = combine(model, word_features(words, model.bigrams), verdict.scores)
    return Categorised(category, confidence, verdict.scores)


def category_evidence(text: ClaimText, config: ExtractConfig) -> tuple[Categorised, list[Token]]:
    """The keyword verdict and the subject's and body's words, as extract() weighs them
    (for training the model)."""
    body = Segment(Source.BODY, text.body[:MAX_TEXT])
    subject = Segment(Source.SUBJECT, text.subject[:MAX_TEXT])
    prefixes = russian_prefixes(keyword_lemmas(config.category_keywords))
    words = [*subject_tokens(subject.text, prefixes), *tokens(body.text, prefixes)]
    read = _LazyWords(_attachment_texts(text, config, None, []), prefixes)
    return _keyword_verdict(subject, words, body, read, config), words


# Letters that make the extractor load what it imports and builds lazily: the Russian
# morphology (pymorphy3), the category model and the keyword forms, phonenumbers, the
# catalogue's look-up (rapidfuzz), dates and money in both languages.
_WARM_UP_LETTERS = (
    ClaimText("Претензия по заказу 77-1001",
              "Здравствуйте! 12 ноября купил чайник Bosch, пришёл разбитым, 2 шт. Прошу "
              "вернуть деньги 1 500 руб. Тел. 8 999 203 44 55.", "ru"),
    ClaimText("Claim for order 82-1001",
              "Hello, I bought a Philips kettle on 3 November; it arrived damaged. Please "
              "refund £45.00. Phone +44 7911 123456.", "en"),
)


def warm_up(config: ExtractConfig) -> None:
    """Do once, at start-up, what the first letter would otherwise pay for (~0.2 s):
    import the heavy libraries and build the caches of `config`."""
    dates_module.warm_up()
    attachments_module.warm_up()
    for letter in _WARM_UP_LETTERS:
        extract(letter, config)


class _LazyWords:
    """The attachments' texts with their words, each split into words only when first
    needed (most letters never look at them) and then remembered."""

    def __init__(self, segments: list[Segment], prefixes: frozenset[str]) -> None:
        self._segments, self._prefixes = segments, prefixes
        self._words: dict[int, list[Token]] = {}

    def __iter__(self) -> Iterator[tuple[Segment, list[Token]]]:
        for index, segment in enumerate(self._segments):
            if index not in self._words:
                self._words[index] = tokens(segment.text, self._prefixes)
            yield segment, self._words[index]


def _stem(filename: str) -> str:
    dot = filename.rfind(".")
    return filename[:dot] if dot > 0 else filename


def _attachment_texts(
    text: ClaimText, config: ExtractConfig, clock: Callable[[], float] | None,
    notes: list[str],
) -> list[Segment]:
    budget = Budget(config.caps.time_budget_seconds, clock)
    segments: list[Segment] = []
    for attachment in text.attachments:
        read = read_text(attachment.filename, attachment.payload, config.caps, budget)
        if read.note:
            notes.append(read.note)
        if read.text.strip():
            segments.append(Segment(Source.ATTACHMENT_TEXT, read.text, attachment.filename))
    return segments


def _numbers(segments: list[Segment]) -> list[FoundField]:
    found: list[FoundField] = []
    seen: set[tuple[FieldName, str]] = set()
    for segment in segments:
        for field in document_numbers(segment):
            # «ТН-4418» in the body and "TN-4418.xlsx" attached are one number.
            key = (field.name, re.sub(r"[\W_]", "", latin(field.value)))
            if key not in seen:
                seen.add(key)
                found.append(field)
    return found


def _products(
    body: Segment, subject: Segment, attachments: list[Segment], config: ExtractConfig
) -> list[FoundField]:
    """Products named in the body or subject, each an item; SKUs from those and from the
    attachments' names and text, joined to the item of their catalogue entry."""
    if not config.catalogue:
        return _generic_products(body, 0)
    vocab = vocabulary(config.catalogue)
    found: list[FoundField] = []
    items: dict[int, int] = {}  # catalogue entry -> item
    named = [(segment, mentions(segment.text, vocab)) for segment in (body, subject)]
    if not any(found_in for _, found_in in named):
        found = _generic_products(body, 0)
        items = {-1 - index: index for index in range(len(found))}  # no catalogue entry
        # «претензия во вложении»: the products named in the attached claim document
        named += [(s, mentions(s.text, vocab)) for s in attachments
                  if s.source is Source.ATTACHMENT_TEXT and _CLAIM_DOCUMENT.search(s.text[:2000])]
    for segment, found_in in named:
        for mention in found_in:
            if mention.entry in items:
                continue
            items[mention.entry] = len(items)
            value = segment.text[mention.start : mention.end]
            found.append(segment.found(FieldName.PRODUCT_NAME, value,
                                       (mention.start, mention.end),
                                       _product_confidence(mention), "catalogue",
                                       items[mention.entry]))
    with_sku: dict[int, FoundField] = {}
    for segment in (body, subject, *attachments):
        # An attached invoice lists everything bought: when the letter names its products,
        # only their articles are taken from it.
        only_named = segment.source is Source.ATTACHMENT_TEXT and bool(items)
        for sku in skus(segment.text, vocab):
            item = items.get(sku.entry) if sku.entry is not None else None
            if only_named and item is None:
                continue
            if sku.entry is not None and item is None:
                items[sku.entry] = item = len(items)
            key = item if item is not None else -1 - len(with_sku)
            previous = with_sku.get(key)
            if previous is None or (previous.rule == "catalogue" and sku.rule == "cue"
                                    and previous.source is segment.source):
                with_sku[key] = segment.found(FieldName.PRODUCT_SKU, sku.value,
                                              (sku.start, sku.end), 0.9 if sku.entry else 0.6,
                                              sku.rule, item)
    return found + sorted(with_sku.values(), key=lambda f: (f.item is None, f.item or 0))


def _generic_products(body: Segment, first_item: int) -> list[FoundField]:
    """Products the catalogue does not know, named in the body's own words."""
    return [body.found(FieldName.PRODUCT_NAME, body.text[start:end], (start, end), 0.4,
                       "noun phrase", first_item + index)
            for index, (start, end) in enumerate(generic_products(body.text))]


def _suppliers(found: list[FoundField], config: ExtractConfig) -> list[FoundField]:
    """The supplier of each catalogue product the claim names (source `catalogue`, the span
    of the product's name or article, the product's item), one field per supplier. The
    entry is looked up again in the product's own words only, so this costs nothing more
    than the products found."""
    if not any(entry.supplier for entry in config.catalogue):
        return []
    vocab = vocabulary(config.catalogue)
    suppliers: dict[str, FoundField] = {}
    for product in found:
        if product.name not in (FieldName.PRODUCT_NAME, FieldName.PRODUCT_SKU):
            continue
        entries = [m.entry for m in mentions(product.value, vocab)] + [
            s.entry for s in skus(product.value, vocab) if s.entry is not None]
        supplier = config.catalogue[entries[0]].supplier if entries else ""
        if supplier and supplier not in suppliers:
            suppliers[supplier] = FoundField(
                FieldName.SUPPLIER, supplier, Source.CATALOGUE, product.start, product.end,
                0.9, "catalogue", product.attachment, product.item)
    return list(suppliers.values())


def _carriers(segments: list[Segment], config: ExtractConfig) -> list[FoundField]:
    """Each configured carrier named in the subject, body or attachments, first mention."""
    found: dict[str, FoundField] = {}
    for segment in segments:
        for hit in carriers_in(segment.text, config.carriers):
            if hit.name not in found:
                found[hit.name] = segment.found(FieldName.CARRIER, hit.name,
                                                (hit.start, hit.end), 0.9, "carrier")
    return list(found.values())


# "received TE-GRN100 x 6", «Пришёл CR-TIRE16, а я заказывал масло»: in a wrong-item claim
# the product named right after its arrival is the one sent by mistake, not the claim's.
_RECEIVED_JUST_BEFORE = re.compile(
    r"(?<![^\W_])(?i:received|got|came|arrived|sent\s{1,2}(?:me|us)|пришл[иао]?|пришёл|пришел"
    r"|прислали|привезли|доставили|получил[аи]?)(?:\s{1,2}(?i:a|an|the|us|me|нам|мне))?"
    r"[\s:]{1,3}$"
)


_ORDERED_THING = re.compile(r"(?i:заказывал[аи]?|заказал[аи]?|вместо)\s{1,2}(?P<word>[а-яё]{2,30})",
                            re.IGNORECASE)


def _without_received_instead(body: Segment, fields: list[FoundField]) -> list[FoundField]:
    """The fields without the products (and their articles) named as what arrived, when
    the letter names something else as ordered: another product, or a thing («а я
    заказывал масло»); a colour or size («заказывала фиолетовый») is the same product."""
    named = [f for f in fields if f.source is Source.BODY and f.item is not None
             and f.name in (FieldName.PRODUCT_NAME, FieldName.PRODUCT_SKU)]
    wrong = {f.item for f in named
             if _RECEIVED_JUST_BEFORE.search(body.text[max(0, f.start - 30) : f.start])}
    other_ordered = any(f.item not in wrong for f in named) or any(
        is_noun(match["word"]) for match in _ORDERED_THING.finditer(body.text))
    if not wrong or not other_ordered:
        return fields
    return [f for f in fields if f.item is None or f.item not in wrong]


def _product_confidence(mention: Mention) -> float:
    return round(min(0.95, 0.4 + mention.score / 30), 2)


def _quantities(body: Segment, found: list[FoundField], attached: list[Segment],
                shortage: bool) -> list[FoundField]:
    """The counts ordered and received (and their unit) when the letter gives both;
    otherwise the quantities bought."""
    products = sorted((f for f in found if f.name is FieldName.PRODUCT_NAME
                       and f.source is Source.BODY), key=lambda f: f.start)
    # A product named by its article alone («LS-LED10 — 12 шт.») anchors its count too.
    anchors = sorted(products + [f for f in found if f.name is FieldName.PRODUCT_SKU
                                 and f.source is Source.BODY and f.item is not None],
                     key=lambda f: f.start)
    result: list[FoundField] = []
    taken: list[tuple[int, int]] = []
    pairs = [(body, pair) for pair in shortfalls(body.text, shortage)
             + table_shortfalls(body.text)]
    for segment in attached if not pairs else []:
        pairs += [(segment, pair) for pair in table_shortfalls(segment.text)]
    for segment, pair in sorted(pairs, key=lambda p: (p[0] is not body, p[1].ordered[0])):
        item = _item_before(products, pair.ordered[0]) if segment is body else None
        for name, (start, end, value) in ((FieldName.QUANTITY_ORDERED, pair.ordered),
                                           (FieldName.QUANTITY_RECEIVED, pair.received)):
            if segment is body:
                taken.append((start, end))
            result.append(segment.found(name, value, (start, end), 0.8, "shortfall", item))
        if pair.unit is not None:
            result.append(segment.found(FieldName.UNIT, pair.unit, pair.ordered[:2], 0.6,
                                        "shortfall unit", item))
    if pairs:
        return result  # in a shortage the counts are the ordered and received ones
    counted: set[int | None] = set()
    in_names = Spans([(p.start, p.end) for p in products])
    seen: set[tuple[str, str]] = set()
    for quantity in quantities(body.text):
        if (quantity.value, quantity.unit) in seen or (
                quantity.unit in MEASURES and quantity.start in in_names) or _describes_product(
                body.text, quantity, products):
            continue  # said again («заменить 2 упак.»), or the size in a product's name
        seen.add((quantity.value, quantity.unit))
        item = _item_of(anchors, body.text, quantity.start, quantity.end)
        if counted and (item is None or item in counted):
            continue  # one quantity per product: later counts are of the faulty ones
        span = (quantity.start, quantity.end)
        result.append(body.found(FieldName.QUANTITY, quantity.value, span, 0.8, "number+unit",
                                 item))
        result.append(body.found(FieldName.UNIT, quantity.unit, span, 0.8, "unit", item))
        counted.add(item)
        taken.append(span)
    result += _counts_before_products(body, products, counted, Spans(taken))
    return result or _count_bought(body) or _attached_quantity(attached)


# "We bought 12 chairs", «купила 3 подушки»: a count right after a purchase verb, of a
# thing rather than of time ("ordered 2 weeks ago").
_COUNT_BOUGHT = re.compile(
    r"(?<![^\W_])(?i:bought|ordered|purchased|купил[аи]?|заказал[аи]?|заказывал[аи]?"
    r"|приобр[её]л[аи]?)\s{1,2}(?P<number>\d{1,4}|(?i:" + NUMERAL_WORDS + r"))\s{1,2}"
    r"(?!(?i:week|day|month|hour|minute|year|time|недел|дн|месяц|час|минут|раз|лет|год|of\b"
    r"|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|янв|фев|мар|апр|ма[йя]|июн|июл|авг"
    r"|сен|окт|ноя|дек|th\b|st\b|nd\b|rd\b))"
    r"[^\W\d_]{3,20}"
)


_HOLDERS = frozenset({"set", "pack", "box"})
_OPENING_BRACKET = re.compile(r"\(\s{0,2}$")


def _describes_product(text: str, quantity: Quantity, products: list[FoundField]) -> bool:
    """"Luminarc dinner set (24 pieces)", «набор бит (18 шт.)»: pieces counted in brackets
    right after the name of a set or pack say what it holds, not how many were bought
    ("Greenfield tea (5 packs)", «Масло (2 шт.)» are counts bought)."""
    if quantity.unit != "pcs":
        return False
    before = text[max(0, quantity.start - 12) : quantity.start]
    bracket = _OPENING_BRACKET.search(before) or re.search(r"\([^()]{0,10}$", before)
    if bracket is None:
        return False
    opened = quantity.start - len(before) + bracket.start()
    return any(product.start < opened <= product.end + 2
               and unit_named_in(text[product.start : opened]) in _HOLDERS for product in products)


def _count_bought(body: Segment) -> list[FoundField]:
    match = _COUNT_BOUGHT.search(body.text)
    if match is None:
        return []
    span = match.span("number")
    return [body.found(FieldName.QUANTITY, count_value(match["number"]), span, 0.5,
                       "bought count"),
            body.found(FieldName.UNIT, "pcs", span, 0.4, "bought count")]


_CLAIM_DOCUMENT = re.compile(r"(?i:претензи|рекламаци|claim|complaint)")


def _attached_quantity(attached: list[Segment]) -> list[FoundField]:
    """A letter that says no quantity («претензия во вложении») may give it in the
    attached claim document (not in an invoice, which lists everything bought): its first
    count with a unit."""
    for segment in attached:
        if not _CLAIM_DOCUMENT.search(segment.text[:2000]):
            continue
        for quantity in quantities(segment.text):
            if quantity.unit not in MEASURES:
                span = (quantity.start, quantity.end)
                return [segment.found(FieldName.QUANTITY, quantity.value, span, 0.5,
                                      "attached number+unit"),
                        segment.found(FieldName.UNIT, quantity.unit, span, 0.5, "attached unit")]
    return []


# "30 HP LaserJet printers", "4 холодильника Bosch", "two Fibre pillows": a count just
# before a product.
# A number before a month or a span of time is a date or a while («2 ноября купила
# чайник», "3 weeks ago the Bosch fridge"), not a count.
_DATE_OR_TIME_WORD = (
    r"(?!(?i:январ|феврал|март|апрел|ма[яе](?![^\W_])|июн|июл|август|сентябр|октябр|ноябр"
    r"|декабр|дн[еяи]|день|недел|месяц|лет(?![^\W_])|год(?:а|у)?(?![^\W_])"
    r"|час(?:а|ов)?(?![^\W_])|минут|сут(?:ок|ки)"
    r"|(?:january|february|march|april|may|june|july|august|september|october|november"
    r"|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec|days?|weeks?|months?|years?"
    r"|hours?|minutes?|th|st|nd|rd)(?![^\W_])))"
)
_COUNT_BEFORE = re.compile(
    r"(?<![\w\-/.,])(?P<number>\d{1,5}|(?i:" + NUMERAL_WORDS + r"))[ \t]{1,2}"
    + _DATE_OR_TIME_WORD + r"(?:[^\W\d_]{1,15}[ \t]{1,2}){0,2}$"
)


_NEXT_WORD = re.compile(r"(?:[ \t]{1,2}[^\W\d_]{1,15}){1,2}")


def _counts_before_products(body: Segment, products: list[FoundField], counted: set[int | None],
                            taken: Spans) -> list[FoundField]:
    found: list[FoundField] = []
    for product in products:
        if product.item in counted:
            continue
        window_start = max(0, product.start - 40)
        match = _COUNT_BEFORE.search(body.text[window_start : product.start])
        if match is None or window_start + match.start("number") in taken:
            continue
        span = (window_start + match.start("number"), window_start + match.end("number"))
        found.append(body.found(FieldName.QUANTITY, count_value(match["number"]), span, 0.6,
                                "count+product", product.item))
        following = _NEXT_WORD.match(body.text, product.end)
        named = product.value + (following.group() if following else "")
        found.append(body.found(FieldName.UNIT, unit_named_in(named) or "pcs", span,
                                0.5, "count+product", product.item))
    return found


# "10 bags universal soil", "2 packs of green tea", «3 коробки с матрасами»: the product
# written right after a count is the one counted.
_COUNT_TO_PRODUCT = re.compile(r"[ \t]{1,2}(?:(?i:of|из|с)[ \t]{1,2})?")


def _item_of(products: list[FoundField], text: str, start: int, end: int) -> int | None:
    """The item a quantity counts: the product named right after it, else the one named
    last before it."""
    index = bisect_right([p.start for p in products], start)
    if index < len(products) and _COUNT_TO_PRODUCT.fullmatch(text, end, products[index].start):
        return products[index].item
    return _item_before(products, start)


def _item_before(products: list[FoundField], position: int) -> int | None:
    """The item of the product named last before `position`, if close enough."""
    index = bisect_right([p.start for p in products], position) - 1
    if index >= 0 and position - products[index].end <= _ITEM_DISTANCE:
        return products[index].item
    return None


def _dates(body: Segment, text: ClaimText, attached: list[Segment]) -> list[FoundField]:
    """Purchase and delivery dates from the body; one the body lacks may come from an
    attached document (a waybill's date is the delivery date)."""
    found = _segment_dates(body, text, set())
    seen = {f.name for f in found}
    for segment in attached:
        found += _segment_dates(segment, text, seen)
    return found


def _segment_dates(segment: Segment, text: ClaimText, seen: set[FieldName]) -> list[FoundField]:
    found: list[FoundField] = []
    waybill = segment.source is Source.ATTACHMENT_TEXT and _WAYBILL_DOCUMENT.search(segment.text)
    for date in dates_module.dates(segment.text, text.language, text.reference_date):
        before = segment.text[max(0, date.start - _DATE_WINDOW) : date.start]
        before = re.split(r"\n|[.!?]\s", before)[-1]
        bought = _purchase_just_before(before)
        if bought is None and (_PROMISE.search(before) or _PROMISE_JUST_BEFORE.search(before)
                               or _NOW_JUST_BEFORE.search(before)):
            continue  # a term promised, or today's date, is neither a purchase nor a delivery
        after = segment.text[date.end : date.end + _DATE_WINDOW]
        after = re.split(r"\n|[.!?]\s|, (?:and|but|а|но) |\)", after)[0]
        name = bought or _date_kind(
            before, _DELIVERY_CUE, _PURCHASE_CUE) or _date_kind(
            after, _DELIVERY_VERB, _PURCHASE_VERB)
        if name is None and waybill and _DATE_LABEL.search(before):
            name = FieldName.DELIVERY_DATE
        if name is not None and name not in seen:
            seen.add(name)
            found.append(segment.found(name, date.iso, (date.start, date.end), 0.7, "cue+date"))
    return found


# "Today is 1 December", «сегодня уже 1 декабря», "It's now 1 December": the letter's day.
_NOW_JUST_BEFORE = re.compile(
    r"(?i:(?<![^\W_])(?:today\s{1,2}is|it's\s{1,2}now|it\s{1,2}is\s{1,2}now|now\s{1,2}it's"
    r"|сегодня\s{1,2}(?:уже|у\s{1,2}нас)|на\s{1,2}дворе|а\s{1,2}уже))\s{1,2}(?:the\s{1,2})?$"
)
# "(placed 12 November)", «купила 5 ноября»: a purchase verb right before the date decides,
# whatever an earlier word of the sentence says ("have not arrived: 82-3301 (placed …").
_PURCHASE_RIGHT_BEFORE = 16


def _purchase_just_before(before: str) -> FieldName | None:
    close = before[-_PURCHASE_RIGHT_BEFORE:]
    if _PURCHASE_VERB.search(close) and not _DELIVERY_CUE.search(close):
        return FieldName.PURCHASE_DATE
    return None


def _date_kind(context: str, delivery: re.Pattern[str], purchase: re.Pattern[str]
               ) -> FieldName | None:
    if delivery.search(context):
        return FieldName.DELIVERY_DATE
    if purchase.search(context):
        return FieldName.PURCHASE_DATE
    return None


def _money(body: Segment, attached: list[Segment]) -> list[FoundField]:
    """The amount claimed: in the body the one in a sentence asking for money, else the
    first; without one in the body, one after a «claimed» label in an attached form."""
    found = amounts(body.text)
    if not found:
        return _claimed_in_attachments(attached)
    spans = Spans(list(sentences(body.text)))

    def cued(start: int) -> bool:
        sentence = spans.holding(start) or (start, start)
        return bool(_MONEY_CUE.search(body.text[sentence[0] : sentence[1]]))

    best = next((money for money in found if cued(money.start)), found[0])
    span = (best.start, best.end)
    return [
        body.found(FieldName.AMOUNT, best.amount, span, 0.8, "amount+currency"),
        body.found(FieldName.CURRENCY, best.currency, span, 0.9, "amount+currency"),
    ]


_CLAIMED_LABEL = re.compile(r"(?i:claimed\s{1,2}amount|amount\s{1,2}claimed|сумма\s{1,2}претензии"
                            r"|сумма\s{1,2}требования|к\s{1,2}возмещению)[\s:]{0,3}$")


def _claimed_in_attachments(attached: list[Segment]) -> list[FoundField]:
    for segment in attached:
        for money in amounts(segment.text):
            if _CLAIMED_LABEL.search(segment.text[max(0, money.start - 30) : money.start]):
                span = (money.start, money.end)
                return [
                    segment.found(FieldName.AMOUNT, money.amount, span, 0.7, "claim form"),
                    segment.found(FieldName.CURRENCY, money.currency, span, 0.8, "claim form"),
                ]
    return []


def _phones(body: Segment, signature: Segment, regions: tuple[str, ...]) -> list[FoundField]:
    """The phones of the customer's own text; without one there, those of the signature
    (the only thing read from it)."""
    for segment, confidence in ((body, 0.9), (signature, 0.8)):
        seen: set[str] = set()
        found: list[FoundField] = []
        for phone in phones(segment.text, regions):
            if phone.e164 not in seen:
                seen.add(phone.e164)
                found.append(segment.found(FieldName.PHONE, phone.e164,
                                           (phone.start, phone.end), confidence, "phonenumbers"))
        if found:
            return found
    return []


# "Send 2 boxes", «Пришлите 3 шт.»: in a shortage, sending a count is sending what is missing.
_SEND_A_COUNT = re.compile(
    r"(?<![^\W_])(?i:send|ship|deliver|dispatch|отправ[а-я]{0,6}|пришл[а-я]{0,4}|вышл[а-я]{0,4}"
    r"|привез[а-я]{0,4}|доставь[а-я]{0,3})\s{1,2}(?:(?i:the|us|me|нам|мне|ещё|еще|more)\s{1,2})"
    r"{0,2}\d{1,5}(?![\d.,])"
)


def _demands(body: Segment, body_words: list[Token], subject: Segment,
             subject_words: list[Token], attached: list[Segment], prefixes: frozenset[str],
             shortage: bool) -> list[FoundField]:
    """Demands in the body, then the subject; an attached claim form only when the letter
    itself asks for nothing."""
    found: list[FoundField] = []
    send = _SEND_A_COUNT.search(body.text) if shortage else None
    if send is not None:
        found.append(body.found(FieldName.DEMAND, Demand.DELIVERY_OF_MISSING.value, send.span(),
                                0.7, "send a count"))
    sources: list[tuple[Segment, list[Token]]] = [(body, body_words), (subject, subject_words)]
    for segment, words in sources:
        for demand, start, end in demands(words, segment.text):
            if all(f.value != demand.value for f in found):
                found.append(segment.found(FieldName.DEMAND, demand.value, (start, end),
                                           0.8, "lemma"))
    for segment in attached if not found else []:
        for demand, start, end in demands(tokens(segment.text, prefixes), segment.text):
            if all(f.value != demand.value for f in found):
                found.append(segment.found(FieldName.DEMAND, demand.value, (start, end),
                                           0.6, "lemma"))
        if found:
            break
    return found


def _counts(text: ClaimText) -> list[FoundField]:
    kinds = [sniff(attachment.payload) for attachment in text.attachments]
    photos = sum(kind is Kind.PHOTO for kind in kinds)
    documents = sum(kind in DOCUMENT_KINDS for kind in kinds)
    found: list[FoundField] = []
    for name, count in ((FieldName.PHOTOS, photos), (FieldName.DOCUMENTS, documents)):
        if count:
            found.append(FoundField(name, str(count), Source.ATTACHMENT_NAME, 0, 0, 1.0,
                                    "content-sniffing"))
    return found


def _grounds_and_location(
    body: Segment, body_words: list[Token], read: _LazyWords,
    config: ExtractConfig, shortfall_positions: list[int],
) -> list[FoundField]:
    found: list[FoundField] = []
    for segment, words in itertools.chain([(body, body_words)], read):
        extra = shortfall_positions if segment is body else []
        span = grounds(list(sentences(segment.text)), words, config.category_keywords, extra)
        if span is not None:
            found.append(segment.found(FieldName.GROUNDS, segment.text[span[0] : span[1]],
                                       span, 0.6, "keyword-sentences"))
            break
    place = location(body.text)
    if place is not None:
        found.append(body.found(FieldName.LOCATION, body.text[place[0] : place[1]], place,
                                0.6, "location-cue"))
    return found
