"""XOAUTH2 logins through imapclient and aiosmtplib against a dovecot and an aiosmtpd that
check bearer tokens with a local OAuth2 server: reading, refreshing, giving up clearly."""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from mailflow.app import App, token_provider
from mailflow.auth.sources import token_source
from mailflow.auth.tokens import TokenProvider
from mailflow.cli.main import app as cli
from mailflow.config import MailboxSettings, OAuth2Settings, OutgoingSettings, Settings
from mailflow.errors import AuthenticationFailed, MailboxUnavailable, TokenRefused
from mailflow.fetch.imap import ImapSource
from mailflow.send.smtp import SmtpTransport
from tests.oauth_servers import (
    CLIENT_ID,
    CLIENT_SECRET,
    OAuthDovecot,
    TokenServer,
    XOAuthSmtpSink,
)
from tests.servers import HOST, Dovecot, SmtpSink, dovecot_binary, free_ports, is_root

pytestmark = [pytest.mark.imap, pytest.mark.smtp]
USER = "claims@example.test"


@pytest.fixture(scope="module")
def token_server() -> Iterator[TokenServer]:
    server = TokenServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def _oauth_dovecot(token_server: TokenServer) -> Iterator[OAuthDovecot]:
    binary = dovecot_binary()
    if binary is None or not is_root():
        pytest.fail("the OAuth2 dovecot needs the dovecot binary and root (see tests/conftest.py)")
    server = OAuthDovecot(token_server)
    try:
        server.start(binary)
    except RuntimeError as error:
        server.stop()
        pytest.fail(str(error))
    yield server
    server.stop()


@pytest.fixture(scope="module")
def _xoauth_sink(token_server: TokenServer) -> Iterator[XOAuthSmtpSink]:
    sink = XOAuthSmtpSink(token_server)
    sink.start()
    yield sink
    sink.stop()


@pytest.fixture
def tokens(token_server: TokenServer) -> TokenServer:
    """The token server with nothing issued and every token accepted."""
    token_server.reset()
    return token_server


@pytest.fixture
def oauth_dovecot(_oauth_dovecot: OAuthDovecot, tokens: TokenServer) -> OAuthDovecot:
    _oauth_dovecot.reset("claims")
    return _oauth_dovecot


@pytest.fixture
def xoauth_sink(_xoauth_sink: XOAuthSmtpSink, tokens: TokenServer) -> XOAuthSmtpSink:
    _xoauth_sink.clear()
    return _xoauth_sink


def oauth2(tokens: TokenServer, **overrides: Any) -> OAuth2Settings:
    values: dict[str, Any] = {"provider": "token_endpoint", "token_url": f"{tokens.url}/token",
                              "client_id": CLIENT_ID, "client_secret": CLIENT_SECRET}
    return OAuth2Settings(**(values | overrides))


def mailbox(dovecot: OAuthDovecot, **overrides: Any) -> MailboxSettings:
    return MailboxSettings(kind="imap", host=HOST, port=dovecot.imap_port, security="none",
                           username=USER, auth="oauth2", timeout=5.0,
                           oauth2=oauth2(dovecot.tokens, **overrides))


def outgoing(sink: XOAuthSmtpSink, tokens: TokenServer, **overrides: Any) -> OutgoingSettings:
    return OutgoingSettings(kind="smtp", host=HOST, port=sink.port, security="none",
                            username=USER, auth="oauth2", timeout=5.0,
                            oauth2=oauth2(tokens, **overrides))


def message() -> bytes:
    return (f"From: customer@example.test\r\nTo: {USER}\r\nSubject: broken kettle\r\n"
            f"Message-ID: <{secrets.token_hex(6)}@x.test>\r\n\r\nIt leaks.\r\n").encode()


def read_inbox(source: ImapSource) -> list[bytes]:
    source.open()
    try:
        return [item.raw for batch in source.pending(None) for item in batch]
    finally:
        source.close()


def send_one(settings: OutgoingSettings, provider: TokenProvider) -> None:
    async def run() -> None:
        async with SmtpTransport(settings, "", tokens=provider) as transport:
            await transport.send(USER, ["customer@example.test"], message())
    asyncio.run(run())


class FakeClock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


def test_reads_mail_over_imap_with_an_xoauth2_token(oauth_dovecot: OAuthDovecot) -> None:
    """The source the composition root builds for auth = "oauth2" reads the mailbox after
    an AUTHENTICATE XOAUTH2 login with a token from the configured token endpoint (dovecot
    logs the XOAUTH2 login)."""
    raw = message()
    oauth_dovecot.append("claims", [raw])
    source = App(Settings(mailbox=mailbox(oauth_dovecot))).source()
    assert isinstance(source, ImapSource)
    assert read_inbox(source) == [raw]
    assert "method=XOAUTH2" in oauth_dovecot.log()


