"""Order, invoice, waybill and contract numbers, found after their cue words or by
their telling prefix (ЗК-, INV-, ТН-...)."""

from __future__ import annotations

import re

from mailflow.extract.model import FieldName, FoundField, Source
from mailflow.extract.segments import Segment, Spans

_ORDER = r"(?:заказ[а-я]{0,3}|zakaz[a-z]{0,2}|order|orders|PO|purchase\s{1,3}order)"
_INVOICE = r"(?:сч[её]т[а-я]{0,2}(?:-фактур[а-я]{0,2})?|schet|СФ|invoice|inv|bill|УПД)"
_WAYBILL = (
    r"(?:накладн[а-я]{0,3}|nakladn[a-z]{0,3}|ТТН|ТН|TTN|TN|waybill"
    r"|consignment(?:\s{1,3}note)?|delivery\s{1,3}note)"
)
_CONTRACT = r"(?:договор[а-я]{0,2}|dogovor[a-z]{0,2}|contract|agreement)"
_SIGN = r"(?:№|#|No\.?|N|Nr\.?|номер|number|nomer)"
# A number: an optional short letter prefix, then a digit and up to 24 more characters.
_NUMBER = (
    r"(?P<number>(?:[A-ZА-ЯЁ]{1,6}[-/]?)?\d(?:[^\W_]|[-‐/.]){0,24})"
    # a count of goods (по накладной 100 кг) is not a document number
    r"(?!\s{0,2}(?i:кг|шт|упак|мешк|коробк|пач|kg|pcs|bags|boxes|packs|%))"
)
_GAP = (
    r"[\s:_(]{0,3}(?i:(?:your|ваш[а-я]{0,2}|our|наш[а-я]{0,2}|is|was|number\s{1,2}is)"
    r"\s{1,3})?"
)

_CUED: tuple[tuple[FieldName, re.Pattern[str]], ...] = tuple(
    (
        name,
        re.compile(
            rf"(?<![^\W_])(?<!-)(?i:{cue})(?![^\W_])(?i:[_\s]{{0,3}}(?:confirmation|подтверждени[ея])[_\s]{{1,3}})?"
            rf"(?:\s{{1,2}}[а-яё]{{3,12}}(?=\s{{1,2}}(?:№|N\s)))?"  # договору поставки № 17/26-П
            rf"{_GAP}(?i:{_SIGN}[\s:_]{{0,3}})?{_NUMBER}",
        ),
    )
    for name, cue in (
        (FieldName.ORDER_NUMBER, _ORDER),
        (FieldName.INVOICE_NUMBER, _INVOICE),
        (FieldName.WAYBILL_NUMBER, _WAYBILL),
        (FieldName.CONTRACT_NUMBER, _CONTRACT),
    )
)

# Prefixes that name the kind of document on their own.
_PREFIXED: tuple[tuple[FieldName, re.Pattern[str]], ...] = (
    (FieldName.ORDER_NUMBER, re.compile(r"(?<![^\W_])(?<!-)(?:ЗК|ZK)-\d[\d\-/]{1,20}")),
    (FieldName.INVOICE_NUMBER, re.compile(r"(?<![^\W_])(?<!-)(?:INV|СФ|SF)-\d[\d\-/]{1,20}")),
    (FieldName.WAYBILL_NUMBER, re.compile(r"(?<![^\W_])(?<!-)(?:ТН|ТТН|TN|TTN)-\d[\d\-/]{1,20}")),
)
# A number alone on a line, or opening the subject ("91-3355 разбит чайник"), is the order
# number customers answer a question with.
_STANDALONE_LINE = re.compile(
    r"(?m:^[ \t]{0,3}(?P<number>(?:[A-ZА-ЯЁ]{1,4}-)?\d{2,6}(?:[-/]\d{2,8}){1,2})[ \t.]{0,3}$)"
)
_SUBJECT_START = re.compile(
    r"^(?:(?i:re|fwd?|ответ)\s{0,2}:\s{0,2}){0,3}"
    r"(?P<number>(?:[A-ZА-ЯЁ]{1,4}-)?\d{2,6}(?:[-/]\d{2,8}){1,2})(?=\s)"
)
_PLAIN_DIGITS = 3  # "по накладной 25" is a count; a bare number needs three digits
_DATE_LIKE = re.compile(r"\d{1,2}[./]\d{1,2}(?:[./]\d{2,4})?")


def document_numbers(segment: Segment) -> list[FoundField]:
    """Every document number in the segment, cue-word rules first."""
    found: list[FoundField] = []
    taken: set[tuple[int, int]] = set()
    for name, pattern in _CUED:
        for match in pattern.finditer(segment.text):
            start, value = _trimmed(match.start("number"), match.group("number"))
            if not _plausible(value):
                continue
            span = (start, start + len(value))
            taken.add(span)
            found.append(segment.found(name, value, span, _confidence(segment, 0.9), "cue"))
            for more in _listed_after(segment.text, span[1], value):
                taken.add(more.span())
                found.append(segment.found(name, more.group(), more.span(),
                                           _confidence(segment, 0.8), "cue list"))
    cued = Spans(sorted(taken))
    for name, pattern in _PREFIXED:
        for match in pattern.finditer(segment.text):
            start, value = _trimmed(match.start(), match.group())
            span = (start, start + len(value))
            if span[0] in cued:
                continue
            found.append(segment.found(name, value, span, _confidence(segment, 0.8), "prefix"))
    if not any(f.name is FieldName.ORDER_NUMBER for f in found):
        found += _standalone(segment)
    return found


# "orders 82-2301 and 82-2315", «заказы 77-1001, 77-1002 и 77-1003»: more numbers of the same
# shape listed right after a cued one belong to the same cue.
_LIST_JOIN = re.compile(r"(?:\s{0,2}\([^()\n]{1,40}\))?"
                        r"(?:\s{0,2},\s{0,2}|\s{1,2}(?i:and|or|и|или|&)\s{1,2})")
_LISTED = 3


def _listed_after(text: str, end: int, first: str) -> list[re.Match[str]]:
    shape = re.compile(re.sub(r"\d", r"\\d", re.escape(first)) + r"(?![\w-])")
    listed: list[re.Match[str]] = []
    for _ in range(_LISTED):
        join = _LIST_JOIN.match(text, end)
        number = shape.match(text, join.end()) if join else None
        if number is None:
            break
        listed.append(number)
        end = number.end()
    return listed


def _standalone(segment: Segment) -> list[FoundField]:
    if segment.source is Source.SUBJECT:
        match = _SUBJECT_START.match(segment.text)
        matches = [match] if match else []
    elif segment.source is Source.BODY:
        matches = list(_STANDALONE_LINE.finditer(segment.text))[:1]
    else:
        return []
    return [segment.found(FieldName.ORDER_NUMBER, m["number"], m.span("number"), 0.6,
                          "standalone") for m in matches if not _DATE_LIKE.fullmatch(m["number"])]


def _trimmed(start: int, value: str) -> tuple[int, str]:
    value = value.rstrip(".-/_‐")
    if value[:1] in "_ ":
        return start + 1, value[1:]
    return start, value


def _plausible(value: str) -> bool:
    digits = sum(char.isdigit() for char in value)
    if digits < 2 or (value.isdigit() and digits < _PLAIN_DIGITS):
        return False
    return not _DATE_LIKE.fullmatch(value)


def _confidence(segment: Segment, base: float) -> float:
    return base - 0.1 if segment.source is Source.ATTACHMENT_NAME else base
