"""Quantities with their unit, and for a shortage the quantities ordered and received."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from mailflow.extract.clause_counts import SidedCount, clause_pairs
from mailflow.extract.lemmas import names_a_thing

_NUMERALS = {
    "один": "1", "одна": "1", "одну": "1", "одно": "1", "два": "2", "две": "2", "три": "3",
    "четыре": "4", "пять": "5", "шесть": "6", "семь": "7", "восемь": "8", "девять": "9",
    "десять": "10", "одиннадцать": "11", "двенадцать": "12", "пятнадцать": "15",
    "двадцать": "20", "тридцать": "30", "сорок": "40", "пятьдесят": "50", "сто": "100",
    "двух": "2", "трёх": "3", "трех": "3", "четырёх": "4", "четырех": "4", "пяти": "5",
    "шести": "6", "семи": "7", "восьми": "8", "девяти": "9", "десяти": "10",
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6",
    "seven": "7", "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12",
    "fifteen": "15", "twenty": "20", "thirty": "30", "forty": "40", "fifty": "50",
    "hundred": "100",
}
# Longest first, so that "двенадцать" is not read as "две" (the alternation is ordered).
NUMERAL_WORDS = "|".join(sorted(_NUMERALS, key=len, reverse=True))
_NUMBER = r"(?P<number>\d{1,6}(?:[.,]\d{1,3})?|" + NUMERAL_WORDS + ")"
_UNITS = (
    ("pcs", r"шт(?:ук[аи]?)?\.?|штук|штуч(?:ка|ки|ек)|ед\.|единиц[аыу]?|бухт[аыу]?"
            r"|pcs\.?|pieces?|pc\.?|units?|items?|мешк(?:а|ов|и)|мешок"
            r"|bags?|sacks?|бутыл(?:ь|и|ей|ки|ок)|bottles?|банк[аиу]|банок|cans|tins?"
            r"|рулон(?:а|ов)?|rolls?|sht\.?|shtuk[a-z]{0,2}|meshk[a-z]{0,3}|meshok"
            r"|флакон(?:а|ов)?|тюбик(?:а|ов)?|канистр(?:а|ы)?|jars?|tubes?|crates?|tubs?"),
    ("pack", r"упак(?:овк[аиу]|овок)?\.?|уп\.|пач(?:ка|ки|ек|ку)|packs?|packets?|packages?"
             r"|upakov[a-z]{0,3}|pach[a-z]{1,3}"),
    ("set", r"компл(?:ект(?:а|ов)?)?\.?|наб(?:ор|ора|оров)|sets?|komplekt[a-z]{0,2}"),
    ("kg", r"кг\.?|kg|kilos?|kilograms?"),
    ("box", r"короб(?:ка|ки|ок|ку|ов)?|кор\.|ящик(?:а|ов)?|boxes|box|cartons?|korob[a-z]{0,3}"),
    ("m", r"м\.?|метр(?:а|ов)?|m|metres?|meters?"),
    ("l", r"л\.?|литр(?:а|ов)?|l|litres?|liters?"),
)
QUANTITY = re.compile(
    rf"(?<![\w.,/-])(?<!по\s)(?i:{_NUMBER})\s{{0,2}}(?P<unit>(?i:"
    + "|".join(f"(?P<{name}>{pattern})" for name, pattern in _UNITS)
    + r"))(?![^\W_])"
)
# A count: digits, or a numeral word ("twelve", «два»); a number followed by a month is
# a date («доставили 27 ноября»), not a count.
_MONTH_AFTER = (r"\s{1,2}(?i:янв|фев|мар|апр|ма[йя]|июн|июл|авг|сен|окт|ноя|дек|jan|feb|mar"
                r"|apr|may|jun|jul|aug|sep|oct|nov|dec)")
# Not a price («£120.50») nor a document's number («82-7781»).
_COUNT = (r"(?<![\w.,/£$€₽-])(?P<number>\d{1,6}(?:[.,]\d{1,3})?)"
          r"(?!\d|[.,]\d|[xх×*]\d|[^\W\d_]|[-‐/]\d)(?!" + _MONTH_AFTER + ")")
# A numeral word counts only right after its cue ("ordered twelve", «привезли: один»):
# further on it is as often the start of another thought («пришли, но одна пахнет»).
_WORD_COUNT = r"[\s:]{1,3}(?P<number>(?i:" + NUMERAL_WORDS + r"))(?![^\W_])"
_ORDERED_CUE = (
    r"(?i:заказ(?:ывали|ывал|ывала|али|ано|ал|ала)|ordered|должн[оа]\s{1,2}(?:было\s{1,2})?быть"
    r"|было\s{1,2}заказано|по\s{1,2}накладной|по\s{1,2}документам|оплачено|expected|invoiced"
    r"|zakazyval[a-z]{0,2}|zakazal[a-z]{0,2})"
)
_RECEIVED_CUE = (
    r"(?i:пришл[оаи]?|привезли|доставили|получили|получено|принято|приняли|по\s{1,2}факту"
    r"|фактически|по\s{1,2}весам|при\s{1,2}взвешивании|в\s{1,2}коробке|received|arrived"
    r"|delivered|got|came|only|prishl[a-z]{0,2}|privezli)"
)
# «по накладной 118 от 28.11»: a number followed by its date is the document's number.
_DOCUMENT_DATE_AFTER = r"(?!\s{1,2}(?i:от|from|dated)(?![^\W_]))"
_ORDERED = re.compile(_ORDERED_CUE + r"[^\d\n.;№#]{0,25}?" + _COUNT + _DOCUMENT_DATE_AFTER)
_ORDERED_WORD = re.compile(_ORDERED_CUE + _WORD_COUNT)
_RECEIVED = re.compile(_RECEIVED_CUE + r"[^\d\n.;№#]{0,20}?" + _COUNT)
_RECEIVED_WORD = re.compile(_RECEIVED_CUE + _WORD_COUNT)
# In a letter about a shortage more words say what was ordered («оплатили 30 кг», "the
# invoice says 40 cartons", "the order was for 10") and what came ("we counted 9",
# «в коробке оказалось 8»); elsewhere they as often name the damaged or faulty ones.
_SHORTAGE_ORDERED_CUE = (
    r"(?i:(?<![^\W_])(?:оплатил[аи]?|оплачивал[аи]?|купил[аи]?|приобрел[аи]?|приобрёл"
    r"|указано|значится|числится|отгрузили|отгружено|отправили|bought|purchased|paid\s{1,2}for"
    r"|billed\s{1,2}for|charged\s{1,2}for|order\s{1,2}was\s{1,2}for|listed|shipped|sent"
    r"|(?:invoice|order|delivery\s{1,2}note|packing\s{1,2}(?:list|slip)|paperwork|waybill)"
    r"(?:\s{1,2}[\w-]{1,20})?\s{1,2}(?:says|shows|lists|states)))"
)
_SHORTAGE_RECEIVED_CUE = (
    r"(?i:(?<![^\W_])(?:оказалось|насчитали|пересчитали|посчитали|в\s{1,2}посылке"
    r"|в\s{1,2}упаковке|в\s{1,2}ящике|counted|contained|there\s{1,2}(?:were|was|are)"
    r"|turned\s{1,2}up|showed\s{1,2}up|in\s{1,2}the\s{1,2}(?:box|parcel|package|delivery)))"
)
_SHORTAGE_ORDERED = re.compile(_SHORTAGE_ORDERED_CUE + r"[^\d\n.;№#]{0,25}?" + _COUNT
                               + _DOCUMENT_DATE_AFTER)
_SHORTAGE_RECEIVED = re.compile(_SHORTAGE_RECEIVED_CUE + r"[^\d\n.;№#]{0,20}?" + _COUNT)
# "8 were delivered", "only 5 chairs arrived", «20 шт. пришло»: the count before its verb.
_COUNT_THEN_RECEIVED = re.compile(
    _COUNT + r"[^\d\n.;]{0,25}?(?<![^\W_])(?i:(?:were|was|have\s{1,2}been|has\s{1,2}been)"
    r"\s{1,2})?(?i:delivered|arrived|came|turned\s{1,2}up|пришл[оаи]|привезли|доставили"
    r"|получили|доставлено|получено)(?![^\W_])"
)
_INSTEAD = r"(?i:вместо|instead\s{1,2}of|rather\s{1,2}than|not)"
# "we received 18 boxes instead of 24", «получили 15 упаковок вместо 20»: received first.
_RECEIVED_INSTEAD = re.compile(
    _COUNT.replace("number", "received") + r"[^\d\n.;]{0,25}?(?<![^\W_])" + _INSTEAD
    + r"\s{1,2}(?i:the\s{1,2})?" + _COUNT.replace("number", "ordered")
)
# «Вместо 6 банок привезли 4», «из 24 банок пришло только 20», "instead of 12 we got 9".
_INSTEAD_RECEIVED = re.compile(
    r"(?<![^\W_])(?i:вместо|instead\s{1,2}of|из)\s{1,2}" + _COUNT.replace("number", "ordered")
    + r"[^\d\n.;]{0,40}?(?:" + _RECEIVED_CUE + "|" + _SHORTAGE_RECEIVED_CUE + r"|\s[—–-])"
    r"[^\d\n.;№#]{0,15}?" + _COUNT.replace("number", "received")
)
# "18 из 20", "only 2 of the 5": received first, then ordered.
_OUT_OF = re.compile(
    r"(?i:only\s{1,2})?" + _COUNT.replace("number", "received")
    + r"\s{1,2}(?i:из|of(?:\s{1,2}the)?|out\s{1,2}of)\s{1,2}" + _COUNT.replace("number", "ordered")
)
# "25 boxes invoiced, 23 delivered": each number before its cue.
_NUMBER_FIRST = re.compile(
    _COUNT.replace("number", "ordered") + r"[^\n.;]{0,30}?(?i:invoiced|ordered|заказано)"
    r"[\s,;:]{1,3}" + _COUNT.replace("number", "received")
    + r"[^\d\n.;]{0,15}?(?i:delivered|received|arrived|получено|пришло|принято)"
)


# "Qty: 4", «Кол-во: 2 шт.», "quantity 3": a count after its label, in pieces unless a
# unit follows.
_QTY_LABEL = re.compile(
    r"(?<![^\W_])(?i:qty|quantity|кол-?во|количество)\.?[ \t]{0,2}[:=-]?[ \t]{0,2}"
    r"(?P<number>\d{1,5})(?![\d.,/-]\d)"
)
_TIMES = re.compile(r"(?:(?<=\))|(?<=\s))[x×]\s{0,2}(?P<number>\d{1,4})(?![\d,xх×*]|\.\d)")
MEASURES = frozenset({"kg", "l", "m"})
# A measure right after a brand, a model, «по», an article or a word describing the thing
# («наполнитель древесный 10 кг», "a 1.5 m scratch") is a size, not how much.
_SIZE_BEFORE = re.compile(r"(?:[^\W_]{0,30}\d[^\W_]{0,30}|[A-Z][^\W_]{0,30}|по|(?i:a|an|the))"
                          r"\s{1,2}$")
_RUSSIAN_WORD_BEFORE = re.compile(r"(?<![^\W_])[а-яёА-ЯЁ]{2,30}[ \t]{1,2}$")


@dataclass(frozen=True)
class Quantity:
    start: int
    end: int
    value: str
    unit: str


@dataclass(frozen=True)
class Shortfall:
    ordered: tuple[int, int, str]
    received: tuple[int, int, str]
    unit: str | None = None  # as written after either count; None when none is


# A measure glued to its number and followed by a word ("10kg dumbbell set", «5л канистра»)
# names the product's size, not how many were bought.
_GLUED_MEASURE = re.compile(r"\d(?:kg|кг|l|л|m|м)[ \t]{1,2}[^\W\d_]")


def quantities(text: str) -> list[Quantity]:
    """Every number followed by a unit word, the unit made canonical."""
    found: list[Quantity] = []
    for match in QUANTITY.finditer(text):
        number = match.group("number").lower()
        value = _NUMERALS.get(number, number.replace(",", "."))
        unit = next(name for name, _ in _UNITS if match.group(name))
        written = match["unit"].rstrip(".")
        if not (written.islower() or written.isupper() or written.istitle()):
            continue  # "two PCs" are computers, not pieces
        if unit in MEASURES and _is_size(text, match):
            continue
        found.append(Quantity(match.start(), match.end(), value, unit))
    for match in _TIMES.finditer(text):
        found.append(Quantity(match.start(), match.end(), match["number"], "pcs"))
    counted = {quantity.start for quantity in found}
    for match in _QTY_LABEL.finditer(text):
        if match.start("number") in counted:
            continue  # «Кол-во: 2 шт.» is already a number with its unit
        found.append(Quantity(match.start("number"), match.end("number"), match["number"],
                              "pcs"))
    return sorted(found, key=lambda quantity: quantity.start)


# How far after the ordered count the received one may stand (the same line); a letter
# about a shortage often says it in two sentences ("I ordered 20 packs … only 12").
_PAIR_REACH = 60
_SHORTAGE_PAIR_REACH = 160


def _is_size(text: str, match: re.Match[str]) -> bool:
    before = text[max(0, match.start() - 40) : match.start()]
    if _SIZE_BEFORE.search(before) or _GLUED_MEASURE.match(text, match.end("number") - 1):
        return True
    word = _RUSSIAN_WORD_BEFORE.search(before)
    return word is not None and names_a_thing(word.group().strip())


def shortfalls(text: str, shortage: bool = True) -> list[Shortfall]:
    """Pairs of an ordered count and a received count, the received one following the
    ordered one on the same line within a short distance. "18 из 20" counts only in a
    letter about a shortage: elsewhere "3 of the 10 pans" are the damaged ones."""
    reach = _SHORTAGE_PAIR_REACH if shortage else _PAIR_REACH
    pairs = _shortage_pairs(text) if shortage else []
    pairs += [_pair(match, "ordered", "received") for match in _NUMBER_FIRST.finditer(text)]
    taken = {pair.ordered[0] for pair in pairs} | {pair.received[0] for pair in pairs}
    received_patterns = (_RECEIVED, _RECEIVED_WORD) + (
        (_SHORTAGE_RECEIVED, _COUNT_THEN_RECEIVED) if shortage else ())
    received = sorted((m for pattern in received_patterns for m in pattern.finditer(text)
                       if m.start("number") not in taken), key=lambda m: m.start())
    starts = [match.start() for match in received]
    ordered_patterns = (_ORDERED, _ORDERED_WORD) + ((_SHORTAGE_ORDERED,) if shortage else ())
    orders = sorted((m for pattern in ordered_patterns for m in pattern.finditer(text)),
                    key=lambda m: m.start())
    # A shortage may list its counts on two labelled lines ("Qty ordered: 20\nQty received: 17").
    line_breaks = 1 if shortage else 0
    for ordered in orders:
        index = bisect_left(starts, ordered.end())
        follow = received[index] if index < len(received) else None
        if (follow is None or follow.start() - ordered.end() > reach
                or text.count("\n", ordered.end(), follow.start()) > line_breaks):
            continue
        if ordered.start("number") in taken or follow.start("number") in taken:
            continue
        taken.update((ordered.start("number"), follow.start("number")))
        pairs.append(
            Shortfall(
                (ordered.start("number"), ordered.end("number"), _decimal(ordered["number"])),
                (follow.start("number"), follow.end("number"), _decimal(follow["number"])),
            )
        )
    pairs = sorted((pair for pair in pairs if pair.ordered[2] != pair.received[2]),
                   key=lambda pair: pair.ordered[0])
    if shortage and not pairs:
        pairs = [_clause_pair(text, ordered, received)
                 for ordered, received in clause_pairs(text)]
    return _with_units(text, pairs)


def _clause_pair(text: str, ordered: SidedCount, received: SidedCount) -> Shortfall:
    return Shortfall(
        (ordered.start, ordered.end, ordered.value),
        (received.start, received.end, received.value),
    )


_UNIT_AFTER = re.compile(
    r"\s{0,2}(?i:" + "|".join(f"(?P<{name}>{pattern})" for name, pattern in _UNITS) + r")(?![^\W_])"
)


_LINE_REACH = 200


def _shortage_pairs(text: str) -> list[Shortfall]:
    """The pairs only a letter about a shortage writes: "18 из 20", "received 18 instead
    of 24", «вместо 6 привезли 4», «из 24 пришло 20»; each count in one pair at most."""
    pairs: list[Shortfall] = []
    taken: set[int] = set()
    for pattern in (_OUT_OF, _RECEIVED_INSTEAD, _INSTEAD_RECEIVED):
        for match in pattern.finditer(text):
            if match.start("ordered") in taken or match.start("received") in taken:
                continue
            pair = _pair(match, "ordered", "received")
            if not _fewer_received(pair):
                continue  # «привезли 10, вместо 4 валиков — 3»: two pairs, not 10 for 4
            taken.update((match.start("ordered"), match.start("received")))
            pairs.append(pair)
    return pairs


