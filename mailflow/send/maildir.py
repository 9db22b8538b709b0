"""Deliver outgoing mail into a local Maildir instead of an SMTP server (development, demos).

The SMTP envelope is not part of the message bytes, so it is recorded the way a delivering
MTA records it, in header lines prepended to the unchanged message:

    Return-Path: <sender>
    X-Mailflow-Envelope-To: <first@example.com>,
     <second@example.com>

Everything after those lines is byte-for-byte what SMTP would have sent.

Messages are written into `tmp/` as they are sent, and delivered together by `flush` (the
drain flushes after each batch; leaving `async with` flushes what is left): one sync of the
file system for all the files, a rename of each into `new/`, one more sync for the renames.
So readers never see half a message, and a message recorded as sent survives a power cut,
without one fsync per file. A crash before the flush leaves files in `tmp/`, which readers
ignore (their messages were marked as being handed over: the outbox shows them `unknown`).
"""

from __future__ import annotations

import itertools
import os
import socket
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from types import TracebackType
from typing import Self

from mailflow.errors import SendFailed, SendRejected, SendUncertain
from mailflow.fetch.maildir import create_maildir
from mailflow.store.blobs import _sync_files

ENVELOPE_TO = "X-Mailflow-Envelope-To"
_SEQUENCE = itertools.count()
_HOST = socket.gethostname().replace("/", r"\057").replace(":", r"\072")  # as the spec says


class MaildirTransport:
    """A Maildir outbox, implementing `Transport`."""

    delivers_on_flush = True

    def __init__(self, path: Path) -> None:
        self._path = Path(path)
        self._open = False
        self._written: list[str] = []  # names in tmp/ waiting for the flush

    async def __aenter__(self) -> Self:
        try:
            create_maildir(self._path)
        except OSError as error:
            raise SendFailed(f"cannot open Maildir {self._path}: {error.strerror}") from error
        self._open = True
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            if exc is None:
                await self.flush()
        finally:
            self._discard()
            self._open = False

    async def send(self, sender: str, recipients: Sequence[str], raw: bytes,
                   handing_over: Callable[[], None] = lambda: None) -> None:
        if not self._open:
            raise RuntimeError("MaildirTransport.send() outside `async with`")
        if not recipients:
            raise SendRejected("no recipients given")
        enveloped = with_envelope(sender, recipients, raw)
        handing_over()
        name = _unique_name()
        try:
            with open(self._path / "tmp" / name, "xb") as stream:
                stream.write(enveloped)
        except OSError as error:
            (self._path / "tmp" / name).unlink(missing_ok=True)
            raise SendFailed(f"cannot write to Maildir {self._path}: {error.strerror}") from error
        self._written.append(name)

    async def flush(self) -> None:
        """Deliver every message written since the last flush: sync, move into new/, sync.
        SendFailed when none was delivered, SendUncertain when some may have been."""
        names, self._written = self._written, []
        if not names:
            return
        tmp, new = self._path / "tmp", self._path / "new"
        try:
            _sync_files(tmp, [str(tmp / name) for name in names])
        except OSError as error:
            self._written = names
            self._discard()
            raise SendFailed(f"cannot write to Maildir {self._path}: {error.strerror}") from error
        try:
            for name in names:
                os.rename(tmp / name, new / name)
            _sync_files(new, [str(new)])
        except OSError as error:
            raise SendUncertain(f"cannot deliver into Maildir {self._path} ({error.strerror}); "
                                "some messages may be there already") from error

    def _discard(self) -> None:
        """Remove written files that were never delivered."""
        names, self._written = self._written, []
        for name in names:
            (self._path / "tmp" / name).unlink(missing_ok=True)


def _unique_name() -> str:
    """A Maildir file name no other writer uses: time, a random and a sequence number, pid
    and host, as in the Maildir specification."""
    return (f"{time.time_ns() // 1_000_000_000}.M{time.time_ns() % 1_000_000_000 // 1000}"
            f"R{os.urandom(4).hex()}Q{next(_SEQUENCE)}P{os.getpid()}.{_HOST}")


def with_envelope(sender: str, recipients: Sequence[str], raw: bytes) -> bytes:
    """`raw` with Return-Path and X-Mailflow-Envelope-To lines in front, in its line endings."""
    for address in (sender, *recipients):
        if any(char in address for char in "\r\n<>"):
            raise SendRejected(f"invalid envelope address {address!r}")
    newline = b"\r\n" if raw.split(b"\n", 1)[0].endswith(b"\r") else b"\n"
    to = ",\n ".join(f"<{address}>" for address in recipients)  # folded: one per line
    header = f"Return-Path: <{sender}>\n{ENVELOPE_TO}: {to}\n"
    return header.encode("utf-8").replace(b"\n", newline) + raw
