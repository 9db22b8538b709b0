"""The whole intake, end to end: dovecot IMAP → pipeline → database → outbox → aiosmtpd."""

from __future__ import annotations

import hashlib
import json
from email import message_from_bytes
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import default as default_policy
from pathlib import Path

import pytest
from sqlmodel import col, func, select

from mailflow.app import App
from mailflow.domain.references import make_message_id
from mailflow.runner import Runner
from mailflow.store.tables import AttachmentRow, ClaimRow, MessageRow, OutboxRow, QuarantineRow
from tests import corpus
from tests.integration import support
from tests.servers import Dovecot, SmtpSink

pytestmark = [pytest.mark.imap, pytest.mark.smtp]
CONVERSATIONS = 60


def customer(n: int) -> str:
    return f"Customer {n} <customer{n}@example.org>"


def opening(n: int) -> bytes:
    """The first message of conversation n, cycling through charsets and shapes."""
    fields = {"sender": customer(n), "message_id": f"open.{n}@example.org",
              "subject": f"Претензия {n}"}
    builders = [
        lambda: corpus.russian("windows-1251", **fields),
        lambda: corpus.russian("koi8-r", **fields),
        lambda: corpus.russian("iso-8859-5", **fields),
        lambda: corpus.english(**fields),
        lambda: corpus.with_attachments(**fields),
        lambda: corpus.html_only(**fields),
    ]
    return builders[n % len(builders)]()


def mixed_mailbox() -> tuple[list[bytes], dict[str, int]]:
    """A few hundred messages: openings, replies, replies to replies, automated mail, copies."""
    raws: list[bytes] = []
    expected = {"conversations": CONVERSATIONS, "automated_claims": 0}
    for n in range(CONVERSATIONS):
        first = f"open.{n}@example.org"
        second = f"reply.{n}@example.org"
        raws.append(opening(n))
        raws.append(corpus.reply(first, sender=customer(n), message_id=second))
        raws.append(corpus.reply(second, references=[first], sender=customer(n),
                                 message_id=f"reply2.{n}@example.org"))
        raws.append(corpus.bounce(first, message_id=f"bounce.{n}@mx.example.ru",
                                  in_reply_to=first))
        if n % 10 == 0:
            raws.append(corpus.auto_reply(corpus.AUTO_REPLY_STYLES[n % 4],
                                          sender=f"ooo{n}@example.net",
                                          message_id=f"ooo.{n}@example.net"))
            raws.append(corpus.list_mail(message_id=f"list.{n}@shop.example"))
            expected["automated_claims"] += 2
    raws.append(b"Received: from relay.example by mx.example; Mon, 5 Jan 2026\r\n" + raws[0])
    return raws, expected


@pytest.fixture
def mailflow(tmp_path: Path, db_url: str, clean_dovecot: Dovecot, smtp_sink: SmtpSink) -> App:
    return support.app(tmp_path, db_url, clean_dovecot, smtp_sink)


def count(app: App, model: type, *where: object) -> int:
    with app.db.transaction() as session:
        return int(session.exec(select(func.count()).select_from(model).where(*where)).one())


def test_mixed_mailbox_gives_one_claim_per_conversation_and_one_ack_per_claim(
        mailflow: App, clean_dovecot: Dovecot, smtp_sink: SmtpSink) -> None:
    """A few hundred mixed messages: each stored once on the right claim, acks exactly once."""
    raws, expected = mixed_mailbox()
    clean_dovecot.append("claims", raws)

    intake, drained = Runner(mailflow, mailflow.source()).run_once()

    assert intake.stored == len(raws) - 1
    assert intake.duplicates == 1
    claims = expected["conversations"] + expected["automated_claims"]
    assert count(mailflow, ClaimRow) == claims
    assert count(mailflow, MessageRow, col(MessageRow.direction) == "in") == len(raws) - 1
    assert drained.sent == expected["conversations"]
    recipients = sorted(r for m in smtp_sink.received for r in m.rcpt_tos)
    assert recipients == sorted(f"customer{n}@example.org" for n in range(CONVERSATIONS))
    with mailflow.db.transaction() as session:
        for n in range(CONVERSATIONS):
            ids = {f"open.{n}@example.org", f"reply.{n}@example.org",
                   f"reply2.{n}@example.org", f"bounce.{n}@mx.example.ru"}
            rows = session.exec(select(MessageRow).where(col(MessageRow.message_id).in_(ids))).all()
            assert len({row.claim_id for row in rows}) == 1, f"conversation {n} split"
    assert clean_dovecot.messages("claims", "INBOX") == []
    assert len(clean_dovecot.messages("claims", "Processed")) == len(raws)


