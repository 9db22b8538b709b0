"""Deliver outgoing mail to an SMTP server with aiosmtplib, over one held connection.

Errors are translated here: a server that is down, a dropped connection, a timeout or a
4xx answer is SendFailed (the outbox retries later); a 5xx answer is SendRejected (never
retried); a refused login is AuthenticationFailed.

Partly refused envelopes: when the server accepts the message for some recipients and
refuses others, the message *has been sent* to the accepted ones, so retrying would
duplicate it. We raise SendRejected naming every refused recipient with the server's
answer (whatever its code), so the outbox parks the mail with that reason instead.

Lost answers: when the connection dies or times out inside DATA, the server may already
have the message (RFC 1047: it delivers once it has read the final dot, and only then
answers). aiosmtplib sends the DATA command and the payload in one call, so any loss
inside that call is SendUncertain: the outbox marks the message `unknown` and never resends
it by itself. A loss before DATA (MAIL, RCPT) is safe to retry and stays SendFailed.

OAuth2: with a TokenProvider the login is `AUTH XOAUTH2` with the cached token, and once
more with a newly issued token when the server refuses it.

SMTPUTF8: a message with a non-ASCII envelope address or raw UTF-8 headers goes with
SMTPUTF8 when the server offers it; otherwise a Unicode domain is written as IDNA and
anything else is refused for that message alone (mailflow.send.addresses).
"""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import Callable, Sequence
from contextlib import suppress
from types import TracebackType
from typing import Literal, Self

import aiosmtplib
from aiosmtplib import (
    SMTPAuthenticationError,
    SMTPException,
    SMTPRecipientsRefused,
    SMTPResponse,
    SMTPResponseException,
    SMTPServerDisconnected,
    SMTPTimeoutError,
)
from aiosmtplib.typing import Default

from mailflow.auth.tokens import TokenProvider
from mailflow.config import OutgoingSettings
from mailflow.errors import (
    AuthenticationFailed,
    MailflowError,
    SendFailed,
    SendRejected,
    SendUncertain,
    TokenUnavailable,
)
from mailflow.send.addresses import needs_smtputf8, wire_address


class _AnswerLost(SMTPException):
    """The connection was lost or timed out inside DATA: the message may have arrived."""


def _nothing() -> None:
    return None


class _Client(aiosmtplib.SMTP):
    """aiosmtplib's client, telling a loss inside DATA from a loss before it, and running
    `handing_over` once the envelope is accepted, just before DATA."""

    handing_over: Callable[[], None] = staticmethod(_nothing)

    async def data(self, message: str | bytes, /, *,
                   timeout: float | Literal[Default.token] | None = Default.token,
                   ) -> aiosmtplib.SMTPResponse:
        try:
            self.handing_over()
        except BaseException:
            with suppress(SMTPException, OSError):
                await self.rset()  # the envelope is dropped; the connection serves the next
            raise
        try:
            return await super().data(message, timeout=timeout)
        except (SMTPServerDisconnected, SMTPTimeoutError) as error:
            raise _AnswerLost(str(error) or type(error).__name__) from error


