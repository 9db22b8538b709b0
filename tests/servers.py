"""Real mail servers on loopback for the tests: a private dovecot and an aiosmtpd sink.

Dovecot runs in the foreground from a config in its own temporary folder, on free ports
picked at start (IMAP with STARTTLS, IMAPS, LMTP), with a certificate from a test CA
(trustme) valid for 127.0.0.1 and localhost. The aiosmtpd sink records every
envelope it receives and can be told to answer with an error, refuse a recipient, drop the
connection (after answering, or before: the answer to a message it kept is lost), take its
time over each message, go without SMTPUTF8, or relay what it accepts into dovecot over LMTP.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import smtplib
import socket
import ssl
import subprocess
import tempfile
import time
import warnings
from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientError

from mailflow.config import Security

HOST = "127.0.0.1"
DOMAIN = "example.test"
USERS = ("claims", "customer", "specialist1", "specialist2", "manager", "director")


def address(user: str) -> str:
    """`claims` -> `claims@example.test`; full addresses pass through."""
    return user if "@" in user else f"{user}@{DOMAIN}"


def password(user: str) -> str:
    """Every test user's password is `<local part>-pass`."""
    return f"{address(user).split('@')[0]}-pass"


def free_ports(count: int) -> list[int]:
    """Distinct loopback ports that nothing listens on right now."""
    sockets = [socket.socket() for _ in range(count)]
    try:
        for sock in sockets:
            sock.bind((HOST, 0))
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


@dataclass(frozen=True)
class Certificates:
    """A test CA and a server certificate for 127.0.0.1 and localhost, as PEM files."""

    ca_file: Path
    cert_file: Path
    key_file: Path

    @classmethod
    def create(cls, folder: Path) -> Certificates:
        ca = trustme.CA()
        leaf = ca.issue_cert("localhost", HOST)
        certs = cls(folder / "ca.pem", folder / "cert.pem", folder / "key.pem")
        ca.cert_pem.write_to_path(str(certs.ca_file))
        certs.cert_file.write_bytes(b"".join(blob.bytes() for blob in leaf.cert_chain_pems))
        leaf.private_key_pem.write_to_path(str(certs.key_file))
        certs.key_file.chmod(0o600)
        return certs

    def server_context(self) -> ssl.SSLContext:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(self.cert_file, self.key_file)
        return context

    def client_context(self) -> ssl.SSLContext:
        return ssl.create_default_context(cafile=str(self.ca_file))


DOVECOT_CONF = """\
protocols = imap lmtp
listen = {host}
base_dir = {root}/run
state_dir = {root}/state
instance_name = mailflow-test-{imap}
log_path = {root}/log/dovecot.log
ssl = yes
ssl_cert = <{cert}
ssl_key = <{key}
disable_plaintext_auth = no
auth_mechanisms = plain login
first_valid_uid = 8
mail_fsync = never
auth_failure_delay = 0
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/users
}}
userdb {{
  driver = passwd-file
  args = username_format=%u {root}/users
  default_fields = uid=mail gid=mail home={root}/mail/%d/%n
}}
mail_location = maildir:~/Maildir
namespace inbox {{
  inbox = yes
  separator = /
}}
service imap-login {{
  inet_listener imap {{
    address = {host}
    port = {imap}
  }}
  inet_listener imaps {{
    address = {host}
    port = {imaps}
    ssl = yes
  }}
}}
service lmtp {{
  inet_listener lmtp {{
    address = {host}
    port = {lmtp}
  }}
}}
service anvil {{
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
protocol imap {{
  mail_max_userip_connections = 100
}}
"""


