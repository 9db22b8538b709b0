"""An answer written on the staff web page, as the message it stands for on the claim.

Stored like a specialist's mail reply (with a Message-ID of its own and its bytes in the
blob store), so the timeline, approvals and the relay treat both the same way.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime
from email.message import EmailMessage
from email.policy import SMTPUTF8
from email.utils import format_datetime

from mailflow.domain.model import Address, ParsedMessage, Person
from mailflow.store.tables import ClaimRow


class AnswerRefused(Exception):
    """The rules refused an answer written on the web; nothing of it took effect."""

    def __init__(self, problems: list[dict[str, str]]) -> None:
        super().__init__("; ".join(problem["message"] for problem in problems))
        self.problems = problems


def web_answer(person: Person, claim: ClaimRow, text: str, domain: str,
               now: datetime, once: str = "") -> ParsedMessage:
    """`text` as a message from `person` on `claim`. `once` is the key of the form it was
    written in: the same form sent twice (a double click, a reload) is the same message."""
    body = text.replace("\r\n", "\n").strip() + "\n"
    key = hashlib.sha256(f"{claim.number}\0{person.email}\0{once}".encode()).hexdigest()[:24] \
        if once else secrets.token_hex(12)
    return ParsedMessage(
        message_id=f"web.{key}@{domain}", subject=f"Re: {claim.subject}",
        from_=Address(person.email, person.name), date=now, text=body,
        content_hash=hashlib.sha256(body.encode()).hexdigest(),
        headers=(("x-mailflow-via", "web"),))


def answer_bytes(msg: ParsedMessage, now: datetime) -> bytes:
    """The stored copy of a web answer: a plain RFC 5322 message of its text."""
    mail = EmailMessage(policy=SMTPUTF8)
    if msg.from_ is not None:
        mail["From"] = str(msg.from_)
    mail["Subject"] = msg.subject
    mail["Message-ID"] = f"<{msg.message_id}>"
    mail["Date"] = format_datetime(now)
    mail["X-Mailflow-Via"] = "web"
    mail.set_content(msg.text)
    return mail.as_bytes()
