"""Whether the goods of a claim are still under warranty, by the catalogue's terms."""

from __future__ import annotations

import calendar as months
from collections.abc import Mapping, Sequence
from datetime import date

from mailflow.extract.model import FieldName, FoundField


def warranty_until(purchased: date, warranty_months: int) -> date:
    """The last day of a warranty of `warranty_months` from `purchased` (the same day of
    the month, or the month's last day when it is shorter)."""
    month_index = purchased.month - 1 + warranty_months
    year, month = purchased.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(purchased.day, months.monthrange(year, month)[1]))


def warranty_rows(fields: Sequence[FoundField], terms: Mapping[str, int],
                  received: date) -> list[dict[str, object]]:
    """For each catalogued article of the claim with a warranty, and a purchase date: until
    when the warranty runs and whether the claim came within it."""
    purchase = next((f.value for f in fields if f.name is FieldName.PURCHASE_DATE), None)
    if purchase is None:
        return []
    try:
        purchased = date.fromisoformat(purchase)
    except ValueError:
        return []
    rows: list[dict[str, object]] = []
    for sku in dict.fromkeys(f.value for f in fields if f.name is FieldName.PRODUCT_SKU):
        months_given = terms.get(sku.upper(), 0)
        if months_given > 0:
            until = warranty_until(purchased, months_given)
            rows.append({"article": sku, "months": months_given, "until": until,
                         "valid": received <= until})
    return rows
