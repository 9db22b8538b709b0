"""Products the catalogue does not know, named in the letter's own words
(extract/generic_products.py), and that a catalogue product still wins."""

from __future__ import annotations

import pytest

from mailflow.extract.config import default_extract_config, read_catalogue
from mailflow.extract.fields import extract
from mailflow.extract.generic_products import generic_products
from mailflow.extract.model import ClaimText, FieldName


def named(text: str) -> list[str]:
    return [text[start:end] for start, end in generic_products(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("We bought 12 folding chairs for the hall.", ["folding chairs"]),
    ("I ordered 20 packs of paper napkins for my shop.", ["paper napkins"]),
    ("I ordered a blue desk lamp last week and it broke.", ["desk lamp"]),
    ("Купила утюг в вашем магазине, он течёт.", ["утюг"]),
    ("Заказывали 40 мешков цемента М500, а доставили 36.", ["цемента М500"]),
])
def test_the_phrase_after_a_purchase_verb(text: str, expected: list[str]) -> None:
    """After "ordered"/«купила», past a count, a container and a colour, the thing bought."""
    assert named(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Hello, the garden hose (order 40-1) leaks.", ["garden hose"]),
    ("Hello, the Sony headphones from order 82-7 went silent.", ["Sony headphones"]),
    ("Заказ 45-3308, диван угловой. Доставку перенесли.", ["диван угловой"]),
    ("Добрый день. Заказ 45-8820 (шкаф-купе) должны были привезти.", ["шкаф-купе"]),
])
def test_the_phrase_next_to_the_order_number(text: str, expected: list[str]) -> None:
    """"the X (order …", "the X from order", «Заказ 45-3308, X» name the product."""
    assert named(text) == expected


@pytest.mark.parametrize("text", [
    "I ordered it yesterday.",
    "Заказала вчера, до сих пор нет.",
    "Жду звонка уже неделю.",
    "I ordered black.",
    "Hi, could you send a VAT invoice for order 82-7001 (placed 19 Nov)?",
    "Wrong item: ordered CF-BEANS1 x 6, received TE-GRN100 x 6.",
    "We ordered 50 boxes, received 48.",
])
def test_no_thing_named_is_no_product(text: str) -> None:
    """Pronouns, times, a call awaited, a colour alone, dates, articles and containers
    alone name no product."""
    assert named(text) == []


def test_a_catalogue_product_wins_over_the_letters_words() -> None:
    """When the catalogue recognises a product, no noun phrase is added."""
    config = default_extract_config(read_catalogue(
        "article,name,group,warranty_months\nVT-7005,Чайник электрический Vitek VT-7005,"
        "Бытовая техника,12\n"))
    extraction = extract(ClaimText("", "Купила чайник Vitek VT-7005, он течёт.", "ru"), config)
    assert [(f.value, f.rule) for f in extraction.fields
            if f.name is FieldName.PRODUCT_NAME] == [("чайник Vitek VT-7005", "catalogue")]


def test_without_a_catalogue_the_letters_words_name_the_product() -> None:
    """With no catalogue configured the noun phrase is the product, at a low confidence."""
    extraction = extract(ClaimText("", "I ordered a desk lamp and it broke.", "en"),
                         default_extract_config())
    assert [(f.value, f.rule, f.confidence) for f in extraction.fields
            if f.name is FieldName.PRODUCT_NAME] == [("desk lamp", "noun phrase", 0.4)]


def test_a_count_after_the_order_number_and_colon_counts_the_product() -> None:
    """"Order 40-5512: 10 LED bulbs, three of them flicker" is 10 pieces of LED bulbs."""
    extraction = extract(ClaimText("", "Order 40-5512: 10 LED bulbs, three of them flicker.",
                                   "en"), default_extract_config())
    assert [(f.name.value, f.value) for f in extraction.fields if f.name in (
        FieldName.PRODUCT_NAME, FieldName.QUANTITY, FieldName.UNIT)] == [
        ("product_name", "LED bulbs"), ("quantity", "10"), ("unit", "pcs")]
