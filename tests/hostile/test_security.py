"""Security: header injection into everything mailflow sends, file names, markup, secrets, TLS.

Hostile values enter the way an attacker would put them: in a customer's mail through the
pipeline, and as template context for every kind of mail the Mailer builds. The composed
bytes in the outbox must carry exactly the intended headers and recipients.
"""

from __future__ import annotations

import base64
import email
import email.policy
import json
from datetime import UTC, date, datetime
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import Session, select

from mailflow.app import App
from mailflow.decide.effects import AcknowledgementQueued
from mailflow.decide.mail import to_customer, to_person
from mailflow.domain.model import Address, ParsedMessage, Person
from mailflow.store.tables import AttachmentRow, ClaimRow, MessageRow, OutboxRow
from mailflow.workflow.apply import state_of
from tests import corpus
from tests.e2e.test_cli import imap_mailbox, mailflow, one_line_error, write_config
from tests.hostile import corpus_hostile as hostile
from tests.integration import support
from tests.servers import SMTP_PASSWORD, SMTP_USER, Dovecot, SmtpSink, free_ports, password
from tests.unit.test_approval_templates import CONTEXTS as APPROVAL_CONTEXTS
from tests.unit.test_deadline_templates import CONTEXTS as DEADLINE_CONTEXTS
from tests.unit.test_templates import CONTEXTS as WORKFLOW_CONTEXTS

NOW = datetime(2026, 1, 5, 10, 0, tzinfo=UTC)
CRLF_WORD = "=?utf-8?b?" + base64.b64encode(b"x\r\nBcc: word@evil.example").decode() + "?="
# Every way a value could try to start a header line of its own.
HOSTILE = (f"Evil\r\nBcc: crlf@evil.example\r\n\r\n<script>alert(1)</script> {CRLF_WORD} "
           "\u2028X-Injected: 1\x00\x0bNext\u0085Line")
CUSTOMER_EMAIL = "ivan@mail.example"
ANNA = Person(name=HOSTILE, email="anna@company.example", position=HOSTILE)
SENT_HEADERS = {"from", "to", "reply-to", "subject", "date", "message-id", "in-reply-to",
                "references", "auto-submitted", "x-auto-response-suppress", "x-mailflow-claim",
                "x-mailflow-loop", "mime-version", "content-type"}
FREE_TEXT = {"customer", "customer_name", "subject", "text", "body", "specialist_name",
             "specialist_position", "company_name", "note", "reason", "diagnostic", "question",
             "manager_name", "previous_specialist", "specialist_email"}
TO_CUSTOMER = ("relay", "status_update", "customer_chaser", "auto_closed")
TO_STAFF = ("specialist_new_claim", "specialist_follow_up", "command_error", "untrusted_message",
            "bounce_notice", "deadline_reminder", "escalation", "relay_blocked",
            "rating_notice", *APPROVAL_CONTEXTS)


def parse(raw: bytes) -> EmailMessage:
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    return message


def assert_only_intended(row: OutboxRow, recipient: str) -> EmailMessage:
    """The queued bytes carry only mailflow's headers, each once, for the one recipient."""
    message = parse(row.raw)
    names = [name.lower() for name in message]
    assert set(names) <= SENT_HEADERS, names
    assert len(names) == len(set(names))
    header_block = row.raw.split(b"\r\n\r\n", 1)[0].lower()
    assert b"\nbcc" not in header_block
    assert b"\nx-injected" not in header_block
    assert [a.addr_spec for a in message["To"].addresses] == [recipient]
    assert json.loads(row.recipients) == [recipient]
    return message


def html_of(message: EmailMessage) -> str:
    body = message.get_body(("html",))
    assert isinstance(body, EmailMessage)
    return str(body.get_content())


