"""The specialist workflow end to end, through real IMAP and SMTP.

Customers and specialists write into the claims mailbox on the loopback dovecot; mailflow
answers through the aiosmtpd sink, which relays every message into the recipient's own
dovecot mailbox. The tests read each person's INBOX and answer the way their mail client
would (Russian Gmail or Outlook quoting), so every message crosses real servers both ways.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import SMTP
from email.policy import default as default_policy
from email.utils import format_datetime, make_msgid
from pathlib import Path
from typing import Any, cast

import pytest
from sqlmodel import col, select

from mailflow.app import App
from mailflow.domain.references import personal_reference_in, personal_subaddress_in
from mailflow.runner import Runner
from mailflow.store.tables import ClaimRow, EventRow
from tests import corpus
from tests.integration import support
from tests.servers import Dovecot, SmtpSink, address

pytestmark = [pytest.mark.imap, pytest.mark.smtp]

CLAIMS = support.CLAIMS
SECRET = support.SECRET.encode()
CUSTOMER = "Иван Петров <customer@example.test>"
ENGLISH_CUSTOMER = "John Smith <customer@example.test>"
ANNA = address("specialist1")
BORIS = address("specialist2")
MANAGER = address("manager")
TEAM: list[dict[str, Any]] = [
    {"name": "Анна Смирнова", "position": "ведущий специалист по претензиям", "email": ANNA,
     "languages": ["ru"], "categories": ["damage", "defect"]},
    {"name": "Boris Kuznetsov", "position": "Claims Specialist", "email": BORIS,
     "languages": ["en"], "categories": ["delay", "wrong_item"],
     "absences": [{"start": "2020-01-01", "end": "2020-01-10"}]},
]
MANAGERS = [{"name": "Мария Орлова", "position": "руководитель отдела", "email": MANAGER}]
ANSWER_PDF = b"%PDF-1.4\n% answer\n" + bytes(range(256)) * 3 + b"\n%%EOF\n"
ANSWER_NAME = "Ответ на претензию №15.pdf"
DELAY_TEXT = ("Hello,\n\nMy order 12345 has not arrived yet: the delivery is two weeks late.\n"
              "Please tell me when it will be delivered.\n\nJohn Smith\n")


@dataclass
class Desk:
    """The claims desk as its people see it: each reads their own INBOX, mailflow runs between."""

    app: App
    dovecot: Dovecot
    sink: SmtpSink
    seen: dict[str, int] = field(default_factory=dict)

    def send(self, *raws: bytes) -> None:
        """Put messages in the claims INBOX and let mailflow process them and send its mail."""
        self.dovecot.append("claims", list(raws))
        Runner(self.app, self.app.source()).run_once()

    def inbox(self, user: str) -> list[EmailMessage]:
        """The messages that reached `user` since the last look, oldest first."""
        raws = self.dovecot.messages(user)
        fresh = raws[self.seen.get(user, 0):]
        self.seen[user] = len(raws)
        return [parse(raw) for raw in fresh]

    def one(self, user: str) -> EmailMessage:
        """The single new message of `user` (fails when there are none or several)."""
        new = self.inbox(user)
        assert len(new) == 1, [m["Subject"] for m in new]
        return new[0]

    def nothing_for(self, *users: str) -> bool:
        return all(not self.inbox(user) for user in users)

    def claim(self) -> ClaimRow:
        with self.app.db.transaction() as session:
            return session.exec(select(ClaimRow)).one()

    def events(self, kind: str) -> list[dict[str, Any]]:
        with self.app.db.transaction() as session:
            rows = session.exec(select(EventRow).where(EventRow.kind == kind)
                                .order_by(col(EventRow.id))).all()
        return [cast(dict[str, Any], json.loads(row.detail)) for row in rows]


def parse(raw: bytes) -> EmailMessage:
    return cast(EmailMessage, message_from_bytes(raw, policy=default_policy))


def text_of(message: EmailMessage) -> str:
    body = message.get_body(("plain",))
    assert body is not None
    return cast(str, body.get_content()).replace("\r\n", "\n")


def attachments_of(message: EmailMessage) -> dict[str, bytes]:
    return {part.get_filename() or "": cast(bytes, part.get_content())
            for part in message.iter_attachments()}


def reply_address_of(message: EmailMessage) -> str:
    return cast(str, message["Reply-To"].addresses[0].addr_spec)


def gmail_quote(original: EmailMessage) -> str:
    """The history a Russian Gmail puts under a plain-text reply."""
    quoted = "\n".join(f"> {line}" if line else ">" for line in text_of(original).splitlines())
    return f"пн, 5 янв. 2026 г. в 10:15, {original['From']}:\n\n{quoted}\n"


def outlook_quote(original: EmailMessage) -> str:
    """The history a Russian Outlook puts under a reply: a header block, the text as is."""
    return ("________________________________\n"
            f"От: {original['From']}\nОтправлено: 5 января 2026 г. 10:15\n"
            f"Кому: {original['To']}\nТема: {original['Subject']}\n\n{text_of(original)}")


def reply(original: EmailMessage, sender: str, text: str, *, style: str = "gmail",
          attachments: Sequence[tuple[str, bytes]] = (), to: str | None = None,
          threaded: bool = True) -> bytes:
    """A reply as a mail client writes it: to Reply-To, threaded, history quoted below."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to or original["Reply-To"] or original["From"]
    message["Subject"] = f"Re: {original['Subject']}"
    message["Date"] = format_datetime(datetime.now(UTC))
    message["Message-ID"] = make_msgid(domain="mail.example.test")
    if threaded:
        message["In-Reply-To"] = original["Message-ID"]
        message["References"] = " ".join(filter(None, (original["References"],
                                                       original["Message-ID"])))
    history = gmail_quote(original) if style == "gmail" else outlook_quote(original)
    message.set_content(f"{text}\n\n{history}")
    for filename, payload in attachments:
        message.add_attachment(payload, maintype="application", subtype="pdf",
                               filename=filename)
    return message.as_bytes(policy=SMTP)


