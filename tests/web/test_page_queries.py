"""A claim's pages read a bounded part of its timeline: the customer's page and the staff
page issue as many SQL statements for a claim of 120 messages as for one of 65 (the newest
part is paged in SQL, attachments read in one query), and still say how much came before."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlmodel import col, select

from mailflow.app import App
from mailflow.store.claims import record_event
from mailflow.store.tables import ClaimRow, EventRow, MessageRow
from mailflow.web.links import make_token
from mailflow.web.staff import timeline_part
from tests.integration.test_store import add_claim
from tests.web.page_sizes import add_turns, long_claim
from tests.web.staff_support import MARIA, START, Clock, browser, desk, sign_in


@contextmanager
def statements(mailflow: App) -> Iterator[list[str]]:
    """The SQL statements run on the app's database inside the block."""
    seen: list[str] = []

    def count(*args: Any) -> None:
        seen.append(str(args[2]))

    event.listen(mailflow.db.engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(mailflow.db.engine, "before_cursor_execute", count)


def with_customer(mailflow: App, number: str) -> int:
    """How many of the claim's messages are the customer's or our mail to them."""
    with mailflow.db.transaction() as session:
        claim = session.exec(select(ClaimRow).where(ClaimRow.number == number)).one()
        rows = session.exec(select(MessageRow).where(MessageRow.claim_id == claim.id)
                            .order_by(col(MessageRow.id))).all()
        customer = claim.customer_email
    return sum(1 for row in rows if (row.direction == "in" and row.from_email == customer)
               or (row.direction == "out" and customer in row.to_addrs))


def pages(mailflow: App, clock: Clock, number: str) -> dict[str, tuple[int, str]]:
    """The statements each page of the claim took, and its text."""
    with mailflow.db.transaction() as session:
        claim = session.exec(select(ClaimRow).where(ClaimRow.number == number)).one()
        token = make_token(mailflow.secret, number, claim.customer_email, claim.link_version)
    found = {}
    with browser(mailflow, clock) as client:
        sign_in(client, mailflow, MARIA)
        for name, path in (("customer", f"/c/{token}"), ("staff", f"/claims/{number}")):
            with statements(mailflow) as seen:
                page = client.get(path)
            assert page.status_code == 200
            found[name] = (len(seen), page.text)
    return found


def test_a_claims_pages_cost_the_same_however_long_it_is(tmp_path: Path, db_url: str) -> None:
    """The customer's page and the staff page of a claim take the same number of statements
    at 65 messages and at 120; the customer's page shows the newest 30 and counts the rest."""
    mailflow, clock = desk(tmp_path, db_url), Clock(START + timedelta(days=2))
    number = long_claim(mailflow, 32)
    short = pages(mailflow, clock, number)
    add_turns(mailflow, number, range(32, 60))
    long = pages(mailflow, clock, number)
    assert {name: count for name, (count, _) in long.items()} == {
        name: count for name, (count, _) in short.items()}
    earlier = with_customer(mailflow, number) - 30
    assert earlier > 0
    customer_page = long["customer"][1]
    assert re.search(rf"\({earlier}\)", customer_page), earlier
    assert len(re.findall(r"Ответ \d+\.", customer_page)) == 30  # the newest 30: answers
    assert customer_page.count("Ответ 59.") == 1


def test_the_newest_part_comes_first_and_older_parts_page_back(tmp_path: Path,
                                                              db_url: str) -> None:
    """70 events in parts of 30, read in SQL: the newest 30, then the 30 before, then the
    first 10, then nothing (oldest first within a part; whether any precede it)."""
    mailflow = desk(tmp_path, db_url)
    with mailflow.db.transaction() as session:
        claim_id = add_claim(session)
        for n in range(70):
            record_event(session, claim_id, START, "note", {"n": n})
    with mailflow.db.transaction() as session:
        parts = [timeline_part(session, EventRow, claim_id, older, 30) for older in range(4)]
        shown = [([json.loads(e.detail)["n"] for e in rows], more) for rows, more in parts]
    assert shown == [(list(range(40, 70)), True), (list(range(10, 40)), True),
                     (list(range(10)), False), ([], False)]
