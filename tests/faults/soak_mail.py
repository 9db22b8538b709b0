"""The people and the mail of the crash soak (tests/faults/test_crash_safety.py, bench/soak.py).

Two specialists and a manager are dovecot users, so the sink's relay puts mailflow's mail in
their INBOX; customers all write from customer@example.test (also a dovecot user, so every
relay to them is delivered), told apart by name and subject. Specialists answer the
notifications they received the way Gmail or Outlook writes a reply.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import SMTP
from email.policy import default as default_policy
from email.utils import format_datetime
from pathlib import Path
from typing import cast

from sqlmodel import select

from mailflow.app import App
from mailflow.store.tables import ClaimRow
from tests import corpus
from tests.integration import support
from tests.servers import Dovecot, SmtpSink, address, password

CLAIMS = address("claims")
CUSTOMER = address("customer")
ANNA, BORIS, MANAGER = address("specialist1"), address("specialist2"), address("manager")
MAILBOX_OF = {ANNA: "specialist1", BORIS: "specialist2", MANAGER: "manager"}
OTHER = {ANNA: BORIS, BORIS: ANNA}
TEAM = f"""
[[specialists]]
name = "Анна Смирнова"
position = "ведущий специалист по претензиям"
email = "{ANNA}"
languages = ["ru"]

[[specialists]]
name = "Boris Kuznetsov"
position = "Claims Specialist"
email = "{BORIS}"
languages = ["en"]

[[managers]]
name = "Мария Орлова"
position = "руководитель отдела"
email = "{MANAGER}"
"""
ENGLISH_TEXT = "Hello,\n\nMy order {n} arrived damaged: the box was crushed.\nPlease refund me.\n"
# What the specialists write, by claim (in claim-number order, cycling).
ACTIONS = ("relay", "waiting", "note", "assign", "bad")
ANSWER = "Здравствуйте!\n\nОтвет специалиста по претензии {number}: мы вернём деньги."
NOTE = "#note Внутренняя заметка {number}: клиент звонил."
BAD_COMMAND = "#срочно"


def customer_mail(conversations: int) -> list[bytes]:
    """Openings (Russian, some with attachments; every fourth English), a follow-up to each,
    some auto-replies and broken messages. Every customer writes from customer@example.test
    (a dovecot user, so the relay delivers), told apart by name and subject."""
    raws: list[bytes] = []
    for n in range(conversations):
        sender = f"Customer {n} <{CUSTOMER}>"
        first = f"crash-open.{n}@example.org"
        raws.append(opening(n, sender, first))
        raws.append(corpus.reply(first, sender=sender, message_id=f"crash-reply.{n}@example.org",
                                 subject=f"Re: Претензия {n}"))
        if n % 7 == 0:
            raws.append(corpus.auto_reply("rfc3834", sender=f"ooo{n}@example.net",
                                          message_id=f"crash-ooo.{n}@example.net"))
        if n % 10 == 0:
            raws.append(corpus.malformed("garbage") + f"{n}".encode())
    return raws


def opening(n: int, sender: str, message_id: str) -> bytes:
    if n % 4 == 1:
        message = EmailMessage()
        message["From"], message["To"] = sender, CLAIMS
        message["Subject"], message["Message-ID"] = f"Damaged item {n}", f"<{message_id}>"
        message["Date"] = corpus.DATE
        message.set_content(ENGLISH_TEXT.format(n=n))
        return message.as_bytes(policy=SMTP)
    build = corpus.with_attachments if n % 3 == 0 else corpus.russian
    return build(sender=sender, message_id=message_id, subject=f"Претензия {n}")


def with_attachments_count(conversations: int) -> int:
    """How many openings customer_mail() gives the three corpus attachments."""
    return sum(1 for n in range(conversations) if n % 4 != 1 and n % 3 == 0)


def is_garbage(raw: bytes) -> bool:
    return raw.startswith(b"this is not")


def parse(raw: bytes) -> EmailMessage:
    return message_from_bytes(raw, policy=default_policy)


def message_id_of(raw: bytes) -> str:
    return str(parse(raw)["Message-ID"]).strip().strip("<>")


def text_of(message: EmailMessage) -> str:
    body = message.get_body(("plain",))
    return "" if body is None else cast(str, body.get_content()).replace("\r\n", "\n")


def staff_reply(notice: EmailMessage, sender: str, text: str, message_id: str,
                style: str) -> bytes:
    """A reply as Gmail or Outlook writes it: to the personal Reply-To, threaded, quoted."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = notice["Reply-To"] or notice["From"]
    message["Subject"] = f"Re: {notice['Subject']}"
    message["Date"] = format_datetime(datetime.now(UTC))
    message["Message-ID"] = f"<{message_id}>"
    message["In-Reply-To"] = notice["Message-ID"]
    message["References"] = " ".join(filter(None, (notice["References"], notice["Message-ID"])))
    original = text_of(notice)
    if style == "gmail":
        quoted = "\n".join(f"> {line}" if line else ">" for line in original.splitlines())
        history = f"пн, 5 янв. 2026 г. в 10:15, {notice['From']}:\n\n{quoted}\n"
    else:
        history = ("________________________________\n"
                   f"От: {notice['From']}\nОтправлено: 5 января 2026 г. 10:15\n"
                   f"Кому: {notice['To']}\nТема: {notice['Subject']}\n\n{original}")
    message.set_content(f"{text}\n\n{history}")
    return message.as_bytes(policy=SMTP)