def fresh_message(sender: str, subject: str, text: str, to: str = CLAIMS) -> bytes:
    """A new message (no reply headers) as a mail client writes it."""
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = sender, to, subject
    message["Date"] = format_datetime(datetime.now(UTC))
    message["Message-ID"] = make_msgid(domain="mail.example.test")
    message.set_content(text)
    return message.as_bytes(policy=SMTP)


def everything_readable(raw: bytes) -> str:
    """The raw message, every decoded header and every decoded part, as one string."""
    message = parse(raw)
    pieces = [raw.decode("ascii", errors="replace")]
    for part in message.walk():
        pieces += [f"{name}: {value}" for name, value in part.items()]
        if not part.is_multipart():
            content = part.get_content()
            pieces.append(content if isinstance(content, str)
                          else content.decode("utf-8", errors="replace"))
    return "\n".join(pieces)


@pytest.fixture
def desk(tmp_path: Path, db_url: str, clean_dovecot: Dovecot, smtp_sink: SmtpSink) -> Desk:
    """mailflow with two specialists and a manager; its mail lands in real mailboxes."""
    smtp_sink.relay_to(clean_dovecot)
    app = support.app(tmp_path, db_url, clean_dovecot, smtp_sink, specialists=TEAM,
                      managers=MANAGERS)
    return Desk(app, clean_dovecot, smtp_sink)


def open_claim(desk: Desk) -> tuple[str, EmailMessage, EmailMessage]:
    """Ivan reports a damaged TV with three attachments: the number, his ack, Anna's copy."""
    message_id = make_msgid(domain="mail.example.ru")[1:-1]
    desk.send(corpus.with_attachments(sender=CUSTOMER, message_id=message_id))
    return desk.claim().number, desk.one("customer"), desk.one("specialist1")


