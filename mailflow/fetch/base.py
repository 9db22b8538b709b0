"""The port every mailbox adapter implements."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol, TypeVar

# The most message bytes a source reads into memory for one batch; a larger message is
# read alone. Peak memory then follows the largest message, not the batch size.
FETCH_BATCH_BYTES = 16 * 1024 * 1024

T = TypeVar("T")


@dataclass(frozen=True)
class Checkpoint:
    """How far a mailbox has been read: IMAP UIDVALIDITY and the last UID committed."""

    uidvalidity: int
    last_uid: int


@dataclass(frozen=True)
class IncomingItem:
    """One raw message as the mailbox holds it.

    `key` identifies it in the source (an IMAP UID, a Maildir key); `checkpoint` is the
    position to remember once it is committed (None for sources without one);
    `received_at` is when the message reached the mailbox, if the source knows it.
    """

    key: str
    raw: bytes
    checkpoint: Checkpoint | None = None
    received_at: datetime | None = None


class MailSource(Protocol):
    """A mailbox the pipeline reads from."""

    @property
    def name(self) -> str:
        """A stable name for this mailbox, e.g. `imap://claims@host/INBOX`."""
        ...

    def open(self) -> None:
        """Connect, log in, create missing folders.

        Raises MailboxUnavailable or AuthenticationFailed.
        """
        ...

    def close(self) -> None:
        """Disconnect; safe to call twice."""
        ...

    def pending(self, since: Checkpoint | None) -> Iterator[Sequence[IncomingItem]]:
        """Batches of messages waiting to be processed, oldest first.

        Messages already committed may come again (after a crash before they were moved);
        the pipeline recognises them. Never changes flags (`BODY.PEEK`).
        """
        ...

    def mark_processed(self, keys: Sequence[str]) -> None:
        """Move committed messages out of the way (to the processed folder)."""
        ...

    def mark_quarantined(self, keys: Sequence[str]) -> None:
        """Move messages that went to quarantine to the quarantine folder."""
        ...

    def wait_for_mail(self, timeout: float) -> None:
        """Block until new mail may have arrived (IMAP IDLE) or `timeout` seconds passed."""
        ...


def groups_by_size(items: Iterable[T], size_of: Callable[[T], int],
                   limit: int) -> Iterator[list[T]]:
    """`items` in order, in groups whose sizes add up to at most `limit` (a larger item
    alone)."""
    group: list[T] = []
    total = 0
    for item in items:
        size = size_of(item)
        if group and total + size > limit:
            yield group
            group, total = [], 0
        group.append(item)
        total += size
    if group:
        yield group