class Dovecot:
    """A private dovecot on loopback; start() it, use it, stop() it."""

    host = HOST

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="mailflow-dovecot-"))
        self.imap_port, self.imaps_port, self.lmtp_port = free_ports(3)
        self.certificates = Certificates.create(self.root)
        self.ca_file = self.certificates.ca_file
        self._process: subprocess.Popen[bytes] | None = None

    def start(self, binary: str) -> None:
        self._write_config()
        log = (self.root / "log" / "stdout.log").open("wb")
        self._process = subprocess.Popen(
            [binary, "-F", "-c", str(self.root / "dovecot.conf")], stdout=log, stderr=log)
        self._wait_until_ready(deadline=time.monotonic() + 15)

    def stop(self) -> None:
        if self._process and self._process.poll() is None:
            self._process.send_signal(signal.SIGTERM)
            try:
                self._process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        shutil.rmtree(self.root, ignore_errors=True)

    def log(self) -> str:
        """The dovecot log so far, to explain a failure."""
        files = [self.root / "log" / "dovecot.log", self.root / "log" / "stdout.log"]
        return "\n".join(f.read_text(errors="replace") for f in files if f.exists())

    def _write_config(self) -> None:
        for sub in ("run", "state", "log", "mail"):
            (self.root / sub).mkdir()
        self.root.chmod(0o755)  # mail processes run as uid `mail` and must traverse it
        shutil.chown(self.root / "mail", "mail", "mail")
        users = "".join(f"{address(u)}:{{PLAIN}}{password(u)}::::::\n" for u in USERS)
        (self.root / "users").write_text(users)
        (self.root / "dovecot.conf").write_text(DOVECOT_CONF.format(
            host=HOST, root=self.root, imap=self.imap_port, imaps=self.imaps_port,
            lmtp=self.lmtp_port, cert=self.certificates.cert_file,
            key=self.certificates.key_file))

    def _wait_until_ready(self, deadline: float) -> None:
        while True:
            if self._process is not None and self._process.poll() is not None:
                raise RuntimeError(f"dovecot exited at start:\n{self.log()}")
            try:
                self.client("claims").logout()
                return
            except (OSError, IMAPClientError):
                if time.monotonic() > deadline:
                    raise RuntimeError(f"dovecot not ready after 15 s:\n{self.log()}") from None
                time.sleep(0.02)

    def client(self, user: str) -> IMAPClient:
        """A logged-in plain-text IMAP connection for `user`; the caller logs it out."""
        client = IMAPClient(self.host, port=self.imap_port, ssl=False, timeout=10)
        client.login(address(user), password(user))
        return client

    def append(self, user: str, raws: Iterable[bytes], folder: str = "INBOX") -> None:
        """Store messages in `folder` with MULTIAPPEND, 100 at a time."""
        raws = list(raws)
        with self.client(user) as client:
            for start in range(0, len(raws), 100):
                client.multiappend(folder, raws[start:start + 100])

    def deliver_lmtp(self, recipients: Sequence[str], raw: bytes,
                     sender: str = "customer@example.test") -> None:
        """Deliver like an MTA does, over LMTP (this triggers IDLE notifications)."""
        with smtplib.LMTP(self.host, self.lmtp_port) as lmtp:
            lmtp.sendmail(sender, [address(r) for r in recipients], raw)

    def messages(self, user: str, folder: str = "INBOX") -> list[bytes]:
        """Raw bytes of every message in `folder`, in UID order, without setting \\Seen."""
        with self.client(user) as client:
            client.select_folder(folder, readonly=True)
            uids = sorted(client.search("ALL"))
            fetched = client.fetch(uids, ["BODY.PEEK[]"]) if uids else {}
            return [fetched[uid][b"BODY[]"] for uid in uids]

    def reset(self, user: str) -> None:
        """Delete every message in every folder of `user`; folders stay."""
        with self.client(user) as client:
            for flags, _, name in client.list_folders():
                if b"\\Noselect" in flags:
                    continue
                client.select_folder(name)
                uids = client.search("ALL")
                if uids:
                    client.delete_messages(uids, silent=True)
                    client.expunge()

    def kick(self, user: str) -> None:
        """Disconnect every IMAP session of `user`, as a server restart would."""
        subprocess.run(["doveadm", "-c", str(self.root / "dovecot.conf"), "kick",
                        address(user)], check=True, capture_output=True)

    def reset_all(self) -> None:
        for user in USERS:
            self.reset(user)


SMTP_USER, SMTP_PASSWORD = "mailflow@example.test", "smtp-pass"


@dataclass(frozen=True)
class Received:
    """One message as the sink received it."""

    mail_from: str
    rcpt_tos: list[str]
    content: bytes
    peer: Any  # (host, port) of the client: tells connections apart
    smtp_utf8: bool = False  # sent with MAIL FROM ... SMTPUTF8


