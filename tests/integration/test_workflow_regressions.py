"""Issue 9's workflow defects, each pinned through dovecot, aiosmtpd and both databases.

A specialist who answers below the quote, a complaint whose subject looks like an
out-of-office note, a web form's automatic mail, a customer at an internationalised
address and a broken template: each is tried as a real sender would, and each must end
with the incoming message stored, the right people told, and nothing internal sent out.
"""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, make_msgid
from pathlib import Path

import pytest
from sqlmodel import col, select

from mailflow.store.tables import ClaimRow, OutboxRow, QuarantineRow
from tests.integration import support
from tests.integration.test_workflow import (
    ANNA,
    CUSTOMER,
    MANAGERS,
    TEAM,
    Desk,
    desk,
    fresh_message,
    open_claim,
    outlook_quote,
    reply,
    text_of,
)
from tests.servers import Dovecot, SmtpSink

pytestmark = [pytest.mark.imap, pytest.mark.smtp]
__all__ = ["desk"]  # the shared fixture

ANSWER = "Здравствуйте, Иван!\n\nКурьер заберёт телевизор в четверг, замена придёт через неделю."


def bottom_posted(original: EmailMessage, sender: str, own_text: str) -> bytes:
    """A reply written below the quoted notification, as Gmail users answer in a thread."""
    quoted = "\n".join(f"> {line}" if line else ">" for line in text_of(original).splitlines())
    message = EmailMessage()
    message["From"], message["To"] = sender, original["Reply-To"]
    message["Subject"] = f"Re: {original['Subject']}"
    message["Date"] = format_datetime(datetime.now(UTC))
    message["Message-ID"] = make_msgid(domain="mail.example.test")
    message["In-Reply-To"] = original["Message-ID"]
    message["References"] = original["Message-ID"]
    message.set_content(f"пн, 5 янв. 2026 г. в 10:15, {original['From']}:\n\n{quoted}\n\n"
                        f"{own_text}\n")
    return message.as_bytes(policy=SMTP)


def pasted(original: EmailMessage, sender: str, own_text: str) -> bytes:
    """A reply whose client pasted the notification as plain text, with no quote marks."""
    message = EmailMessage()
    message["From"], message["To"] = sender, original["Reply-To"]
    message["Subject"] = f"Re: {original['Subject']}"
    message["Message-ID"] = make_msgid(domain="mail.example.test")
    message["In-Reply-To"] = original["Message-ID"]
    message.set_content(f"{own_text}\n\n{text_of(original)}")
    return message.as_bytes(policy=SMTP)


def staff_lines(notice: EmailMessage) -> list[str]:
    """The notification's own lines long enough to recognise in a customer's mail."""
    return [line.strip() for line in text_of(notice).splitlines() if len(line.strip()) > 20]


def test_bottom_posted_reply_relays_only_the_answer(desk: Desk) -> None:
    """Anna answers below the quote with a command first: Ivan gets her words only, no quoted
    notification and no command line, and the command changes the claim."""
    _, _, notice = open_claim(desk)

    desk.send(bottom_posted(notice, f"Анна Смирнова <{ANNA}>",
                            f"#status waiting_customer\n{ANSWER}"))

    relayed_mail, update = desk.inbox("customer")
    relayed = text_of(relayed_mail)
    assert ANSWER.splitlines()[-1] in relayed
    assert "Статус претензии" in update["Subject"]
    assert "#status" not in relayed
    assert not [line for line in staff_lines(notice) if line in relayed]
    assert desk.claim().status == "waiting_customer"
    assert desk.nothing_for("specialist1")


def test_command_inside_the_quote_is_never_applied(desk: Desk) -> None:
    """A `#status closed` that stands only in the quoted history is history, not a command."""
    _, _, notice = open_claim(desk)
    quoted_command = EmailMessage()
    for name in ("From", "To", "Subject", "Message-ID", "Reply-To"):
        quoted_command[name] = notice[name]
    quoted_command.set_content(f"#status closed\n\n{text_of(notice)}")

    desk.send(bottom_posted(quoted_command, f"Анна Смирнова <{ANNA}>", ANSWER))

    assert ANSWER.splitlines()[-1] in text_of(desk.one("customer"))
    assert desk.claim().status == "in_progress"


def test_relay_holding_staff_text_fails_closed(desk: Desk) -> None:
    """A reply that still carries the notification's text (pasted without quote marks) is not
    sent; Anna is told why and nothing on the claim changes."""
    _, _, notice = open_claim(desk)

    desk.send(pasted(notice, f"Анна Смирнова <{ANNA}>", f"#status resolved\n{ANSWER}"))

    assert desk.nothing_for("customer")
    refusal = desk.one("specialist1")
    assert "не отправлен клиенту" in text_of(refusal)
    assert desk.claim().status == "assigned"
    assert desk.events("relay.blocked")