def _fewer_received(pair: Shortfall) -> bool:
    try:
        return float(pair.received[2]) < float(pair.ordered[2])
    except ValueError:
        return True  # a numeral word not in the table: keep the pair as written


def _with_units(text: str, pairs: list[Shortfall]) -> list[Shortfall]:
    """Each pair's unit: written after either count ("заказано 40 упак."); else the unit
    of another count on its line («18 из 20. Довезите 2 шт.»); else pieces when the
    letter gives units for its other lines; else none (the letter names no unit)."""
    written = [_written_unit(text, pair) for pair in pairs]
    counted_in_units = any(unit is not None for unit in written)
    return [Shortfall(pair.ordered, pair.received,
                      unit or _unit_on_line(text, pair) or ("pcs" if counted_in_units else None))
            for pair, unit in zip(pairs, written, strict=True)]


def _written_unit(text: str, pair: Shortfall) -> str | None:
    for end in (pair.ordered[1], pair.received[1]):
        match = _UNIT_AFTER.match(text, end)
        if match is not None:
            return next(name for name, _ in _UNITS if match.group(name))
    return None


def _unit_on_line(text: str, pair: Shortfall) -> str | None:
    first, last = min(pair.ordered[0], pair.received[0]), max(pair.ordered[1], pair.received[1])
    start = max(text.rfind("\n", max(0, first - _LINE_REACH), first) + 1, first - _LINE_REACH)
    end = text.find("\n", last, last + _LINE_REACH)
    for match in QUANTITY.finditer(text, start, last + _LINE_REACH if end == -1 else end):
        unit = next(name for name, _ in _UNITS if match.group(name))
        if unit not in MEASURES:
            return unit
    return None


