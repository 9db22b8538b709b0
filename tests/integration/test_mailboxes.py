"""Two mailboxes in one deployment: each letter is numbered, answered and threaded by the
mailbox it came through, and one daemon holds a lease on each."""

from __future__ import annotations

import os
import re
import threading
from datetime import UTC, datetime, timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import col, select

from mailflow.app import App
from mailflow.domain.claims import subject_claim_numbers
from mailflow.errors import ConfigError
from mailflow.runner import Runner
from mailflow.store.tables import ClaimRow, MailboxLeaseRow, MessageRow
from mailflow.workflow.reminders import DeadlineWatch
from tests import corpus
from tests.integration import support
from tests.servers import SmtpSink

pytestmark = pytest.mark.smtp
WARRANTY = "warranty@example.test"
TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
IVAN = {"name": "Ivan Petrov", "email": "ivan@example.test", "languages": ["ru", "en"]}
ANNA = {"name": "Anna Smirnova", "email": "anna@example.test", "languages": ["ru", "en"]}
OLGA = {"name": "Olga Kuznetsova", "email": "olga@example.test", "language": "en"}
PETR = {"name": "Petr Volkov", "email": "petr@example.test", "language": "en"}


def two_mailboxes(tmp_path: Path, db_url: str, sink: SmtpSink) -> App:
    """The default claims mailbox (Ivan, manager Olga) and a warranty one (Anna, manager
    Petr, WRN numbers, its own acknowledgement text), both Maildirs."""
    own = tmp_path / "warranty-templates"
    own.mkdir()
    text = (TEMPLATES / "acknowledgement.en.txt.j2").read_text(encoding="utf-8")
    (own / "acknowledgement.en.txt.j2").write_text("Brand warranty desk.\n" + text,
                                                   encoding="utf-8")
    quick: dict[str, Any] = {"kind": "maildir", "idle": False, "poll_interval": 0.1}
    return support.app(
        tmp_path, db_url, sink=sink, mailbox={**quick, "path": tmp_path / "claims"},
        specialists=[IVAN], managers=[OLGA], mailboxes=[{
            "name": "warranty", "claims_address": WARRANTY, "number_prefix": "WRN",
            "company_name": "Brand Warranty", "templates": own,
            "mailbox": {**quick, "path": tmp_path / "warranty"}, "specialists": [ANNA],
            "managers": [PETR]}])


def deliver(inbox: Path, name: str, raw: bytes) -> None:
    """Deliver one message as an MDA does: written under tmp/, renamed into new/."""
    for folder in ("tmp", "new", "cur"):
        (inbox / folder).mkdir(parents=True, exist_ok=True)
    (inbox / "tmp" / name).write_bytes(raw)
    os.rename(inbox / "tmp" / name, inbox / "new" / name)


def sent_to(sink: SmtpSink, address: str) -> list[EmailMessage]:
    return [message_from_bytes(r.content, _class=EmailMessage, policy=policy.default)
            for r in sink.received if address in r.rcpt_tos]


def plain_text(message: EmailMessage) -> str:
    body = message.get_body(preferencelist=("plain",))
    assert isinstance(body, EmailMessage)
    return str(body.get_content())


def numbers_in(messages: list[EmailMessage]) -> set[str]:
    """The claim numbers in the subjects of `messages`."""
    return {number for m in messages for number in subject_claim_numbers(str(m["Subject"]))}


def claim_of(app: App, message_id: str) -> str:
    with app.db.transaction() as session:
        return session.exec(select(ClaimRow.number).join(
            MessageRow, col(MessageRow.claim_id) == ClaimRow.id).where(
            MessageRow.message_id == message_id)).one()