def hostile_context(context: dict[str, object]) -> dict[str, Any]:
    values: dict[str, Any] = {key: HOSTILE if key in FREE_TEXT else value
                              for key, value in context.items()
                              if key not in ("claim_number", "company_name")}  # the Mailer's
    if "errors" in values:
        values["errors"] = [{"line": HOSTILE, "message": HOSTILE}]
    if "lines" in values:
        values["lines"] = [HOSTILE]
    return values


@pytest.fixture
def mailflow_app(tmp_path: Path, db_url: str) -> App:
    """An app on SQLite, then on PostgreSQL."""
    return support.app(tmp_path, db_url)


@pytest.fixture
def raw_text_app(tmp_path: Path) -> App:
    """An app on SQLite only: its tests store HOSTILE uncleaned (NUL included), which
    PostgreSQL refuses; mail reaches the database only through the cleaning that the
    hostile corpus tests prove on both databases."""
    return support.app(tmp_path, f"sqlite:///{tmp_path / 'db.sqlite3'}")


def hostile_claim(session: Session) -> ClaimRow:
    claim = ClaimRow(number="CLM-2026-000123", status="in_progress", customer_email=CUSTOMER_EMAIL,
                     customer_name=HOSTILE, subject=HOSTILE, language="en", created_at=NOW,
                     updated_at=NOW, assignee_email=ANNA.email)
    session.add(claim)
    session.flush()
    return claim


def queued(app: App) -> list[OutboxRow]:
    with app.db.transaction() as session:
        return list(session.exec(select(OutboxRow)).all())


@pytest.mark.parametrize("template", TO_CUSTOMER + TO_STAFF)
def test_no_kind_of_mail_lets_hostile_context_inject_a_header(raw_text_app: App,
                                                               template: str) -> None:
    """Every template, built by the Mailer with hostile names and texts, keeps its headers."""
    mailflow_app = raw_text_app
    context = {**WORKFLOW_CONTEXTS, **DEADLINE_CONTEXTS, **APPROVAL_CONTEXTS}[template]
    mailer = mailflow_app.mailer
    with mailflow_app.db.transaction() as session:
        claim = hostile_claim(session)
        state = state_of(claim)
        if template in TO_CUSTOMER:
            effect = to_customer(state, template, template, hostile_context(context))
        else:
            effect = to_person(state, ANNA, template, template, hostile_context(context))
        mailer.queue(session, claim, effect, NOW)
    (row,) = queued(mailflow_app)
    recipient = CUSTOMER_EMAIL if template in TO_CUSTOMER else ANNA.email
    message = assert_only_intended(row, recipient)
    assert "<script>" not in html_of(message)


def test_acknowledgement_with_hostile_message_keeps_its_headers(raw_text_app: App) -> None:
    """An acknowledgement of a hostile subject, name and Message-ID has only its own headers."""
    mailflow_app = raw_text_app
    msg = ParsedMessage(message_id=f"<{CRLF_WORD}@x>", subject=HOSTILE,
                        from_=Address(CUSTOMER_EMAIL, HOSTILE), text=HOSTILE,
                        references=(CRLF_WORD, "a\r\nBcc: r@evil.example"))
    with mailflow_app.db.transaction() as session:
        claim = hostile_claim(session)
        context = {"customer_name": HOSTILE, "original_subject": HOSTILE, "received_at": NOW,
                   "answer_by": date(2026, 1, 20), "specialist": HOSTILE, "missing_items": [],
                   "quoted_text": HOSTILE}
        effect = AcknowledgementQueued(Address(CUSTOMER_EMAIL, HOSTILE), "ack", context, msg)
        mailflow_app.mailer.queue(session, claim, effect, NOW)
    (row,) = queued(mailflow_app)
    message = assert_only_intended(row, CUSTOMER_EMAIL)
    assert "<script>" not in html_of(message)
    assert "&lt;script&gt;" in html_of(message)


