"""Quantities, units and a shortage's ordered and received counts: general rules over
short Russian and English snippets."""

from __future__ import annotations

import io
from datetime import date

import docx
import pytest

from mailflow.extract.config import default_extract_config, read_catalogue
from mailflow.extract.fields import extract
from mailflow.extract.model import AttachmentInput, ClaimText, Extraction, FieldName

CONFIG = default_extract_config(read_catalogue(
    "article,name,group,warranty_months\n"
    "VT-7005,Чайник электрический Vitek VT-7005,Бытовая техника,12\n"
    "MK-HR2470,Перфоратор Makita HR2470,Инструмент,12\n"
    "GR-SOIL50,Universal soil 50 l,Garden,\n"
))


def run(body: str) -> Extraction:
    language = "en" if body.isascii() else "ru"
    return extract(ClaimText("", body, language, reference_date=date(2026, 12, 1)), CONFIG)


def values(extraction: Extraction, name: FieldName) -> list[str]:
    return [f.value for f in extraction.fields if f.name is name]


def counts(body: str) -> tuple[list[str], list[str], list[str]]:
    extraction = run(body)
    return (values(extraction, FieldName.QUANTITY_ORDERED),
            values(extraction, FieldName.QUANTITY_RECEIVED), values(extraction, FieldName.UNIT))


def test_numeral_words_right_after_their_cue_are_counts() -> None:
    """"ordered twelve … got nine" and «Заказывала два … Привезли: один» are shortfalls."""
    assert counts("Shortage: we ordered twelve bags of soil and got nine.")[:2] == (["12"], ["9"])
    assert counts("Недокомплект. Заказывала два стеллажа. Привезли: один стеллаж.")[:2] == (
        ["2"], ["1"])


def test_a_numeral_word_further_from_its_cue_is_not_a_count() -> None:
    """«Заказывала у вас две подушки … пришли, но одна пахнет» is no shortfall."""
    assert counts("Заказывала у вас две подушки. Подушки пришли, но одна пахнет.")[:2] == (
        [], [])


def test_a_number_before_a_month_is_a_date_not_a_count() -> None:
    """«доставили 27 ноября» is a delivery date, not 27 received."""
    extraction = run("Заказывали воду, 4 бутыли, заказ 91-7720, доставили 27 ноября.")
    assert values(extraction, FieldName.QUANTITY_RECEIVED) == []
    assert (values(extraction, FieldName.QUANTITY), values(extraction, FieldName.UNIT)) == (
        ["4"], ["pcs"])


def test_a_document_number_with_its_date_is_not_the_ordered_count() -> None:
    """«по накладной 118 от 28.11» is the waybill's number; «по документам 150 кг» counts."""
    assert counts("Недовес: по накладной 118 от 28.11 получили корм, по документам 150 кг, "
                  "при взвешивании 141,5 кг.") == (["150"], ["141.5"], ["kg"])


@pytest.mark.parametrize(("body", "ordered", "received"), [
    ("Shortage: only 2 of the 5 rotary hammers arrived.", ["5"], ["2"]),
    ("3 of the 10 pans from order 40-6620 arrived damaged with bent handles.", [], []),
])
def test_n_of_m_is_a_shortfall_only_in_a_shortage(body: str, ordered: list[str],
                                                  received: list[str]) -> None:
    """"2 of the 5 arrived" in a shortage is received of ordered; "3 of the 10 pans" in a
    damage claim are the damaged ones."""
    assert counts(body)[:2] == (ordered, received)


def test_a_shortage_may_give_its_counts_in_two_sentences() -> None:
    """"I ordered 20 packs … The box arrived and there are only 12 packs" pairs 20 and 12."""
    assert counts("Shortage! I ordered 20 packs of napkins for a wedding this Saturday. "
                  "The box arrived today and there are only 12 packs in it.") == (
        ["20"], ["12"], ["pack"])


@pytest.mark.parametrize(("body", "units"), [
    ("Недостача: должно было быть 3 места, привезли 2.", []),
    ("Недостача: кресла — 18 из 20. Довезите 2 шт.", ["pcs"]),
    ("Short delivery:\ntoner: ordered 20, received 15\npaper: ordered 50 boxes, received 48",
     ["pcs", "box"]),
])
def test_a_shortfalls_unit_is_the_one_the_letter_writes(body: str, units: list[str]) -> None:
    """The unit comes from the counts or their line; pieces for an unlabelled line among
    labelled ones; none when the letter names no unit."""
    assert counts(body)[2] == units


