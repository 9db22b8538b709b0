"""A shortage's ordered and received counts read clause by clause: each count takes the
side (ordered or received) of the cue word nearest to it in its own clause, and
neighbouring counts of opposite sides, fewer received than ordered, make a pair.

This is the general fallback behind the fixed phrasings of `quantities.py`: it reads
"We got 8 boxes but ordered 10", «Прислали 3 стула, а заказывали 4», "There should have
been 12 in the pack, there are 10" and «заказ был на 10 штук, а доставлено 8» alike."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

_NUMERALS = {
    "один": 1, "одна": 1, "одну": 1, "одно": 1, "два": 2, "две": 2, "три": 3, "четыре": 4,
    "пять": 5, "шесть": 6, "семь": 7, "восемь": 8, "девять": 9, "десять": 10,
    "одиннадцать": 11, "двенадцать": 12, "пятнадцать": 15, "двадцать": 20, "тридцать": 30,
    "сорок": 40, "пятьдесят": 50, "сто": 100, "двух": 2, "трёх": 3, "трех": 3, "четырёх": 4,
    "четырех": 4, "пяти": 5, "шести": 6, "семи": 7, "восьми": 8, "девяти": 9, "десяти": 10,
    "двенадцати": 12, "двадцати": 20, "тридцати": 30,
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100,
}
_WORDS = "|".join(sorted(_NUMERALS, key=len, reverse=True))
# What may not follow a count: a month or a span of time (a date, a while), money, a
# percentage, a size, or more digits of a document number, date or time ("77-6020", "30.11").
_NOT_A_COUNT_AFTER = (
    r"(?![^\W_]|[.,:/-]\d|\s{0,2}[-–]\s{0,2}\d|\s{0,2}(?:%|[$€£₽]|x\s{0,2}\d|×)"
    r"|\s{1,2}(?i:янв|фев|мар(?:т|та)(?![^\W_])|апр|ма[йя](?![^\W_])|июн|июл|авг|сен|окт|ноя|дек"
    r"|jan|feb|mar(?:ch)?(?![^\W_])|apr|may(?![^\W_])|jun|jul|aug|sep|oct|nov|dec"
    r"|дн[еяи]|день|недел|месяц|час|минут|лет(?![^\W_])|год|сут|раз(?:а)?(?![^\W_])"
    r"|days?(?![^\W_])|weeks?|months?|hours?|minutes?|years?|times(?![^\W_])"
    r"|руб|р\.|коп|тыс|usd|eur|gbp|rub|dollars?|euros?|pounds?|долл|евро|фунт"
    r"|процент|percent|см(?![^\W_])|мм(?![^\W_])|cm(?![^\W_])|mm(?![^\W_])|inch|дюйм"
    r"|th(?![^\W_])|st(?![^\W_])|nd(?![^\W_])|rd(?![^\W_])))"
)
_COUNT = re.compile(
    r"(?<![\w.,/#№$€£-])(?<![#№]\s)(?<!(?i:по)\s)(?<!(?i:per)\s)"
    r"(?!(?:[0-2]?\d|3[01])\.(?:0[1-9]|1[0-2])(?!\d))"  # «28.11» is a date
    r"(?P<number>\d{1,5}(?:[.,]\d{1,3})?|(?P<word>(?i:" + _WORDS + r")))" + _NOT_A_COUNT_AFTER
    + r"(?!\s{1,2}(?i:от|from|dated)\s)"  # «накладная 118 от 28.11»: a document's number
)
# Clauses end at sentence punctuation, commas, dashes and the conjunctions that join two
# statements («а», «но», "but", "and", "although"…).
_CLAUSE_END = re.compile(
    r"[;!?\n(),]|\.(?!\d)|\s[—–-]\s|(?<![^\W_])(?i:а|но|и|хотя|однако|тогда\s{1,2}как"
    r"|but|and|although|though|however|while|whereas|yet)(?![^\W_])"
)
# «заказывали 20 … а должно быть 20»: a clause saying what should have been is about the
# order, whatever verb of delivery it uses («должны были привезти 20»).
_SHOULD = re.compile(
    r"(?<![^\W_])(?i:должн[а-я]{0,4}|положен[а-я]{0,2}|предполагал[а-я]{0,3}|ожидал[а-я]{0,3}"
    r"|should|supposed|expected|meant\s{1,2}to|ought|must|due)(?![^\W_])"
)
_ORDERED_CUE = re.compile(
    r"(?<![^\W_])(?i:заказ[а-яё]{0,8}|оплат[а-яё]{0,6}|оплач[а-яё]{0,6}|купил[а-я]{0,2}"
    r"|куплен[а-я]{0,3}|приобр[а-яё]{0,6}|накладн[а-я]{0,4}|сч[её]т[а-я]{0,3}|упд|ттн"
    r"|документ[а-я]{0,3}|указан[а-я]{0,2}|значит[а-я]{0,2}|числит[а-я]{0,2}|отгруж[а-я]{0,4}"
    r"|отгрузил[а-я]{0,2}|ordered|order|orders|paid|bought|purchased|invoiced?|charged|billed"
    r"|listed|shipped|dispatched|packing\s{1,2}(?:list|slip)|waybill|delivery\s{1,2}note"
    r"|zakaz[a-z]{0,8})(?![^\W_])"
)
_RECEIVED_CUE = re.compile(
    r"(?<![^\W_])(?i:пришл[а-я]{0,2}|пришёл|пришел|привез[а-я]{0,4}|привёз|получ[а-яё]{0,6}"
    r"|достав[а-я]{0,6}|приехал[а-я]{0,2}|приехало|прислал[а-я]{0,2}|прибыл[а-я]{0,2}"
    r"|оказал[а-я]{0,3}|фактическ[а-я]{0,2}|факт[а-я]{0,2}|насчитал[а-я]{0,2}"
    r"|посчитал[а-я]{0,2}|пересчитал[а-я]{0,2}|там|лежал[а-я]{0,2}|только|всего|лишь"
    r"|received|receive|got|get|arrived|delivered|came|brought|had|has|have|contained"
    r"|contains|counted|only|just|sent|there\s{1,2}(?:were|was|are|is)"
    r"|turned\s{1,2}up|showed\s{1,2}up|prishl[a-z]{0,2}|privez[a-z]{0,3}|poluch[a-z]{0,5}"
    r"|принят[а-я]{0,2}|принял[а-я]{0,2}|по\s{1,2}весам|взвешива[а-я]{0,4}|weighed|weighs"
    r"|weighing|в\s{1,2}(?:коробке|упаковке|посылке|ящике|пачке|наборе|комплекте|паллете)"
    r"|in\s{1,2}the\s{1,2}(?:box|parcel|pack|package|delivery|carton|shipment|pallet))"
    r"(?![^\W_])"
)
# «не привезли 5 упаковок», "2 are missing": a count of what is missing is neither side.
_MISSING_CUE = re.compile(
    r"(?<![^\W_])(?i:не\s{1,2}(?:при|до|по)?[а-яё]{2,12}|нет|не\s{1,2}хвата[а-я]{0,3}"
    r"|недоста[а-яё]{0,4}|недо[а-яё]{3,12}|отсутству[а-я]{0,3}|missing|short|lacking|lacks"
    r"|(?:didn't|did\s{1,2}not|were\s{1,2}not|weren't|never|not)(?:\s{1,2}[a-z]{2,12})?"
    r"|without)(?![^\W_])"
)
# "out of 24", «из 10», "instead of 12", «вместо 6», "against 100": the count right after
# is the ordered one, whatever else the clause says.
_ORDERED_JUST_BEFORE = re.compile(
    r"(?<![^\W_])(?i:из|вместо|out\s{1,2}of|instead\s{1,2}of(?:\s{1,2}the)?|against"
    r"|rather\s{1,2}than|при\s{1,2}заказанных|из\s{1,2}заказанных)\s{1,2}$"
    r"|\d\s{1,2}(?i:of(?:\s{1,2}the)?)\s{1,2}$"  # "44 of 48", "2 of the 5"
)
# "18 из 20", "2 of the 5": the count right before is the received one.
_RECEIVED_JUST_AFTER = re.compile(r"\s{1,2}(?i:из|out\s{1,2}of|of(?:\s{1,2}the)?)\s{1,2}\d")
_SENTENCE_END = re.compile(r"[!?\n]|\.(?!\d)")
# A numeral word is a count only right after its cue («привезли восемь»): further on it is
# as often another thought ("found two lines short").
_WORD_CUE_REACH = 3
_CLAUSE_REACH = 80
_PAIR_REACH = 200


class Side(Enum):
    ORDERED = "ordered"
    RECEIVED = "received"


@dataclass(frozen=True)
class SidedCount:
    start: int
    end: int
    value: str  # digits: "12", "2.5"
    side: Side


def sided_counts(text: str) -> list[SidedCount]:
    """Every count of the text with the side its clause gives it; counts whose clause
    names neither side are left out."""
    found: list[SidedCount] = []
    for match in _COUNT.finditer(text):
        start, end = match.span("number")
        side = _side(text, start, end, 0 if match["word"] else _CLAUSE_REACH)
        if side is not None:
            found.append(SidedCount(start, end, _value(match["number"]), side))
    return found


def clause_pairs(text: str) -> list[tuple[SidedCount, SidedCount]]:
    """(ordered, received) pairs: neighbouring counts of opposite sides, in either order,
    close together, fewer received than ordered; each count in one pair at most."""
    counts = sided_counts(text)
    pairs: list[tuple[SidedCount, SidedCount]] = []
    # Neighbours within one sentence first ("ordered 20, received 15"), then across one.
    for within_sentence in (True, False):
        left: list[SidedCount] = []
        index = 0
        while index < len(counts):
            if index + 1 < len(counts):
                pair = _pair(text, counts[index], counts[index + 1], within_sentence)
                if pair is not None:
                    pairs.append(pair)
                    index += 2
                    continue
            left.append(counts[index])
            index += 1
        counts = left
    return sorted(pairs, key=lambda pair: min(pair[0].start, pair[1].start))


def _pair(text: str, first: SidedCount, second: SidedCount, within_sentence: bool
          ) -> tuple[SidedCount, SidedCount] | None:
    if first.side is second.side or second.start - first.end > _PAIR_REACH:
        return None
    if within_sentence and _SENTENCE_END.search(text, first.end, second.start):
        return None
    ordered, received = (first, second) if first.side is Side.ORDERED else (second, first)
    return (ordered, received) if float(received.value) < float(ordered.value) else None


def _side(text: str, start: int, end: int, reach_after: int) -> Side | None:
    """The side of the count at text[start:end] by the nearest cue of its clause; a
    numeral word (reach_after 0) only by a cue right before it."""
    if _ORDERED_JUST_BEFORE.search(text, max(0, start - 25), start):
        return Side.ORDERED
    if _RECEIVED_JUST_AFTER.match(text, end):
        return Side.RECEIVED
    clause_start, clause_end = _clause(text, start, end)
    if reach_after == 0:
        clause_start = max(clause_start, start - _CLAUSE_REACH // 4)
    before, after = text[clause_start:start], text[end : min(clause_end, end + reach_after)]
    if _SHOULD.search(before) or _SHOULD.search(after):
        return Side.ORDERED
    nearest: tuple[int, Side | None] | None = None
    cues = ((_ORDERED_CUE, Side.ORDERED), (_RECEIVED_CUE, Side.RECEIVED), (_MISSING_CUE, None))
    for cue, side in cues:
        for match in cue.finditer(before):
            distance = len(before) - match.end()
            if nearest is None or distance <= nearest[0]:
                nearest = (distance, side)
        following = cue.search(after)
        if following is not None:
            distance = following.start() + 5  # a cue before its count is the likelier one
            if nearest is None or distance < nearest[0]:
                nearest = (distance, side)
    if nearest is None or (reach_after == 0 and nearest[0] > _WORD_CUE_REACH):
        return None
    return nearest[1]


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause holding text[start:end], at most _CLAUSE_REACH characters either side."""
    window_start = max(0, start - _CLAUSE_REACH)
    clause_start = window_start
    for match in _CLAUSE_END.finditer(text, window_start, start):
        clause_start = match.end()
    following = _CLAUSE_END.search(text, end, end + _CLAUSE_REACH)
    clause_end = following.start() if following else min(len(text), end + _CLAUSE_REACH)
    return clause_start, clause_end


def _value(written: str) -> str:
    word = _NUMERALS.get(written.lower())
    return str(word) if word is not None else written.replace(",", ".")
