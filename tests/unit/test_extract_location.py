"""Where the goods are: more cue words, the cue sentence that holds an address, and an
address line without a cue (extract/meaning.py location)."""

from __future__ import annotations

import pytest

from mailflow.extract.meaning import location


def place(text: str) -> str | None:
    span = location(text)
    return None if span is None else text[span[0] : span[1]]


@pytest.mark.parametrize(("text", "expected"), [
    ("It's in our office in Dublin.", "It's in our office in Dublin"),
    ("Товар на объекте в Химках.", "Товар на объекте в Химках"),
    ("We're based in Cork, the chairs are in the storeroom.",
     "We're based in Cork, the chairs are in the storeroom"),
    ("Адрес доставки: СПб, Невский 100, кв 5.", "СПб, Невский 100, кв 5"),
])
def test_more_location_cues(text: str, expected: str) -> None:
    """«на объекте», «адрес доставки:», "in our office", "based in" say where goods are."""
    assert place(text) == expected


def test_the_cue_sentence_with_an_address_wins() -> None:
    """"a problem at the warehouse" is talk; the later sentence with a street is the place."""
    text = ("They said there was \"a problem at the warehouse\".\n"
            "Please deliver it to my new address: Kastanienallee 7, 10435 Berlin - "
            "not the old one!")
    assert place(text) == "Kastanienallee 7, 10435 Berlin - not the old one"


def test_a_city_then_street_address_counts_as_an_address() -> None:
    """"in our hallway in Utrecht, Oudegracht 112" is preferred to an earlier hallway."""
    text = ("The driver left it in the hallway and drove off.\n"
            "It is still standing in our hallway in Utrecht, Oudegracht 112.")
    assert place(text) == "It is still standing in our hallway in Utrecht, Oudegracht 112"


def test_an_address_line_without_a_cue() -> None:
    """A signature line that is an address ("Via Roma 22, Milano") is the place."""
    assert place("Please collect the wrong items.\n\nMaria Rossi\nVia Roma 22, Milano\n") == (
        "Via Roma 22, Milano")


def test_no_cue_and_no_address_line_is_no_place() -> None:
    """A letter without a cue or an address line names no place."""
    assert place("The kettle leaks. Order 82-1140, 2 pcs.\nMaria") is None