def test_a_table_with_units_in_its_cells() -> None:
    """A «По счёту | Получено» table whose cells say «упак.» gives packs."""
    body = ("Недопоставка:\nНаименование| По счёту| Получено\n---|---|---\n"
            "Перчатки нитриловые| 120 упак.| 100 упак.\n")
    assert counts(body) == (["120"], ["100"], ["pack"])


def test_one_quantity_per_product() -> None:
    """The count bought is kept; a later count of the faulty ones of the same product is not."""
    extraction = run("Перфораторы Makita HR2470, 12 шт. При проверке 5 шт. не включаются.")
    assert values(extraction, FieldName.QUANTITY) == ["12"]


def test_the_product_right_after_a_count_is_the_one_counted() -> None:
    """"10 bags universal soil … approx 40 kg lost": the 40 kg are of the same product."""
    extraction = run("10 bags universal soil, 3 split open, approx 40 kg lost.")
    assert (values(extraction, FieldName.QUANTITY), values(extraction, FieldName.UNIT)) == (
        ["10"], ["pcs"])


def test_a_count_said_twice_is_one_quantity() -> None:
    """«повреждены 2 упаковки … Просим заменить 2 упак.» is one quantity of 2 packs."""
    extraction = run("Повреждены 2 упаковки ламината. Просим заменить 2 упак.")
    assert values(extraction, FieldName.QUANTITY) == ["2"]


@pytest.mark.parametrize("body", [
    "hey, ordered the 10kg dumbbell set, got a single 5kg kettlebell",
    "Заказывала наполнитель древесный 10 кг, а пришёл силикагелевый 5 л.",
    "He left a 1.5 m scratch on the floor.",
])
def test_sizes_are_not_quantities(body: str) -> None:
    """A measure glued to its number, after an article or after a describing word is a
    size («силикагелевый 5 л»), not how much was bought."""
    assert values(run(body), FieldName.QUANTITY) == []


def test_measures_after_a_verb_are_quantities() -> None:
    """«привезли 25 кг» is how much arrived."""
    assert values(run("Привезли 25 кг вместо 50, брак."), FieldName.QUANTITY) == ["25"]


def test_counts_after_articles_and_times_signs() -> None:
    """«VT-7005 — 12 шт., MK-HR2470 — 2 шт.» and "x2." give one quantity per article."""
    assert values(run("Брак: VT-7005 — 12 шт. не греют, MK-HR2470 — 2 шт. не включаются."),
                  FieldName.QUANTITY) == ["12", "2"]
    assert values(run("I ordered VT-7005 (kettle) x4 and MK-HR2470 (drill) x2."),
                  FieldName.QUANTITY) == ["4", "2"]


def test_two_pcs_are_computers_not_pieces() -> None:
    """A unit word in mixed case ("PCs") is a noun of its own, not the abbreviation."""
    assert values(run("Tried two cables and 2 PCs, the monitor still flickers."),
                  FieldName.QUANTITY) == []



def docx_with(text: str) -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_an_attached_claim_document_gives_the_quantity_and_product() -> None:
    """«Претензия во вложении»: the attached claim's count and product are read; an
    attached invoice's lines are not quantities claimed."""
    claim = docx_with("ПРЕТЕНЗИЯ. Поставлены перфораторы Makita HR2470 в количестве 6 шт., "
                      "все не включаются.")
    invoice = docx_with("Счёт № 5. Перфоратор Makita HR2470, 1 шт.")
    read = {}
    for name, payload in (("claim", claim), ("invoice", invoice)):
        attachment = AttachmentInput("document.docx", "application/octet-stream", payload)
        text = ClaimText("Документы", "Добрый день, документ во вложении.", "ru", (attachment,))
        read[name] = extract(text, CONFIG)
    assert values(read["claim"], FieldName.QUANTITY) == ["6"]
    assert values(read["claim"], FieldName.PRODUCT_NAME) == ["перфораторы Makita HR2470"]
    assert values(read["invoice"], FieldName.QUANTITY) == []
    assert values(read["invoice"], FieldName.PRODUCT_NAME) == []


def test_a_numeral_word_before_a_product_is_its_count() -> None:
    """"I ordered two Makita HR2470 drills" counts 2 pieces of that product."""
    extraction = run("I ordered two Makita HR2470 drills and one has no charger.")
    assert (values(extraction, FieldName.QUANTITY), values(extraction, FieldName.UNIT)) == (
        ["2"], ["pcs"])