class SmtpTransport:
    """An SMTP server, implementing `Transport`; use as `async with SmtpTransport(...)`."""

    delivers_on_flush = False  # the server's answer to each message is its delivery

    def __init__(self, settings: OutgoingSettings, password: str,
                 tokens: TokenProvider | None = None) -> None:
        self._settings = settings
        self._password = password
        self._tokens = tokens
        self._smtp: aiosmtplib.SMTP | None = None

    @property
    def _address(self) -> str:
        return f"{self._settings.host}:{self._settings.effective_port()}"

    async def __aenter__(self) -> Self:
        await self._connect()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        smtp, self._smtp = self._smtp, None
        if smtp is None or not smtp.is_connected:
            return
        try:
            await smtp.quit()
        except SMTPException:
            smtp.close()  # QUIT is a courtesy; the message was already accepted or not

    async def flush(self) -> None:
        return None

    async def send(self, sender: str, recipients: Sequence[str], raw: bytes,
                   handing_over: Callable[[], None] = _nothing) -> None:
        """Send `raw` to `recipients`; reconnects once if the server dropped the connection
        before DATA. `handing_over` runs just before DATA (see `Transport`)."""
        if self._smtp is None or not self._smtp.is_connected:
            await self._connect()
        try:
            await self._sendmail(sender, recipients, raw, handing_over)
        except SendFailed as error:
            if not isinstance(error.__cause__, SMTPServerDisconnected):
                raise
            await self._connect()
            await self._sendmail(sender, recipients, raw, handing_over)

    async def _connect(self) -> None:
        smtp = self._client()
        try:
            await smtp.connect()
            await self._authenticate(smtp)
        except SMTPAuthenticationError as error:
            smtp.close()
            raise AuthenticationFailed(
                f"SMTP login failed for user {self._settings.username} at {self._address}: "
                f"{error.code} {error.message}") from None
        except (SMTPException, OSError) as error:
            smtp.close()
            raise self._translate(error) from error
        except MailflowError:
            smtp.close()
            raise
        self._smtp = smtp

    async def _authenticate(self, smtp: aiosmtplib.SMTP) -> None:
        if self._tokens is not None:
            await self._oauth2_login(smtp, self._tokens)
        elif self._settings.username:
            await smtp.login(self._settings.username, self._password)

    async def _oauth2_login(self, smtp: aiosmtplib.SMTP, tokens: TokenProvider) -> None:
        user = self._settings.username
        if smtp.is_ehlo_or_helo_needed:
            await smtp.ehlo()
        if "xoauth2" not in smtp.server_auth_methods:
            offered = ", ".join(smtp.server_auth_methods).upper() or "no AUTH at all"
            raise AuthenticationFailed(
                f"SMTP server {self._address} does not offer AUTH XOAUTH2 (it offers "
                f"{offered}); check outgoing.host, or log in with a password (key outgoing.auth)")
        try:
            await smtp.auth_xoauth2(user, await self._token(tokens.token))
        except SMTPAuthenticationError:
            try:
                await smtp.auth_xoauth2(user, await self._token(tokens.refresh))
            except SMTPAuthenticationError as error:
                raise AuthenticationFailed(
                    f"SMTP XOAUTH2 login failed for user {user} at {self._address}, also with "
                    f"a newly issued token ({error.code} {error.message}): check "
                    "outgoing.username and the app's right to send as it (key outgoing.oauth2)",
                ) from None

    @staticmethod
    async def _token(get: Callable[[], str]) -> str:
        """A token from the (blocking) provider, off the event loop."""
        try:
            return await asyncio.to_thread(get)
        except TokenUnavailable as error:
            raise SendFailed(str(error)) from None

    def _client(self) -> aiosmtplib.SMTP:
        s = self._settings
        return _Client(
            hostname=s.host, port=s.effective_port(), timeout=s.timeout,
            use_tls=s.security == "tls", start_tls=s.security == "starttls",
            tls_context=self._tls_context() if s.security != "none" else None,
        )

    def _tls_context(self) -> ssl.SSLContext:
        ca_file = self._settings.ca_file
        return ssl.create_default_context(cafile=str(ca_file) if ca_file else None)

    async def _sendmail(self, sender: str, recipients: Sequence[str], raw: bytes,
                        handing_over: Callable[[], None]) -> None:
        if not isinstance(self._smtp, _Client):
            raise RuntimeError("SmtpTransport.send() outside `async with`")
        self._smtp.handing_over = handing_over
        try:
            smtputf8 = await self._smtputf8(self._smtp, sender, recipients, raw)
            refused, _ = await self._smtp.sendmail(
                wire_address(sender, smtputf8), [wire_address(r, smtputf8) for r in recipients],
                raw, mail_options=["SMTPUTF8"] if smtputf8 else [])
        except (SMTPException, OSError, ValueError) as error:
            raise self._translate(error) from error
        if refused:
            raise SendRejected(
                f"SMTP server {self._address} accepted the message for some recipients but "
                f"refused {_describe_refusals(refused)}; not retried to avoid duplicates")

    async def _smtputf8(self, smtp: aiosmtplib.SMTP, sender: str, recipients: Sequence[str],
                        raw: bytes) -> bool:
        """Whether to send with SMTPUTF8; SendRejected when it is needed but not offered
        for more than a Unicode domain (which IDNA writes in ASCII)."""
        if not needs_smtputf8(sender, recipients, raw):
            return False
        if smtp.is_ehlo_or_helo_needed:
            await smtp.ehlo()
        if smtp.supports_extension("smtputf8"):
            return True
        for address in (sender, *recipients):
            wire_address(address, False, f"SMTP server {self._address}")
        if not _header_block_ascii(raw):
            raise SendRejected(f"the message has non-ASCII headers (an internationalised "
                               f"address) and SMTP server {self._address} does not offer "
                               "SMTPUTF8")
        return False

    def _translate(self, error: BaseException) -> SendFailed | SendRejected | SendUncertain:
        if isinstance(error, _AnswerLost):
            return SendUncertain(
                f"the connection to SMTP server {self._address} was lost after the message "
                f"was handed over, before the server answered ({error}); it may have been "
                "delivered, so it is not sent again automatically")
        if isinstance(error, SMTPRecipientsRefused):
            return self._refusal(error)
        if isinstance(error, SMTPResponseException):
            kind = SendRejected if error.code >= 500 else SendFailed
            return kind(f"SMTP server {self._address} answered {error.code} {error.message}")
        if isinstance(error, ValueError) and not isinstance(error, ssl.SSLError):
            return SendRejected(f"cannot send to {self._address}: {error}")  # unencodable address
        return SendFailed(f"cannot send through SMTP server {self._address}: {_reason(error)}")

    def _refusal(self, error: SMTPRecipientsRefused) -> SendFailed | SendRejected:
        refused = {r.recipient: SMTPResponse(r.code, r.message) for r in error.recipients}
        kind = SendRejected if any(r.code >= 500 for r in error.recipients) else SendFailed
        return kind(f"SMTP server {self._address} refused {_describe_refusals(refused)}")


def _header_block_ascii(raw: bytes) -> bool:
    return not needs_smtputf8("", (), raw)


def _describe_refusals(refused: dict[str, SMTPResponse]) -> str:
    return "; ".join(f"{rcpt} ({answer.code} {answer.message})" for rcpt, answer in refused.items())


def _reason(error: BaseException) -> str:
    for candidate in (error, error.__cause__):
        if isinstance(candidate, ssl.SSLCertVerificationError):
            return f"TLS certificate verification failed: {candidate.verify_message}"
        if isinstance(candidate, ssl.SSLError):
            return f"TLS handshake failed: {candidate.reason or candidate}"
        if isinstance(candidate, ConnectionRefusedError):
            return "connection refused"
    return str(error) or type(error).__name__
