"""Deadlines and the acknowledgement count from when the mailbox got a message, not from
when mailflow got round to it: IMAP INTERNALDATE and a Maildir file's time, through dovecot
and the aiosmtpd sink, on SQLite and PostgreSQL."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default as default_policy
from pathlib import Path
from typing import Any, cast
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from mailflow.app import App
from mailflow.runner import Runner
from mailflow.store.tables import ClaimRow, MessageRow
from tests import corpus
from tests.integration import support
from tests.servers import Dovecot, SmtpSink

pytestmark = pytest.mark.smtp

MOSCOW = ZoneInfo("Europe/Moscow")
ANNA = "anna@example.test"
TEAM: list[dict[str, Any]] = [
    {"name": "Анна Смирнова", "email": ANNA, "languages": ["ru"],
     "categories": ["damage", "defect"]}]
# Friday 13 March 2026, 19:30 in Moscow: after working hours, before an ordinary weekend.
FRIDAY_EVENING = datetime(2026, 3, 13, 19, 30, tzinfo=MOSCOW)
TUESDAY_MORNING = datetime(2026, 3, 17, 10, 0, tzinfo=MOSCOW)
# Three working days after Friday: Mon 16, Tue 17, Wed 18; from Tuesday it would be Friday 20.
ANSWER_BY_FROM_FRIDAY = datetime(2026, 3, 18, 18, 0, tzinfo=MOSCOW)


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def make_app(tmp_path: Path, db_url: str, sink: SmtpSink, dovecot: Dovecot | None) -> App:
    return support.app(tmp_path, db_url, dovecot, sink, specialists=TEAM,
                       company={"claims_address": support.CLAIMS, "name": "Test Company",
                                "timezone": "Europe/Moscow"})


def claim_mail(message_id: str) -> bytes:
    """A damage claim whose Date header says Tuesday: only the mailbox knows it came Friday."""
    return corpus.russian(message_id=message_id, date="Tue, 17 Mar 2026 09:55:00 +0300")


def deliver_to_maildir(tmp_path: Path, raw: bytes, at: datetime) -> None:
    """A file in the inbox's new/ as a delivery agent writes it at `at`."""
    new = tmp_path / "inbox" / "new"
    new.mkdir(parents=True, exist_ok=True)
    file = new / f"{int(at.timestamp())}.M1P1.mx.example.test"
    file.write_bytes(raw)
    os.utime(file, (at.timestamp(), at.timestamp()))


def run_at(app: App, now: datetime) -> None:
    Runner(app, app.source(), clock=Clock(now)).run_once()


def the_claim(app: App) -> ClaimRow:
    with app.db.transaction() as session:
        return session.exec(select(ClaimRow)).one()


def acknowledgement(sink: SmtpSink) -> EmailMessage:
    for received in sink.received:
        message = message_from_bytes(received.content, policy=default_policy)
        if message["Auto-Submitted"] == "auto-replied":
            return cast(EmailMessage, message)
    raise AssertionError("no acknowledgement reached the sink")


def text_of(message: EmailMessage) -> str:
    body = message.get_body(("plain",))
    assert body is not None
    return cast(str, body.get_content())


def assert_counted_from_friday(app: App, sink: SmtpSink) -> None:
    claim = the_claim(app)
    assert claim.created_at == FRIDAY_EVENING
    assert claim.first_response_due == ANSWER_BY_FROM_FRIDAY
    with app.db.transaction() as session:
        stored = session.exec(select(MessageRow).where(MessageRow.direction == "in")).one()
    assert stored.created_at == FRIDAY_EVENING
    text = text_of(acknowledgement(sink))
    assert "13 марта 2026 г. в 19:30" in text  # the receipt, in Moscow time
    assert "18 марта 2026 г." in text          # the answer-by date counted from Friday


def test_imap_internaldate_is_the_receipt(tmp_path: Path, db_url: str, clean_dovecot: Dovecot,
                                          smtp_sink: SmtpSink) -> None:
    """A message in the IMAP inbox since Friday evening, processed on Tuesday, is due by
    Wednesday and acknowledged as received on Friday at 19:30 Moscow time."""
    app = make_app(tmp_path, db_url, smtp_sink, clean_dovecot)
    with clean_dovecot.client("claims") as client:
        client.append("INBOX", claim_mail("friday.imap@example.ru"),
                      msg_time=FRIDAY_EVENING.astimezone(UTC))
    run_at(app, TUESDAY_MORNING)
    assert_counted_from_friday(app, smtp_sink)


def test_maildir_file_time_is_the_receipt(tmp_path: Path, db_url: str,
                                          smtp_sink: SmtpSink) -> None:
    """A Maildir file delivered on Friday evening and processed on Tuesday is counted from
    Friday, like the IMAP message."""
    app = make_app(tmp_path, db_url, smtp_sink, None)
    deliver_to_maildir(tmp_path, claim_mail("friday.maildir@example.ru"), FRIDAY_EVENING)
    run_at(app, TUESDAY_MORNING)
    assert_counted_from_friday(app, smtp_sink)


def test_claim_number_has_the_companys_local_year(tmp_path: Path, db_url: str,
                                                  smtp_sink: SmtpSink) -> None:
    """A letter delivered at 21:30 UTC on 31 December 2026 (00:30 on 1 January in Moscow)
    opens a claim of 2027, though UTC is still in 2026 when it is processed."""
    app = make_app(tmp_path, db_url, smtp_sink, None)
    received = datetime(2026, 12, 31, 21, 30, tzinfo=UTC)
    deliver_to_maildir(tmp_path, corpus.russian(message_id="new.year@example.ru"), received)
    run_at(app, datetime(2026, 12, 31, 21, 35, tzinfo=UTC))
    assert the_claim(app).number == "CLM-2027-000001"


def test_claim_year_from_imap_internaldate(tmp_path: Path, db_url: str, clean_dovecot: Dovecot,
                                           smtp_sink: SmtpSink) -> None:
    """Over IMAP too: 00:30 on 1 January 2026 in Moscow names a claim of 2026 (dovecot takes
    no INTERNALDATE from the future, so this New Year is one already past)."""
    app = make_app(tmp_path, db_url, smtp_sink, clean_dovecot)
    with clean_dovecot.client("claims") as client:
        client.append("INBOX", corpus.russian(message_id="new.year@example.ru"),
                      msg_time=datetime(2025, 12, 31, 21, 30, tzinfo=UTC))
    run_at(app, datetime(2025, 12, 31, 21, 35, tzinfo=UTC))
    assert the_claim(app).number == "CLM-2026-000001"
