"""The extractor's field rules over realistic snippets of Russian and English claims."""

from __future__ import annotations

from datetime import date

import pytest

from mailflow.extract.config import CatalogueEntry, default_extract_config, read_catalogue
from mailflow.extract.fields import extract
from mailflow.extract.model import (
    AttachmentInput,
    ClaimText,
    Demand,
    Extraction,
    FieldName,
    Source,
)

CATALOGUE = read_catalogue(
    "article,name,group,warranty_months\n"
    "VT-7005,Чайник электрический Vitek VT-7005,Бытовая техника,12\n"
    "SC-SI30K18,Утюг Scarlett SC-SI30K18,Бытовая техника,12\n"
    "MK-HR2470,Перфоратор Makita HR2470,Инструмент,12\n"
    "BO-GSR120,Дрель-шуруповёрт Bosch GSR 120-LI,Инструмент,24\n"
    "PH-HD9252,Аэрогриль Philips HD9252,Бытовая техника,24\n"
    "XM-RN12,Смартфон Xiaomi Redmi Note 12 128GB,Телефоны,12\n"
    "BS-KGN39,Холодильник Bosch KGN39VL25R,Бытовая техника,36\n"
)
CONFIG = default_extract_config(CATALOGUE)
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00"


def run(body: str, subject: str = "", language: str = "ru",
        attachments: tuple[AttachmentInput, ...] = ()) -> Extraction:
    text = ClaimText(subject, body, language, attachments, reference_date=date(2026, 12, 1))
    return extract(text, CONFIG)


def values(extraction: Extraction, name: FieldName) -> list[str]:
    return [f.value for f in extraction.fields if f.name is name]


def test_order_number_after_russian_cue_with_exact_span() -> None:
    """«Заказ № 91-2207» gives the order number with the span of the number itself."""
    body = "Добрый вечер. Заказ № 91-2207, доставка была назначена на 28.11."
    found = [f for f in run(body).fields if f.name is FieldName.ORDER_NUMBER]
    assert [f.value for f in found] == ["91-2207"]
    assert body[found[0].start : found[0].end] == "91-2207"
    assert found[0].source is Source.BODY


def test_document_numbers_of_each_kind_in_english() -> None:
    """PO, invoice, waybill and contract cues in English each give their own field."""
    body = ("We received delivery against our PO 7781 (your invoice INV-560031), "
            "waybill no. 55-812, under contract SC-2026-0917.")
    extraction = run(body, language="en")
    assert values(extraction, FieldName.ORDER_NUMBER) == ["7781"]
    assert values(extraction, FieldName.INVOICE_NUMBER) == ["INV-560031"]
    assert values(extraction, FieldName.WAYBILL_NUMBER) == ["55-812"]
    assert values(extraction, FieldName.CONTRACT_NUMBER) == ["SC-2026-0917"]


def test_russian_invoice_and_waybill_cues() -> None:
    """«по счёту № 5521» is an invoice and «накладной ТН-4418» a waybill, not orders."""
    extraction = run("По счёту № 5521 от 12.11.2026 и по накладной ТН-4418 недостача.")
    assert values(extraction, FieldName.INVOICE_NUMBER) == ["5521"]
    assert values(extraction, FieldName.WAYBILL_NUMBER) == ["ТН-4418"]
    assert values(extraction, FieldName.ORDER_NUMBER) == []


def test_order_number_in_attachment_name() -> None:
    """An order number only in the file name «Заказ_ЗК-70011.pdf» is found there."""
    attachment = AttachmentInput("Заказ_ЗК-70011.pdf", "application/pdf", b"%PDF-1.4 broken")
    found = [f for f in run("Претензия во вложении.", attachments=(attachment,)).fields
             if f.name is FieldName.ORDER_NUMBER]
    assert [(f.value, f.source, f.attachment) for f in found] == [
        ("ЗК-70011", Source.ATTACHMENT_NAME, "Заказ_ЗК-70011.pdf")
    ]


