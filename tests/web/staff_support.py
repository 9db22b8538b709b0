"""A claims desk for the staff pages: a team of two teams and a manager, claims from mail,
a browser that signs in by the link from the outbox, and a clock the test moves."""

from __future__ import annotations

import email
import json
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.policy import default as default_policy
from email.utils import make_msgid
from pathlib import Path
from typing import Any

from sqlmodel import col, select
from starlette.testclient import TestClient

from mailflow.app import App
from mailflow.store.claims import get_claim
from mailflow.store.tables import ClaimRow, EventRow, OutboxRow
from mailflow.web.app import create_app
from tests.web.support import BASE_URL, web_app

ANNA = "anna@example.test"   # team north
BORIS = "boris@example.test"  # team north
CARL = "carl@example.test"   # team south
MARIA = "maria@example.test"  # manager
TEAM: list[dict[str, Any]] = [
    {"name": "Анна Смирнова", "email": ANNA, "languages": ["ru"], "team": "north",
     "categories": ["damage"]},
    {"name": "Boris Kuznetsov", "email": BORIS, "languages": ["en"], "team": "north",
     "categories": ["delay"]},
    {"name": "Carl Berg", "email": CARL, "languages": ["en"], "team": "south"},
]
MANAGERS = [{"name": "Мария Орлова", "email": MARIA, "language": "ru"}]
START = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)


@dataclass
class Clock:
    """The web application's clock; tests move it forward."""

    now: datetime = START

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def desk(tmp_path: Path, db_url: str, approval: dict[str, Any] | None = None,
         **web: Any) -> App:
    """The app of a desk with the team above (plain http cookies, as on loopback)."""
    extra = {"approval": approval} if approval else {}
    return web_app(tmp_path, db_url, specialists=TEAM, managers=MANAGERS, web=web,
                   company={"timezone": "Europe/Moscow"}, **extra)


# One App per database and settings: the module-scoped tests share it (its schema is built
# and its templates compiled once).
_DESKS: dict[str, App] = {}


def shared_desk(tmp_path: Path, db_url: str, approval: dict[str, Any] | None = None,
                **web: Any) -> App:
    """`desk` on a module's shared database, built once per settings."""
    key = f"{db_url} {approval!r} {sorted(web.items())!r}"
    if key not in _DESKS:
        _DESKS[key] = desk(tmp_path, db_url, approval, **web)
    return _DESKS[key]


def customer() -> str:
    """A customer address of its own, so a test's letters never join another test's claim."""
    return f"ivan.{secrets.token_hex(4)}@customer.test"


def browser(mailflow: App, clock: Clock) -> TestClient:
    return TestClient(create_app(mailflow, now=clock), base_url=BASE_URL,
                      follow_redirects=False)


def letter(text: str, *, subject: str = "Разбитая ваза", sender: str = "ivan@customer.test",
           attachments: Sequence[tuple[str, str, bytes]] = ()) -> bytes:
    """A customer's letter, with (filename, content type, bytes) attachments."""
    mail = EmailMessage()
    mail["From"] = f"Иван Петров <{sender}>"
    mail["To"] = "claims@example.test"
    mail["Subject"] = subject
    mail["Message-ID"] = make_msgid(domain="customer.test")
    mail["Date"] = "Thu, 03 Dec 2026 11:00:00 +0300"
    mail.set_content(text)
    for name, kind, payload in attachments:
        main, sub = kind.split("/")
        mail.add_attachment(payload, maintype=main, subtype=sub, filename=name)
    return mail.as_bytes()


def open_claim(mailflow: App, raw: bytes, owner: str, at: datetime = START) -> str:
    """Process `raw` into a claim and hand it to `owner`; the claim's number."""
    outcome = mailflow.pipeline.process(raw, "test", at)
    assert outcome.status == "stored", outcome
    with mailflow.db.transaction() as session:
        claim = get_claim(session, outcome.claim_number or "")
        assert claim is not None
        if claim.assignee_email != owner:
            person = mailflow.team.find(owner)
            assert person is not None
            mailflow.workflow.assign(session, claim, person, at, actor="test", why="test")
        return claim.number


def login_link(mailflow: App, address: str) -> str | None:
    """The newest login link in the outbox for `address`, or None."""
    with mailflow.db.transaction() as session:
        rows = session.exec(select(OutboxRow).where(OutboxRow.kind == "web_login")
                            .order_by(col(OutboxRow.id).desc())).all()
    for row in rows:
        if address in json.loads(row.recipients):
            found = re.search(r"https?://\S+/login/[\w-]+", mail_text(row.raw))
            return found.group(0) if found else None
    return None


def mail_text(raw: bytes) -> str:
    """The plain text of a mail."""
    mail = email.message_from_bytes(raw, policy=default_policy)
    assert isinstance(mail, EmailMessage)
    part = mail.get_body(("plain",))
    assert part is not None
    return str(part.get_content())


def sign_in(client: TestClient, mailflow: App, address: str) -> None:
    """Ask for a link, open it and press the button, as a member of staff does."""
    ask_for_link(client, address)
    link = login_link(mailflow, address)
    assert link is not None
    confirm = client.get(link)
    assert confirm.status_code == 200
    answer = client.post(link, data={"csrf": form_token(confirm.text)})
    assert answer.status_code == 303, answer.text


def ask_for_link(client: TestClient, address: str) -> Any:
    form = client.get("/login")
    return client.post("/login", data={"email": address, "csrf": form_token(form.text)})


def form_token(page: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', page)
    assert found is not None, page
    return found.group(1)


def act(client: TestClient, number: str, action: str, **fields: str) -> Any:
    """Post an action form of the claim page with the page's CSRF token."""
    page = client.get(f"/claims/{number}")
    assert page.status_code == 200
    return client.post(f"/claims/{number}/{action}",
                       data={"csrf": form_token(page.text), **fields})


@dataclass
class Seen:
    """What the database says about a claim after a test acted on it."""

    claim: ClaimRow
    events: list[EventRow] = field(default_factory=list)


def seen(mailflow: App, number: str) -> Seen:
    with mailflow.db.transaction() as session:
        claim = get_claim(session, number)
        assert claim is not None
        events = list(session.exec(select(EventRow).where(EventRow.claim_id == claim.id)
                                   .order_by(col(EventRow.id))).all())
        session.expunge_all()
    return Seen(claim, events)
