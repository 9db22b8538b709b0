"""Hostile text cannot make the extractor's patterns run in more than linear time."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from importlib import import_module
from re import _constants as constants  # type: ignore[attr-defined]
from re import _parser as parser  # type: ignore[attr-defined]

import pytest

from mailflow.extract.config import default_extract_config, read_catalogue
from mailflow.extract.fields import extract
from mailflow.extract.model import ClaimText

MODULES = ("attachments", "carriers", "clause_counts", "dates", "fields", "generic_products",
           "lemmas", "meaning", "money", "numbers", "phones", "products", "quantities",
           "segments")
# A repetition may be bounded by at most this many characters: any pattern then costs at
# most a constant per starting position, so scanning a text is linear in its length.
LARGEST_BOUND = 1000
CONFIG = default_extract_config(read_catalogue(
    "article,name,group,warranty_months\nVT-7005,Чайник электрический Vitek VT-7005,Техника,12\n"
    "MK-HR2470,Перфоратор Makita HR2470,Инструмент,12\n"
))
HOSTILE = {
    "digits": "1",
    "spaced digits": "1 ",
    "dashed digits": "1-",
    "thousands": "000 ",
    "dotted": "1.",
    "order cues": "заказ № 1-",
    "rtl overrides": "\u202eЗаказ\u202c 7\u202d",
    "mixed scripts": "аa1-Б",
    "shortfalls": "ordered 1 received 2 ",
    "clause counts": "недостача: прислали 1, а заказывали 9; ",
    "product phrases": "I ordered the lamp lamp lamp lamp (order 1-2) заказ 1-2, диван ",
    "products": "Vitek VT-7005 Makita ",
    "phones": "+7 916 ",
    "dates": "20 ноября 12.11.2026 ",
    "money": "$1,000.",
    "sentences": "брак. ",
    "newlines": "\n",
    "tables": "Invoiced| Received\n1| 2\n|",
    "carriers": "Почтой ТК Деловыми СДЭКом ups UPS-",
}


def patterns() -> Iterator[tuple[str, re.Pattern[str]]]:
    for module_name in MODULES:
        module = import_module(f"mailflow.extract.{module_name}")
        for name, value in vars(module).items():
            items = value if isinstance(value, tuple) else (value,)
            for item in items:
                candidates = item if isinstance(item, tuple) else (item,)
                for candidate in candidates:
                    if isinstance(candidate, re.Pattern):
                        yield f"{module_name}.{name}", candidate


def largest_repeat(tree: object) -> int:
    """The largest upper bound of any repetition in a parsed pattern."""
    largest = 0
    for op, argument in tree:  # type: ignore[attr-defined]
        if op in (constants.MAX_REPEAT, constants.MIN_REPEAT, constants.POSSESSIVE_REPEAT):
            _low, high, sub = argument
            largest = max(largest, high, largest_repeat(sub))
        elif op is constants.SUBPATTERN:
            largest = max(largest, largest_repeat(argument[-1]))
        elif op is constants.BRANCH:
            largest = max([largest, *(largest_repeat(branch) for branch in argument[1])])
        elif op in (constants.ASSERT, constants.ASSERT_NOT):
            largest = max(largest, largest_repeat(argument[1]))
    return largest


def test_patterns_are_found() -> None:
    """The scan sees the extractor's patterns (so the bound check below is not vacuous)."""
    names = {name for name, _ in patterns()}
    assert {"numbers._CUED", "money.AFTER_NUMBER", "phones._CANDIDATE", "dates.WORD_DATE",
            "lemmas.WORD", "quantities.QUANTITY"} <= names


@pytest.mark.parametrize(("name", "pattern"), list(patterns()))
def test_every_repetition_is_bounded(name: str, pattern: re.Pattern[str]) -> None:
    """No pattern has an unbounded `*`, `+` or `{n,}` (which could rescan a run of digits
    from every starting position: quadratic time)."""
    assert largest_repeat(parser.parse(pattern.pattern, pattern.flags)) <= LARGEST_BOUND, name


def cpu_seconds(text: str) -> float:
    claim = ClaimText(text[:200], text, "ru")
    best = float("inf")
    for _ in range(3):
        started = time.process_time()
        extract(claim, CONFIG)
        best = min(best, time.process_time() - started)
    return best


@pytest.mark.parametrize("unit", list(HOSTILE.values()), ids=list(HOSTILE))
def test_extraction_grows_linearly_on_hostile_text(unit: str) -> None:
    """Ten times more hostile text costs well under a hundred times more CPU (a ratio, not
    an absolute time: linear work gives about 10, quadratic about 100)."""
    small = (unit * (4_000 // len(unit) + 1))[:4_000]
    large = (unit * (40_000 // len(unit) + 1))[:40_000]
    cpu_seconds(small)  # warm the caches and the lazy imports
    ratio = cpu_seconds(large) / max(cpu_seconds(small), 1e-4)
    assert ratio < 30, f"{ratio:.1f}"
