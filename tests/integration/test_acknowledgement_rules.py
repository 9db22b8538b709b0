"""Who gets an acknowledgement, through the real pipeline and outbox (not just the rules)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import select

from mailflow.app import App
from mailflow.store.tables import ClaimRow, OutboxRow
from tests import corpus
from tests.integration import support

NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)


@pytest.fixture
def app(tmp_path: Path, db_url: str) -> App:
    return support.app(tmp_path, db_url)


def acknowledgements(app: App) -> list[list[str]]:
    with app.db.transaction() as session:
        rows = session.exec(select(OutboxRow).where(OutboxRow.kind == "acknowledgement")).all()
    return [json.loads(row.recipients) for row in rows]


def claims(app: App) -> int:
    with app.db.transaction() as session:
        return len(session.exec(select(ClaimRow)).all())


def test_x_ack_no_is_stored_but_never_answered(app: App) -> None:
    """A message carrying `X-Ack: no` opens its claim and gets no acknowledgement."""
    app.pipeline.process(corpus.english(extra_headers=[("X-Ack", "no")]), "test", NOW)
    assert (claims(app), acknowledgements(app)) == (1, [])


def test_mail_from_the_claims_address_is_never_answered(app: App) -> None:
    """Our own address writing to itself (a loop, a forward) gets no acknowledgement."""
    raw = corpus.english(sender=f"Claims <{support.CLAIMS}>", message_id="self@example.test")
    app.pipeline.process(raw, "test", NOW)
    assert acknowledgements(app) == []


def test_acknowledgement_goes_to_reply_to_and_never_to_cc(app: App) -> None:
    """With Reply-To and Cc set, only the Reply-To address is acknowledged."""
    raw = corpus.english(cc="Boss <boss@example.org>",
                         extra_headers=[("Reply-To", "Orders <orders@example.org>")])
    app.pipeline.process(raw, "test", NOW)
    assert acknowledgements(app) == [["orders@example.org"]]


def test_automated_mail_opening_a_claim_gets_nothing(app: App) -> None:
    """An auto-reply, a list message and a bounce that match no claim are kept, unanswered."""
    for raw in (corpus.auto_reply("rfc3834", message_id="ooo@example.net"),
                corpus.list_mail(message_id="news@shop.example"),
                corpus.bounce("unknown@example.test", message_id="dsn@mx.example.ru")):
        app.pipeline.process(raw, "test", NOW)
    assert (claims(app), acknowledgements(app)) == (3, [])


def test_one_sender_gets_at_most_ten_acknowledgements_an_hour(app: App) -> None:
    """Eleven new claims from one address within the hour: ten acknowledgements, then none."""
    for n in range(11):
        raw = corpus.english(message_id=f"flood.{n}@example.org", subject=f"Order {n}")
        app.pipeline.process(raw, "test", NOW + timedelta(minutes=n))
    assert claims(app) == 11
    assert len(acknowledgements(app)) == 10
    app.pipeline.process(corpus.english(message_id="later@example.org", subject="Later"),
                         "test", NOW + timedelta(hours=1, minutes=1))
    assert len(acknowledgements(app)) == 11
