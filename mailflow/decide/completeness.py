"""What a claim still lacks, by its category, and how to ask for it in plain words.

The required fields per category come from the config (`[extraction.required]`); the
defaults follow what a claims department needs to act: a damage claim needs photos, the
order and what is damaged; a shortage needs the order and the quantities ordered and
received; a defect needs the product, the purchase date and what is wrong; every claim
needs the customer's demand. Any document number stands for the order number.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from mailflow.extract.model import Category, FieldName

_F = FieldName
DEFAULT_REQUIRED: Mapping[str, tuple[FieldName, ...]] = {
    Category.DAMAGE: (_F.PHOTOS, _F.ORDER_NUMBER, _F.GROUNDS),
    Category.SHORTAGE: (_F.ORDER_NUMBER, _F.QUANTITY_ORDERED, _F.QUANTITY_RECEIVED),
    Category.DEFECT: (_F.PRODUCT_NAME, _F.PURCHASE_DATE, _F.GROUNDS),
    Category.WRONG_ITEM: (_F.ORDER_NUMBER, _F.PRODUCT_NAME),
    Category.DELAY: (_F.ORDER_NUMBER,),
    "*": (_F.DEMAND,),
}
_DOCUMENT_NUMBERS = frozenset({_F.ORDER_NUMBER, _F.INVOICE_NUMBER, _F.WAYBILL_NUMBER,
                               _F.CONTRACT_NUMBER})
_ASK: Mapping[FieldName, tuple[str, str]] = {
    _F.PHOTOS: ("фотографии повреждённого товара и упаковки",
                "photos of the damaged goods and their packaging"),
    _F.ORDER_NUMBER: ("номер заказа, счёта или накладной",
                      "the order, invoice or waybill number"),
    _F.GROUNDS: ("что именно повреждено или не так с товаром",
                 "what exactly is damaged or wrong with the goods"),
    _F.QUANTITY_ORDERED: ("сколько товара было заказано", "how many items were ordered"),
    _F.QUANTITY_RECEIVED: ("сколько товара фактически получено",
                           "how many items actually arrived"),
    _F.PRODUCT_NAME: ("название или артикул товара", "the product name or article number"),
    _F.PURCHASE_DATE: ("дату покупки (и чек, если он сохранился)",
                       "the date of purchase (and the receipt, if you have it)"),
    _F.DEMAND: ("чего вы просите: возврат денег, замену, ремонт, уменьшение цены или "
                "возмещение убытков",
                "what you would like: a refund, a replacement, a repair, a price reduction "
                "or compensation of your losses"),
}


def required_fields(category: str | None,
                    required: Mapping[str, Sequence[FieldName]] = DEFAULT_REQUIRED
                    ) -> tuple[FieldName, ...]:
    """The fields a claim of `category` must have, those of every category included."""
    own = tuple(required.get(category or "", ()))
    return tuple(dict.fromkeys((*own, *required.get("*", ()))))


def missing_fields(category: str | None, present: Iterable[FieldName],
                   required: Mapping[str, Sequence[FieldName]] = DEFAULT_REQUIRED
                   ) -> tuple[FieldName, ...]:
    """The required fields not present (a document number stands for the order number)."""
    have = set(present)
    if have & _DOCUMENT_NUMBERS:
        have.add(_F.ORDER_NUMBER)
    return tuple(name for name in required_fields(category, required) if name not in have)


def ask_for(missing: Iterable[FieldName], language: str) -> list[str]:
    """The missing fields in plain words of `language`, as the acknowledgement lists them."""
    index = 0 if language == "ru" else 1
    return [_ASK[name][index] if name in _ASK else name.value.replace("_", " ")
            for name in missing]