_ORDERED_HEADER = re.compile(
    r"(?i:invoiced|ordered|qty\s{0,2}ordered|expected|заказано|заказ|по\s{1,2}накладной"
    r"|по\s{1,2}документам|по\s{1,2}сч[её]ту|по\s{1,2}упд|оплачено|кол-?во|shipped|dispatched"
    r"|on\s{1,2}(?:the\s{1,2})?invoice|отгружено)"
)
_RECEIVED_HEADER = re.compile(r"(?i:received|delivered|arrived|получено|принято|факт|пришло)")
_CELL_NUMBER = re.compile(r"\s{0,3}(\d{1,6}(?:[.,]\d{1,3})?)(?P<unit>" + _UNIT_AFTER.pattern
                          + r")?\s{0,3}")
_TABLE_ROWS = 200


def table_shortfalls(text: str) -> list[Shortfall]:
    """Rows of a table (cells split by «|») whose ordered and received columns, named in
    the header row, differ."""
    pairs: list[Shortfall] = []
    columns: tuple[int, int] | None = None
    offset = 0
    for line in text.split("\n")[:_TABLE_ROWS * 5]:
        cells = line.split("|")
        if len(cells) < 2:
            columns = None
        elif columns is None:
            columns = _header_columns(cells)
        elif max(columns) < len(cells):
            pair = _table_pair(cells, columns, offset)
            if pair is not None:
                pairs.append(pair)
        offset += len(line) + 1
    return pairs