def test_answer_below_an_unmarked_outlook_quote_is_refused(desk: Desk) -> None:
    """An answer typed under Outlook's quote (no `>` marks) cannot be told from the quote: it
    is neither relayed nor dropped in silence; Anna is told and the claim stays as it was."""
    _, _, notice = open_claim(desk)
    message = EmailMessage()
    message["From"], message["To"] = f"Анна Смирнова <{ANNA}>", notice["Reply-To"]
    message["Subject"] = f"Re: {notice['Subject']}"
    message["Message-ID"] = make_msgid(domain="mail.example.test")
    message["In-Reply-To"] = notice["Message-ID"]
    message.set_content(f"{outlook_quote(notice)}\n\n#status resolved\n{ANSWER}\n")

    desk.send(message.as_bytes(policy=SMTP))

    assert desk.nothing_for("customer")
    assert "не найдено вашего собственного текста" in text_of(desk.one("specialist1"))
    assert desk.claim().status == "assigned"
    assert desk.events("relay.blocked") == [{"from": ANNA, "lines": []}]


@pytest.mark.parametrize("subject", ["Out of office chair arrived broken",
                                     "Автоответчик сломан: разбитый корпус"])
def test_out_of_office_words_in_a_subject_open_a_worked_claim(desk: Desk, subject: str) -> None:
    """A complaint whose subject merely sounds automatic is acknowledged, assigned and timed."""
    desk.send(fresh_message(CUSTOMER, subject, "The chair arrived broken, photos attached."))

    claim = desk.claim()
    assert claim.assignee_email is not None
    assert claim.first_response_due is not None
    assert "[CLM-" in desk.one("customer")["Subject"]


def test_web_form_mail_gets_an_owner_but_no_acknowledgement(desk: Desk) -> None:
    """`Auto-Submitted: auto-generated` from a web form: never answered (RFC 3834), but the
    claim is assigned, has deadlines, and the specialist receives it."""
    form = EmailMessage()
    form["From"], form["To"] = "Web form <noreply@shop-site.example>", support.CLAIMS
    form["Reply-To"] = CUSTOMER
    form["Subject"] = "Claim form: damaged goods, order 12345"
    form["Auto-Submitted"] = "auto-generated"
    form["Message-ID"] = make_msgid(domain="shop-site.example")
    form.set_content("Name: Иван Петров\nOrder: 12345\nProblem: телевизор разбит при доставке")
    desk.send(form.as_bytes(policy=SMTP))

    claim = desk.claim()
    assert (claim.assignee_email, claim.status) == (ANNA, "assigned")
    assert claim.first_response_due is not None
    assert desk.nothing_for("customer")
    assert "Order: 12345" in text_of(desk.one("specialist1"))


def test_internationalised_customer_address_keeps_the_claim(desk: Desk) -> None:
    """A customer at `иван@пример.рф`: the claim is stored and acknowledged in the outbox, and
    the specialist's later reply is relayed rather than quarantined."""
    desk.send(fresh_message("Иван <иван@пример.рф>", "Разбитый телевизор",
                            "Телевизор пришёл разбитым, заказ 12345."))
    notice = desk.one("specialist1")

    desk.send(reply(notice, f"Анна Смирнова <{ANNA}>", ANSWER))

    with desk.app.db.transaction() as session:
        assert not session.exec(select(QuarantineRow)).all()
        rows = session.exec(select(OutboxRow).order_by(col(OutboxRow.id))).all()
        to_customer = [(row.kind, json.loads(row.recipients)) for row in rows
                       if row.kind in ("acknowledgement", "relay")]
    assert to_customer == [("acknowledgement", ["иван@xn--e1afmkfd.xn--p1ai"]),
                           ("relay", ["иван@xn--e1afmkfd.xn--p1ai"])]


def test_broken_template_is_recorded_and_the_message_kept(
        tmp_path: Path, db_url: str, clean_dovecot: Dovecot, smtp_sink: SmtpSink,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A relay template that fails to render: the specialist's message is stored, the failure
    is on the claim and in the failed outbox, the specialist is told, and the customer gets
    nothing, not even the status change the reply asked for (it is refused as a whole)."""
    templates = tmp_path / "templates"
    shutil.copytree(Path(__file__).resolve().parents[2] / "templates", templates)
    (templates / "relay.ru.txt.j2").write_text("{{ no_such_value }}", encoding="utf-8")
    monkeypatch.setenv("MAILFLOW_TEMPLATES", str(templates))
    smtp_sink.relay_to(clean_dovecot)
    app = support.app(tmp_path, db_url, clean_dovecot, smtp_sink, specialists=TEAM,
                      managers=MANAGERS)
    broken = Desk(app, clean_dovecot, smtp_sink)
    _, _, notice = open_claim(broken)

    broken.send(reply(notice, f"Анна Смирнова <{ANNA}>",
                      f"#status resolved\n#outcome accepted\n{ANSWER}"))

    assert broken.nothing_for("customer")
    [failure] = broken.events("mail.failed")
    assert failure["template"] == "relay"
    assert "no_such_value" in failure["error"]
    with app.db.transaction() as session:
        assert not session.exec(select(QuarantineRow)).all()
        failed = session.exec(select(OutboxRow).where(OutboxRow.status == "failed")).all()
        assert [row.kind for row in failed] == ["relay"]
        claim = session.exec(select(ClaimRow)).one()
        assert (claim.first_response_at, claim.status, claim.outcome) == (None, "assigned",
                                                                            None)
    assert "no_such_value" in text_of(broken.one("specialist1"))