def customer_attack() -> bytes:
    """A claim whose name, subject and text carry CRLF, encoded CRLF and markup."""
    double = "=?utf-8?b?" + base64.b64encode(CRLF_WORD.encode()).decode() + "?="
    return hostile.message([
        ("From", f"{CRLF_WORD} <{CUSTOMER_EMAIL}>"), ("To", corpus.CLAIMS_ADDRESS),
        ("Subject", f"{double} <script>x</script>"), ("Date", corpus.DATE),
        ("Message-ID", f"<{CRLF_WORD}@mail.example>"), ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=utf-8")],
        b"<script>alert(1)</script>\r\nBcc: body@evil.example\r\n")


def staff_reply(notification: EmailMessage) -> bytes:
    """The specialist answers the notification with hostile text to relay."""
    return hostile.message([
        ("From", f"Anna <{ANNA.email}>"), ("To", str(notification["Reply-To"])),
        ("Subject", f"Re: {notification['Subject']}"), ("Date", corpus.DATE),
        ("Message-ID", "<answer@company.example>"),
        ("In-Reply-To", str(notification["Message-ID"])), ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=utf-8")],
        f"Dear customer,\r\n{HOSTILE}\r\nBcc: relay@evil.example\r\n".encode())


def test_pipeline_end_to_end_never_injects_headers(tmp_path: Path, db_url: str) -> None:
    """A hostile claim and a hostile specialist answer: ack, notice and relay keep their headers."""
    team = [{"name": "Anna", "email": ANNA.email, "languages": ["en", "ru"]}]
    app = support.app(tmp_path, db_url, specialists=team)
    assert app.pipeline.process(customer_attack(), "test", NOW).status == "stored"
    by_kind = {row.kind: row for row in queued(app)}
    assert set(by_kind) == {"acknowledgement", "specialist_new_claim"}
    assert_only_intended(by_kind["acknowledgement"], CUSTOMER_EMAIL)
    notice = assert_only_intended(by_kind["specialist_new_claim"], ANNA.email)
    assert "<script>" not in html_of(notice)
    assert app.pipeline.process(staff_reply(notice), "test", NOW).status == "stored"
    relay = next(row for row in queued(app) if row.kind == "relay")
    assert "<script>" not in html_of(assert_only_intended(relay, CUSTOMER_EMAIL))


TRAVERSAL_NAMES = ("../../etc/passwd", "..\\..\\boot.ini", "/etc/shadow", "C:\\Windows\\evil.dll",
                   "CON", "NUL.txt", "COM1", "a\x00b.pdf", "n" * 1000 + ".pdf",
                   "invoice\u202efdp.exe")


def test_attachment_names_are_safe_and_never_a_storage_path(mailflow_app: App) -> None:
    """Traversal, device, NUL, 1000-char and RTL names are made safe; blobs sit under their hash."""
    for n, name in enumerate(TRAVERSAL_NAMES):
        payload = f"payload {n}".encode()
        raw = hostile.with_filename(name, payload).replace(
            b"<hostile@example.org>", f"<name.{n}@example.org>".encode())
        assert mailflow_app.pipeline.process(raw, "test", NOW).status == "stored"
    with mailflow_app.db.transaction() as session:
        parts = session.exec(select(AttachmentRow)).all()
    assert len(parts) == len(TRAVERSAL_NAMES)
    root = mailflow_app.blobs.root.resolve()
    for part in parts:
        stem = part.filename.split(".", 1)[0].upper()
        assert not any(ch in part.filename for ch in "/\\:\x00\u202e")
        assert not part.filename.startswith(".")
        assert stem not in {"CON", "NUL", "COM1"}
        assert len(part.filename) <= 150
        path = mailflow_app.blobs.path_for(part.sha256).resolve()
        assert path.is_relative_to(root)
        assert path.name == part.sha256
    stored_names = {path.name for path in root.rglob("*")}
    assert not stored_names & {"passwd", "boot.ini", "shadow", "evil.dll", "CON", "COM1"}


def test_customer_markup_is_escaped_in_html_mail(tmp_path: Path, db_url: str) -> None:
    """Script tags in a customer's name and text arrive escaped in the HTML of ack and notice."""
    team = [{"name": "Anna", "email": ANNA.email, "languages": ["en"]}]
    app = support.app(tmp_path, db_url, specialists=team)
    raw = hostile.message([
        ("From", f'"<img src=x onerror=alert(1)>" <{CUSTOMER_EMAIL}>'),
        ("To", corpus.CLAIMS_ADDRESS), ("Subject", "<b>Broken</b> vase"),
        ("Message-ID", "<markup@mail.example>"), ("Content-Type", "text/plain; charset=utf-8")],
        b"The vase <script>alert('x')</script> arrived broken.\r\n")
    app.pipeline.process(raw, "test", NOW)
    for row in queued(app):
        html = html_of(parse(row.raw))
        assert "<script>" not in html
        assert "<img src=x" not in html
        assert "&lt;script&gt;" in html or "&lt;img" in html


# -- secrets ------------------------------------------------------------------------------

IMAP_SECRET = "Imap-Secret-4f9a"
SMTP_SECRET = "Smtp-Secret-7c21"
HMAC_SECRET = "Hmac-Secret-0b3e"


def leaked(result: Any, *secrets: str) -> list[str]:
    """The secrets (plain, or in an AUTH PLAIN/LOGIN base64 form) found in the output."""
    output = result.stdout + result.stderr
    forms = {s: {s, base64.b64encode(s.encode()).decode()} for s in secrets}
    forms.update({f"plain:{SMTP_USER}": {base64.b64encode(
        f"\0{SMTP_USER}\0{SMTP_PASSWORD}".encode()).decode()}})
    return [name for name, variants in forms.items() if any(v in output for v in variants)]


def upgraded(config: Path) -> Path:
    """`config` after `mailflow db upgrade` made its database."""
    support.upgrade_config(config)
    return config


def env_secrets() -> dict[str, str]:
    return {"MAILFLOW_OUTGOING__PASSWORD": SMTP_SECRET, "MAILFLOW_SECURITY__SECRET": HMAC_SECRET}


@pytest.mark.e2e
def test_wrong_imap_password_is_not_shown_even_at_debug(tmp_path: Path, dovecot: Dovecot) -> None:
    """A refused login at log level debug prints neither the tried password nor other secrets."""
    config = upgraded(write_config(tmp_path, imap_mailbox(dovecot, IMAP_SECRET)))
    result = mailflow(config, "--log-level", "debug", "run", "--once", env=env_secrets())
    assert result.returncode == 1
    assert leaked(result, IMAP_SECRET, SMTP_SECRET, HMAC_SECRET) == []


@pytest.mark.e2e
def test_unreachable_server_is_reported_without_secrets(tmp_path: Path, dovecot: Dovecot) -> None:
    """An unreachable IMAP server with the password in the environment never prints it."""
    port = free_ports(1)[0]
    config = upgraded(write_config(tmp_path, imap_mailbox(dovecot, "placeholder", port=port)))
    result = mailflow(config, "--log-level", "debug", "run", "--once",
                      env={**env_secrets(), "MAILFLOW_MAILBOX__PASSWORD": IMAP_SECRET})
    assert result.returncode == 1
    assert leaked(result, IMAP_SECRET, SMTP_SECRET, HMAC_SECRET) == []


@pytest.mark.e2e
def test_check_config_hides_every_password(tmp_path: Path) -> None:
    """check-config shows no mailbox, SMTP or HMAC secret, from file or environment."""
    config = write_config(tmp_path, f'kind = "imap"\npassword = "{IMAP_SECRET}"',
                          f'kind = "smtp"\npassword = "{SMTP_SECRET}"')
    result = mailflow(config, "--log-level", "debug", "check-config", env={
        "MAILFLOW_SECURITY__SECRET": HMAC_SECRET})
    assert result.returncode == 0, result.stderr
    assert leaked(result, IMAP_SECRET, SMTP_SECRET, HMAC_SECRET) == []


@pytest.mark.e2e
def test_a_debug_run_with_logins_prints_no_password(tmp_path: Path, clean_dovecot: Dovecot,
                                                    request: pytest.FixtureRequest) -> None:
    """A full debug run (IMAP login, SMTP AUTH over TLS) sends the ack and logs no password."""
    sink: SmtpSink = request.getfixturevalue("_tls_sinks")["starttls"]
    sink.clear()
    assert sink.certificates is not None
    clean_dovecot.append("claims", [corpus.english(message_id="secret-run@example.org")])
    config = upgraded(write_config(tmp_path, imap_mailbox(clean_dovecot, password("claims")), (
        f'kind = "smtp"\nhost = "{sink.host}"\nport = {sink.port}\nsecurity = "starttls"\n'
        f'username = "{SMTP_USER}"\nca_file = "{sink.certificates.ca_file}"')))
    result = mailflow(config, "--log-level", "debug", "run", "--once",
                      env={"MAILFLOW_OUTGOING__PASSWORD": SMTP_PASSWORD,
                           "MAILFLOW_SECURITY__SECRET": HMAC_SECRET})
    assert result.returncode == 0, result.stderr
    assert len(sink.received) == 1
    assert leaked(result, password("claims"), SMTP_PASSWORD, HMAC_SECRET) == []


# -- TLS ----------------------------------------------------------------------------------


@pytest.mark.e2e
def test_untrusted_imap_certificate_is_one_cli_line(tmp_path: Path, dovecot: Dovecot) -> None:
    """IMAPS to a certificate outside the trust store: one line naming host:port and certificate."""
    mailbox = imap_mailbox(dovecot, password("claims"), port=dovecot.imaps_port).replace(
        'security = "none"', 'security = "tls"')
    result = mailflow(upgraded(write_config(tmp_path, mailbox)), "run", "--once")
    assert result.returncode == 1
    line = one_line_error(result)
    assert f"{dovecot.host}:{dovecot.imaps_port}" in line
    assert "certificate" in line


@pytest.mark.e2e
def test_untrusted_smtp_certificate_is_one_cli_line(tmp_path: Path,
                                                    smtp_tls_sink: SmtpSink) -> None:
    """SMTP to a certificate outside the trust store: one line naming host:port and certificate."""
    config = upgraded(write_config(tmp_path, 'kind = "maildir"', (
        f'kind = "smtp"\nhost = "{smtp_tls_sink.host}"\nport = {smtp_tls_sink.port}\n'
        f'security = "{smtp_tls_sink.security}"\nusername = "{SMTP_USER}"\n'
        f'password = "{SMTP_PASSWORD}"')))
    assert mailflow(config, "ingest", stdin=corpus.english()).returncode == 0
    result = mailflow(config, "run", "--once")
    line = one_line_error(result)
    assert f"{smtp_tls_sink.host}:{smtp_tls_sink.port}" in line
    assert "certificate" in line
    assert smtp_tls_sink.received == []


def test_hostile_text_is_stored_storable(mailflow_app: App) -> None:
    """NUL bytes and CRLF in a customer's subject and name are stored as one safe line."""
    raw = hostile.plain(b"a\x00b =?utf-8?q?c=0D=0AX-Injected:_1?=",
                        sender=f"{CRLF_WORD} <{CUSTOMER_EMAIL}>")
    assert mailflow_app.pipeline.process(raw, "test", NOW).status == "stored"
    with mailflow_app.db.transaction() as session:
        row = session.exec(select(MessageRow).where(MessageRow.direction == "in")).one()
    assert row.subject == "ab c X-Injected: 1"
    assert row.from_name == "x Bcc: word@evil.example"
