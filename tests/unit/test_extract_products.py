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


MAKERS = default_extract_config(read_catalogue(
    "article,name,group,warranty_months\n"
    "RD-M903,Мультиварка Redmond RMC-M903,Бытовая техника,12\n"
    "MK-HR2470,Перфоратор Makita HR2470,Инструмент,12\n"
))


def test_more_cue_words_name_an_article() -> None:
    """"item no. FL-2207", «артикулом KR-VC3» and «модели BN-750» are the article after
    its cue word, in any case form."""
    assert found("Damaged lamp: the floor lamp (item no. FL-2207) arrived cracked.",
                 FieldName.PRODUCT_SKU) == ["FL-2207"]
    assert found("Брак: пылесос с артикулом KR-VC3 перестал всасывать.",
                 FieldName.PRODUCT_SKU) == ["KR-VC3"]
    assert found("Брак: блендер модели BN-750 не включается.", FieldName.PRODUCT_SKU) == [
        "BN-750"]


def test_a_code_in_brackets_after_a_word_is_an_article() -> None:
    """"набор бит (ZB-DS18)" gives the article; a document number in brackets
    ("(ТН-4418)", "(INV-558120)") does not."""
    assert found("Недокомплект: набор бит Зубр (ZB-DS18), трёх бит не хватает.",
                 FieldName.PRODUCT_SKU) == ["ZB-DS18"]
    assert found("Недостача по накладной (ТН-4418) и счёту (INV-558120).",
                 FieldName.PRODUCT_SKU) == []


def test_a_makers_model_other_than_the_shops_article_is_the_sku() -> None:
    """"Redmond RMC-M903" (the shop's article is RD-M903) names the product's model; the
    code the article repeats ("Makita HR2470" for MK-HR2470) does not."""
    def sku(body: str) -> list[str]:
        extraction = extract(ClaimText("", body, "ru"), MAKERS)
        return [f.value for f in extraction.fields if f.name is FieldName.PRODUCT_SKU]

    assert sku("Брак: мультиварка Redmond RMC-M903 не греет.") == ["RMC-M903"]
    assert sku("Брак: перфоратор Makita HR2470 не включается.") == []