def test_the_same_number_in_subject_and_body_counts_once() -> None:
    """An order number repeated in the subject and the body is one value."""
    extraction = run("Заказ 77-1045 получили битым.", subject="Заказ 77-1045 пришел битый")
    assert values(extraction, FieldName.ORDER_NUMBER) == ["77-1045"]


def test_a_date_after_a_cue_is_not_an_order_number() -> None:
    """«заказ от 20.11» has no order number: a date is not a number of a document."""
    assert values(run("Мой заказ от 20.11 не пришёл."), FieldName.ORDER_NUMBER) == []


@pytest.mark.parametrize(
    ("written", "amount", "currency"),
    [
        ("Прошу вернуть 1 500 руб. за товар", "1500.00", "RUB"),
        ("Верните 1500,00 ₽ на карту", "1500.00", "RUB"),
        ("Please refund RUB 1,500.50 to me", "1500.50", "RUB"),
        ("I want my $25 back", "25.00", "USD"),
        ("Refund 25 USD please", "25.00", "USD"),
        ("Refund €10 please", "10.00", "EUR"),
        ("верните деньги 5 990 р", "5990.00", "RUB"),
    ],
)
def test_amounts_and_currencies(written: str, amount: str, currency: str) -> None:
    """Amounts written in the usual ways become two decimals and an ISO 4217 code."""
    extraction = run(written, language="en" if written.isascii() else "ru")
    assert values(extraction, FieldName.AMOUNT) == [amount]
    assert values(extraction, FieldName.CURRENCY) == [currency]


def test_the_amount_asked_for_wins_over_a_price_mentioned() -> None:
    """Of two amounts the one in the sentence asking for money back is the claimed one."""
    body = ("The final charge was the full 89.90 EUR. "
            "Could you refund the difference of 13.49 EUR to my card?")
    assert values(run(body, language="en"), FieldName.AMOUNT) == ["13.49"]


@pytest.mark.parametrize(
    ("written", "language", "e164"),
    [
        ("Тел. 8 916 123-45-67, Ольга", "ru", "+79161234567"),
        ("+7 (495) 777-11-22 доб. 114", "ru", "+74957771122"),
        ("You can reach me on +353 87 123 4567.", "en", "+353871234567"),
        ("Jake Morrison (617) 555-0199", "en", "+16175550199"),
    ],
)
def test_phones_to_e164(written: str, language: str, e164: str) -> None:
    """Phones in national and international forms are normalised to E.164."""
    assert values(run(written, language=language), FieldName.PHONE) == [e164]


def test_a_tax_number_is_not_a_phone() -> None:
    """Ten digits after «ИНН» are a tax number, not a phone."""
    assert values(run("ООО Ромашка, ИНН 7701234567"), FieldName.PHONE) == []


def test_dates_of_purchase_and_delivery() -> None:
    """A date after «купил» is the purchase date, one after «доставлен» the delivery date,
    and a date without a year takes the year of the letter."""
    body = "Купил утюг 20 ноября, заказ был доставлен 27.11.2026, через три дня сломался."
    extraction = run(body)
    assert values(extraction, FieldName.PURCHASE_DATE) == ["2026-11-20"]
    assert values(extraction, FieldName.DELIVERY_DATE) == ["2026-11-27"]


def test_english_dates_in_words_and_month_first_slashes() -> None:
    """«the 14th of November» and the US form 11/03/2026 are read as English dates."""
    assert values(run("I placed the order on the 14th of November.", language="en"),
                  FieldName.PURCHASE_DATE) == ["2026-11-14"]
    assert values(run("I bought it back on 11/03/2026 and it broke.", language="en"),
                  FieldName.PURCHASE_DATE) == ["2026-11-03"]


def test_a_date_without_a_cue_is_not_taken() -> None:
    """«Обещали 25 ноября» says neither purchase nor delivery, so no date is recorded."""
    extraction = run("И где? Обещали 25 ноября.")
    assert values(extraction, FieldName.PURCHASE_DATE) == []
    assert values(extraction, FieldName.DELIVERY_DATE) == []