def test_new_claim_goes_to_the_specialist_for_its_category(desk: Desk) -> None:
    """A damage claim is acknowledged naming Anna and reaches her with the original files."""
    number, ack, notice = open_claim(desk)

    assert "Анна Смирнова, ведущий специалист по претензиям" in text_of(ack)
    assert f"[{number}]" in ack["Subject"]
    assert notice["To"].addresses[0].addr_spec == ANNA
    assert notice["From"].addresses[0].addr_spec == CLAIMS
    assert f"[{number}]" in notice["Subject"]
    assert personal_subaddress_in((reply_address_of(notice),), SECRET, ANNA) == number
    assert reply_address_of(notice).startswith(f"claims+{number}.")
    assert personal_reference_in((notice["Message-ID"],), SECRET, ANNA) == number
    assert attachments_of(notice) == corpus.ATTACHMENTS
    assert "Вам назначена новая претензия" in text_of(notice)
    claim = desk.claim()
    assert (claim.assignee_email, claim.status, claim.category) == (ANNA, "assigned", "damage")
    assert desk.nothing_for("specialist2", "manager")


def test_specialist_reply_reaches_the_customer_from_the_claims_address(desk: Desk) -> None:
    """Anna's Outlook reply reaches Ivan from the claims address, without her address or history."""
    number, _, notice = open_claim(desk)
    answer = "Здравствуйте, Иван!\n\nМы заменим телевизор. Акт во вложении.\n\nС уважением,\nАнна"

    desk.send(reply(notice, f"Анна Смирнова <{ANNA}>", answer, style="outlook",
                    attachments=[(ANSWER_NAME, ANSWER_PDF)]))

    relayed = desk.one("customer")
    raw = desk.sink.received[-1]
    assert raw.rcpt_tos == ["customer@example.test"]
    assert raw.mail_from == CLAIMS
    assert relayed["From"].addresses[0].addr_spec == CLAIMS
    assert relayed["Reply-To"] is None
    readable = everything_readable(raw.content)
    for secret in (ANNA, "specialist1", reply_address_of(notice)):
        assert secret not in readable
    body = text_of(relayed)
    assert body.startswith("Здравствуйте, Иван!\n\nМы заменим телевизор.")
    assert "С уважением,\nАнна" in body
    for history in ("Отправлено:", "Кому:", "Вам назначена", "экран телевизора разбит"):
        assert history not in body
    assert attachments_of(relayed) == {ANSWER_NAME: ANSWER_PDF}
    assert f"[{number}]" in relayed["Subject"]
    claim = desk.claim()
    assert claim.status == "in_progress"
    assert claim.first_response_at is not None
    assert desk.nothing_for("specialist1", "specialist2")


def test_status_command_changes_status_and_tells_the_customer(desk: Desk) -> None:
    """`#status waiting_customer` is applied, kept out of the relay, and announced in Russian."""
    _, _, notice = open_claim(desk)

    desk.send(reply(notice, ANNA, "#status waiting_customer\n\nИван, пришлите, пожалуйста, "
                    "фото серийного номера."))

    relayed, update = desk.inbox("customer")
    body = text_of(relayed)
    assert body.startswith("Иван, пришлите, пожалуйста, фото серийного номера.\n\n-- \n")
    assert "#status" not in everything_readable(relayed.as_bytes())
    for history in ("> ", "пн, 5 янв. 2026 г.", "Вам назначена"):
        assert history not in body
    assert "Статус претензии" in update["Subject"]
    assert "изменился: «Ожидает дополнительной информации»" in text_of(update)
    assert desk.claim().status == "waiting_customer"
    assert desk.nothing_for("specialist1")


def test_field_commands_and_close(desk: Desk) -> None:
    """`#priority high` and `#category delay` set fields silently; `#close` (with the decision)
    closes with a notice."""
    _, _, notice = open_claim(desk)

    desk.send(reply(notice, ANNA, "#priority high\n#category delay"))
    claim = desk.claim()
    assert (claim.priority, claim.category, claim.status) == ("high", "delay", "assigned")
    assert desk.nothing_for("customer", "specialist1")

    desk.send(reply(notice, ANNA, "#close\n#outcome accepted"))
    assert desk.claim().status == "closed"
    closed = desk.one("customer")
    assert "Статус претензии" in closed["Subject"]
    assert desk.nothing_for("specialist1")