def test_each_mailbox_numbers_answers_and_threads_its_own_claims(
        tmp_path: Path, db_url: str, smtp_sink: SmtpSink) -> None:
    """A letter to each address gets a claim with that mailbox's prefix, an acknowledgement
    from that address in its templates and a notice to its team; a reply threads back."""
    app = two_mailboxes(tmp_path, db_url, smtp_sink)
    deliver(tmp_path / "claims", "1.M1P1.test", corpus.english(
        sender="Customer One <one@example.org>", message_id="one@example.org"))
    deliver(tmp_path / "warranty", "2.M2P1.test", corpus.english(
        sender="Customer Two <two@example.org>", to=WARRANTY, message_id="two@example.org"))
    runner = Runner.for_every_mailbox(app)
    intake, _ = runner.run_once()
    assert intake.new_claims == 2
    claims, warranty = claim_of(app, "one@example.org"), claim_of(app, "two@example.org")
    assert re.fullmatch(r"CLM-\d{4}-000001", claims)
    assert re.fullmatch(r"WRN-\d{4}-000001", warranty)

    [ack_one], [ack_two] = sent_to(smtp_sink, "one@example.org"), sent_to(smtp_sink,
                                                                         "two@example.org")
    assert (ack_one["From"].addresses[0].addr_spec, ack_two["From"].addresses[0].addr_spec) == (
        "claims@example.test", WARRANTY)
    assert ack_two["From"].addresses[0].display_name == "Brand Warranty"
    assert f"[{warranty}]" in ack_two["Subject"]
    assert plain_text(ack_two).startswith("Brand warranty desk.")
    assert "Brand warranty desk." not in plain_text(ack_one)
    assert numbers_in(sent_to(smtp_sink, IVAN["email"])) == {claims}
    assert numbers_in(sent_to(smtp_sink, ANNA["email"])) == {warranty}

    deliver(tmp_path / "warranty", "3.M3P1.test", corpus.reply(
        str(ack_two["Message-ID"]).strip("<>"), sender="two@example.org", to=WARRANTY,
        message_id="two-reply@example.org"))
    deliver(tmp_path / "claims", "4.M4P1.test", corpus.english(
        sender="one@example.org", subject=f"Re: [{claims}] photos",
        message_id="one-reply@example.org"))
    runner.run_once()
    assert claim_of(app, "two-reply@example.org") == warranty
    assert claim_of(app, "one-reply@example.org") == claims


def test_one_daemon_holds_a_lease_on_each_mailbox(
        tmp_path: Path, db_url: str, smtp_sink: SmtpSink) -> None:
    """`serve` takes one lease per mailbox, reads both, and gives both up when stopped."""
    app = two_mailboxes(tmp_path, db_url, smtp_sink)
    runner = Runner.for_every_mailbox(app)
    names = {runner.source.name, *(other.source.name for other in runner.others)}
    deliver(tmp_path / "warranty", "1.M1P1.test", corpus.english(to=WARRANTY))
    stop = threading.Event()
    daemon = threading.Thread(target=runner.serve, args=(stop, 0.1))
    daemon.start()
    held: dict[str, str | None] = {}
    try:
        for _ in range(200):  # up to 20 s for both leases and the warranty letter
            with app.db.transaction() as session:
                held = {row.mailbox: row.token for row in session.exec(select(MailboxLeaseRow))}
                stored = session.exec(select(MessageRow.id)).first()
            if set(held) == names and all(held.values()) and stored is not None:
                break
            stop.wait(0.1)
    finally:
        stop.set()
        daemon.join(timeout=20)
    assert not daemon.is_alive()
    assert set(held) == names
    assert all(held.values()), held
    assert stored is not None
    with app.db.transaction() as session:
        assert not any(row.token for row in session.exec(select(MailboxLeaseRow)))


def test_another_mailbox_reads_its_own_password_credential(tmp_path: Path,
                                                           smtp_sink: SmtpSink) -> None:
    """An IMAP mailbox of [[mailboxes]] without a password names its own key (and systemd
    credential), never the default mailbox's `mailbox.password`."""
    app = support.app(tmp_path, _sqlite(tmp_path), sink=smtp_sink, mailboxes=[{
        "name": "warranty", "claims_address": WARRANTY, "number_prefix": "WRN",
        "mailbox": {"kind": "imap", "host": "127.0.0.1", "username": WARRANTY}}])
    with pytest.raises(ConfigError) as caught:
        Runner.for_every_mailbox(app)
    assert caught.value.key == "mailboxes.warranty.password"


def test_two_mailboxes_may_not_read_one_folder(tmp_path: Path,
                                               smtp_sink: SmtpSink) -> None:
    """A second mailbox on the default one's Maildir is refused, naming its key."""
    app = support.app(tmp_path, _sqlite(tmp_path), sink=smtp_sink, mailboxes=[{
        "name": "warranty", "claims_address": WARRANTY, "number_prefix": "WRN",
        "mailbox": {"kind": "maildir", "path": tmp_path / "inbox"}}])
    with pytest.raises(ConfigError) as caught:
        Runner.for_every_mailbox(app)
    assert caught.value.key == "mailboxes[0].mailbox"


def test_a_reload_reaches_the_other_mailboxes_between_their_passes(
        tmp_path: Path, smtp_sink: SmtpSink) -> None:
    """A reread config is handed to each other mailbox's runner, which takes it between two
    of its own passes, not in the middle of one."""
    app = two_mailboxes(tmp_path, _sqlite(tmp_path), smtp_sink)
    runner = Runner.for_every_mailbox(app)
    [entry] = app.settings.mailboxes
    renamed = app.settings.model_copy(
        update={"mailboxes": (entry.model_copy(update={"company_name": "Renamed"}),)})
    runner.reload(app.reloaded(renamed))
    [other] = runner.others
    assert other.app.settings.company.name == "Brand Warranty"
    other.between_passes()
    assert other.app.settings.company.name == "Renamed"


