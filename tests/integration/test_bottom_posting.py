"""Issue 9, defect 1: a specialist answering below the quote, through real IMAP and SMTP."""

from __future__ import annotations

from email.message import EmailMessage
from email.policy import SMTP

import pytest

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