def test_assign_hands_the_claim_over_with_its_attachments(desk: Desk) -> None:
    """`#assign` hands the claim to Boris with the customer's files, in his language (English)."""
    number, _, notice = open_claim(desk)

    desk.send(reply(notice, ANNA, f"#assign {BORIS}"))

    handed = desk.one("specialist2")
    assert "Claim handed over to you" in handed["Subject"]
    assert "Previously handled by: Анна Смирнова" in text_of(handed)
    assert attachments_of(handed) == corpus.ATTACHMENTS
    assert personal_subaddress_in((reply_address_of(handed),), SECRET, BORIS) == number
    assert desk.claim().assignee_email == BORIS
    assert desk.nothing_for("customer", "specialist1")

    desk.send(reply(handed, BORIS, "Dear Ivan, the replacement is on its way."))
    assert text_of(desk.one("customer")).startswith("Dear Ivan, the replacement is on its way.")


def test_former_assignee_can_no_longer_act_on_the_claim(desk: Desk) -> None:
    """After `#assign`, Anna's reply to her old notification is kept but not relayed."""
    _, _, notice = open_claim(desk)
    desk.send(reply(notice, ANNA, f"#assign {BORIS}"))
    desk.one("specialist2")

    desk.send(reply(notice, ANNA, "#status resolved\nИван, всё решено."))

    refusal = desk.one("specialist1")
    assert "претензия передана другому специалисту" in text_of(refusal)
    assert desk.claim().status == "assigned"
    assert desk.nothing_for("customer")


@pytest.mark.parametrize(("command", "problem"), [
    ("#status reopened", "нельзя перевести претензию из статуса assigned в reopened"),
    ("#срочно", "неизвестная команда; доступны: #status, #assign"),
    ("#assign nobody@example.test", "nobody@example.test нет среди специалистов"),
    ("#priority highest", "недопустимое значение; приоритет — одно из: low, normal, high"),
])
def test_bad_command_is_reported_and_nothing_happens(desk: Desk, command: str,
                                                     problem: str) -> None:
    """An invalid transition or unknown command gets command_error; nothing changes or is sent."""
    _, _, notice = open_claim(desk)

    desk.send(reply(notice, ANNA, f"{command}\nИван, мы уже занимаемся вашей претензией."))

    error = desk.one("specialist1")
    assert "Команды не выполнены" in error["Subject"]
    assert f"«{command}»: {problem}" in text_of(error)
    assert error["In-Reply-To"] == notice["Message-ID"]
    claim = desk.claim()
    assert (claim.status, claim.priority, claim.assignee_email) == ("assigned", "normal", ANNA)
    assert desk.nothing_for("customer", "specialist2")


def test_note_stays_internal(desk: Desk) -> None:
    """`#note` records an internal note and sends nothing to the customer."""
    _, _, notice = open_claim(desk)

    desk.send(reply(notice, ANNA, "#note Клиент звонил, просит курьера после 18:00.\n"
                    "Согласовать с логистикой."))

    assert desk.events("note") == [{"text": "Клиент звонил, просит курьера после 18:00.\n"
                                            "Согласовать с логистикой."}]
    assert desk.nothing_for("customer", "specialist1")
    assert desk.claim().status == "assigned"


def test_message_without_personal_reference_is_not_trusted(desk: Desk) -> None:
    """A new message from Anna's address quoting the claim token is neither relayed nor obeyed."""
    number, _, _ = open_claim(desk)

    desk.send(fresh_message(ANNA, f"По претензии [{number}]",
                            "#status resolved\nИван, вопрос решён, деньги вернём."))

    notice = desk.one("specialist1")
    assert "не передано клиенту" in notice["Subject"]
    assert "Причина: письмо не является ответом на уведомление системы" in text_of(notice)
    assert desk.claim().status == "assigned"
    assert desk.nothing_for("customer")
    assert desk.events("message.untrusted")[0]["why"] == "no-personal-reference"


