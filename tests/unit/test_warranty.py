"""Warranty by the catalogue: until when it runs, and whether a claim came within it."""

from __future__ import annotations

from datetime import date

from mailflow.decide.warranty import warranty_rows, warranty_until
from mailflow.extract.model import FieldName, FoundField, Source


def found(name: FieldName, value: str) -> FoundField:
    return FoundField(name, value, Source.BODY, 0, len(value), 0.9, "test")


def test_warranty_ends_on_the_same_day_or_the_months_last_day() -> None:
    """12 months from 15 March 2026 ends 15 March 2027; 1 month from 31 January ends on the
    last day of February."""
    assert warranty_until(date(2026, 3, 15), 12) == date(2027, 3, 15)
    assert warranty_until(date(2026, 1, 31), 1) == date(2026, 2, 28)


def test_claim_within_and_after_the_warranty() -> None:
    """A kettle bought in May with 6 months' warranty: a claim in December is too late, while
    a 24-month article is still covered; articles match in any case."""
    fields = [found(FieldName.PURCHASE_DATE, "2026-05-20"), found(FieldName.PRODUCT_SKU, "vt-7005"),
              found(FieldName.PRODUCT_SKU, "TV-55")]
    rows = warranty_rows(fields, {"VT-7005": 6, "TV-55": 24}, date(2026, 12, 3))
    assert [(r["article"], r["until"], r["valid"]) for r in rows] == [
        ("vt-7005", date(2026, 11, 20), False), ("TV-55", date(2028, 5, 20), True)]


def test_no_purchase_date_or_no_catalogue_term_gives_nothing() -> None:
    """Without a purchase date, or for an article the catalogue gives no warranty, nothing is
    claimed about the warranty."""
    sku = found(FieldName.PRODUCT_SKU, "VT-7005")
    assert warranty_rows([sku], {"VT-7005": 6}, date(2026, 12, 3)) == []
    assert warranty_rows([sku, found(FieldName.PURCHASE_DATE, "2026-05-20")], {},
                         date(2026, 12, 3)) == []