def test_a_count_before_a_product_takes_the_unit_its_name_is_counted_in() -> None:
    """"6 Tefal Natura cookware sets" are counted in sets, not pieces."""
    catalogue = read_catalogue("article,name,group,warranty_months\n"
                               "TF-NAT6,Tefal Natura cookware set,Kitchen,\n")
    text = ClaimText("", "We are waiting for 6 Tefal Natura cookware sets, order 40-1.", "en")
    extraction = extract(text, default_extract_config(catalogue))
    assert (values(extraction, FieldName.QUANTITY), values(extraction, FieldName.UNIT)) == (
        ["6"], ["set"])


@pytest.mark.parametrize(("body", "quantity"), [
    ("We bought 12 chairs and three have wobbly legs.", ["12"]),
    ("I bought 2 November a kettle that leaks.", []),
    ("We ordered 2 weeks ago and the table wobbles.", []),
])
def test_a_count_right_after_a_purchase_verb_is_the_quantity(body: str,
                                                             quantity: list[str]) -> None:
    """"bought 12 chairs" counts what was bought; a date or a time span after the verb
    is no count."""
    assert values(run(body), FieldName.QUANTITY) == quantity


@pytest.mark.parametrize(("body", "ordered", "received"), [
    ("Недопоставка: получили 15 упаковок вместо 20.", ["20"], ["15"]),
    ("Short delivery: we received 18 boxes instead of 24.", ["24"], ["18"]),
    ("Недостача: вместо 6 банок привезли 4 банки.", ["6"], ["4"]),
    ("Недостача: из 24 банок корма пришло только 20.", ["24"], ["20"]),
])
def test_instead_of_and_out_of_in_a_shortage(body: str, ordered: list[str],
                                              received: list[str]) -> None:
    """«15 вместо 20», "18 instead of 24", «вместо 6 привезли 4» and «из 24 пришло 20» give
    the ordered and received counts in a shortage."""
    assert counts(body)[:2] == (ordered, received)


@pytest.mark.parametrize(("body", "ordered", "received"), [
    ("Недовес: оплатили 30 кг кофе, получили 27 кг.", ["30"], ["27"]),
    ("Short delivery: invoice INV-664120 says 40 cartons, we received 36 cartons.",
     ["40"], ["36"]),
    ("Missing chairs: the order was for 10 bar stools; 8 were delivered.", ["10"], ["8"]),
    ("Shortage: we paid for 12 packs, there were only 9 in the box.", ["12"], ["9"]),
])
def test_more_ordered_and_received_words_in_a_shortage(body: str, ordered: list[str],
                                                       received: list[str]) -> None:
    """"paid for", «оплатили», "the invoice says", "the order was for" name the ordered count
    and "there were only" the received one in a letter about a shortage."""
    assert counts(body)[:2] == (ordered, received)


def test_a_shortage_on_two_labelled_lines() -> None:
    """"Qty ordered: 20 boxes" and "Qty received: 17 boxes" on the next line are one pair."""
    assert counts("Short delivery on order 40-8120:\nQty ordered: 20 boxes\n"
                  "Qty received: 17 boxes\n") == (["20"], ["17"], ["box"])


def test_instead_of_in_a_wrong_item_is_no_shortfall() -> None:
    """"sent size 48 instead of 52" in a wrong-item letter is a size, not counts."""
    assert counts("Wrong item: you sent the jacket in size 48 instead of 52.")[:2] == ([], [])


@pytest.mark.parametrize("body", [
    "Брак: 2 ноября купила чайник Vitek VT-7005, он течёт.",
    "Faulty: 3 weeks ago I bought the Makita HR2470 and it stopped working.",
])
def test_a_date_or_a_while_before_a_product_is_no_count(body: str) -> None:
    """«2 ноября купила чайник» and "3 weeks ago … the Makita" give no quantity."""
    extraction = run(body)
    assert values(extraction, FieldName.QUANTITY) == []


@pytest.mark.parametrize(("body", "quantity", "unit"), [
    ("Брак: чайник Vitek VT-7005, кол-во: 2, оба текут.", ["2"], ["pcs"]),
    ("Damaged: Makita HR2470, Qty: 3 - all cracked.", ["3"], ["pcs"]),
    ("Брак: чайник Vitek VT-7005, количество 4 упак., все текут.", ["4"], ["pack"]),
    ("Broken: 6 jars of honey arrived cracked.", ["6"], ["pcs"]),
])
def test_a_labelled_count_and_more_piece_words(body: str, quantity: list[str],
                                               unit: list[str]) -> None:
    """"Qty: 3" and «кол-во: 2» count pieces unless a unit follows; jars, tubes, crates,
    «флаконы», «тюбики» and «канистры» are pieces."""
    extraction = run(body)
    assert (values(extraction, FieldName.QUANTITY), values(extraction, FieldName.UNIT)) == (
        quantity, unit)
