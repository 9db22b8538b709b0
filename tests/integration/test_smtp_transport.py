"""SmtpTransport against a real aiosmtpd sink: TLS modes, login, error answers, reconnects."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any

import pytest

from mailflow.config import OutgoingSettings, Security
from mailflow.errors import AuthenticationFailed, SendFailed, SendRejected
from mailflow.send.smtp import SmtpTransport
from tests.servers import HOST, SMTP_PASSWORD, SMTP_USER, Dovecot, SmtpSink, free_ports

pytestmark = pytest.mark.smtp

SENDER = "claims@example.test"
RAW = (b"From: claims@example.test\r\nTo: customer@example.test\r\n"
       b"Subject: =?utf-8?b?0J/RgNC10YLQtdC90LfQuNGP?=\r\n\r\nWe got your claim.\r\n")


def settings(port: int, security: Security = "none", **overrides: Any) -> OutgoingSettings:
    values: dict[str, Any] = {"kind": "smtp", "host": HOST, "port": port,
                              "security": security, "timeout": 5.0}
    return OutgoingSettings(**(values | overrides))


def tls_settings(sink: SmtpSink, **overrides: Any) -> OutgoingSettings:
    assert sink.certificates is not None
    values: dict[str, Any] = {"username": SMTP_USER, "ca_file": sink.certificates.ca_file}
    return settings(sink.port, sink.security, **(values | overrides))


def send_all(mailbox: OutgoingSettings, *recipient_lists: Sequence[str],
             password: str = "") -> None:
    async def run() -> None:
        async with SmtpTransport(mailbox, password) as transport:
            for recipients in recipient_lists:
                await transport.send(SENDER, recipients, RAW)
    asyncio.run(run())


def test_sends_the_exact_bytes_with_the_envelope(smtp_sink: SmtpSink) -> None:
    """Over plain text the sink receives the sender, the recipients and the bytes unchanged."""
    send_all(settings(smtp_sink.port), ["customer@example.test", "manager@example.test"])
    (received,) = smtp_sink.received
    assert (received.mail_from, received.rcpt_tos, received.content) == (
        SENDER, ["customer@example.test", "manager@example.test"], RAW)


def test_several_messages_share_one_connection(smtp_sink: SmtpSink) -> None:
    """Messages sent inside one `async with` use the same connection."""
    send_all(settings(smtp_sink.port), ["a@example.test"], ["b@example.test"], ["c@example.test"])
    assert len({received.peer for received in smtp_sink.received}) == 1
    assert [r.rcpt_tos for r in smtp_sink.received] == [["a@example.test"], ["b@example.test"],
                                                        ["c@example.test"]]


def test_reconnects_once_when_the_server_dropped_the_connection(smtp_sink: SmtpSink) -> None:
    """A connection closed by the server between two messages is reopened for the second."""
    smtp_sink.drop_connection_after_next()
    send_all(settings(smtp_sink.port), ["a@example.test"], ["b@example.test"])
    assert [r.rcpt_tos for r in smtp_sink.received] == [["a@example.test"], ["b@example.test"]]
    assert len({received.peer for received in smtp_sink.received}) == 2


def test_a_4xx_answer_is_send_failed_naming_server_and_answer(smtp_sink: SmtpSink) -> None:
    """A temporary refusal becomes SendFailed with host:port and the server's words."""
    smtp_sink.fail_next(451, "4.3.0 Try again later")
    with pytest.raises(SendFailed) as caught:
        send_all(settings(smtp_sink.port), ["customer@example.test"])
    assert str(caught.value) == (
        f"SMTP server {HOST}:{smtp_sink.port} answered 451 4.3.0 Try again later")


def test_a_5xx_answer_is_send_rejected(smtp_sink: SmtpSink) -> None:
    """A permanent refusal becomes SendRejected with the server's answer."""
    smtp_sink.fail_next(554, "5.7.1 Message refused")
    with pytest.raises(SendRejected, match=r"554 5\.7\.1 Message refused"):
        send_all(settings(smtp_sink.port), ["customer@example.test"])


def test_a_partly_refused_envelope_is_rejected_naming_the_refused(smtp_sink: SmtpSink) -> None:
    """Accepted for one recipient and refused for another: SendRejected names the refused one."""
    smtp_sink.refuse("gone@example.test", 550, "5.1.1 No such user")
    with pytest.raises(SendRejected) as caught:
        send_all(settings(smtp_sink.port), ["customer@example.test", "gone@example.test"])
    assert "gone@example.test (550 5.1.1 No such user)" in str(caught.value)
    assert [r.rcpt_tos for r in smtp_sink.received] == [["customer@example.test"]]


@pytest.mark.parametrize(("code", "error"), [(450, SendFailed), (550, SendRejected)])
def test_all_recipients_refused_follows_the_code(smtp_sink: SmtpSink, code: int,
                                                 error: type[Exception]) -> None:
    """Every recipient refused: 4xx is retried later (SendFailed), 5xx is not (SendRejected)."""
    smtp_sink.refuse("gone@example.test", code, "mailbox unavailable")
    with pytest.raises(error, match=f"gone@example.test \\({code} mailbox unavailable\\)"):
        send_all(settings(smtp_sink.port), ["gone@example.test"])


def test_server_down_is_send_failed_naming_host_and_port() -> None:
    """Nothing listening gives SendFailed naming host:port and 'connection refused'."""
    port = free_ports(1)[0]
    with pytest.raises(SendFailed) as caught:
        send_all(settings(port), ["customer@example.test"])
    assert str(caught.value) == (
        f"cannot send through SMTP server {HOST}:{port}: connection refused")


def test_tls_with_login_delivers(smtp_tls_sink: SmtpSink) -> None:
    """STARTTLS and implicit TLS, verified against the test CA, with AUTH, deliver the bytes."""
    send_all(tls_settings(smtp_tls_sink), ["customer@example.test"], password=SMTP_PASSWORD)
    assert [r.content for r in smtp_tls_sink.received] == [RAW]


def test_tls_with_an_untrusted_certificate_is_send_failed(smtp_tls_sink: SmtpSink) -> None:
    """With the system CAs the test certificate fails verification, and the error says so."""
    with pytest.raises(SendFailed, match="certificate verif"):
        send_all(tls_settings(smtp_tls_sink, ca_file=None), ["customer@example.test"],
                 password=SMTP_PASSWORD)
    assert smtp_tls_sink.received == []


def test_wrong_smtp_password_is_authentication_failed(smtp_tls_sink: SmtpSink) -> None:
    """A refused AUTH becomes AuthenticationFailed without the password in the message."""
    with pytest.raises(AuthenticationFailed) as caught:
        send_all(tls_settings(smtp_tls_sink), ["customer@example.test"], password="Wr0ng-pw")
    assert SMTP_USER in str(caught.value)
    assert "Wr0ng-pw" not in str(caught.value)


def test_the_sink_relays_into_dovecot(smtp_sink: SmtpSink, clean_dovecot: Dovecot) -> None:
    """With relaying on, a sent message lands in the recipient's real IMAP inbox."""
    smtp_sink.relay_to(clean_dovecot)
    send_all(settings(smtp_sink.port), ["customer@example.test"])
    (delivered,) = clean_dovecot.messages("customer")
    assert delivered.endswith(RAW)  # after the Return-Path/Received lines dovecot adds

