"""Read the claims mailbox over IMAP with IMAPClient.

Messages are read with `BODY.PEEK[]` so that a person looking at the same mailbox keeps
their \\Seen flags; committed messages are moved to the processed folder (MOVE, or
COPY + \\Deleted + EXPUNGE on servers without it). Every library error is translated
here into MailboxUnavailable, AuthenticationFailed or ConfigError; the password never
appears in a message.

With a TokenProvider the login is `AUTHENTICATE XOAUTH2`: the cached token first, and when
the server refuses it, one newly issued token on a new connection before giving up.
"""

from __future__ import annotations

import logging
import socket
import ssl
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import datetime
from typing import Any

from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientError, LoginError

from mailflow.auth.tokens import TokenProvider
from mailflow.config import MailboxSettings
from mailflow.errors import (
    AuthenticationFailed,
    ConfigError,
    MailboxUnavailable,
    TokenUnavailable,
)
from mailflow.fetch.base import FETCH_BATCH_BYTES, Checkpoint, IncomingItem, groups_by_size

DELETED = b"\\Deleted"
BODY = b"BODY[]"
INTERNALDATE = b"INTERNALDATE"
SIZE = b"RFC822.SIZE"
# A batch's messages are fetched together while their sizes add up to at most this; a
# larger message comes in a batch of its own, so a batch of big ones is never all in memory.
IDLE_RENEW_SECONDS = 9 * 60  # RFC 2177: servers may drop an IDLE after 30 minutes, clients renew


class _TokenRejected(Exception):
    """The server refused the cached OAuth2 token: try once more with a new one."""