def test_a_token_close_to_expiry_is_replaced_before_the_next_login(
        oauth_dovecot: OAuthDovecot) -> None:
    """A cached token is reused while it has more than refresh_before_seconds left, and a
    new one is fetched (and accepted) once it has less."""
    clock, settings = FakeClock(), mailbox(oauth_dovecot, refresh_before_seconds=60)
    assert settings.oauth2 is not None
    provider = TokenProvider(token_source(settings.oauth2, USER, "mailbox.oauth2", clock),
                             60, clock)
    read_inbox(ImapSource(settings, "", tokens=provider))
    read_inbox(ImapSource(settings, "", tokens=provider))
    assert len(oauth_dovecot.tokens.issued) == 1
    clock.now += oauth_dovecot.tokens.lifetime - 59
    read_inbox(ImapSource(settings, "", tokens=provider))
    assert len(oauth_dovecot.tokens.issued) == 2


def test_a_token_the_server_no_longer_accepts_is_refreshed_and_the_login_succeeds(
        oauth_dovecot: OAuthDovecot) -> None:
    """When the server refuses the cached token (expired or revoked there), one new token
    is fetched and the mailbox is read with it."""
    raw = message()
    oauth_dovecot.append("claims", [raw])
    settings = mailbox(oauth_dovecot)
    provider = token_provider(settings, "mailbox")
    read_inbox(ImapSource(settings, "", tokens=provider))
    oauth_dovecot.tokens.forget_all()
    assert read_inbox(ImapSource(settings, "", tokens=provider)) == [raw]
    assert len(oauth_dovecot.tokens.issued) == 2


def test_a_rejected_token_is_refreshed_once_then_fails_naming_the_key(
        oauth_dovecot: OAuthDovecot) -> None:
    """When every token is refused, the source asks for exactly one new token, then fails
    with AuthenticationFailed naming the user, the server and mailbox.oauth2."""
    oauth_dovecot.tokens.refuse_all = True
    settings = mailbox(oauth_dovecot)
    source = ImapSource(settings, "", tokens=token_provider(settings, "mailbox"))
    with pytest.raises(AuthenticationFailed) as failure:
        source.open()
    assert len(oauth_dovecot.tokens.issued) == 2
    assert "mailbox.oauth2" in str(failure.value)
    assert f"{USER} at {HOST}:{oauth_dovecot.imap_port}" in str(failure.value)


def test_a_wrong_client_secret_is_token_refused_naming_the_key_not_the_secret(
        oauth_dovecot: OAuthDovecot) -> None:
    """A token endpoint refusing the client is TokenRefused naming mailbox.oauth2 and the
    provider's error, with the wrong secret nowhere in the message."""
    settings = mailbox(oauth_dovecot, client_secret="wrong-secret-123")
    source = ImapSource(settings, "", tokens=token_provider(settings, "mailbox"))
    with pytest.raises(TokenRefused, match=r"mailbox\.oauth2: .*invalid_client") as failure:
        source.open()
    assert "wrong-secret-123" not in str(failure.value)


def test_an_unreachable_token_endpoint_is_mailbox_unavailable(
        oauth_dovecot: OAuthDovecot) -> None:
    """A token endpoint nobody listens on is a transient MailboxUnavailable naming
    mailbox.oauth2 and the URL, so the daemon retries later."""
    url = f"http://{HOST}:{free_ports(1)[0]}/token"
    settings = mailbox(oauth_dovecot, token_url=url)
    source = ImapSource(settings, "", tokens=token_provider(settings, "mailbox"))
    with pytest.raises(MailboxUnavailable, match=rf"mailbox\.oauth2: cannot reach .*{url}"):
        source.open()


def test_sends_over_smtp_with_xoauth2(xoauth_sink: XOAuthSmtpSink, tokens: TokenServer) -> None:
    """The transports the composition root builds for auth = "oauth2" log in with
    AUTH XOAUTH2 through aiosmtplib, the server accepts the messages, and two transports
    of one process share one token."""
    mailflow = App(Settings(outgoing=outgoing(xoauth_sink, tokens)))

    async def run() -> None:
        for _ in range(2):  # as two drains of the outbox do
            transport = mailflow.transport()
            assert isinstance(transport, SmtpTransport)
            async with transport:
                await transport.send(USER, ["customer@example.test"], message())
    asyncio.run(run())
    assert [r.rcpt_tos for r in xoauth_sink.received] == [["customer@example.test"]] * 2
    assert len(tokens.issued) == 1


def test_smtp_refreshes_a_token_the_server_no_longer_accepts(
        xoauth_sink: XOAuthSmtpSink, tokens: TokenServer) -> None:
    """A cached token the SMTP server refuses is replaced once on the same connection and
    the message goes out."""
    settings = outgoing(xoauth_sink, tokens)
    provider = token_provider(settings, "outgoing")
    send_one(settings, provider)
    tokens.forget_all()
    send_one(settings, provider)
    assert len(xoauth_sink.received) == 2
    assert len(tokens.issued) == 2