def _header_columns(cells: list[str]) -> tuple[int, int] | None:
    ordered = [i for i, cell in enumerate(cells) if _ORDERED_HEADER.search(cell)]
    received = [i for i, cell in enumerate(cells) if _RECEIVED_HEADER.search(cell)]
    if ordered and received and ordered[-1] != received[0]:
        return ordered[-1], received[0]
    return None


def _table_pair(cells: list[str], columns: tuple[int, int], offset: int) -> Shortfall | None:
    spans = []
    unit: str | None = None
    for column in columns:
        match = _CELL_NUMBER.fullmatch(cells[column])
        if match is None:
            return None
        start = offset + sum(len(cell) + 1 for cell in cells[:column]) + match.start(1)
        spans.append((start, start + len(match[1]), _decimal(match[1])))
        if match["unit"] and unit is None:
            unit = next(name for name, _ in _UNITS if match.group(name))
    if spans[0][2] == spans[1][2]:
        return None
    return Shortfall(spans[0], spans[1], unit or "pcs")  # a table of goods counts pieces


def _pair(match: re.Match[str], ordered: str, received: str) -> Shortfall:
    return Shortfall(
        (match.start(ordered), match.end(ordered), _decimal(match[ordered])),
        (match.start(received), match.end(received), _decimal(match[received])),
    )


_UNIT_WORD = re.compile(
    r"(?<![^\W_])(?i:" + "|".join(f"(?P<{name}>{pattern})" for name, pattern in _UNITS
                                  if name not in MEASURES) + r")(?![^\W_])"
)


def unit_named_in(name: str) -> str | None:
    """The unit a product's name is counted in ("cookware sets", «набор ножей»), if any."""
    match = _UNIT_WORD.search(name)
    return None if match is None else next(
        unit for unit, _ in _UNITS if unit not in MEASURES and match.group(unit))


def count_value(written: str) -> str:
    """A count as digits: "12,5" -> "12.5", "two" -> "2"."""
    return _decimal(written)


def _decimal(written: str) -> str:
    """A count as digits: "12,5" -> "12.5", "twelve" -> "12"."""
    return _NUMERALS.get(written.lower(), written.replace(",", "."))
