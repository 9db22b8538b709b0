"""The port every delivery adapter implements."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from types import TracebackType
from typing import Protocol, Self


class Transport(Protocol):
    """Delivers ready MIME bytes: an SMTP server or a local Maildir outbox.

    Raises SendFailed (retry later) or SendRejected (never retry) from mailflow.errors.

    `handing_over` runs just before the message's data is handed to the server (after the
    envelope was accepted): the outbox records there that a crash from then on leaves the
    message possibly delivered. When it raises, nothing is handed over.

    With `delivers_on_flush`, a message `send` took is delivered (made durable and visible)
    only by the next `flush()`, which does it for all of them at once; the outbox records
    such messages as sent after the flush. Leaving the `async with` block flushes too.
    """

    delivers_on_flush: bool

    async def __aenter__(self) -> Self: ...

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    async def send(self, sender: str, recipients: Sequence[str], raw: bytes,
                   handing_over: Callable[[], None] = ...) -> None: ...

    async def flush(self) -> None: ...