def test_smtp_with_refused_tokens_fails_once_refreshed_naming_the_key(
        xoauth_sink: XOAuthSmtpSink, tokens: TokenServer) -> None:
    """When every token is refused, one new token is tried, then AuthenticationFailed names
    outgoing.oauth2; nothing is sent."""
    tokens.refuse_all = True
    settings = outgoing(xoauth_sink, tokens)
    with pytest.raises(AuthenticationFailed, match=r"outgoing\.oauth2"):
        send_one(settings, token_provider(settings, "outgoing"))
    assert len(tokens.issued) == 2
    assert xoauth_sink.received == []


def test_auth_check_obtains_a_token_with_the_secret_from_the_environment(
        tokens: TokenServer, tmp_path: Path) -> None:
    """`mailflow auth check mailbox` gets a token using the client secret from
    MAILFLOW_MAILBOX__OAUTH2__CLIENT_SECRET and prints its expiry but never the token;
    `auth login` on a client-credentials section says no sign-in is needed."""
    config = tmp_path / "mailflow.toml"
    config.write_text(
        f'[mailbox]\nkind = "imap"\nusername = "{USER}"\nauth = "oauth2"\n'
        f'[mailbox.oauth2]\nprovider = "token_endpoint"\ntoken_url = "{tokens.url}/token"\n'
        f'client_id = "{CLIENT_ID}"\n', encoding="utf-8")
    env = {"MAILFLOW_LANG": "en", "MAILFLOW_MAILBOX__OAUTH2__CLIENT_SECRET": CLIENT_SECRET}
    checked = CliRunner().invoke(cli, ["--config", str(config), "auth", "check", "mailbox"],
                                 env=env)
    assert checked.exit_code == 0, checked.output
    assert "mailbox: token obtained from token_endpoint, valid until" in checked.output
    assert not any(token in checked.output for token in tokens.issued)
    login = CliRunner().invoke(cli, ["--config", str(config), "auth", "login", "mailbox"],
                               env=env)
    assert login.exit_code == 2
    assert "needs no interactive sign-in" in login.output


def test_a_google_service_account_reads_the_mailbox_it_is_delegated(
        oauth_dovecot: OAuthDovecot, tmp_path: Path) -> None:
    """provider "google": google-auth signs a JWT with the service account's key for the
    mailbox user, the token endpoint of its key file answers, and IMAP XOAUTH2 works."""
    raw = message()
    oauth_dovecot.append("claims", [raw])
    key_file = oauth_dovecot.tokens.add_service_account(
        tmp_path, "mailflow@project.iam.example", {USER})
    settings = mailbox(oauth_dovecot, provider="google", service_account_file=key_file,
                       token_url="", client_id="", client_secret="")
    assert read_inbox(ImapSource(settings, "", tokens=token_provider(settings, "mailbox"))) \
        == [raw]


def test_a_google_service_account_without_delegation_is_refused_naming_the_key(
        oauth_dovecot: OAuthDovecot, tmp_path: Path) -> None:
    """A service account not delegated for the mailbox user is TokenRefused naming
    mailbox.oauth2 and Google's error, before any IMAP login."""
    key_file = oauth_dovecot.tokens.add_service_account(
        tmp_path, "other@project.iam.example", {"someone-else@example.test"})
    settings = mailbox(oauth_dovecot, provider="google", service_account_file=key_file,
                       token_url="", client_id="", client_secret="")
    source = ImapSource(settings, "", tokens=token_provider(settings, "mailbox"))
    with pytest.raises(TokenRefused, match=r"mailbox\.oauth2: Google refused .*unauthorized"):
        source.open()


def test_a_server_without_xoauth2_is_refused_naming_the_auth_key(
        dovecot: Dovecot, smtp_sink: SmtpSink, tokens: TokenServer) -> None:
    """auth = "oauth2" against servers offering no XOAUTH2 (the password-only dovecot, the
    sink without AUTH) fails before any token is fetched, naming mailbox.auth and
    outgoing.auth."""
    imap = MailboxSettings(kind="imap", host=HOST, port=dovecot.imap_port, security="none",
                           username=USER, auth="oauth2", timeout=5.0, oauth2=oauth2(tokens))
    with pytest.raises(AuthenticationFailed, match=r"XOAUTH2.*key mailbox\.auth"):
        ImapSource(imap, "", tokens=token_provider(imap, "mailbox")).open()
    smtp = OutgoingSettings(kind="smtp", host=HOST, port=smtp_sink.port, security="none",
                            username=USER, auth="oauth2", timeout=5.0, oauth2=oauth2(tokens))
    with pytest.raises(AuthenticationFailed, match=r"no AUTH at all.*key outgoing\.auth"):
        send_one(smtp, token_provider(smtp, "outgoing"))
    assert tokens.issued == {}
