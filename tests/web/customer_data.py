"""A claim to look at through the customer's page: a team, a customer's letter, their link."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime
from pathlib import Path
from typing import Any

from sqlmodel import select

from mailflow.app import App
from mailflow.store.tables import ClaimRow
from mailflow.web.links import make_token
from tests.integration import support
from tests.web.support import web_app

CUSTOMER = "ivan.petrov@mail.example"
ANNA = "anna@company.example"
MANAGER = "maria@company.example"
TEAM: dict[str, Any] = {
    "specialists": [{"name": "Анна Смирнова", "email": ANNA,
                     "position": "ведущий специалист по претензиям",
                     "languages": ["ru", "en"],
                     "categories": ["damage", "defect", "wrong_item", "delay", "shortage"]}],
    "managers": [{"name": "Мария Кузнецова", "email": MANAGER, "position": "руководитель"}],
}
LETTER = ("Здравствуйте!\n\nВаза из заказа пришла разбитой, коробка была смята.\n"
          "Прошу заменить товар.\n\nИван Петров\n")
# A real (tiny) image of each kind, as a phone would send.
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
       b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff"
       b"\x89\x99=\x1d\x00\x00\x00\x00IEND\xaeB`\x82")
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 64 \
    + b"\xff\xd9"


def app(tmp_path: Path, db_url: str, **overrides: Any) -> App:
    """An App with `[web]` on and a one-specialist team."""
    return web_app(tmp_path, db_url, **{**TEAM, **overrides})


def letter(text: str = LETTER, *, sender: str = f"Иван Петров <{CUSTOMER}>",
           subject: str = "Разбитая ваза", html: str | None = None,
           message_id: str = "<letter-1@mail.example>") -> bytes:
    """A customer's letter to the claims address."""
    message = EmailMessage(policy=SMTP)
    message["From"] = sender
    message["To"] = support.CLAIMS
    message["Subject"] = subject
    message["Date"] = format_datetime(datetime(2026, 12, 1, 9, 0, tzinfo=UTC))
    message["Message-ID"] = message_id
    message.set_content(text)
    if html is not None:
        message.add_alternative(html, subtype="html")
    return message.as_bytes()


def open_claim(mailflow: App, raw: bytes | None = None,
               now: datetime = datetime(2026, 12, 1, 9, 5, tzinfo=UTC)) -> ClaimRow:
    """Process a customer's letter; the claim it opened."""
    outcome = mailflow.pipeline.process(raw or letter(), "test", now, received_at=now)
    assert outcome.status == "stored", outcome
    with mailflow.db.transaction() as session:
        return session.exec(select(ClaimRow).where(
            ClaimRow.number == outcome.claim_number)).one()


def token_of(mailflow: App, claim: ClaimRow, email: str | None = None,
             version: int | None = None) -> str:
    """The personal link token of `claim`'s customer (or of `email`, at `version`)."""
    return make_token(mailflow.secret, claim.number, email or claim.customer_email,
                      claim.link_version if version is None else version)


def form_fields(page: str) -> dict[str, str]:
    """The hidden fields of the page's upload form."""
    return dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', page))
