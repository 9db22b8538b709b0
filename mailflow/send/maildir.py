"""Deliver outgoing mail into a local Maildir instead of an SMTP server (development, demos).

The SMTP envelope is not part of the message bytes, so it is recorded the way a delivering
MTA records it, in header lines prepended to the unchanged message:

    Return-Path: <sender>
    X-Mailflow-Envelope-To: <first@example.com>,
     <second@example.com>

Everything after those lines is byte-for-byte what SMTP would have sent. `mailbox.Maildir.add`
writes into `tmp/` and links into `new/`, so readers never see half a message.
"""

from __future__ import annotations

import mailbox
from collections.abc import Callable, Sequence
from pathlib import Path
from types import TracebackType
from typing import Self

from mailflow.errors import SendFailed, SendRejected
from mailflow.fetch.maildir import create_maildir

ENVELOPE_TO = "X-Mailflow-Envelope-To"


class MaildirTransport:
    """A Maildir outbox, implementing `Transport`."""

    def __init__(self, path: Path) -> None:
        self._path = Path(path)
        self._box: mailbox.Maildir | None = None

    async def __aenter__(self) -> Self:
        try:
            create_maildir(self._path)
            self._box = mailbox.Maildir(self._path, create=False)
        except OSError as error:
            raise SendFailed(f"cannot open Maildir {self._path}: {error.strerror}") from error
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._box = None

    async def send(self, sender: str, recipients: Sequence[str], raw: bytes,
                   handing_over: Callable[[], None] = lambda: None) -> None:
        if self._box is None:
            raise RuntimeError("MaildirTransport.send() outside `async with`")
        if not recipients:
            raise SendRejected("no recipients given")
        enveloped = with_envelope(sender, recipients, raw)
        handing_over()
        try:
            self._box.add(enveloped)
        except OSError as error:
            raise SendFailed(f"cannot write to Maildir {self._path}: {error.strerror}") from error


def with_envelope(sender: str, recipients: Sequence[str], raw: bytes) -> bytes:
    """`raw` with Return-Path and X-Mailflow-Envelope-To lines in front, in its line endings."""
    for address in (sender, *recipients):
        if any(char in address for char in "\r\n<>"):
            raise SendRejected(f"invalid envelope address {address!r}")
    newline = b"\r\n" if raw.split(b"\n", 1)[0].endswith(b"\r") else b"\n"
    to = ",\n ".join(f"<{address}>" for address in recipients)  # folded: one per line
    header = f"Return-Path: <{sender}>\n{ENVELOPE_TO}: {to}\n"
    return header.encode("utf-8").replace(b"\n", newline) + raw
