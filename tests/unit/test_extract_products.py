"""Which products and articles are the claim's: not the one sent by mistake in a wrong-item
claim, not the other lines of an attached invoice."""

from __future__ import annotations

import io

import docx

from mailflow.extract.config import default_extract_config, read_catalogue
from mailflow.extract.fields import extract
from mailflow.extract.model import AttachmentInput, ClaimText, FieldName

CONFIG = default_extract_config(read_catalogue(
    "article,name,group,warranty_months\n"
    "VT-7005,Чайник электрический Vitek VT-7005,Бытовая техника,12\n"
    "CF-BEANS1,Coffee beans Lavazza 1 kg,Food,\n"
    "TE-GRN100,Green tea Greenfield 100 bags,Food,\n"
))


def found(body: str, name: FieldName) -> list[str]:
    language = "en" if body.isascii() else "ru"
    extraction = extract(ClaimText("", body, language), CONFIG)
    return [f.value for f in extraction.fields if f.name is name]


def test_the_article_that_arrived_instead_is_dropped() -> None:
    """"Ordered CF-BEANS1, received TE-GRN100": the claim is about the coffee beans."""
    body = "Wrong item: ordered CF-BEANS1 x 6, received TE-GRN100 x 6. Please replace."
    assert found(body, FieldName.PRODUCT_SKU) == ["CF-BEANS1"]


def test_the_product_that_arrived_instead_of_another_thing_is_dropped() -> None:
    """«Пришёл VT-7005, а я заказывал масло»: the kettle is not what the claim is about."""
    body = "Не тот товар. Пришёл VT-7005, а я заказывал масло. Заберите."
    assert found(body, FieldName.PRODUCT_SKU) == []


def test_the_product_in_the_wrong_colour_stays() -> None:
    """«Пришёл чайник Vitek красный, а я заказывала белый»: the same product, another colour."""
    body = "Не тот цвет. Пришёл чайник Vitek красный, а я заказывала белый. Поменяйте."
    assert found(body, FieldName.PRODUCT_NAME) != []


def test_an_attached_invoice_gives_only_the_articles_of_the_products_named() -> None:
    """The letter is about the kettle: the invoice's other lines are not the claim's SKUs;
    without a product in the letter, the invoice's articles are all read."""
    document = docx.Document()
    document.add_paragraph("Счёт № 5: VT-7005 Чайник Vitek — 1 шт.; TE-GRN100 Чай — 2 шт.")
    out = io.BytesIO()
    document.save(out)
    invoice = AttachmentInput("invoice.docx", "application/octet-stream", out.getvalue())
    named = extract(ClaimText("", "Чайник Vitek VT-7005 течёт. Счёт во вложении.", "ru",
                              (invoice,)), CONFIG)
    unnamed = extract(ClaimText("", "Товар течёт. Счёт во вложении.", "ru", (invoice,)), CONFIG)
    assert [f.value for f in named.fields if f.name is FieldName.PRODUCT_SKU] == ["VT-7005"]
    assert [f.value for f in unnamed.fields if f.name is FieldName.PRODUCT_SKU] == [
        "VT-7005", "TE-GRN100"]