@dataclass(frozen=True)
class Answer:
    """One specialist's reply to the notification of a claim, and what it should do."""

    number: str
    writer: str
    action: str
    message_id: str
    raw: bytes


def customer_claim_numbers(app: App) -> list[str]:
    with app.db.transaction() as session:
        return list(session.exec(select(ClaimRow.number).where(
            ClaimRow.origin == "customer")).all())


def answers(dovecot: Dovecot, numbers: Sequence[str]) -> list[Answer]:
    """Each claim's assignee answers the first notification they got about it."""
    first: dict[str, tuple[str, EmailMessage]] = {}
    for person in (ANNA, BORIS):
        for raw in dovecot.messages(MAILBOX_OF[person]):
            notice = parse(raw)
            number = next((n for n in numbers if f"[{n}]" in str(notice["Subject"])), None)
            if number is not None and number not in first:
                first[number] = (person, notice)
    made: list[Answer] = []
    for index, number in enumerate(sorted(first)):
        person, notice = first[number]
        action = ACTIONS[index % len(ACTIONS)]
        message_id = f"answer.{index}@mail.example.test"
        raw = staff_reply(notice, person, answer_text(action, number, person), message_id,
                          "gmail" if index % 2 else "outlook")
        made.append(Answer(number, person, action, message_id, raw))
    return made


def answer_text(action: str, number: str, writer: str) -> str:
    answer = ANSWER.format(number=number)
    return {"relay": answer,
            "waiting": f"#status waiting_customer\n\n{answer}",
            "note": NOTE.format(number=number),
            "assign": f"#assign {OTHER[writer]}",
            "bad": f"{BAD_COMMAND}\n{answer}"}[action]


# A killed run's outbox lease is given up only when it runs out: keep it short.
LEASE_SECONDS = 1


def write_config(folder: Path, db_url: str, dovecot: Dovecot, sink: SmtpSink) -> Path:
    path = folder / "mailflow.toml"
    path.write_text(
        f'[database]\nurl = "{db_url}"\n'
        f'[mailbox]\nkind = "imap"\nhost = "{dovecot.host}"\nport = {dovecot.imap_port}\n'
        f'security = "none"\nusername = "{CLAIMS}"\n'
        f'password = "{password("claims")}"\nbatch_size = 10\n'
        f'[outgoing]\nkind = "smtp"\nhost = "{sink.host}"\nport = {sink.port}\n'
        f'security = "none"\nlease_seconds = {LEASE_SECONDS}\n'
        f'[company]\nclaims_address = "{CLAIMS}"\n'
        f'[storage]\nattachments_dir = "{folder / "blobs"}"\n'
        '[security]\nsecret = "crash-secret"\n'
        '[acknowledgement]\nmax_per_sender_per_hour = 100000\n' + TEAM, encoding="utf-8")
    return path


def prepare_database(config: Path) -> None:
    """Bring the schema up to date before the kills, as an operator does."""
    support.upgrade_config(config)