@dataclass
class SinkHandler:
    """aiosmtpd hooks: record, fail on request, refuse recipients, relay to LMTP."""

    received: list[Received] = field(default_factory=list)
    failures: deque[str] = field(default_factory=deque)
    refused: dict[str, str] = field(default_factory=dict)
    lmtp: tuple[str, int] | None = None
    drop_next: bool = False
    lose_answer_next: bool = False
    delay: float = 0.0

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any,
                          rcpt: str, options: list[str]) -> str:
        if rcpt in self.refused:
            return self.refused[rcpt]
        envelope.rcpt_tos.append(rcpt)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.failures:
            return self.failures.popleft()
        self.received.append(Received(
            envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content, session.peer,
            envelope.smtp_utf8))
        if self.delay:
            await asyncio.sleep(self.delay)
        if self.lose_answer_next:  # kept the message, but the client never hears so
            self.lose_answer_next = False
            server.transport.abort()
            return "250 never sent"
        if self.drop_next:
            self.drop_next = False
            asyncio.get_running_loop().call_soon(server.transport.close)
        return await self._relay(envelope) if self.lmtp else "250 Message accepted"

    async def _relay(self, envelope: Any) -> str:
        def deliver() -> dict[str, tuple[int, bytes]]:
            assert self.lmtp is not None
            with smtplib.LMTP(*self.lmtp) as lmtp:
                return lmtp.sendmail(envelope.mail_from, envelope.rcpt_tos,
                                     envelope.original_content)
        try:
            refused = await asyncio.to_thread(deliver)
        except smtplib.SMTPRecipientsRefused as error:
            return f"550 {error.recipients!r}"
        return f"550 {refused!r}" if refused else "250 Message accepted"


class SmtpSink:
    """An aiosmtpd server on a free loopback port recording what it receives.

    With `certificates` it offers STARTTLS (or implicit TLS with `implicit_tls=True`)
    and requires TLS plus AUTH as SMTP_USER / SMTP_PASSWORD.
    """

    host = HOST

    def __init__(self, certificates: Certificates | None = None, implicit_tls: bool = False,
                 smtputf8: bool = True):
        self.handler = SinkHandler()
        self.port = free_ports(1)[0]
        self.certificates = certificates
        self.security: Security = "none"
        if certificates:
            self.security = "tls" if implicit_tls else "starttls"
        options: dict[str, Any] = {"enable_SMTPUTF8": smtputf8}
        if certificates and implicit_tls:
            options |= {"ssl_context": certificates.server_context(), "auth_require_tls": False}
        elif certificates:
            options |= {"tls_context": certificates.server_context(), "require_starttls": True}
        if certificates:
            options |= {"authenticator": _authenticate, "auth_required": True}
        self._controller = _Controller(self.handler, hostname=HOST, port=self.port, **options)

    @property
    def received(self) -> list[Received]:
        return self.handler.received

    def start(self) -> None:
        self._controller.start()

    def stop(self) -> None:
        self._controller.stop()

    def clear(self) -> None:
        """Forget what was received and every instruction given."""
        self.handler.received.clear()
        self.handler.failures.clear()
        self.handler.refused.clear()
        self.handler.lmtp = None
        self.handler.drop_next = False
        self.handler.lose_answer_next = False
        self.handler.delay = 0.0

    def fail_next(self, code: int, message: str, times: int = 1) -> None:
        """Answer the next `times` DATA commands with `code message` instead of accepting."""
        self.handler.failures.extend([f"{code} {message}"] * times)

    def refuse(self, recipient: str, code: int, message: str) -> None:
        """Answer RCPT TO for `recipient` with `code message`."""
        self.handler.refused[recipient] = f"{code} {message}"

    def drop_connection_after_next(self) -> None:
        """Close the client's connection right after accepting the next message."""
        self.handler.drop_next = True

    def lose_answer_to_next(self) -> None:
        """Keep the next message but cut the connection before answering it, as when a
        network drops after the final dot: the client cannot know it was delivered."""
        self.handler.lose_answer_next = True

    def take_time(self, seconds: float) -> None:
        """Wait `seconds` before answering each message (a slow server)."""
        self.handler.delay = seconds

    def relay_to(self, dovecot: Dovecot | None) -> None:
        """Also deliver accepted messages into dovecot over LMTP (None: stop relaying)."""
        self.handler.lmtp = (dovecot.host, dovecot.lmtp_port) if dovecot else None


class _Controller(Controller):
    def factory(self) -> Any:
        with warnings.catch_warnings():  # aiosmtpd cannot see implicit TLS, warns AUTH is plain
            warnings.filterwarnings("ignore", "Requiring AUTH while not requiring TLS")
            return super().factory()  # type: ignore[no-untyped-call]


def _authenticate(server: Any, session: Any, envelope: Any, mechanism: str,
                  auth_data: Any) -> AuthResult:
    ok = isinstance(auth_data, LoginPassword) and auth_data == LoginPassword(
        SMTP_USER.encode(), SMTP_PASSWORD.encode())
    return AuthResult(success=ok, handled=False)  # handled=False: aiosmtpd answers 235/535


def dovecot_binary() -> str | None:
    """Path of the dovecot binary (it lives in /usr/sbin, often not on a user's PATH)."""
    return shutil.which("dovecot") or shutil.which("dovecot", path="/usr/sbin:/usr/local/sbin")


def is_root() -> bool:
    return os.geteuid() == 0
