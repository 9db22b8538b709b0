"""How many SQL statements intake spends per message, so that a change adding queries shows.

The bounds are the counts reached. Before issue 13 a new claim with one attachment took 43
statements on SQLite and 35 on PostgreSQL, the follow-up below 20 and 19 (its participants
read once per referenced message). PostgreSQL inserts several rows of a table in one
statement (insertmanyvalues); SQLite needs one a row.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from pathlib import Path

import pytest
from sqlalchemy import event
from sqlmodel import col, select

from mailflow.app import App
from mailflow.fetch.base import IncomingItem
from mailflow.store.claims import add_party, get_claim
from mailflow.store.tables import OutboxRow, PartyRow
from tests.integration import support
from tests.servers import address

NEW_CLAIM = {"sqlite": 35, "postgresql": 25}
# One more than the lookups need: the follow-up locks its claim row (store.claims.lock_claim)
# so that a web action and a message on the same claim apply one after the other.
FOLLOW_UP = {"sqlite": 15, "postgresql": 14}
# A batch of BATCH new claims like the one above, in one transaction (issue 13.2): each
# message adds its SAVEPOINT and RELEASE, the batch saves the BEGIN and COMMIT of all but
# one. Counted 361 on SQLite (36.1 a message, against 35 alone) and 270 on PostgreSQL
# (27.0, against 25 alone), but one commit instead of ten (COMMIT is not a cursor
# statement, so it is not in these counts).
BATCH = 10
NEW_CLAIMS_BATCH = {"sqlite": 361, "postgresql": 270}
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
TEAM = [{"name": "Анна Смирнова", "position": "специалист", "email": address("specialist1"),
         "languages": ["ru"], "categories": ["damage"]}]


def letter(message_id: str, *, references: tuple[str, ...] = (), attachment: bool = False) -> bytes:
    """A customer's letter with a copy to a friend, in reply to `references` if given."""
    message = EmailMessage()
    message["From"] = "Иван Петров <customer@example.test>"
    message["To"] = support.CLAIMS
    message["Cc"] = "Friend <friend@example.org>"
    message["Subject"] = "Re: Разбитая посуда" if references else "Разбитая посуда"
    message["Message-ID"] = f"<{message_id}>"
    message["Date"] = "Mon, 23 Nov 2026 10:00:00 +0300"
    if references:
        message["In-Reply-To"] = references[-1]
        message["References"] = " ".join(references)
    message.set_content("Заказ 12345 пришёл разбитым, прошу заменить. Телефон +7 900 123-45-67.")
    if attachment:
        message.add_attachment(b"%PDF-1.4 scan", maintype="application", subtype="pdf",
                               filename="scan.pdf")
    return message.as_bytes()


@pytest.fixture
def app(tmp_path: Path, db_url: str) -> Iterator[App]:
    app = support.app(tmp_path, db_url, specialists=TEAM,
                      managers=[{"name": "Мария", "email": address("manager")}])
    app.pipeline  # noqa: B018 - built (schema checked) before counting
    yield app
    app.db.dispose()


@contextmanager
def counted(app: App) -> Iterator[list[str]]:
    statements: list[str] = []

    def count(_conn: object, _cursor: object, statement: str, *_: object) -> None:
        statements.append(statement)

    event.listen(app.db.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(app.db.engine, "before_cursor_execute", count)


def test_new_claim_with_an_attachment_stays_within_its_statements(app: App) -> None:
    """A new claim with one attachment, acknowledged and assigned, costs at most the
    statements counted here (no party, field or outbox lookups on a claim just made)."""
    with counted(app) as statements:
        outcome = app.pipeline.process(letter("first@example.test", attachment=True), "test",
                                       NOW)
    assert outcome.new_claim
    assert outcome.acknowledged
    assert len(statements) <= NEW_CLAIM[app.db.dialect], "\n".join(statements)


def test_a_batch_of_new_claims_stays_within_its_statements(app: App) -> None:
    """A batch of new claims, each with an attachment, acknowledged and assigned, costs at
    most the statements counted here in its one transaction (a savepoint a message)."""
    batch = [IncomingItem(key=str(n), raw=letter(f"batch{n}@example.test", attachment=True))
             for n in range(BATCH)]
    with counted(app) as statements:
        outcomes = app.pipeline.process_batch(batch, "test", NOW)
    assert all(outcome.new_claim and outcome.acknowledged for outcome in outcomes)
    assert len(outcomes) == BATCH
    assert len(statements) <= NEW_CLAIMS_BATCH[app.db.dialect], "\n".join(statements)
    assert sum(s.startswith("SAVEPOINT") for s in statements) <= 3 * BATCH
    assert sum(s.startswith("BEGIN") for s in statements) <= 1


def test_follow_up_stays_within_its_statements(app: App) -> None:
    """A follow-up that references two earlier messages of the claim reads its participants
    once, and locks its claim row, within the statements counted here."""
    first = app.pipeline.process(letter("first@example.test", attachment=True), "test", NOW)
    with app.db.transaction() as session:
        ack = session.exec(select(OutboxRow.message_id)
                           .where(col(OutboxRow.kind) == "acknowledgement")).one()
    with counted(app) as statements:
        outcome = app.pipeline.process(
            letter("second@example.test", references=("<first@example.test>", f"<{ack}>")),
            "test", NOW + timedelta(minutes=5))
    assert outcome.claim_number == first.claim_number
    assert not outcome.new_claim
    assert len(statements) <= FOLLOW_UP[app.db.dialect], "\n".join(statements)
    assert sum("FROM parties" in s for s in statements) == 1, "\n".join(statements)


def test_participant_added_in_a_rolled_back_savepoint_is_added_again(app: App) -> None:
    """What a unit of work remembers is forgotten when a savepoint rolls back, so a
    participant whose row was undone is written again rather than taken as known."""
    number = app.pipeline.process(letter("first@example.test"), "test", NOW).claim_number
    assert number is not None
    with app.db.transaction() as session:
        claim = get_claim(session, number)
        assert claim is not None
        assert claim.id is not None
        savepoint = session.begin_nested()
        add_party(session, claim.id, "expert@example.org", "Expert", "cc")
        session.flush()
        savepoint.rollback()
        add_party(session, claim.id, "expert@example.org", "Expert", "cc")
    with app.db.transaction() as session:
        rows = session.exec(select(PartyRow).where(
            PartyRow.claim_id == claim.id, PartyRow.email == "expert@example.org")).all()
    assert len(rows) == 1
