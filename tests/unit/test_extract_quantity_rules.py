"""Which counts are the claim's quantity: only letters about goods count them, a set's
pieces in brackets describe the set, and more unit words in Russian."""

from __future__ import annotations

from datetime import date

import pytest

from mailflow.extract.config import default_extract_config, read_catalogue
from mailflow.extract.fields import extract
from mailflow.extract.model import Category, ClaimText, Extraction, FieldName
from mailflow.extract.quantities import quantities

CONFIG = default_extract_config(read_catalogue(
    "article,name,group,warranty_months\n"
    "LM-PL24,Luminarc dinner set 24 pieces,Kitchen,0\n"
    "TS-NM4,Набор посуды Tefal Natura 4 предмета,Посуда,24\n"
    "TE-GRN100,Greenfield green tea 100 bags,Food,0\n"
    "TX-PL50,Fibre pillow 50x70,Textile,0\n"
))


def run(body: str) -> Extraction:
    language = "en" if body.isascii() else "ru"
    return extract(ClaimText("", body, language, reference_date=date(2026, 12, 1)), CONFIG)


def quantity_and_unit(extraction: Extraction) -> tuple[list[str], list[str]]:
    return ([f.value for f in extraction.fields if f.name is FieldName.QUANTITY],
            [f.value for f in extraction.fields if f.name is FieldName.UNIT])


def test_a_question_about_a_bulk_price_counts_no_quantity() -> None:
    """A letter of category `other` (a price question) names goods but claims no quantity."""
    extraction = run("Hello, we bought 50 Fibre pillows last month and want 300 more. "
                     "Can you offer a bulk discount on the price?")
    assert extraction.category is Category.OTHER
    assert quantity_and_unit(extraction) == ([], [])


def test_the_counted_categories_come_from_the_config() -> None:
    """With `other` among the counted categories the same letter's count is read."""
    config = default_extract_config(CONFIG.catalogue)
    counted = config.__class__(catalogue=config.catalogue,
                               counted_categories=frozenset(Category))
    text = ClaimText("", "Hello, we bought 50 Fibre pillows last month and want 300 more. "
                         "Can you offer a bulk discount on the price?", "en")
    assert quantity_and_unit(extract(text, counted))[0] == ["50"]


def test_pieces_in_brackets_after_a_set_describe_the_set() -> None:
    """"Luminarc dinner set (24 pieces): 7 plates broken" claims no 24 pieces."""
    extraction = run("The parcel was crushed. Luminarc dinner set (24 pieces): 7 plates broken.")
    assert "24" not in quantity_and_unit(extraction)[0]


def test_a_count_in_brackets_after_a_product_is_its_quantity() -> None:
    """"Greenfield green tea (5 packs)" is five packs bought."""
    extraction = run("The box arrived wet: the Greenfield green tea (5 packs) is soaked.")
    assert quantity_and_unit(extraction) == (["5"], ["pack"])


def test_a_unit_two_words_after_the_product_counts() -> None:
    """"2 Tefal Natura cookware sets": the unit word may stand two words after the name."""
    extraction = run("Order 40-1 is late: 2 Tefal Natura cookware sets and nothing else.")
    assert quantity_and_unit(extraction) == (["2"], ["set"])


@pytest.mark.parametrize(("text", "expected"), [
    ("Купил 3 ед. товара", ("3", "pcs")),
    ("2 единицы брака", ("2", "pcs")),
    ("5 штучек", ("5", "pcs")),
    ("2 уп. чая", ("2", "pack")),
    ("2 кор. плитки", ("2", "box")),
    ("3 бухты кабеля", ("3", "pcs")),
])
def test_more_russian_unit_words(text: str, expected: tuple[str, str]) -> None:
    """«ед.», «единицы», «штучек», «уп.», «кор.», «бухты» are units of a count."""
    assert [(q.value, q.unit) for q in quantities(text)] == [expected]
