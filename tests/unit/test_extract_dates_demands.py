"""Purchase and delivery dates by the words around them, and more wording of demands, in
both languages (extract/fields.py, extract/dates.py, extract/meaning.py)."""

from __future__ import annotations

from datetime import date

import pytest

from mailflow.extract.config import default_extract_config
from mailflow.extract.dates import dates
from mailflow.extract.fields import extract
from mailflow.extract.model import AttachmentInput, ClaimText, FieldName

CONFIG = default_extract_config()
DECEMBER_1 = date(2026, 12, 1)


def found(body: str, name: FieldName) -> list[str]:
    language = "en" if body.isascii() else "ru"
    extraction = extract(ClaimText("", body, language, reference_date=DECEMBER_1), CONFIG)
    return [f.value for f in extraction.fields if f.name is name]


@pytest.mark.parametrize(("body", "purchase"), [
    ("Дата покупки: 05.10.2026.", ["2026-10-05"]),
    ("Покупка от 15.10.2026, чек прилагаю.", ["2026-10-15"]),
    ("Two orders have not arrived: 82-3301 (placed 12 November) and 82-3318.",
     ["2026-11-12"]),
])
def test_purchase_words_and_a_purchase_verb_right_before_the_date(
        body: str, purchase: list[str]) -> None:
    """«покупка» names a purchase date; "placed" right before a date wins over an earlier
    "not arrived" in the same sentence."""
    assert found(body, FieldName.PURCHASE_DATE) == purchase
    assert found(body, FieldName.DELIVERY_DATE) == []


@pytest.mark.parametrize("body", [
    "Вчера, 30 ноября, курьер привёз заказ.",
    "The courier came on 30/11 and left it outside.",
])
def test_more_delivery_verbs_and_a_day_first_slash_date(body: str) -> None:
    """«привёз» (with ё) and "came" say delivery; "30/11" can only be 30 November."""
    assert found(body, FieldName.DELIVERY_DATE) == ["2026-11-30"]


def test_an_ambiguous_slash_date_without_a_year_stays_unread() -> None:
    """"1/2" may be a fraction and "24/7" means always: neither is a date."""
    assert dates("half: 1/2 of it, support 24/7", "en", DECEMBER_1) == []


@pytest.mark.parametrize("body", [
    "Today is 1 December and nothing has arrived.",
    "It's now 1 December and the order still has not arrived.",
    "Сегодня уже 1 декабря, а заказ так и не доставили.",
])
def test_todays_date_is_no_delivery(body: str) -> None:
    """"Today is 1 December and nothing has arrived" dates the letter, not a delivery."""
    assert found(body, FieldName.DELIVERY_DATE) == []


def test_received_today_with_its_date_is_a_delivery() -> None:
    """«Получил сегодня 1 декабря заказ» is a delivery on 1 December."""
    assert found("Получил сегодня 1 декабря заказ 91-1002.", FieldName.DELIVERY_DATE) == [
        "2026-12-01"]


@pytest.mark.parametrize("body", [
    "The dishwasher leaks. Please send a technician.",
    "The boiler is faulty, please send an engineer.",
    "Стиральная машина не сливает воду. Пришлите мастера.",
])
def test_sending_a_technician_is_a_repair(body: str) -> None:
    """Asking for a technician, an engineer or «мастер» is asking for a repair."""
    assert found(body, FieldName.DEMAND) == ["repair"]


@pytest.mark.parametrize(("body", "demand"), [
    ("Товар сломан. Хочу сдать товар обратно.", ["refund"]),
    ("Товар сломан. Прошу прислать исправный товар.", ["replacement"]),
    ("Товар сломан. Верните, пожалуйста, 2500 рублей на карту.", ["refund"]),
])
def test_more_russian_wording_of_refund_and_replacement(body: str, demand: list[str]) -> None:
    """«сдать обратно», «прислать исправный», «верните … рублей на карту» are demands."""
    assert found(body, FieldName.DEMAND) == demand


def test_a_number_in_cyrillic_and_in_a_latin_file_name_is_one_number() -> None:
    """«ТН-4418» in the body and "TN-4418.xlsx" attached are listed once, as the body
    writes it."""
    text = ClaimText("", "Недостача по накладной № ТН-4418, акт во вложении.", "ru",
                     attachments=(AttachmentInput("TN-4418.xlsx", "application/octet-stream",
                                                  b"not a workbook"),),
                     reference_date=DECEMBER_1)
    extraction = extract(text, CONFIG)
    assert [f.value for f in extraction.fields if f.name is FieldName.WAYBILL_NUMBER] == [
        "ТН-4418"]


@pytest.mark.parametrize(("body", "numbers"), [
    ("I have orders 82-2301 and 82-2315 arriving separately.", ["82-2301", "82-2315"]),
    ("Заказы 77-1001, 77-1002 и 77-1003 не пришли.", ["77-1001", "77-1002", "77-1003"]),
    ("Orders 82-3301 (placed 12 November) and 82-3318 (placed 15 November) are late.",
     ["82-3301", "82-3318"]),
    ("Order 82-3301 and 5 chairs.", ["82-3301"]),
])
def test_numbers_listed_after_one_cue(body: str, numbers: list[str]) -> None:
    """Numbers of the same shape listed after a cued one («заказы 77-1001, 77-1002 и …»)
    are numbers of the same kind; a count after "and" is not."""
    assert found(body, FieldName.ORDER_NUMBER) == numbers


@pytest.mark.parametrize("body", [
    "Since 20 November nothing has been delivered.",
    "Delivery scheduled for 28 November never happened.",
])
def test_a_date_since_or_scheduled_is_no_delivery(body: str) -> None:
    """"Since 20 November" and "scheduled for 28 November" are no delivery dates."""
    assert found(body, FieldName.DELIVERY_DATE) == []


def test_a_purchase_verb_right_before_wins_over_since() -> None:
    """"16 days since I ordered (15 November)" dates the purchase."""
    body = "It's now been 16 days since I ordered (15 November) and nothing has moved."
    assert found(body, FieldName.PURCHASE_DATE) == ["2026-11-15"]
