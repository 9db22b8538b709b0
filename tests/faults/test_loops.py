"""Mail loops: autoresponders and a second mailflow answering ours; each exchange is bounded.

Every round takes what the SMTP sink received for the other side, turns it into that
side's answer in the claims INBOX (or relays it into the other instance's mailbox over
LMTP), and runs one pass. The counts per round show the loop dying out.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import SMTP
from email.policy import default as default_policy
from email.utils import format_datetime, make_msgid
from pathlib import Path

import pytest
from sqlmodel import col, func, select

from mailflow.app import App
from mailflow.runner import Runner
from mailflow.store.tables import ClaimRow, MessageRow
from tests import corpus
from tests.integration import support
from tests.servers import Dovecot, Received, SmtpSink, address, password

pytestmark = [pytest.mark.imap, pytest.mark.smtp]
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
ROUNDS = 6
Responder = Callable[[Received], bytes]


def fixed_clock() -> datetime:
    return NOW


def answer(to: Received, sender: str, *, threaded: bool,
           headers: tuple[tuple[str, str], ...] = ()) -> bytes:
    """The answer an autoresponder at `sender` gives to the mail it received."""
    original = message_from_bytes(to.content, policy=default_policy)
    reply = EmailMessage()
    reply["From"] = sender
    reply["To"] = str(original["From"])
    reply["Date"] = format_datetime(NOW)
    reply["Message-ID"] = make_msgid("auto", domain=sender.split("@")[1])
    if threaded:
        reply["Subject"] = f"Re: {original['Subject']}"
        reply["In-Reply-To"] = str(original["Message-ID"])
        reply["References"] = str(original["Message-ID"])
    else:
        reply["Subject"] = "Thank you for your message"
    for name, value in headers:
        reply[name] = value
    reply.set_content("Thank you, I have received your message and will answer soon.\n")
    return reply.as_bytes(policy=SMTP)


def sent_to(sink: SmtpSink, recipient: str) -> list[Received]:
    return [mail for mail in sink.received if recipient in mail.rcpt_tos]


def autoresponder_rounds(runner: Runner, dovecot: Dovecot, sink: SmtpSink, customer: str,
                         respond: Responder) -> list[int]:
    """The customer writes one claim, then answers every mail it gets; mails sent per round."""
    dovecot.append("claims", [corpus.english(sender=f"Loop Customer <{customer}>",
                                             message_id="loop-start@example.org")])
    runner.run_once()
    per_round = [len(sent_to(sink, customer))]
    answered = 0
    for _ in range(ROUNDS):
        received = sent_to(sink, customer)
        if received[answered:]:
            dovecot.append("claims", [respond(mail) for mail in received[answered:]])
        answered = len(received)
        runner.run_once()
        per_round.append(len(sent_to(sink, customer)) - answered)
    return per_round


def stored_from(app: App, sender: str) -> int:
    with app.db.transaction() as session:
        query = select(func.count()).select_from(MessageRow).where(
            MessageRow.direction == "in", MessageRow.from_email == sender)
        return int(session.exec(query).one())


def claims_of(app: App, customer: str) -> list[str]:
    with app.db.transaction() as session:
        return list(session.exec(select(ClaimRow.origin).where(
            ClaimRow.customer_email == customer).order_by(col(ClaimRow.id))).all())


@pytest.fixture
def mailflow(tmp_path: Path, clean_dovecot: Dovecot, smtp_sink: SmtpSink) -> App:
    return support.app(tmp_path, f"sqlite:///{tmp_path / 'a.sqlite3'}", clean_dovecot,
                       smtp_sink, acknowledgement={"max_per_sender_per_hour": 3})


def test_an_autoresponder_with_auto_submitted_never_gets_an_ack(
        mailflow: App, clean_dovecot: Dovecot, smtp_sink: SmtpSink) -> None:
    """Auto-replies to our ack marked Auto-Submitted are stored but never acknowledged."""
    customer = "ooo@example.org"
    marked = (("Auto-Submitted", "auto-replied"),)
    per_round = autoresponder_rounds(
        Runner(mailflow, mailflow.source(), fixed_clock), clean_dovecot, smtp_sink, customer,
        lambda mail: answer(mail, customer, threaded=True, headers=marked))
    print(f"\nmails to {customer} per round: {per_round}")
    assert per_round == [1] + [0] * ROUNDS
    assert stored_from(mailflow, customer) == 2  # the claim and the auto-reply to its ack


def test_an_unthreaded_auto_submitted_reply_opens_no_acknowledged_claim(
        mailflow: App, clean_dovecot: Dovecot, smtp_sink: SmtpSink) -> None:
    """An Auto-Submitted reply that threads to nothing becomes a claim without an ack."""
    customer = "ooo@example.org"
    marked = (("Auto-Submitted", "auto-replied"),)
    per_round = autoresponder_rounds(
        Runner(mailflow, mailflow.source(), fixed_clock), clean_dovecot, smtp_sink, customer,
        lambda mail: answer(mail, customer, threaded=False, headers=marked))
    print(f"\nmails to {customer} per round: {per_round}")
    assert per_round == [1] + [0] * ROUNDS
    assert claims_of(mailflow, customer) == ["customer", "auto_reply"]


def test_a_naive_threading_autoresponder_gets_one_ack_only(
        mailflow: App, clean_dovecot: Dovecot, smtp_sink: SmtpSink) -> None:
    """Unmarked replies to our ack join the claim as follow-ups and are not acknowledged."""
    customer = "naive@example.org"
    per_round = autoresponder_rounds(
        Runner(mailflow, mailflow.source(), fixed_clock), clean_dovecot, smtp_sink, customer,
        lambda mail: answer(mail, customer, threaded=True))
    print(f"\nmails to {customer} per round: {per_round}")
    assert per_round == [1] + [0] * ROUNDS
    assert claims_of(mailflow, customer) == ["customer"]
    assert stored_from(mailflow, customer) == 2


def test_a_naive_unthreaded_autoresponder_is_stopped_by_the_hourly_limit(
        mailflow: App, clean_dovecot: Dovecot, smtp_sink: SmtpSink) -> None:
    """Unmarked, unthreaded replies open claims, acked only up to the per-sender hourly limit."""
    customer = "naive@example.org"
    per_round = autoresponder_rounds(
        Runner(mailflow, mailflow.source(), fixed_clock), clean_dovecot, smtp_sink, customer,
        lambda mail: answer(mail, customer, threaded=False))
    print(f"\nmails to {customer} per round: {per_round}")
    assert sum(per_round) == 3  # acknowledgement.max_per_sender_per_hour
    assert per_round[-3:] == [0, 0, 0]  # stopped, not merely slowed
    assert len(claims_of(mailflow, customer)) == 4  # the claim it answers with is still kept


def test_two_mailflows_answering_each_other_stop_after_one_message(
        tmp_path: Path, mailflow: App, clean_dovecot: Dovecot, smtp_sink: SmtpSink) -> None:
    """Instance A writes to instance B's claims address; B's ack does not make A answer."""
    other = support.app(tmp_path / "b", f"sqlite:///{tmp_path / 'b.sqlite3'}", clean_dovecot,
                        smtp_sink, company={"claims_address": address("manager")},
                        mailbox={"username": address("manager"),
                                 "password": password("manager")},
                        security={"secret": "the-other-instance"})
    smtp_sink.relay_to(clean_dovecot)
    clean_dovecot.append("manager", [corpus.english(
        sender=f"Claims desk <{support.CLAIMS}>", to=address("manager"),
        message_id="a-to-b@example.test")])
    instances = [Runner(other, other.source(), fixed_clock),
                 Runner(mailflow, mailflow.source(), fixed_clock)]
    per_round = []
    for _ in range(ROUNDS):
        before = len(smtp_sink.received)
        for runner in instances:
            runner.run_once()
        per_round.append(len(smtp_sink.received) - before)
    print(f"\nmails between the two instances per round: {per_round}")
    assert 1 <= sum(per_round) <= 2
    assert per_round[-3:] == [0, 0, 0]
    assert stored_from(mailflow, address("manager")) == sum(per_round)
