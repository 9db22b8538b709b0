"""`mailflow report`: one row per claim received in a span of local days, streamed.

Claims are read in pages of PAGE (keyset on id within the span) with their current
extracted fields, and each row is written out before the next page is read, so memory does
not grow with the number of claims (xlsx uses openpyxl's write-only workbook).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator, Sequence
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, select

from mailflow.digest.period import ONE_DAY, local_midnight
from mailflow.store.database import Database
from mailflow.store.tables import ClaimFieldRow, ClaimRow

PAGE = 1000
FIELDS = ("order_number", "invoice_number", "waybill_number", "product_name", "product_sku",
          "quantity", "demand", "amount", "currency", "carrier", "supplier")
COLUMNS = ("number", "created_at", "first_response_at", "resolved_at", "customer_email",
           "customer_name", "category", *FIELDS, "specialist", "status", "outcome",
           "compensation_kind", "compensation", "compensation_currency", "cause",
           "hours_to_first_answer", "hours_to_resolution", "overdue", "rating")
Row = dict[str, Any]


def claim_rows(db: Database, first: date, last: date, zone: tzinfo) -> Iterator[Row]:
    """The report's rows for claims received on local days first..last, oldest first."""
    start, end = local_midnight(first, zone), local_midnight(last + ONE_DAY, zone)
    after = 0
    while True:
        with db.transaction() as session:
            claims = list(session.exec(select(ClaimRow).where(
                col(ClaimRow.created_at) >= start, col(ClaimRow.created_at) < end,
                col(ClaimRow.id) > after).order_by(col(ClaimRow.id)).limit(PAGE)).all())
            fields = _fields(session, [claim.id for claim in claims])
        yield from (_row(claim, fields.get(claim.id or 0, {}), zone) for claim in claims)
        if len(claims) < PAGE:
            return
        after = claims[-1].id or 0


def _fields(session: Session, ids: Sequence[int | None]) -> dict[int, dict[str, str]]:
    """Current values of the report's fields; several items are joined with "; "."""
    found: dict[int, dict[str, str]] = {}
    rows = session.exec(select(ClaimFieldRow.claim_id, ClaimFieldRow.name,
                               ClaimFieldRow.value).where(
        col(ClaimFieldRow.claim_id).in_([i for i in ids if i is not None]),
        col(ClaimFieldRow.name).in_(FIELDS), col(ClaimFieldRow.replaced_at).is_(None))
        .order_by(col(ClaimFieldRow.id))).all()
    for claim_id, name, value in rows:
        values = found.setdefault(claim_id, {})
        values[name] = f"{values[name]}; {value}" if name in values else value
    return found


def _row(claim: ClaimRow, fields: dict[str, str], zone: tzinfo) -> Row:
    def local(moment: datetime | None) -> str | None:
        return None if moment is None else moment.astimezone(zone).isoformat(timespec="minutes")

    def hours(moment: datetime | None) -> float | None:
        return None if moment is None else round(
            (moment - claim.created_at).total_seconds() / 3600, 1)

    amount = claim.compensation_minor
    return {
        "number": claim.number, "created_at": local(claim.created_at),
        "first_response_at": local(claim.first_response_at),
        "resolved_at": local(claim.resolved_at), "customer_email": claim.customer_email,
        "customer_name": claim.customer_name, "category": claim.category,
        **{name: fields.get(name) for name in FIELDS},
        "specialist": claim.assignee_email, "status": claim.status, "outcome": claim.outcome,
        "compensation_kind": claim.compensation_kind,
        "compensation": None if amount is None else amount / 100,
        "compensation_currency": claim.compensation_currency or None, "cause": claim.cause,
        "hours_to_first_answer": hours(claim.first_response_at),
        "hours_to_resolution": hours(claim.resolved_at), "overdue": claim.overdue,
        "rating": claim.rating,
    }


def write_report(rows: Iterator[Row], fmt: str, out: Path) -> int:
    """Write `rows` to `out` in `fmt`; returns how many rows were written."""
    writer = {"csv": _csv, "json": _json, "xlsx": _xlsx}[fmt]
    return writer(rows, out)


def _csv(rows: Iterator[Row], out: Path) -> int:
    count = 0
    with out.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        for row in rows:
            writer.writerow({key: _cell(value) for key, value in row.items()})
            count += 1
    return count


def _cell(value: object) -> object:
    """A spreadsheet must not run a customer's text as a formula (CSV injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _json(rows: Iterator[Row], out: Path) -> int:
    count = 0
    with out.open("w", encoding="utf-8") as handle:
        handle.write("[")
        for row in rows:
            handle.write(("," if count else "") + "\n" + json.dumps(row, ensure_ascii=False))
            count += 1
        handle.write("\n]\n")
    return count


def _xlsx(rows: Iterator[Row], out: Path) -> int:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("claims")
    sheet.append(list(COLUMNS))
    count = 0
    for row in rows:
        sheet.append([_cell(row[key]) for key in COLUMNS])
        count += 1
    book.save(out)
    return count