@pytest.mark.parametrize(
    ("body", "language", "demands"),
    [
        ("Прошу вернуть деньги за товар.", "ru", [Demand.REFUND]),
        ("Требую возврат средств.", "ru", [Demand.REFUND]),
        ("Верните деньги!", "ru", [Demand.REFUND]),
        ("Прошу заменить чайник.", "ru", [Demand.REPLACEMENT]),
        ("Хочу обмен на исправный.", "ru", [Demand.REPLACEMENT]),
        ("Просим отремонтировать по гарантии.", "ru", [Demand.REPAIR]),
        ("Прошу уменьшить цену на 20%.", "ru", [Demand.PRICE_REDUCTION]),
        ("Требуем возместить убытки.", "ru", [Demand.COMPENSATION]),
        ("Просим довезти недостающие 4 мешка.", "ru", [Demand.DELIVERY_OF_MISSING]),
        ("I'd like a replacement, or a refund is fine too.", "en",
         [Demand.REPLACEMENT, Demand.REFUND]),
        ("Please dispatch the missing items.", "en", [Demand.DELIVERY_OF_MISSING]),
    ],
)
def test_demands_by_lemma(body: str, language: str, demands: list[Demand]) -> None:
    """Demands are recognised in any word form, in the order they are written."""
    assert values(run(body, language=language), FieldName.DEMAND) == [d.value for d in demands]


def test_returning_goods_without_money_is_not_a_refund() -> None:
    """«вернуть» without money nearby (return the wrong item) is not a refund demand."""
    assert values(run("Могу вернуть неправильный товар курьеру."), FieldName.DEMAND) == []


def test_products_from_the_catalogue_with_typos_and_transliteration() -> None:
    """«утюг скарлет» is the Scarlett iron, and two products are two items with SKUs."""
    extraction = run("купил у вас утюг скарлет, не греет")
    assert values(extraction, FieldName.PRODUCT_NAME) == ["утюг скарлет"]
    body = ("В партии перфораторов Makita HR2470 (арт. MK-HR2470, 5 шт.) два не включаются, "
            "а у дрели-шуруповёрта Bosch GSR 120-LI (арт. BO-GSR120, 3 шт.) аккумулятор сел.")
    extraction = run(body)
    products = [f for f in extraction.fields if f.name is FieldName.PRODUCT_NAME]
    assert [f.item for f in products] == [0, 1]
    assert "Makita HR2470" in products[0].value
    assert "Bosch GSR 120-LI" in products[1].value
    assert values(extraction, FieldName.PRODUCT_SKU) == ["MK-HR2470", "BO-GSR120"]
    assert values(extraction, FieldName.QUANTITY) == ["5", "3"]
    assert values(extraction, FieldName.UNIT) == ["pcs", "pcs"]
    quantities = [f for f in extraction.fields if f.name is FieldName.QUANTITY]
    assert [f.item for f in quantities] == [0, 1]


def test_an_sku_written_without_the_shop_prefix() -> None:
    """«HD9252» is the catalogue article PH-HD9252, recorded as written."""
    extraction = run("I bought the Philips air fryer (HD9252) in November.", language="en")
    assert values(extraction, FieldName.PRODUCT_SKU) == ["HD9252"]
    assert values(extraction, FieldName.PRODUCT_NAME) == ["Philips air fryer (HD9252"]


def test_no_catalogue_no_products() -> None:
    """Without a catalogue no product is guessed."""
    text = ClaimText("", "чайник Vitek VT-7005 треснул", "ru")
    extraction = extract(text, default_extract_config())
    assert values(extraction, FieldName.PRODUCT_NAME) == []


