"""Carriers named in a claim (field `carrier`) and suppliers known from the catalogue
(field `supplier`): matching rules, provenance, configuration."""

from __future__ import annotations

import io
import os
from pathlib import Path

import docx
import pytest

from mailflow.config import load_settings
from mailflow.domain.labels import field_label, source_label
from mailflow.errors import ConfigError
from mailflow.extract.carriers import DEFAULT_CARRIERS, Carrier, carriers_in
from mailflow.extract.config import default_extract_config, read_catalogue
from mailflow.extract.fields import extract
from mailflow.extract.model import AttachmentInput, ClaimText, FieldName, Source

CATALOGUE_CSV = (
    "article,name,group,warranty_months,supplier\n"
    "VT-7005,Чайник электрический Vitek VT-7005,Бытовая техника,12,ООО Витек-Опт\n"
    "CF-BEANS1,Coffee beans Lavazza 1 kg,Food,,Lavazza Distribution\n"
    "TE-GRN100,Green tea Greenfield 100 bags,Food,,\n"
)
CONFIG = default_extract_config(read_catalogue(CATALOGUE_CSV))


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(os.environ):
        if name.startswith("MAILFLOW_"):
            monkeypatch.delenv(name)


def named(text: str) -> list[tuple[str, str]]:
    return [(hit.name, text[hit.start:hit.end]) for hit in carriers_in(text, DEFAULT_CARRIERS)]


def values(body: str, name: FieldName, attachments: tuple[AttachmentInput, ...] = ()
           ) -> list[str]:
    language = "en" if body.isascii() else "ru"
    extraction = extract(ClaimText("", body, language, attachments), CONFIG)
    return [f.value for f in extraction.fields if f.name is name]


@pytest.mark.parametrize(("text", "expected"), [
    ("Товар отправили СДЭКом, коробка мятая", [("СДЭК", "СДЭКом")]),
    ("посылка пришла почтой России", [("Почта России", "почтой России")]),
    ("доставили Деловыми Линиями", [("Деловые Линии", "Деловыми Линиями")]),
    ("shipped with CDEK, then DHL's van", [("СДЭК", "CDEK"), ("DHL", "DHL's")]),
    ("забрал в пункте сдэк", [("СДЭК", "сдэк")]),
    ("ТК «Энергия» привезла", [("ТК Энергия", "ТК «Энергия")]),
    ("через Байкал-Сервис", [("Байкал Сервис", "Байкал-Сервис")]),
    ("Яндекс.Доставкой", [("Яндекс Доставка", "Яндекс.Доставкой")]),
    ("отгрузили КИТом", [("КИТ", "КИТом")]),
])
def test_carriers_in_both_scripts_and_russian_case_forms(
        text: str, expected: list[tuple[str, str]]) -> None:
    """A carrier is found in Cyrillic or Latin spelling, in any Russian case form, and
    stored under its configured name."""
    assert named(text) == expected


@pytest.mark.parametrize("text", [
    "life has its ups and downs",          # UPS only in capitals
    "Ups, the box was empty",
    "кит выбросился на берег",              # «КИТ» only in capitals
    "нет энергии, чайник не греет",        # «энергия» alone is not the carrier
    "odpdx and rdhl codes",                # never inside another word
    "Почта\nРоссии",                       # a phrase does not run over a line break
])
def test_no_carrier_in_ordinary_words(text: str) -> None:
    """Short acronyms match only in capitals, aliases only as whole words and phrases
    only on one line, so ordinary words are not carriers."""
    assert named(text) == []


def test_ups_in_capitals_is_the_carrier() -> None:
    """"UPS" written in capitals is the carrier even next to the ordinary word."""
    assert named("ups and downs: shipped via UPS") == [("UPS", "UPS")]


def test_the_carrier_field_keeps_its_source_and_span() -> None:
    """The field `carrier` carries the canonical name, the body as source, the span of the
    words as written and the rule `carrier`; each carrier is stored once."""
    body = "Заказ везли СДЭКом. Потом СДЭК потерял коробку."
    extraction = extract(ClaimText("", body, "ru"), CONFIG)
    (field,) = [f for f in extraction.fields if f.name is FieldName.CARRIER]
    assert (field.value, field.source, field.rule) == ("СДЭК", Source.BODY, "carrier")
    assert body[field.start:field.end] == "СДЭКом"