def test_each_mailbox_escalates_its_own_claims_to_its_own_managers(
        tmp_path: Path, db_url: str, smtp_sink: SmtpSink) -> None:
    """The shared deadline pass escalates the overdue warranty claim to Petr from the
    warranty address and the default one to Olga from the claims address, nothing crossed."""
    app = two_mailboxes(tmp_path, db_url, smtp_sink)
    deliver(tmp_path / "claims", "1.M1P1.test", corpus.english(sender="one@example.org"))
    deliver(tmp_path / "warranty", "2.M2P1.test", corpus.english(
        sender="two@example.org", to=WARRANTY))
    now = [datetime.now(UTC)]
    runner = Runner.for_every_mailbox(app, lambda: now[0])
    runner.run_once()
    smtp_sink.clear()
    now[0] += timedelta(days=10)
    assert runner.deadlines_pass(now[0]) > 0
    runner.drain()
    for manager, sender, prefix in ((OLGA, "claims@example.test", "CLM-"),
                                    (PETR, WARRANTY, "WRN-")):
        escalations = sent_to(smtp_sink, manager["email"])
        assert escalations
        assert {m["From"].addresses[0].addr_spec for m in escalations} == {sender}
        [number] = numbers_in(escalations)
        assert number.startswith(prefix)


def _sqlite(tmp_path: Path) -> str:
    """A database for the tests that check config and reload only: no SQL differs in them
    between SQLite and PostgreSQL, so they run once."""
    return f"sqlite:///{tmp_path / 'mailflow.sqlite3'}"


def _open_warranty_claim(tmp_path: Path, app: App, now: list[datetime]) -> Runner:
    """One warranty claim opened (and acknowledged) through the warranty mailbox, by a
    runner whose clock reads `now[0]`."""
    deliver(tmp_path / "warranty", "2.M2P1.test", corpus.english(
        sender="Customer Two <two@example.org>", to=WARRANTY, message_id="two@example.org"))
    runner = Runner.for_every_mailbox(app, lambda: now[0])
    runner.run_once()
    return runner


def test_mail_about_a_claim_goes_from_its_mailbox_whichever_app_acts(
        tmp_path: Path, db_url: str, smtp_sink: SmtpSink) -> None:
    """A staff action on a warranty claim taken through the default mailbox's App (the web
    pages and the CLI use it) mails from the warranty address, in its company name, with a
    Reply-To of the warranty address, never from the default mailbox."""
    app = two_mailboxes(tmp_path, db_url, smtp_sink)
    now = datetime.now(UTC)
    runner = _open_warranty_claim(tmp_path, app, [now])
    smtp_sink.clear()
    ivan = app.team.find(IVAN["email"])
    assert ivan is not None
    with app.db.transaction() as session:
        claim = session.exec(select(ClaimRow)).one()
        app.workflow.assign(session, claim, ivan, now, actor="cli", why="test")
        app.workflow.answer_from_web(session, claim, ivan, "We will replace it.", now)
    runner.drain()
    [handed] = sent_to(smtp_sink, IVAN["email"])
    [answer] = sent_to(smtp_sink, "two@example.org")
    for message in (handed, answer):
        sender = message["From"].addresses[0]
        assert (sender.addr_spec, sender.display_name) == (WARRANTY, "Brand Warranty")
    assert handed["Reply-To"].addresses[0].addr_spec.startswith("warranty+")


def test_deadline_batch_mails_from_the_claims_mailbox(
        tmp_path: Path, db_url: str, smtp_sink: SmtpSink) -> None:
    """Notices the deadline batch writes for a warranty claim go from the warranty address
    even when the watch carrying them out is built on another mailbox's applier."""
    app = two_mailboxes(tmp_path, db_url, smtp_sink)
    now = [datetime.now(UTC)]
    runner = _open_warranty_claim(tmp_path, app, now)
    smtp_sink.clear()
    now[0] += timedelta(days=10)
    watch = DeadlineWatch(app.db, app.policy, app.workflow.applier)  # owns every claim
    assert watch.run_due(now[0]) > 0
    runner.drain()
    assert smtp_sink.received
    senders = {message_from_bytes(r.content, _class=EmailMessage, policy=policy.default)[
        "From"].addresses[0].addr_spec for r in smtp_sink.received}
    assert senders == {WARRANTY}
