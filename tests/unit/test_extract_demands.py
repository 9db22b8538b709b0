"""What the customer demands: everyday wording, an amount as the money asked back, and
sending a count in a shortage."""

from __future__ import annotations

import pytest

from mailflow.extract.config import default_extract_config
from mailflow.extract.fields import extract
from mailflow.extract.model import ClaimText, Demand, FieldName

CONFIG = default_extract_config()


def demands(body: str) -> list[str]:
    language = "en" if body.isascii() else "ru"
    extraction = extract(ClaimText("", body, language), CONFIG)
    return [f.value for f in extraction.fields if f.name is FieldName.DEMAND]


@pytest.mark.parametrize("body", [
    "Колонка хрипит. Прошу вернуть ₽11 990.",
    "Колонка хрипит. Прошу вернуть 11 990 руб.",
    "The speaker rattles. Please refund me £45.",
])
def test_an_amount_after_the_verb_is_the_money_asked_back(body: str) -> None:
    """«вернуть ₽11 990» asks for money back even without the word «деньги»."""
    assert demands(body) == [Demand.REFUND.value]


def test_returning_goods_is_still_not_a_refund() -> None:
    """«вернуть 2 шт. курьеру» returns goods: a count is not an amount of money."""
    assert demands("Могу вернуть 2 шт. курьеру.") == []


@pytest.mark.parametrize(("body", "demand"), [
    ("Требую расторгнуть договор.", Demand.REFUND),
    ("I want my money back.", Demand.REFUND),
    ("Send the right one please.", Demand.REPLACEMENT),
    ("Прошу устранить недостаток по гарантии.", Demand.REPAIR),
    ("Требую соразмерного уменьшения цены.", Demand.PRICE_REDUCTION),
    ("Требую компенсировать моральный вред.", Demand.COMPENSATION),
    ("Please ship the missing parts.", Demand.DELIVERY_OF_MISSING),
])
def test_everyday_wording_of_each_demand(body: str, demand: Demand) -> None:
    """Common ways of asking for each remedy, in any word form."""
    assert demand.value in demands(body)


def test_sending_a_count_in_a_shortage_is_delivery_of_the_missing_part() -> None:
    """"25 boxes invoiced, 23 delivered. Send 2 boxes." asks for the missing two."""
    assert demands("Shortage: 25 boxes invoiced, 23 delivered. Send 2 boxes.") == [
        Demand.DELIVERY_OF_MISSING.value]


def test_sending_a_count_elsewhere_is_not_delivery_of_the_missing_part() -> None:
    """Outside a shortage "send 2 more towels" is not a missing part."""
    assert Demand.DELIVERY_OF_MISSING.value not in demands(
        "You sent the wrong colour. Send 2 towels in blue instead.")


def test_the_longer_phrase_decides() -> None:
    """"a partial refund" is a price reduction and not also a refund."""
    assert demands("A partial refund would be acceptable.") == [
        Demand.PRICE_REDUCTION.value]


@pytest.mark.parametrize(("body", "demand"), [
    ("Деньги прошу перечислить обратно на мой счёт.", Demand.REFUND),
    ("Хочу отказаться от товара и получить деньги обратно.", Demand.REFUND),
    ("Прошу обменять на исправный.", Demand.REPLACEMENT),
    ("I'd like it swapped for the correct size.", Demand.REPLACEMENT),
    ("Прошу соразмерно уменьшить покупную цену.", Demand.PRICE_REDUCTION),
    ("We are claiming our losses of £300.", Demand.COMPENSATION),
    ("Please deliver the remaining items asap.", Demand.DELIVERY_OF_MISSING),
])
def test_more_everyday_wording(body: str, demand: Demand) -> None:
    """More common ways of asking for each remedy."""
    assert demands(body) == [demand.value]


def test_a_transliterated_infinitive_without_its_soft_sign() -> None:
    """"proshu otremontirovat" (the soft sign left out) asks for a repair."""
    extraction = extract(ClaimText("", "Utyug ne greet, proshu otremontirovat.", "ru"), CONFIG)
    assert [f.value for f in extraction.fields if f.name is FieldName.DEMAND] == [
        Demand.REPAIR.value]