def test_a_carrier_named_in_an_attachment_is_found() -> None:
    """A carrier named only in an attached document is read from there."""
    document = docx.Document()
    document.add_paragraph("Акт. Перевозчик: ПЭК, груз повреждён.")
    out = io.BytesIO()
    document.save(out)
    note = AttachmentInput("akt.docx", "application/octet-stream", out.getvalue())
    extraction = extract(ClaimText("", "Акт во вложении.", "ru", (note,)), CONFIG)
    (field,) = [f for f in extraction.fields if f.name is FieldName.CARRIER]
    assert (field.value, field.source, field.attachment) == (
        "ПЭК", Source.ATTACHMENT_TEXT, "akt.docx")


def test_the_supplier_comes_from_the_catalogue_entry_of_the_product() -> None:
    """A product matched to a catalogue entry with a supplier gives the field `supplier`
    (source and rule `catalogue`, the span of the product's name, the product's item)."""
    body = "Купил чайник Vitek VT-7005, он течёт."
    extraction = extract(ClaimText("", body, "ru"), CONFIG)
    (supplier,) = [f for f in extraction.fields if f.name is FieldName.SUPPLIER]
    (product,) = [f for f in extraction.fields if f.name is FieldName.PRODUCT_NAME]
    assert (supplier.value, supplier.source, supplier.rule) == (
        "ООО Витек-Опт", Source.CATALOGUE, "catalogue")
    assert (supplier.start, supplier.end, supplier.item) == (
        product.start, product.end, product.item)


def test_a_product_named_by_its_article_alone_has_its_supplier() -> None:
    """The article alone («артикул CF-BEANS1») finds the catalogue entry and its supplier."""
    assert values("Пришёл товар артикул CF-BEANS1, упаковка порвана.",
                  FieldName.SUPPLIER) == ["Lavazza Distribution"]


def test_no_supplier_without_one_in_the_catalogue() -> None:
    """A product whose entry names no supplier, or no catalogue product, gives none."""
    assert values("The Green tea Greenfield 100 bags arrived wet.", FieldName.SUPPLIER) == []
    assert values("The parcel arrived wet.", FieldName.SUPPLIER) == []


def test_the_catalogue_reads_with_and_without_the_supplier_column() -> None:
    """The supplier column is optional: an older CSV loads with empty suppliers."""
    old = read_catalogue("article,name,group,warranty_months\nVT-7005,Чайник Vitek,Техника,12\n")
    assert [(e.article, e.supplier) for e in old] == [("VT-7005", "")]
    new = read_catalogue(CATALOGUE_CSV)
    assert [e.supplier for e in new] == ["ООО Витек-Опт", "Lavazza Distribution", ""]


def test_carriers_are_not_required_by_default() -> None:
    """No category asks the customer for the carrier or the supplier by default."""
    settings = load_settings(None).extraction
    assert all(name not in ("carrier", "supplier")
               for names in settings.required.values() for name in names)


def test_configured_carriers_extend_or_replace_the_built_in_list(tmp_path: Path) -> None:
    """`[[extraction.carriers]]` adds a carrier to the built-in ones (the same name
    replaces its aliases); builtin_carriers = false keeps only the configured ones."""
    path = tmp_path / "mailflow.toml"
    path.write_text('[[extraction.carriers]]\nname = "Мейджик Транс"\n'
                    'aliases = ["Magic Trans"]\n', encoding="utf-8")
    carriers = load_settings(path).extraction.carrier_list()
    assert carriers[-1] == Carrier("Мейджик Транс", ("Magic Trans",))
    assert len(carriers) == len(DEFAULT_CARRIERS) + 1
    path.write_text('[extraction]\nbuiltin_carriers = false\n[[extraction.carriers]]\n'
                    'name = "СДЭК"\naliases = ["сдэк"]\n', encoding="utf-8")
    assert load_settings(path).extraction.carrier_list() == (Carrier("СДЭК", ("сдэк",)),)


def test_a_carrier_without_letters_names_its_key(tmp_path: Path) -> None:
    """A carrier's name must have letters; the error names the key and the file."""
    path = tmp_path / "mailflow.toml"
    path.write_text('[[extraction.carriers]]\nname = "123"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    assert caught.value.path == str(path)
    assert "extraction.carriers" in (caught.value.key or "")


@pytest.mark.parametrize("language", ["ru", "en"])
def test_the_specialists_table_names_carrier_supplier_and_catalogue(language: str) -> None:
    """The specialist's field table shows the new fields and the catalogue source in words,
    not as codes, in both languages."""
    assert field_label("carrier", language) != "carrier"
    assert field_label("supplier", language) != "supplier"
    assert source_label("catalogue", language) != "catalogue"