@pytest.mark.parametrize(
    ("body", "quantity", "unit"),
    [
        ("пришли красные, 2 упаковки.", "2", "pack"),
        ("Две штуки.", "2", "pcs"),
        ("3 компл. не те", "3", "set"),
        ("привезли 25 кг вместо 50", "25", "kg"),
        ("we got 4 boxes", "4", "box"),
        ("10 pcs were broken", "10", "pcs"),
    ],
)
def test_quantities_with_canonical_units(body: str, quantity: str, unit: str) -> None:
    """Unit words in both languages and their abbreviations become canonical units."""
    extraction = run(body, language="en" if body.isascii() else "ru")
    assert values(extraction, FieldName.QUANTITY)[:1] == [quantity]
    assert values(extraction, FieldName.UNIT)[:1] == [unit]


def test_shortage_ordered_and_received() -> None:
    """«заказывали 40 мешков, по факту пришло 36» gives ordered 40 and received 36."""
    extraction = run("Клей заказывали 40 мешков, по факту пришло 36.")
    assert values(extraction, FieldName.QUANTITY_ORDERED) == ["40"]
    assert values(extraction, FieldName.QUANTITY_RECEIVED) == ["36"]
    english = run("HP toner: ordered 20, received 15\npaper: ordered 50 boxes, received 48",
                  language="en")
    assert values(english, FieldName.QUANTITY_ORDERED) == ["20", "50"]
    assert values(english, FieldName.QUANTITY_RECEIVED) == ["15", "48"]


def test_location_keeps_the_address_through_abbreviations() -> None:
    """The place is the sentence of its cue, not cut at «г.» or «ул.»; «г.» after a year
    is not a city."""
    body = ("Купили 5 ноября 2026 г. Все мешки порваны. Просим довезти на наш склад: "
            "г. Подольск, ул. Комсомольская, 1, склад №3.\nАндрей")
    assert values(run(body), FieldName.LOCATION) == [
        "Просим довезти на наш склад: г. Подольск, ул. Комсомольская, 1, склад №3"
    ]


def test_english_street_address_is_a_location() -> None:
    """A house number, a capitalised street name and «St» mark an English address."""
    body = "Please send the balance to Store 14, 88 High St, Luton, and credit the charge."
    assert values(run(body, language="en"), FieldName.LOCATION) == [body.rstrip(".")]


def test_grounds_are_the_customers_sentence() -> None:
    """The grounds are the sentence with the damage words, in the customer's words."""
    body = "Добрый день. Чайник получили, корпус треснул, коробка вся мятая. Прошу заменить."
    assert values(run(body), FieldName.GROUNDS) == ["Чайник получили, корпус треснул, "
                                                    "коробка вся мятая"]


def test_photos_and_documents_are_counted_by_content() -> None:
    """A JPEG named scan.pdf is a photo; a PDF named photo.jpg is a document."""
    attachments = (
        AttachmentInput("scan.pdf", "application/pdf", JPEG),
        AttachmentInput("IMG_1.png", "image/png", PNG),
        AttachmentInput("photo.jpg", "image/jpeg", b"%PDF-1.4\n%%EOF"),
        AttachmentInput("notes.txt", "text/plain", b"hello"),
    )
    extraction = run("Фото во вложении.", attachments=attachments)
    assert values(extraction, FieldName.PHOTOS) == ["2"]
    assert values(extraction, FieldName.DOCUMENTS) == ["1"]


def test_catalogue_rows_without_article_are_skipped() -> None:
    """read_catalogue keeps complete rows and reads the warranty as months."""
    entries = read_catalogue("article,name,group,warranty_months\n"
                             "A-1,Чайник,Техника,12\n,Без артикула,Техника,6\nB-2,Утюг,,\n")
    assert entries == (CatalogueEntry("A-1", "Чайник", "Техника", 12),
                       CatalogueEntry("B-2", "Утюг", "", None))


