"""What the extract stage finds in a claim: typed fields with their provenance.

The contract between the extractor (pure: text in, fields out) and the rest of mailflow
(storage, the acknowledgement's list of what is missing, the specialist's table, the CLI).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class Source(StrEnum):
    """Where a value was read."""

    SUBJECT = "subject"
    BODY = "body"
    ATTACHMENT_NAME = "attachment_name"
    ATTACHMENT_TEXT = "attachment_text"
    SIGNATURE = "signature"
    CATALOGUE = "catalogue"  # known from the catalogue entry of a product the claim names


class FieldName(StrEnum):
    """Every field a claim can carry (values are canonical strings, see each comment)."""

    ORDER_NUMBER = "order_number"          # as written, trimmed: "ЗК-70011", "77-1045"
    INVOICE_NUMBER = "invoice_number"
    WAYBILL_NUMBER = "waybill_number"
    CONTRACT_NUMBER = "contract_number"
    PRODUCT_NAME = "product_name"          # one per item; `item` tells items apart
    PRODUCT_SKU = "product_sku"            # article / SKU as written
    QUANTITY = "quantity"                  # decimal as string: "3", "2.5"
    UNIT = "unit"                          # canonical: pcs, pack, set, kg, box, m, l
    QUANTITY_ORDERED = "quantity_ordered"  # shortage: how many were ordered
    QUANTITY_RECEIVED = "quantity_received"  # shortage: how many arrived
    LOCATION = "location"                  # where the goods are now, as written
    GROUNDS = "grounds"                    # what is wrong, in the customer's words
    DEMAND = "demand"                      # one of Demand
    PURCHASE_DATE = "purchase_date"        # ISO date "2026-11-28"
    DELIVERY_DATE = "delivery_date"        # ISO date
    AMOUNT = "amount"                      # decimal as string "1500.00"
    CURRENCY = "currency"                  # ISO 4217: RUB, USD, EUR
    PHONE = "phone"                        # E.164: "+79001234567"
    PHOTOS = "photos"                      # count of image attachments, by content
    DOCUMENTS = "documents"                # count of document attachments, by content
    CARRIER = "carrier"                    # canonical name of a configured carrier: "СДЭК"
    SUPPLIER = "supplier"                  # from the catalogue entry of the claim's product


# Russian names a specialist may write in `#поле`, besides the English codes.
FIELD_ALIASES: dict[str, str] = {
    "номер_заказа": "order_number", "заказ": "order_number", "счет": "invoice_number",
    "накладная": "waybill_number", "договор": "contract_number", "товар": "product_name",
    "артикул": "product_sku", "количество": "quantity", "заказано": "quantity_ordered",
    "получено": "quantity_received", "где_товар": "location", "причина": "grounds",
    "требование": "demand", "дата_покупки": "purchase_date", "дата_доставки": "delivery_date",
    "сумма": "amount", "валюта": "currency", "телефон": "phone", "фото": "photos",
    "документы": "documents", "перевозчик": "carrier", "поставщик": "supplier",
}
COUNT_FIELDS = frozenset({FieldName.PHOTOS, FieldName.DOCUMENTS})  # they add up over messages


class Demand(StrEnum):
    """What the customer asks for."""

    REFUND = "refund"
    REPLACEMENT = "replacement"
    REPAIR = "repair"
    PRICE_REDUCTION = "price_reduction"
    COMPENSATION = "compensation"          # compensation of losses
    DELIVERY_OF_MISSING = "delivery_of_missing"


class Category(StrEnum):
    """The kinds of claim."""

    DAMAGE = "damage"          # damage in transit
    DELAY = "delay"            # late delivery
    SHORTAGE = "shortage"
    DEFECT = "defect"          # defect or quality
    WRONG_ITEM = "wrong_item"
    SERVICE = "service"
    OTHER = "other"


@dataclass(frozen=True)
class FoundField:
    """One value, where it stands (`source`, `attachment` filename, `start`..`end` in that
    text), how sure the rule is (0..1) and which rule found it."""

    name: FieldName
    value: str
    source: Source
    start: int
    end: int
    confidence: float
    rule: str
    attachment: str | None = None
    item: int | None = None  # products, SKUs and quantities of the same item share it


@dataclass(frozen=True)
class AttachmentInput:
    """An attachment as the extractor sees it: its name, declared type and bytes."""

    filename: str
    content_type: str
    payload: bytes


@dataclass(frozen=True)
class ClaimText:
    """Everything the extractor reads: subject, the customer's own text (quotes and
    signature removed), the HTML converted to text when there was no plain part, the
    attachments, and the letter's date (`reference_date`)."""

    subject: str
    body: str
    language: str
    attachments: tuple[AttachmentInput, ...] = ()
    # The day the letter was written: the year of a date written without one.
    reference_date: date | None = None
    # The signature block (below "-- " or after "Sent from my…"): only a phone is read there.
    signature: str = ""


@dataclass(frozen=True)
class Extraction:
    """What was found, the category with its confidence, and notes on what was skipped
    (an encrypted PDF, a bomb, a time or size cap)."""

    fields: tuple[FoundField, ...] = ()
    category: Category = Category.OTHER
    category_confidence: float = 0.0
    notes: tuple[str, ...] = field(default_factory=tuple)

    def values(self, name: FieldName) -> tuple[str, ...]:
        return tuple(dict.fromkeys(f.value for f in self.fields if f.name is name))