def test_second_run_changes_nothing(mailflow: App, clean_dovecot: Dovecot,
                                    smtp_sink: SmtpSink) -> None:
    """Running again over the same (re-delivered) mail stores and sends nothing new."""
    raws, _ = mixed_mailbox()
    clean_dovecot.append("claims", raws[:40])
    Runner(mailflow, mailflow.source()).run_once()
    sent, claims = len(smtp_sink.received), count(mailflow, ClaimRow)
    clean_dovecot.append("claims", raws[:40])  # the same messages land in INBOX again

    intake, drained = Runner(mailflow, mailflow.source()).run_once()

    assert intake.stored == 0
    assert intake.duplicates == 40
    assert (count(mailflow, ClaimRow), len(smtp_sink.received)) == (claims, sent)
    assert drained.sent == 0


def test_attachments_are_byte_identical(mailflow: App, clean_dovecot: Dovecot) -> None:
    """Every attachment's stored bytes have the sha256 of what the customer attached."""
    clean_dovecot.append("claims", [corpus.with_attachments(message_id="att@example.ru")])
    Runner(mailflow, mailflow.source()).run_once()
    with mailflow.db.transaction() as session:
        rows = session.exec(select(AttachmentRow)).all()
    stored = {row.filename: mailflow.blobs.get(row.sha256) for row in rows}
    assert {name: hashlib.sha256(data).hexdigest() for name, data in stored.items()} == {
        name: hashlib.sha256(data).hexdigest() for name, data in corpus.ATTACHMENTS.items()}


def test_acknowledgement_headers_and_language(mailflow: App, clean_dovecot: Dovecot,
                                              smtp_sink: SmtpSink) -> None:
    """The acknowledgement threads to the claim, is marked auto-replied and is in Russian."""
    clean_dovecot.append("claims", [corpus.russian("koi8-r", message_id="ru@example.ru")])
    Runner(mailflow, mailflow.source()).run_once()
    [received] = smtp_sink.received
    ack = message_from_bytes(received.content, policy=default_policy)
    assert ack["Auto-Submitted"] == "auto-replied"
    assert ack["X-Auto-Response-Suppress"] == "All"
    assert ack["In-Reply-To"] == "<ru@example.ru>"
    assert "[CLM-" in ack["Subject"]
    assert received.rcpt_tos == ["ivan.petrov@example.ru"]
    body = ack.get_body(("plain",))
    assert body is not None
    assert "претензи" in body.get_content().lower()


def test_replies_thread_by_keyed_reference_and_subject_token(
        mailflow: App, clean_dovecot: Dovecot) -> None:
    """A reply naming only our keyed Message-ID, or only the subject token, joins the claim."""
    clean_dovecot.append("claims", [corpus.english(message_id="first@example.org")])
    Runner(mailflow, mailflow.source()).run_once()
    with mailflow.db.transaction() as session:
        number = session.exec(select(ClaimRow.number)).one()
    lost_reference = make_message_id(number, support.SECRET.encode(), "gone", "example.test")
    clean_dovecot.append("claims", [
        corpus.english(message_id="tag@example.org", in_reply_to=lost_reference,
                       subject="Re: no token here"),
        corpus.english(message_id="token@example.org", subject=f"More photos [{number}]"),
        corpus.english(message_id="stranger@example.org", subject=f"Me too [{number}]",
                       sender="Stranger <stranger@example.net>"),
    ])
    Runner(mailflow, mailflow.source()).run_once()
    with mailflow.db.transaction() as session:
        claim_of = dict(session.exec(select(MessageRow.message_id, ClaimRow.number).join(
            ClaimRow, col(ClaimRow.id) == MessageRow.claim_id)).all())
        stranger_claim = session.exec(select(ClaimRow).where(
            ClaimRow.customer_email == "stranger@example.net")).one()
        original = session.exec(select(ClaimRow).where(ClaimRow.number == number)).one()
    assert claim_of["tag@example.org"] == number
    assert claim_of["token@example.org"] == number
    assert claim_of["stranger@example.org"] != number
    assert stranger_claim.related_claim_id == original.id


def test_follow_up_reopens_a_closed_claim(mailflow: App, clean_dovecot: Dovecot) -> None:
    """A customer's follow-up to a closed claim reopens it, with an event saying why."""
    clean_dovecot.append("claims", [corpus.english(message_id="c1@example.org")])
    Runner(mailflow, mailflow.source()).run_once()
    with mailflow.db.transaction() as session:
        claim = session.exec(select(ClaimRow)).one()
        claim.status = "closed"
        session.add(claim)
    clean_dovecot.append("claims", [corpus.reply("c1@example.org", message_id="c2@example.org",
                                                 sender=corpus.ENGLISH_CUSTOMER)])
    Runner(mailflow, mailflow.source()).run_once()
    with mailflow.db.transaction() as session:
        assert session.exec(select(ClaimRow.status)).one() == "reopened"