def test_an_order_number_alone_on_a_line_or_opening_the_subject() -> None:
    """A reply that gives only «60-7791» on a line, or a subject «91-3355 разбит чайник»,
    carries the order number."""
    reply = run("60-7791\n\nIt switches off before the water boils.", language="en")
    assert values(reply, FieldName.ORDER_NUMBER) == ["60-7791"]
    subject = run("Носик отколот, крышка треснула.", subject="91-3355 разбит чайник")
    assert values(subject, FieldName.ORDER_NUMBER) == ["91-3355"]


def test_transliterated_russian_is_understood() -> None:
    """«razbita», «proshu zamenit» in Latin letters count as damage and a replacement."""
    extraction = run("privezli nabor tarelok, polovina razbita. Proshu zamenit.", language="en")
    assert extraction.category.value == "damage"
    assert values(extraction, FieldName.DEMAND) == ["replacement"]


def test_amounts_in_thousands_and_words() -> None:
    """«4,2 тыс. руб.» is 4200 and «96 750 (девяносто...) рублей» is 96750."""
    assert values(run("Прошу вернуть 4,2 тыс. руб."), FieldName.AMOUNT) == ["4200.00"]
    written = "вернуть аванс в сумме 96 750 (девяносто шесть тысяч семьсот пятьдесят) рублей"
    assert values(run(written), FieldName.AMOUNT) == ["96750.00"]


def test_yesterday_and_a_verb_after_the_date() -> None:
    """«Вчера привезли» is a delivery the day before the letter; «12 ноября был оформлен»
    is a purchase."""
    assert values(run("Вчера привезли чайник, корпус треснул."),
                  FieldName.DELIVERY_DATE) == ["2026-11-30"]
    assert values(run("Мною 12 ноября 2026 года был оформлен заказ."),
                  FieldName.PURCHASE_DATE) == ["2026-11-12"]


def test_a_promised_term_is_not_a_delivery_date() -> None:
    """«Срок доставки — не позднее 19 ноября» is a promise, not a delivery."""
    extraction = run("Срок доставки по договору — не позднее 19 ноября. Товар не доставлен.")
    assert values(extraction, FieldName.DELIVERY_DATE) == []


def test_a_size_after_a_brand_is_not_a_quantity() -> None:
    """«корм Pro Plan 15 кг, 2 мешка» has the quantity 2, not 15 kg."""
    extraction = run("Привезли корм Pro Plan 15 кг, 2 мешка порваны.")
    assert values(extraction, FieldName.QUANTITY) == ["2"]
    assert values(extraction, FieldName.UNIT) == ["pcs"]


def test_a_count_after_a_waybill_cue_is_not_its_number() -> None:
    """«по накладной 25, приняли 20» are counts, not a waybill number."""
    extraction = run("Не довезли 5 упаковок (по накладной 25, приняли 20).")
    assert values(extraction, FieldName.WAYBILL_NUMBER) == []
    assert values(extraction, FieldName.QUANTITY_ORDERED) == ["25"]
    assert values(extraction, FieldName.QUANTITY_RECEIVED) == ["20"]


def test_a_model_code_outside_brackets_is_part_of_the_name_not_an_sku() -> None:
    """«Makita HR2470 perforator» names the product; only «(HR2470)» would be its SKU."""
    extraction = run("Перфоратор Makita HR2470 перестал работать.")
    assert values(extraction, FieldName.PRODUCT_SKU) == []
    assert values(extraction, FieldName.PRODUCT_NAME) == ["Перфоратор Makita HR2470"]


def test_an_article_in_an_attachment_name_joins_its_item() -> None:
    """A photo named «VT-7005_label.jpg» gives the SKU of the kettle named in the body."""
    attachment = AttachmentInput("VT-7005_label.jpg", "image/jpeg", JPEG)
    extraction = run("Чайник Vitek треснул.", attachments=(attachment,))
    skus = [f for f in extraction.fields if f.name is FieldName.PRODUCT_SKU]
    assert [(f.value, f.source, f.item) for f in skus] == [
        ("VT-7005", Source.ATTACHMENT_NAME, 0)
    ]


