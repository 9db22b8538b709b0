"""A shortage's ordered and received counts read clause by clause (extract/clause_counts.py):
each count takes the side of the nearest cue of its clause, in both languages."""

from __future__ import annotations

import pytest

from mailflow.extract.clause_counts import Side, clause_pairs, sided_counts
from tests.unit.test_extract_quantities import counts


def pairs(text: str) -> list[tuple[str, str]]:
    return [(ordered.value, received.value) for ordered, received in clause_pairs(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("We got 8 boxes but ordered 10.", ("10", "8")),
    ("Прислали 3 стула, а заказывали 4.", ("4", "3")),
    ("Привезли 18 мешков, а в заказе 20.", ("20", "18")),
    ("you delivered 18 boxes, the order was for 20", ("20", "18")),
])
def test_the_received_count_may_come_before_the_ordered_one(
        text: str, expected: tuple[str, str]) -> None:
    """A letter that says what came before what was ordered still pairs the two counts."""
    assert pairs(text) == [expected]


@pytest.mark.parametrize(("text", "expected"), [
    ("Заказ на 20 коробок, получили 18.", ("20", "18")),
    ("заказ был на 10 штук, а доставлено 8", ("10", "8")),
    ("Заказывал 3 шт, а получил 2", ("3", "2")),
    ("Я заказал 4 стула, курьер привёз 3.", ("4", "3")),
    ("I ordered 12 mugs. The courier brought 10.", ("12", "10")),
    ("Order: 6 pcs, delivered: 5 pcs", ("6", "5")),
    ("Invoice says 30, we have 27.", ("30", "27")),
    ("по накладной 100 кг, по весам 92,4 кг", ("100", "92.4")),
])
def test_each_count_takes_the_side_of_the_nearest_cue_in_its_clause(
        text: str, expected: tuple[str, str]) -> None:
    """Word forms of ordering and receiving, in either language, each name their count."""
    assert pairs(text) == [expected]


@pytest.mark.parametrize(("text", "expected"), [
    ("There should have been 12 in the pack, there are 10.", ("12", "10")),
    ("В упаковке должно быть 10 штук, а там 8.", ("10", "8")),
    ("We were supposed to get 10 and got 8.", ("10", "8")),
])
def test_what_should_have_been_is_the_ordered_count(
        text: str, expected: tuple[str, str]) -> None:
    """A clause saying what should have been is about the order, whatever verb it uses."""
    assert pairs(text) == [expected]


@pytest.mark.parametrize(("text", "expected"), [
    ("Out of 24 bottles, only 20 arrived.", ("24", "20")),
    ("Only 45 were delivered out of 50", ("50", "45")),
    ("пришло всего 7 штук из 10 заказанных", ("10", "7")),
    ("you delivered 44 of 48 cases", ("48", "44")),
])
def test_out_of_names_the_ordered_count(text: str, expected: tuple[str, str]) -> None:
    """The count after «из», "out of" or "44 of" is the ordered one."""
    assert pairs(text) == [expected]


def test_two_lines_pair_within_their_own_sentences() -> None:
    """Two products' lines pair each with itself, not with a count of the line before."""
    text = ("The check found two lines short:\n\nToner: ordered 20, received 15\n"
            "Paper: ordered 50 boxes, received 48")
    assert pairs(text) == [("20", "15"), ("50", "48")]


@pytest.mark.parametrize("text", [
    "Order 82-3301 for 20 chairs arrived on 28 November with 2 chairs missing.",
    "Заказ 77-1234 от 12.11 на 3 500 руб. Привезли не всё: нет 2 коробок.",
    "Не привезли 5 упаковок из заказа 77-4521.",
    "We paid £120 for 6 boxes, 2 boxes never arrived.",
    "Заказ 88-1140 пришёл 28.11, в нём не хватает 3 банок краски.",
    "по накладной 118 от 28.11 получили корм",
])
def test_missing_counts_dates_money_and_document_numbers_make_no_pair(text: str) -> None:
    """A count of what is missing, a date, a sum or a document's number is neither side."""
    assert pairs(text) == []


def test_more_received_than_ordered_is_no_shortage() -> None:
    """Two counts of opposite sides pair only when fewer came than were ordered."""
    assert pairs("Заказали 5 шт., привезли 7 шт.") == []


def test_a_numeral_word_needs_its_cue_right_before_it() -> None:
    """«привезли восемь» is a count; "found two lines short" is not a received count."""
    assert [c.side for c in sided_counts("мы заказывали десять стульев, а привезли восемь")] == [
        Side.ORDERED, Side.RECEIVED]
    assert sided_counts("The goods-in check found two lines short") == []


def test_a_shortage_letter_falls_back_to_the_clause_reading() -> None:
    """In a shortage letter the fixed phrasings find nothing here; the clause reading does."""
    assert counts("Недостача по заказу 77-1234: прислали 3 стула, а заказывали 4.")[:2] == (
        ["4"], ["3"])


def test_a_document_number_or_a_price_is_no_ordered_count() -> None:
    """"Order 82-7781: 12 packs ordered" and "(£120.50): 6 mugs ordered" pair 12 and 6."""
    assert counts("Short. Order 82-7781: 12 packs ordered, 10 packs delivered.")[:2] == (
        ["12"], ["10"])
    assert counts("Short delivery. Order 40-2211 (£120.50): 6 mugs ordered, 4 arrived.")[:2] == (
        ["6"], ["4"])


def test_two_instead_of_pairs_in_one_sentence() -> None:
    """«вместо 12 банок привезли 10, вместо 4 валиков — 3» are two pairs, not 10 for 4."""
    body = ("Недостача: 25.11 получили заказ 88-2020: вместо 12 банок краски привезли 10, "
            "вместо 4 валиков — 3.")
    assert counts(body)[:2] == (["12", "4"], ["10", "3"])
