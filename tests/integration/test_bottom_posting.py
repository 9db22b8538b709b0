"""Issue 9, defect 1: a specialist answering below the quote, through real IMAP and SMTP."""

from __future__ import annotations

from email.message import EmailMessage
from email.policy import SMTP

import pytest

from mailflow.domain.leaks import leaked_lines
from mailflow.store import outbox
from tests.integration.test_workflow import (
    ANNA,
    Desk,
    desk,
    everything_readable,
    gmail_quote,
    open_claim,
    text_of,
)

__all__ = ["desk"]  # the shared fixture

pytestmark = [pytest.mark.imap, pytest.mark.smtp]


def bottom_posted(original: EmailMessage, text: str) -> bytes:
    """Anna's Gmail reply written under the quoted notification, as she would send it."""
    message = EmailMessage()
    message["From"], message["To"] = ANNA, original["Reply-To"] or original["From"]
    message["Subject"] = f"Re: {original['Subject']}"
    message["In-Reply-To"] = original["Message-ID"]
    message["References"] = original["Message-ID"]
    message["Message-ID"] = "<bottom-posted@mail.example.test>"
    message.set_content(f"{gmail_quote(original)}\n{text}\n")
    return message.as_bytes(policy=SMTP)


def test_bottom_posted_answer_is_relayed_without_the_quote_or_commands(desk: Desk) -> None:
    """The answer below the quote reaches Ivan alone; its command is applied, not relayed."""
    _, _, notice = open_claim(desk)

    desk.send(bottom_posted(notice, "#status waiting_customer\n\nИван, пришлите, пожалуйста, "
                                    "фото серийного номера."))

    relayed, update = desk.inbox("customer")
    body = text_of(relayed)
    assert body.startswith("Иван, пришлите, пожалуйста, фото серийного номера.\n\n-- \n")
    readable = everything_readable(relayed.as_bytes())
    for internal in ("#status", "Вам назначена", "Категория:", "Приоритет:", "Команды"):
        assert internal not in readable
    assert "Статус претензии" in update["Subject"]
    assert desk.claim().status == "waiting_customer"
    assert desk.nothing_for("specialist1")


def test_staff_texts_are_the_mail_to_staff_on_the_claim(desk: Desk) -> None:
    """The leak check compares with what Anna got on the claim, not with the customer's mail."""
    _, ack, notice = open_claim(desk)
    claim = desk.claim()
    assert claim.id is not None

    with desk.app.db.transaction() as session:
        texts = outbox.staff_texts(session, claim.id, claim.customer_email.upper())

    assert texts == [text_of(notice)]
    assert text_of(ack) not in texts
    assert "Категория: damage" in leaked_lines(f"Иван, добрый день!\n{texts[0]}", texts)
    assert leaked_lines("Иван, добрый день!\nТелевизор заменим на этой неделе.", texts) == []