def test_reply_to_the_acknowledgement_from_staff_is_not_trusted(desk: Desk) -> None:
    """Anna answering the customer's acknowledgement (claim tag, not hers) is not relayed."""
    _, ack, _ = open_claim(desk)

    desk.send(reply(ack, ANNA, "#close\nИван, всё решено.", to=CLAIMS))

    assert "не передано клиенту" in desk.one("specialist1")["Subject"]
    assert desk.claim().status == "assigned"
    assert desk.nothing_for("customer")


def test_reply_to_the_personal_address_alone_is_trusted(desk: Desk) -> None:
    """A client that drops In-Reply-To still proves Anna by the personal Reply-To address."""
    _, _, notice = open_claim(desk)

    desk.send(reply(notice, ANNA, "Иван, курьер заберёт телевизор завтра.", threaded=False))

    assert text_of(desk.one("customer")).startswith("Иван, курьер заберёт телевизор завтра.")
    assert desk.claim().status == "in_progress"
    assert desk.nothing_for("specialist1")


def test_customer_commands_are_just_a_follow_up(desk: Desk) -> None:
    """A customer writing `#status resolved` only gets forwarded to the specialist."""
    _, ack, _ = open_claim(desk)

    desk.send(reply(ack, CUSTOMER, "#status resolved\nЯ сам всё решил, спасибо."))

    forwarded = desk.one("specialist1")
    assert "#status resolved" in text_of(forwarded)
    assert desk.claim().status == "assigned"
    assert desk.nothing_for("customer")


def test_customer_follow_up_is_forwarded_in_the_specialists_thread(desk: Desk) -> None:
    """Ivan's reply to his acknowledgement reaches Anna threaded under her notification."""
    number, ack, notice = open_claim(desk)

    desk.send(reply(ack, CUSTOMER, "Добавляю номер чека: 987654.",
                    attachments=[("чек.pdf", corpus.PDF_PAYLOAD)]))

    forwarded = desk.one("specialist1")
    assert forwarded["In-Reply-To"] == notice["Message-ID"]
    assert notice["Message-ID"] in forwarded["References"]
    assert "Новое письмо клиента: Претензия по заказу 12345" in forwarded["Subject"]
    assert forwarded["Subject"].count(number) == 1
    assert "Re:" not in forwarded["Subject"]
    assert "Добавляю номер чека: 987654." in text_of(forwarded)
    assert "Ваша претензия зарегистрирована" not in text_of(forwarded)
    assert attachments_of(forwarded) == {"чек.pdf": corpus.PDF_PAYLOAD}
    assert personal_subaddress_in((reply_address_of(forwarded),), SECRET, ANNA) == number
    assert desk.nothing_for("customer")


def postfix_bounce(original: EmailMessage) -> bytes:
    """A Postfix delivery-status report about `original`: no In-Reply-To, its headers attached."""
    headers = "".join(f"{name}: {original[name]}\r\n"
                      for name in ("From", "To", "Subject", "Message-ID", "Date"))
    boundary = "B6E2C1F0A.1767600000/mx.example.test"
    return (
        f"Return-Path: <>\r\nDate: {format_datetime(datetime.now(UTC))}\r\n"
        f"From: MAILER-DAEMON@mx.example.test (Mail Delivery System)\r\n"
        f"Subject: Undelivered Mail Returned to Sender\r\nTo: {CLAIMS}\r\n"
        "Auto-Submitted: auto-replied\r\nMIME-Version: 1.0\r\n"
        f"Content-Type: multipart/report; report-type=delivery-status;\r\n"
        f"\tboundary=\"{boundary}\"\r\n"
        f"Message-Id: {make_msgid(domain='mx.example.test')}\r\n\r\n"
        "This is a MIME-encapsulated message.\r\n\r\n"
        f"--{boundary}\r\nContent-Description: Notification\r\n"
        "Content-Type: text/plain; charset=us-ascii\r\n\r\n"
        "This is the mail system at host mx.example.test.\r\n\r\n"
        "I'm sorry to have to inform you that your message could not\r\n"
        "be delivered to one or more recipients.\r\n\r\n"
        "<customer@example.test>: host mx.example.test said: 550 5.1.1\r\n"
        "    <customer@example.test>: Recipient address rejected: User unknown\r\n\r\n"
        f"--{boundary}\r\nContent-Description: Delivery report\r\n"
        "Content-Type: message/delivery-status\r\n\r\n"
        "Reporting-MTA: dns; mx.example.test\r\n\r\n"
        "Final-Recipient: rfc822; customer@example.test\r\nAction: failed\r\n"
        "Status: 5.1.1\r\nDiagnostic-Code: smtp; 550 5.1.1 <customer@example.test>:\r\n"
        "    Recipient address rejected: User unknown in local recipient table\r\n\r\n"
        f"--{boundary}\r\nContent-Description: Undelivered Message Headers\r\n"
        f"Content-Type: text/rfc822-headers\r\n\r\n{headers}\r\n--{boundary}--\r\n"
    ).encode()


