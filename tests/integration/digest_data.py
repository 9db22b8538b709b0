"""A small fixed month of claims for the digest, with hand-computed figures in the tests.

Company time zone Europe/Moscow (UTC+3); calendar RU, where Wed 4 Nov 2026 is a public
holiday (and nothing at all happens that day). The digest is of Thu 5 Nov, made Fri 6 Nov
08:00. Anna and Boris are specialists; Boris is away on 6 Nov.

C1 damage, Anna: in 5 Nov 09:00, answered 11:00, resolved 12:00, reopened 13:00, resolved
   14:00, reopened 15:00 (reopened twice), product "Kettle X1".
C2 shortage: in 5 Nov 10:00, Anna answers 16:00, then it moves to Boris at 17:00; an
   earlier product value "Kettle" was replaced by "Toaster T2".
C3 damage, Boris: in Fri 30 Oct 12:00, answered Thu 5 Nov 10:00 (142 h): within the
   3-working-day term only because 4 Nov is a holiday, past the 5-day limit.
C4 damage, Boris: in Wed 28 Oct 10:00, never answered, overdue since 30 Oct 10:00 (35
   working hours at 6 Nov 08:00: the holiday and the weekend do not count).
C5 damage, nobody: in 5 Nov 13:00, "Kettle X1".
C6 damage, Anna: in Thu 29 Oct 11:00 (a week before), closed; cause carrier, accepted,
   refund 1500.00 RUB, rated 4 on 5 Nov 10:00, "kettle x1 " (same product, other case).
Carriers: "СДЭК" on C1, C4 and C5 (a weak spot at threshold 2); "DHL" on C2 only (below
   it); C3's "DHL" was corrected to "Почта России" (the replaced value does not count).
Suppliers (from the catalogue): "Чайник-Трейд" on C1 and C6 (a weak spot), "Тостер Ко" on
   C2 only.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from mailflow.store.database import Database
from mailflow.store.tables import AbsenceRow, ClaimFieldRow, ClaimRow, EventRow

ZONE = ZoneInfo("Europe/Moscow")
ANNA, BORIS = "anna@example.test", "boris@example.test"
DAY = date(2026, 11, 5)
HOLIDAY = date(2026, 11, 4)
NOW = datetime(2026, 11, 6, 8, 0, tzinfo=ZONE).astimezone(UTC)
FAR = datetime(2026, 12, 31, tzinfo=UTC)


def at(month: int, day: int, hour: int) -> datetime:
    return datetime(2026, month, day, hour, tzinfo=ZONE).astimezone(UTC)


def _claim(number: str, created: datetime, category: str, assignee: str | None,
           status: str, **values: object) -> ClaimRow:
    base: dict[str, object] = {
        "number": number, "status": status, "customer_email": f"{number.lower()}@c.test",
        "customer_name": f"Customer {number}", "language": "ru", "assignee_email": assignee,
        "category": category, "created_at": created, "updated_at": created,
        "first_response_due": FAR, "hard_limit_due": FAR, "resolution_due": FAR}
    return ClaimRow(**(base | values))


def claims() -> list[ClaimRow]:
    return [
        _claim("C1", at(11, 5, 9), "damage", ANNA, "in_progress",
               first_response_at=at(11, 5, 11), resolved_at=at(11, 5, 14)),
        _claim("C2", at(11, 5, 10), "shortage", BORIS, "in_progress",
               first_response_at=at(11, 5, 16)),
        _claim("C3", at(10, 30, 12), "damage", BORIS, "in_progress",
               first_response_at=at(11, 5, 10), first_response_due=at(11, 5, 12),
               hard_limit_due=at(11, 4, 12)),
        _claim("C4", at(10, 28, 10), "damage", BORIS, "assigned", overdue=True,
               customer_name="Ivan Petrov", first_response_due=at(10, 30, 10),
               hard_limit_due=at(11, 2, 10)),
        _claim("C5", at(11, 5, 13), "damage", None, "new"),
        _claim("C6", at(10, 29, 11), "damage", ANNA, "closed",
               first_response_at=at(10, 29, 15), resolved_at=at(10, 30, 12),
               outcome="accepted", cause="carrier", compensation_kind="refund",
               compensation_minor=150000, compensation_currency="RUB", rating=4,
               rated_at=at(11, 5, 10)),
    ]


def _event(claim: ClaimRow, when: datetime, kind: str, actor: str = "mailflow",
           **detail: object) -> EventRow:
    return EventRow(claim_id=claim.id, at=when, kind=kind, actor=actor,
                    detail=json.dumps(detail, ensure_ascii=False, sort_keys=True))


def _status(claim: ClaimRow, when: datetime, old: str, new: str) -> EventRow:
    return _event(claim, when, "status", **{"from": old, "to": new, "why": "test"})


def events(c: dict[str, ClaimRow]) -> list[EventRow]:
    c1, c2, c3, c6 = c["C1"], c["C2"], c["C3"], c["C6"]
    return [
        _event(c1, at(11, 5, 11), "message.relayed", ANNA),
        _status(c1, at(11, 5, 12), "in_progress", "resolved"),
        _status(c1, at(11, 5, 13), "resolved", "reopened"),
        _status(c1, at(11, 5, 14), "reopened", "resolved"),
        _status(c1, at(11, 5, 15), "resolved", "reopened"),
        _status(c1, at(11, 5, 15) + timedelta(minutes=1), "reopened", "in_progress"),
        _event(c2, at(11, 5, 16), "message.relayed", ANNA),
        _event(c2, at(11, 5, 17), "claim.assigned", ANNA, to=BORIS, **{"from": ANNA}),
        _event(c3, at(11, 5, 10), "message.relayed", BORIS),
        _event(c6, at(10, 29, 15), "message.relayed", ANNA),
        _status(c6, at(10, 30, 12), "in_progress", "resolved"),
        _status(c6, at(10, 31, 12), "resolved", "closed"),
    ]


def _field(claim: ClaimRow, name: str, value: str,
           replaced_at: datetime | None = None, source: str = "body") -> ClaimFieldRow:
    assert claim.id is not None
    return ClaimFieldRow(claim_id=claim.id, name=name, value=value, source=source,
                         rule="test", created_at=claim.created_at, replaced_at=replaced_at)


def _supplier(claim: ClaimRow, value: str) -> ClaimFieldRow:
    return _field(claim, "supplier", value, source="catalogue")


def fields(c: dict[str, ClaimRow]) -> list[ClaimFieldRow]:
    return [_field(c["C1"], "product_name", "Kettle X1"),
            _field(c["C2"], "product_name", "Kettle", replaced_at=at(11, 5, 11)),
            _field(c["C2"], "product_name", "Toaster T2"),
            _field(c["C5"], "product_name", "Kettle X1"),
            _field(c["C6"], "product_name", "kettle x1 "),
            _field(c["C1"], "carrier", "СДЭК"), _field(c["C4"], "carrier", "СДЭК"),
            _field(c["C5"], "carrier", "СДЭК"), _field(c["C2"], "carrier", "DHL"),
            _field(c["C3"], "carrier", "DHL", replaced_at=at(11, 5, 11)),
            _field(c["C3"], "carrier", "Почта России"),
            _supplier(c["C1"], "Чайник-Трейд"), _supplier(c["C6"], "Чайник-Трейд"),
            _supplier(c["C2"], "Тостер Ко")]


def load(db: Database) -> dict[str, ClaimRow]:
    """Write the data set; returns the claims by number."""
    with db.transaction() as session:
        rows = claims()
        session.add_all(rows)
        session.flush()
        by_number = {row.number: row for row in rows}
        session.add_all(events(by_number) + fields(by_number))
        session.add(AbsenceRow(email=BORIS, starts_on=date(2026, 11, 6),
                               ends_on=date(2026, 11, 9), created_at=NOW))
    return by_number