class ImapSource:
    """A mailbox folder on an IMAP server, implementing `MailSource`."""

    def __init__(
        self,
        settings: MailboxSettings,
        password: str,
        *,
        sleep: Callable[[float], None] = time.sleep,
        tokens: TokenProvider | None = None,
    ) -> None:
        self._settings = settings
        self._password = password
        self._tokens = tokens
        self._sleep = sleep
        self._client: IMAPClient | None = None
        self._uidvalidity = 0

    @property
    def name(self) -> str:
        s = self._settings
        return f"imap://{s.username}@{s.host}:{s.effective_port()}/{s.folder}"

    @property
    def uidvalidity(self) -> int:
        """UIDVALIDITY of the selected folder (0 before `open`)."""
        return self._uidvalidity

    @property
    def _address(self) -> str:
        return f"{self._settings.host}:{self._settings.effective_port()}"

    def open(self) -> None:
        try:
            self._open_session(fresh_token=False)
        except _TokenRejected:
            self._open_session(fresh_token=True)

    def _open_session(self, *, fresh_token: bool) -> None:
        self.close()
        with self._translated():
            self._client = self._connect()
        # Aware INTERNALDATEs with the server's offset, not naive local times of this host.
        self._client.normalise_times = False
        _quiet_imaplib(self._client)
        try:
            with self._translated():
                self._start_session(self._client, fresh_token)
        except BaseException:
            self.close()
            raise

    def _start_session(self, client: IMAPClient, fresh_token: bool) -> None:
        self._secure(client)
        if self._tokens is None:
            self._login(client)
        else:
            self._oauth2_login(client, self._tokens, fresh_token)
        self._create_missing_folders(client)
        selected = client.select_folder(self._settings.folder)
        self._uidvalidity = int(selected[b"UIDVALIDITY"])
        _take_new_mail_notice(client)  # the count SELECT reports: the first pass reads it all

    def close(self) -> None:
        client, self._client = self._client, None
        if client is None:
            return
        try:
            client.logout()
        except (IMAPClientError, OSError):
            with suppress(OSError):  # the connection is already gone, as close() wants
                client.shutdown()

    def pending(self, since: Checkpoint | None) -> Iterator[Sequence[IncomingItem]]:
        with self._translated():
            uids = self._pending_uids(since)
            for start in range(0, len(uids), self._settings.batch_size):
                for group in self._by_size(uids[start:start + self._settings.batch_size]):
                    batch = self._fetch(group)
                    if batch:
                        yield batch

    def mark_processed(self, keys: Sequence[str]) -> None:
        if self._settings.processed_folder and keys:
            self._move(keys, self._settings.processed_folder)

    def mark_quarantined(self, keys: Sequence[str]) -> None:
        if keys:
            self._move(keys, self._settings.quarantine_folder)

    def wait_for_mail(self, timeout: float) -> None:
        client = self._require_client()
        if not (self._settings.idle and client.has_capability("IDLE")):
            self._sleep(timeout)
            return
        with self._translated():
            self._idle_until_new_mail(client, time.monotonic() + timeout)

    # -- connecting ------------------------------------------------------------------

    def _connect(self) -> IMAPClient:
        s = self._settings
        implicit_tls = s.security == "tls"
        return IMAPClient(
            s.host, port=s.effective_port(), ssl=implicit_tls,
            ssl_context=self._tls_context() if implicit_tls else None, timeout=s.timeout,
        )

    def _tls_context(self) -> ssl.SSLContext:
        ca_file = self._settings.ca_file
        return ssl.create_default_context(cafile=str(ca_file) if ca_file else None)

    def _secure(self, client: IMAPClient) -> None:
        if self._settings.security != "starttls":
            return
        if not client.has_capability("STARTTLS"):
            raise ConfigError(
                f"IMAP server {self._address} does not offer STARTTLS; refusing to send the "
                "password unencrypted (use security \"tls\", or \"none\" on a trusted network)",
                key="mailbox.security",
            )
        client.starttls(self._tls_context())

    def _login(self, client: IMAPClient) -> None:
        try:
            client.login(self._settings.username, self._password)
        except LoginError:
            raise AuthenticationFailed(
                f"IMAP login failed for user {self._settings.username} at {self._address}: "
                "wrong username or password") from None

    def _oauth2_login(self, client: IMAPClient, tokens: TokenProvider, fresh: bool) -> None:
        if not client.has_capability("AUTH=XOAUTH2"):
            raise AuthenticationFailed(
                f"IMAP server {self._address} does not offer AUTHENTICATE XOAUTH2; check "
                "mailbox.host, or log in with a password (key mailbox.auth)")
        try:
            token = tokens.refresh() if fresh else tokens.token()
        except TokenUnavailable as error:
            raise MailboxUnavailable(str(error)) from None
        try:
            client.oauth2_login(self._settings.username, token)
        except LoginError:
            if not fresh:
                raise _TokenRejected from None
            raise AuthenticationFailed(
                f"IMAP XOAUTH2 login failed for user {self._settings.username} at "
                f"{self._address}, also with a newly issued token: check mailbox.username and "
                "the app's access to this mailbox (key mailbox.oauth2)") from None

    def _create_missing_folders(self, client: IMAPClient) -> None:
        for folder in (self._settings.processed_folder, self._settings.quarantine_folder):
            if folder and not client.folder_exists(folder):
                client.create_folder(folder)

    # -- reading ---------------------------------------------------------------------

    def _pending_uids(self, since: Checkpoint | None) -> list[int]:
        client = self._require_client()
        after = self._read_position(since)
        criteria: list[Any] = ["NOT", "DELETED"]
        if after:
            criteria = ["UID", f"{after + 1}:*", *criteria]
        # "n:*" always matches the highest UID, even below n: filter again here.
        return sorted(uid for uid in client.search(criteria) if uid > after)

    def _read_position(self, since: Checkpoint | None) -> int:
        """The UID after which to read; 0 means everything in the folder."""
        keeps_mail_in_place = not self._settings.processed_folder
        if keeps_mail_in_place and since and since.uidvalidity == self._uidvalidity:
            return since.last_uid
        return 0

    def _by_size(self, uids: Sequence[int]) -> Iterator[list[int]]:
        """`uids` in order, in groups whose RFC822.SIZEs add up to at most FETCH_BATCH_BYTES
        (a larger message alone): the sizes are asked first, the bodies then per group."""
        sizes = self._require_client().fetch(uids, ["RFC822.SIZE"])
        yield from groups_by_size(
            uids, lambda uid: int(sizes.get(uid, {}).get(SIZE, 0)), FETCH_BATCH_BYTES)

    def _fetch(self, uids: Sequence[int]) -> list[IncomingItem]:
        response = self._require_client().fetch(uids, ["BODY.PEEK[]", "INTERNALDATE"])
        return [
            IncomingItem(key=str(uid), raw=response[uid][BODY],
                         checkpoint=Checkpoint(self._uidvalidity, uid),
                         received_at=_aware(response[uid].get(INTERNALDATE)))
            for uid in uids if uid in response and BODY in response[uid]
        ]

    # -- moving ----------------------------------------------------------------------

    def _move(self, keys: Sequence[str], folder: str) -> None:
        client = self._require_client()
        uids = [int(key) for key in keys]
        with self._translated():
            if client.has_capability("MOVE"):
                client.move(uids, folder)
            else:
                self._copy_and_expunge(client, uids, folder)

    @staticmethod
    def _copy_and_expunge(client: IMAPClient, uids: list[int], folder: str) -> None:
        client.copy(uids, folder)
        client.add_flags(uids, [DELETED], silent=True)
        if client.has_capability("UIDPLUS"):
            client.uid_expunge(uids)
        else:  # the claims mailbox is mailflow's own: expunging all \Deleted mail is fine
            client.expunge()

    # -- waiting ---------------------------------------------------------------------

    def _idle_until_new_mail(self, client: IMAPClient, deadline: float) -> None:
        """IDLE until the server reports new mail or `deadline` passes. Mail reported while
        the last pass ran (with the answer to its MOVE or SEARCH) or while IDLE started
        ends the wait at once: the server will not report it again."""
        if _take_new_mail_notice(client):
            return
        while (remaining := deadline - time.monotonic()) > 0:
            client.idle()
            if _take_new_mail_notice(client):
                client.idle_done()
                return
            responses = client.idle_check(timeout=min(remaining, IDLE_RENEW_SECONDS))
            _, late = client.idle_done()  # what came in before the server ended the IDLE
            if any(_is_new_mail(response) for response in [*responses, *late]):
                return

    # -- errors ----------------------------------------------------------------------

    def _require_client(self) -> IMAPClient:
        if self._client is None:
            raise MailboxUnavailable(f"not connected to IMAP server {self._address}; call open()")
        return self._client

    @contextmanager
    def _translated(self) -> Iterator[None]:
        """Turn socket, TLS and IMAP errors into MailboxUnavailable naming host and port."""
        try:
            yield
        except (IMAPClientError, OSError) as error:
            message = _describe(error, self._settings.host, self._address, self._settings.timeout)
            if self._password:
                message = message.replace(self._password, "***")
            raise MailboxUnavailable(message) from error