def test_shortfalls_from_a_table_with_ordered_and_received_columns() -> None:
    """Rows of a «|» table whose invoiced and received columns differ are shortfalls;
    a row that matches is not."""
    body = ("Short as below:\n\nSKU| Item| Invoiced| Received\n"
            "CR-OIL5| Shell Helix 4 l| 24| 18\nLS-LED10| Gauss LED 10W| 50| 50\n"
            "SH-RCD40| Easy9 C16 breaker| 10| 8\n\nPlease ship the balance.")
    extraction = run(body, language="en")
    assert values(extraction, FieldName.QUANTITY_ORDERED) == ["24", "10"]
    assert values(extraction, FieldName.QUANTITY_RECEIVED) == ["18", "8"]
    ordered = next(f for f in extraction.fields if f.name is FieldName.QUANTITY_ORDERED)
    assert body[ordered.start : ordered.end] == "24"


def test_sizes_are_not_shortfalls() -> None:
    """«ordered the 10kg set, got a 5kg one» compares sizes, not counts."""
    extraction = run("I ordered the 10kg dumbbell set, got a single 5kg kettlebell.",
                     language="en")
    assert values(extraction, FieldName.QUANTITY_ORDERED) == []


def test_an_english_brand_takes_the_words_naming_the_product() -> None:
    """«the Philips air fryer stopped» names «Philips air fryer»; a lone lower-case word
    or a bare article is not a product name."""
    extraction = run("The Philips air fryer stopped working.", language="en")
    assert values(extraction, FieldName.PRODUCT_NAME) == ["Philips air fryer"]
    assert values(run("Please see the note below.", language="en"),
                  FieldName.PRODUCT_NAME) == []
    assert values(run("Брак: PH-HD9252 — 2 шт."), FieldName.PRODUCT_NAME) == []


def test_a_count_just_before_a_product_is_its_quantity() -> None:
    """«поставлены 4 холодильника Bosch» counts 4 pieces of that item, once."""
    extraction = run("По договору поставлены 4 холодильника Bosch KGN39VL25R, два помяты.")
    quantities = [f for f in extraction.fields if f.name is FieldName.QUANTITY]
    assert [(f.value, f.item) for f in quantities] == [("4", 0)]
    assert values(extraction, FieldName.UNIT) == ["pcs"]


def test_a_shortage_reports_its_counts_not_every_number() -> None:
    """With ordered and received counts, «4 мешка» elsewhere is not another quantity."""
    extraction = run("Заказывали 40 мешков, по факту пришло 36. Довезите 4 мешка.")
    assert values(extraction, FieldName.QUANTITY) == []
    assert values(extraction, FieldName.UNIT) == ["pcs"]


def test_a_city_after_g_dot_is_a_location_and_address_needs_a_colon() -> None:
    """«г. Калуга» in a signature is a place; «address not found» is not an address."""
    assert values(run("Прошу заменить подушку.\nНина, г. Калуга"),
                  FieldName.LOCATION) == ["Нина, г. Калуга"]
    assert values(run("The carrier says address not found again.", language="en"),
                  FieldName.LOCATION) == []


@pytest.mark.parametrize(("body", "place"), [
    ("Short shipment, please send the rest.\nHarbour Foods, Dock Road, Cardiff\n",
     "Harbour Foods, Dock Road, Cardiff"),
    ("Short delivery.\nGoods-in, Bright Market, Unit 5, Ballymount, Dublin 12\n",
     "Goods-in, Bright Market, Unit 5, Ballymount, Dublin 12"),
    ("Please send the missing packs. Address is 3 Rose Cottages, Ludlow.\n",
     "3 Rose Cottages, Ludlow"),
])
def test_an_english_address_without_a_house_number(body: str, place: str) -> None:
    """A street named in full ("Dock Road"), a business park's "Unit 5," and "Address is …"
    mark where the goods are."""
    assert values(run(body, language="en"), FieldName.LOCATION) == [place]