def test_broken_and_oversized_mail_is_quarantined_and_moved(
        tmp_path: Path, db_url: str, clean_dovecot: Dovecot, smtp_sink: SmtpSink) -> None:
    """Unparseable and too-large messages go to quarantine whole; the rest go on."""
    mailflow = support.app(tmp_path, db_url, clean_dovecot, smtp_sink,
                           storage={"max_message_bytes": 20_000})
    big = corpus.many_attachments(150, message_id="big@example.org")
    good = corpus.english(message_id="good@example.org")
    clean_dovecot.append("claims", [corpus.malformed("garbage"), big, good])

    intake, _ = Runner(mailflow, mailflow.source()).run_once()

    assert (intake.stored, intake.quarantined) == (1, 2)
    with mailflow.db.transaction() as session:
        reasons = [row.reason for row in session.exec(select(QuarantineRow)).all()]
        sizes = {row.raw_size for row in session.exec(select(QuarantineRow)).all()}
    assert any("max_message_bytes" in reason for reason in reasons)
    assert len(big) in sizes
    assert len(clean_dovecot.messages("claims", "Quarantine")) == 2
    assert len(clean_dovecot.messages("claims", "Processed")) == 1


def test_auto_reply_loop_is_broken(mailflow: App, clean_dovecot: Dovecot,
                                   smtp_sink: SmtpSink) -> None:
    """An auto-responder answering our acknowledgement gets nothing back."""
    clean_dovecot.append("claims", [corpus.english(message_id="loop@example.org")])
    Runner(mailflow, mailflow.source()).run_once()
    [ack] = smtp_sink.received
    ack_id = message_from_bytes(ack.content, policy=default_policy)["Message-ID"]
    clean_dovecot.append("claims", [corpus.auto_reply("outlook-oof", in_reply_to=ack_id,
                                                      sender=corpus.ENGLISH_CUSTOMER,
                                                      message_id="oof@example.org")])
    Runner(mailflow, mailflow.source()).run_once()
    assert len(smtp_sink.received) == 1
    with mailflow.db.transaction() as session:
        statuses = json.dumps([r.status for r in session.exec(select(OutboxRow)).all()])
    assert statuses == '["sent"]'


def long_fields_claim(message_id: str) -> bytes:
    """A customer's claim whose Message-ID is 200 characters, with a 230-character display
    name, long Content-Type parameters and a 240-character attachment name."""
    message = EmailMessage()
    message["From"] = str(Address(("Иванов Иван Иванович, отдел закупок " * 7)[:230],
                                  addr_spec="ivan.long@example.ru"))
    message["To"] = "claims@example.test"
    message["Subject"] = "Повреждённый товар в заказе 4711"
    message["Message-ID"] = f"<{message_id}>"
    message["Date"] = corpus.DATE
    message.set_content("Здравствуйте! Товар пришёл повреждённым, фото во вложении.")
    name = ("Фото повреждений упаковки и товара " * 7)[:236] + ".jpg"
    message.add_attachment(corpus.JPEG_PAYLOAD, maintype="image", subtype="jpeg", filename=name)
    photo = message.get_payload()[1]
    photo.set_param("name", name)
    for n in range(4):
        photo.set_param(f"x-scanner-note-{n}", "v" * 200)
    return message.as_bytes()


def test_long_message_id_name_and_attachment_open_an_acknowledged_claim(
        mailflow: App, clean_dovecot: Dovecot, smtp_sink: SmtpSink) -> None:
    """A claim with a 200-character Message-ID, a long display name, long Content-Type
    parameters and a long attachment name is stored and acknowledged, not quarantined, on
    SQLite and PostgreSQL (the outbox key once overflowed VARCHAR(255) on PostgreSQL)."""
    message_id = "m" * 188 + "@example.org"
    assert len(message_id) == 200
    clean_dovecot.append("claims", [long_fields_claim(message_id)])

    intake, drained = Runner(mailflow, mailflow.source()).run_once()

    assert (intake.stored, intake.new_claims, intake.quarantined) == (1, 1, 0)
    assert count(mailflow, QuarantineRow) == 0
    with mailflow.db.transaction() as session:
        stored = session.exec(select(MessageRow).where(MessageRow.direction == "in")).one()
        claim = session.get(ClaimRow, stored.claim_id)
        acks = session.exec(select(OutboxRow).where(OutboxRow.kind == "acknowledgement")).all()
        (photo,) = session.exec(select(AttachmentRow)).all()
    assert stored.message_id == message_id
    assert claim is not None
    assert claim.customer_email == "ivan.long@example.ru"
    assert photo.filename.endswith(".jpg")
    assert [ack.status for ack in acks] == ["sent"]
    assert drained.sent >= 1
    assert [m.rcpt_tos for m in smtp_sink.received] == [["ivan.long@example.ru"]]
