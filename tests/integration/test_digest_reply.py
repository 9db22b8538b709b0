"""A manager answering the digest with `#assign` / `#note` lines, through real IMAP and SMTP:
the digest as the manager's mailbox received it, answered from a mail client."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from pathlib import Path

import pytest
from sqlmodel import col, select

from mailflow.runner import Runner
from mailflow.store.tables import ClaimRow, EventRow
from tests.integration import support
from tests.integration.test_staff_trust import open_claim_at
from tests.integration.test_workflow import (
    ANNA,
    BORIS,
    MANAGER,
    MANAGERS,
    TEAM,
    Desk,
    reply,
    text_of,
)
from tests.servers import Dovecot, SmtpSink

pytestmark = [pytest.mark.imap, pytest.mark.smtp]


@pytest.fixture
def desk(tmp_path: Path, db_url: str, clean_dovecot: Dovecot, smtp_sink: SmtpSink) -> Desk:
    """mailflow with two specialists, a manager and the daily digest."""
    smtp_sink.relay_to(clean_dovecot)
    app = support.app(tmp_path, db_url, clean_dovecot, smtp_sink, specialists=TEAM,
                      managers=MANAGERS, company={"timezone": "Europe/Moscow"},
                      digest={"enabled": True, "weekly": False, "monthly": False})
    return Desk(app, clean_dovecot, smtp_sink)


def overdue_claim_and_digest(desk: Desk) -> tuple[str, EmailMessage]:
    """Anna's claim, opened ten days ago and overdue now; the digest the manager received."""
    now = datetime.now(UTC)
    open_claim_at(desk, now - timedelta(days=10))
    runner = Runner(desk.app, desk.app.source(), clock=lambda: now)
    runner.run_once()  # the deadline pass finds the claim overdue
    assert runner.digest_pass(now, "daemon-a") == 1
    runner.drain()
    digests = [m for m in desk.inbox("manager") if m["X-Mailflow-Digest"]]
    assert len(digests) == 1
    desk.inbox("specialist1")
    desk.inbox("specialist2")
    number = desk.claim().number
    assert desk.claim().overdue
    assert number in text_of(digests[0])
    return number, digests[0]


def claim_numbered(desk: Desk, number: str) -> ClaimRow:
    """The claim `number` (the answers to the digest are kept as ownerless records beside it)."""
    with desk.app.db.transaction() as session:
        return session.exec(select(ClaimRow).where(ClaimRow.number == number)).one()


def notes(desk: Desk) -> list[tuple[str | None, str]]:
    with desk.app.db.transaction() as session:
        rows = session.exec(select(EventRow).where(EventRow.kind == "note")
                            .order_by(col(EventRow.id))).all()
        return [(row.actor, row.detail) for row in rows]


def test_manager_hands_over_and_notes_by_answering_the_digest(desk: Desk) -> None:
    """`#assign` of an overdue claim and a `#note` in the manager's answer: Boris gets the
    claim, the note is recorded in the manager's name, and the manager is told what was
    done; nothing reaches the customer."""
    number, digest = overdue_claim_and_digest(desk)

    desk.send(reply(digest, MANAGER, f"Борис, возьмите.\n#assign {number} {BORIS}\n"
                                     f"#note {number} клиент звонил дважды"))

    assert claim_numbered(desk, number).assignee_email == BORIS
    assert number in desk.one("specialist2")["Subject"]
    assert [(actor, '"клиент звонил дважды"' in detail) for actor, detail in notes(desk)] \
        == [(MANAGER, True)]
    confirmation = desk.one("manager")
    assert "Выполнено" in confirmation["Subject"]
    assert f"#assign {number} {BORIS}" in text_of(confirmation)
    assert desk.nothing_for("customer")


def test_another_sender_with_the_digest_reference_changes_nothing(desk: Desk) -> None:
    """Boris answering the manager's digest (its reference is not his) is refused with the
    reason (in his language), and the claim stays Anna's with no note."""
    number, digest = overdue_claim_and_digest(desk)

    desk.send(reply(digest, BORIS, f"#assign {number} {BORIS}\n#note {number} mine now"))

    refusal = desk.one("specialist2")
    assert refusal["Subject"] == "Not carried out: your answer to the digest"
    assert "the message does not answer a digest sent to you" in text_of(refusal)
    assert claim_numbered(desk, number).assignee_email == ANNA
    assert notes(desk) == []
    assert desk.nothing_for("manager", "specialist1", "customer")


def test_one_invalid_line_refuses_the_whole_answer(desk: Desk) -> None:
    """A line naming an unknown claim refuses the valid `#assign` beside it; the manager is
    told which line and why (the answer found by the digest's Reply-To alone: its client
    dropped In-Reply-To)."""
    number, digest = overdue_claim_and_digest(desk)

    desk.send(reply(digest, MANAGER, f"#assign {number} {BORIS}\n"
                                     "#note CLM-2020-999999 нет такой", threaded=False))

    error = desk.one("manager")
    assert "Не выполнено" in error["Subject"]
    assert "#note CLM-2020-999999 нет такой" in text_of(error)
    assert "претензии CLM-2020-999999 нет" in text_of(error)
    assert claim_numbered(desk, number).assignee_email == ANNA
    assert notes(desk) == []
    assert desk.nothing_for("specialist2", "customer")