def test_bounce_of_mail_to_the_customer_warns_the_specialist(desk: Desk) -> None:
    """A bounce of the acknowledgement makes Anna a bounce_notice with the server's words."""
    number, ack, notice = open_claim(desk)

    desk.send(postfix_bounce(ack))

    warning = desk.one("specialist1")
    assert f"[{number}]" in warning["Subject"]
    assert f"Письмо клиенту Иван Петров <customer@example.test> по претензии {number} не " \
           "доставлено" in text_of(warning)
    assert ("550 5.1.1 <customer@example.test>: Recipient address rejected: User unknown in "
            "local recipient table") in text_of(warning)
    assert warning["In-Reply-To"] == notice["Message-ID"]
    assert desk.nothing_for("customer")


def test_russian_subject_keeps_its_spaces(desk: Desk) -> None:
    """A Russian subject long enough to be folded reads exactly as rendered."""
    number, ack, _ = open_claim(desk)

    desk.send(postfix_bounce(ack))

    assert desk.one("specialist1")["Subject"] == f"[{number}] Письмо клиенту не доставлено"


def test_english_customer_and_english_specialist(desk: Desk) -> None:
    """An English delay claim: English ack, Boris notified in English, English status update."""
    desk.send(fresh_message(ENGLISH_CUSTOMER, "Order 12345 not delivered", DELAY_TEXT))
    ack, notice = desk.one("customer"), desk.one("specialist2")
    assert "Thank you for contacting us" in text_of(ack)
    assert "Boris Kuznetsov, Claims Specialist" in text_of(ack)
    assert "A new claim" in text_of(notice)
    assert "New claim" in notice["Subject"]

    desk.send(reply(notice, BORIS, "#status waiting_customer\nDear John, could you send us "
                    "the tracking number?"))

    relayed, update = desk.inbox("customer")
    assert text_of(relayed).startswith("Dear John, could you send us the tracking number?")
    assert "Claim status" in update["Subject"]
    assert "has changed to" in text_of(update)
    assert desk.nothing_for("specialist1", "specialist2")


def test_absent_specialist_gets_no_new_claims(tmp_path: Path, db_url: str,
                                              clean_dovecot: Dovecot,
                                              smtp_sink: SmtpSink) -> None:
    """With Anna away today, a damage claim goes to Boris, in English for him."""
    today = date.today()
    away = {"start": str(today - timedelta(days=1)), "end": str(today + timedelta(days=1))}
    team = [{**TEAM[0], "absences": [away]}, TEAM[1]]
    smtp_sink.relay_to(clean_dovecot)
    desk = Desk(support.app(tmp_path, db_url, clean_dovecot, smtp_sink, specialists=team),
                clean_dovecot, smtp_sink)

    desk.send(corpus.with_attachments(sender=CUSTOMER))

    assert "Boris Kuznetsov" in text_of(desk.one("customer"))
    assert "New claim" in desk.one("specialist2")["Subject"]
    assert desk.claim().assignee_email == BORIS
    assert desk.nothing_for("specialist1")
