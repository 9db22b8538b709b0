"""Frozen values that flow between the pipeline stages."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


@dataclass(frozen=True)
class Address:
    """A mailbox: display name and lower-cased address."""

    email: str
    name: str = ""

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>" if self.name else self.email


@dataclass(frozen=True)
class AttachmentPart:
    """One attachment or inline part, with a sanitised filename and the decoded bytes."""

    filename: str
    content_type: str
    payload: bytes
    inline: bool = False
    content_id: str | None = None


@dataclass(frozen=True)
class ParsedMessage:
    """An incoming message after parsing: decoded headers, text and attachments."""

    message_id: str
    subject: str
    from_: Address | None
    to: tuple[Address, ...] = ()
    cc: tuple[Address, ...] = ()
    reply_to: tuple[Address, ...] = ()
    date: datetime | None = None
    in_reply_to: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    text: str = ""
    html: str | None = None
    attachments: tuple[AttachmentPart, ...] = ()
    # Lower-cased header names with decoded values, in order; repeated headers repeat.
    headers: tuple[tuple[str, str], ...] = ()
    content_type: str = "text/plain"
    content_hash: str = ""
    language: str | None = None
    defects: tuple[str, ...] = ()

    def header(self, name: str) -> str | None:
        """The first value of header `name` (case-insensitive), or None."""
        wanted = name.lower()
        return next((value for key, value in self.headers if key == wanted), None)


class MessageKind(StrEnum):
    """What kind of sender wrote the message, decided by the classify stage."""

    CUSTOMER = "customer"
    SPECIALIST = "specialist"
    AUTO_REPLY = "auto_reply"
    BOUNCE = "bounce"
    BULK = "bulk"
    SELF = "self"


AUTOMATED_KINDS = frozenset({MessageKind.AUTO_REPLY, MessageKind.BOUNCE, MessageKind.BULK,
                             MessageKind.SELF})


@dataclass(frozen=True)
class Classification:
    """The kind of a message and the names of the rules that decided it."""

    kind: MessageKind
    rules: tuple[str, ...] = ()

    @property
    def automated(self) -> bool:
        """Mail written by a machine (or by us): stored, never answered."""
        return self.kind in AUTOMATED_KINDS


class ClaimStatus(StrEnum):
    """Lifecycle of a claim (issue 3 adds the full transition rules)."""

    NEW = "new"
    ASSIGNED = "assigned"
    IN_PROGRESS = "in_progress"
    WAITING_CUSTOMER = "waiting_customer"
    RESOLVED = "resolved"
    REJECTED = "rejected"
    CLOSED = "closed"
    REOPENED = "reopened"


FINISHED_STATUSES = frozenset({ClaimStatus.RESOLVED, ClaimStatus.REJECTED, ClaimStatus.CLOSED})


@dataclass(frozen=True)
class ClaimSummary:
    """What the threading rules need to know about an existing claim."""

    id: int
    number: str
    status: ClaimStatus
    participants: frozenset[str] = field(default_factory=frozenset)

    @property
    def finished(self) -> bool:
        return self.status in FINISHED_STATUSES


@dataclass(frozen=True)
class OutgoingMail:
    """A message mailflow wants to send, before it is turned into MIME bytes."""

    kind: str
    sender: Address
    to: tuple[Address, ...]
    subject: str
    text: str
    message_id: str
    html: str | None = None
    in_reply_to: str | None = None
    references: tuple[str, ...] = ()
    headers: tuple[tuple[str, str], ...] = ()
    attachments: tuple[AttachmentPart, ...] = ()
    reply_to: Address | None = None


class Priority(StrEnum):
    """How urgent a claim is; set by a specialist's `#priority` command."""

    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    URGENT = "urgent"


@dataclass(frozen=True)
class Person:
    """A specialist or manager from the config."""

    name: str
    email: str
    position: str = ""
    languages: tuple[str, ...] = ("ru", "en")
    categories: tuple[str, ...] = ()
    max_open: int | None = None
    manager: bool = False
    team: str = ""  # specialists of one team see each other's claims on the web
