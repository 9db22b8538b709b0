"""Quantities with their unit, and for a shortage the quantities ordered and received."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

_NUMERALS = {
    "один": "1", "одна": "1", "одну": "1", "одно": "1", "два": "2", "две": "2", "три": "3",
    "четыре": "4", "пять": "5", "шесть": "6", "семь": "7", "восемь": "8", "девять": "9",
    "десять": "10", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5",
    "six": "6", "seven": "7", "eight": "8", "nine": "9", "ten": "10",
}
_NUMBER = r"(?P<number>\d{1,6}(?:[.,]\d{1,3})?|" + "|".join(_NUMERALS) + ")"
_UNITS = (
    ("pcs", r"шт(?:ук[аи]?)?\.?|штук|pcs\.?|pieces?|pc\.?|units?|items?|мешк(?:а|ов|и)|мешок"
            r"|bags?|sacks?"),
    ("pack", r"упак(?:овк[аиу]|овок)?\.?|пач(?:ка|ки|ек|ку)|packs?|packets?|packages?"),
    ("set", r"компл(?:ект(?:а|ов)?)?\.?|наб(?:ор|ора|оров)|sets?"),
    ("kg", r"кг\.?|kg|kilos?|kilograms?"),
    ("box", r"короб(?:ка|ки|ок|ку|ов)?|ящик(?:а|ов)?|boxes|box|cartons?"),
    ("m", r"м\.?|метр(?:а|ов)?|m|metres?|meters?"),
    ("l", r"л\.?|литр(?:а|ов)?|l|litres?|liters?"),
)
QUANTITY = re.compile(
    rf"(?<![\w.,/-])(?<!по\s)(?i:{_NUMBER})\s{{0,2}}(?P<unit>(?i:"
    + "|".join(f"(?P<{name}>{pattern})" for name, pattern in _UNITS)
    + r"))(?![^\W_])"
)
_COUNT = r"(?<![\w.,/-])(?P<number>\d{1,6}(?:[.,]\d{1,3})?)(?!\d|[.,]\d|[xх×*]\d|[^\W\d_])"
_ORDERED = re.compile(
    r"(?i:заказ(?:ывали|ывал|ывала|али|ано|ал|ала)|ordered|должн[оа]\s{1,2}(?:было\s{1,2})?быть"
    r"|было\s{1,2}заказано|по\s{1,2}накладной|по\s{1,2}документам|оплачено|expected|invoiced"
    r"|zakazyval[a-z]{0,2}|zakazal[a-z]{0,2})"
    r"[^\d\n.;№#]{0,25}?" + _COUNT
)
_RECEIVED = re.compile(
    r"(?i:пришл[оаи]?|привезли|доставили|получили|получено|принято|приняли|по\s{1,2}факту"
    r"|фактически|по\s{1,2}весам|при\s{1,2}взвешивании|в\s{1,2}коробке|received|arrived"
    r"|delivered|got|came|only|prishl[a-z]{0,2}|privezli)"
    r"[^\d\n.;№#]{0,20}?" + _COUNT
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


_TIMES = re.compile(r"(?:(?<=\))|(?<=\s))[x×]\s{0,2}(?P<number>\d{1,4})(?![\d.,xх×*])")
_MEASURES = frozenset({"kg", "l", "m"})
# A measure right after a brand, a model or «по» is the product's size, not how many.
_SIZE_BEFORE = re.compile(r"(?:[^\W_]{0,30}\d[^\W_]{0,30}|[A-ZА-ЯЁ][^\W_]{0,30}|по)\s{1,2}$")


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
    unit: str = "pcs"


def quantities(text: str) -> list[Quantity]:
    """Every number followed by a unit word, the unit made canonical."""
    found: list[Quantity] = []
    for match in QUANTITY.finditer(text):
        number = match.group("number").lower()
        value = _NUMERALS.get(number, number.replace(",", "."))
        unit = next(name for name, _ in _UNITS if match.group(name))
        if unit in _MEASURES and _SIZE_BEFORE.search(text[max(0, match.start() - 40) :
                                                           match.start()]):
            continue
        found.append(Quantity(match.start(), match.end(), value, unit))
    for match in _TIMES.finditer(text):
        found.append(Quantity(match.start(), match.end(), match["number"], "pcs"))
    return sorted(found, key=lambda quantity: quantity.start)


def shortfalls(text: str) -> list[Shortfall]:
    """Pairs of an ordered count and a received count, the received one following the
    ordered one on the same line within a short distance."""
    pairs = [_pair(match, "ordered", "received") for match in _OUT_OF.finditer(text)]
    pairs += [_pair(match, "ordered", "received") for match in _NUMBER_FIRST.finditer(text)]
    taken = {pair.ordered[0] for pair in pairs} | {pair.received[0] for pair in pairs}
    received = [m for m in _RECEIVED.finditer(text) if m.start("number") not in taken]
    starts = [match.start() for match in received]
    for ordered in _ORDERED.finditer(text):
        index = bisect_left(starts, ordered.end())
        follow = received[index] if index < len(received) else None
        if (follow is None or follow.start() - ordered.end() > 60
                or "\n" in text[ordered.end() : follow.start()]):
            continue
        if ordered.start("number") in taken:
            continue
        pairs.append(
            Shortfall(
                (ordered.start("number"), ordered.end("number"), _decimal(ordered["number"])),
                (follow.start("number"), follow.end("number"), _decimal(follow["number"])),
            )
        )
    return sorted((_with_unit(text, pair) for pair in pairs
                   if pair.ordered[2] != pair.received[2]), key=lambda pair: pair.ordered[0])


_UNIT_AFTER = re.compile(
    r"\s{0,2}(?i:" + "|".join(f"(?P<{name}>{pattern})" for name, pattern in _UNITS) + r")(?![^\W_])"
)


def _with_unit(text: str, pair: Shortfall) -> Shortfall:
    """The unit written after either count ("заказано 40 упак."), pieces when none is."""
    for end in (pair.ordered[1], pair.received[1]):
        match = _UNIT_AFTER.match(text, end)
        if match is not None:
            unit = next(name for name, _ in _UNITS if match.group(name))
            return Shortfall(pair.ordered, pair.received, unit)
    return pair


_ORDERED_HEADER = re.compile(
    r"(?i:invoiced|ordered|qty\s{0,2}ordered|expected|заказано|заказ|по\s{1,2}накладной"
    r"|по\s{1,2}документам|оплачено|кол-?во)"
)
_RECEIVED_HEADER = re.compile(r"(?i:received|delivered|arrived|получено|принято|факт|пришло)")
_CELL_NUMBER = re.compile(r"\s{0,3}(\d{1,6}(?:[.,]\d{1,3})?)\s{0,3}")
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
    for column in columns:
        match = _CELL_NUMBER.fullmatch(cells[column])
        if match is None:
            return None
        start = offset + sum(len(cell) + 1 for cell in cells[:column]) + match.start(1)
        spans.append((start, start + len(match[1]), _decimal(match[1])))
    if spans[0][2] == spans[1][2]:
        return None
    return Shortfall(spans[0], spans[1])


def _pair(match: re.Match[str], ordered: str, received: str) -> Shortfall:
    return Shortfall(
        (match.start(ordered), match.end(ordered), _decimal(match[ordered])),
        (match.start(received), match.end(received), _decimal(match[received])),
    )


def _decimal(written: str) -> str:
    return written.replace(",", ".")
