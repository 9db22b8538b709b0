"""Articles (SKUs) after the cue words shops and customers write, and catalogue articles of
letters alone, in both languages (extract/products.py)."""

from __future__ import annotations

import pytest

from mailflow.extract.config import read_catalogue
from mailflow.extract.products import skus, vocabulary

CATALOGUE = read_catalogue(
    "article,name,group,warranty_months\n"
    "VT-7005,Чайник электрический Vitek VT-7005,Бытовая техника,12\n"
    "GD-TRIM,Триммер электрический Huter GET-1000S,Сад,12\n"
    "CH-GLOVES,\"Перчатки нитриловые, упак. 100 шт.\",Хозтовары,0\n"
)


def values(text: str) -> list[str]:
    return [sku.value for sku in skus(text, vocabulary(CATALOGUE))]


@pytest.mark.parametrize(("text", "expected"), [
    ("article number KX-100 arrived broken", "KX-100"),
    ("product ID: 88120 does not work", "88120"),
    ("артикул товара 55-1234, полка", "55-1234"),
    ("Art.-Nr. 4411 fehlt", "4411"),
    ("art.nr. 4411 missing", "4411"),
    ("item #44512 is scratched", "44512"),
    ("catalog number 3312", "3312"),
    ("каталожный номер 3312", "3312"),
    ("model no. UE43AU7100", "UE43AU7100"),
    ("Model Number: KGN39VL25R", "KGN39VL25R"),
])
def test_an_article_after_its_cue_is_an_sku(text: str, expected: str) -> None:
    """Cue words for an article ("article number", "item #", «каталожный номер») name it."""
    assert values(text) == [expected]


def test_a_catalogue_article_of_letters_alone_is_an_sku() -> None:
    """"GD-TRIM motor smoking": an article without digits counts as the catalogue writes it."""
    assert values("GD-TRIM motor smoking after 5 min.") == ["GD-TRIM"]
    found = skus("Перчатки (арт. CH-GLOVES) рвутся", vocabulary(CATALOGUE))
    assert [(sku.value, sku.entry) for sku in found] == [("CH-GLOVES", 2)]


def test_a_lettered_word_that_is_no_article_is_not_an_sku() -> None:
    """Lower-case or unhyphenated words are words, even when they spell an article."""
    assert values("the gd-trim and GDTRIM are not written as articles") == []