def _quiet_imaplib(client: IMAPClient) -> None:
    """IMAPClient sets imaplib's debug level to 5, and imaplib then formats the repr() of
    every literal (a whole message) for a debug line that is dropped unless DEBUG logging is
    on: about three times a large message's size in memory and its time in CPU. The level is
    kept only where that line would be logged."""
    if not logging.getLogger("imapclient.imaplib").isEnabledFor(logging.DEBUG):
        client._imap.debug = 0


def _aware(moment: object) -> datetime | None:
    """INTERNALDATE as an aware datetime (None when the server sent none we can read)."""
    if not isinstance(moment, datetime) or moment.utcoffset() is None:
        return None
    return moment


def _is_new_mail(response: tuple[Any, ...]) -> bool:
    return len(response) >= 2 and response[1] == b"EXISTS"


def _take_new_mail_notice(client: IMAPClient) -> bool:
    """Whether an `* n EXISTS` came with the answer to an earlier command, forgetting it.
    IMAPClient leaves such unsolicited answers in imaplib's `untagged_responses`, where
    `idle_check` never looks. A stale notice costs one pass that finds nothing."""
    return client._imap.untagged_responses.pop("EXISTS", None) is not None


def _describe(error: BaseException, host: str, address: str, timeout: float) -> str:
    if isinstance(error, ssl.SSLCertVerificationError):
        return f"TLS certificate verification failed for {address}: {error.verify_message}"
    if isinstance(error, ssl.SSLError):
        return f"TLS handshake with IMAP server {address} failed: {error.reason or error}"
    if isinstance(error, socket.gaierror):
        return f"cannot resolve IMAP server name {host}: {error.strerror}"
    if isinstance(error, TimeoutError):
        return f"IMAP server {address} did not answer within {timeout:g} s"
    if isinstance(error, ConnectionRefusedError):
        return f"cannot reach IMAP server {address}: connection refused"
    if isinstance(error, OSError):
        return f"cannot reach IMAP server {address}: {error.strerror or error}"
    return f"IMAP server {address} failed: {error}"

