"""The typed effects a decision returns; the applier carries them out in order."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from mailflow.domain.model import Address, AttachmentPart, ClaimStatus, ParsedMessage
from mailflow.extract.model import FoundField


@dataclass(frozen=True)
class Categorised:
    """The claim got its category (and its clock started)."""

    category: str | None
    keywords: tuple[str, ...]
    confidence: float | None = None


@dataclass(frozen=True)
class FieldsFound:
    """Values read from a message (or corrected by a specialist) to record on the claim."""

    fields: tuple[FoundField, ...]
    why: str


@dataclass(frozen=True)
class Assigned:
    """`person` is now responsible for the claim (taking it from `previous`)."""

    person: str
    name: str
    previous: str | None
    why: str


@dataclass(frozen=True)
class StatusChanged:
    """One step of the lifecycle."""

    old: ClaimStatus
    new: ClaimStatus
    why: str


@dataclass(frozen=True)
class FieldChanged:
    """A specialist set the claim's category or priority."""

    name: Literal["category", "priority"]
    value: str
    previous: str | None = None  # what it was: how often the first category was right


ResolutionPart = Literal["outcome", "cause", "compensation"]


@dataclass(frozen=True)
class ResolutionChanged:
    """A specialist recorded the claim's outcome, cause or compensation (`previous`: what it
    was, None when nothing was; the event keeps both)."""

    name: ResolutionPart
    value: Mapping[str, Any] | str | None
    previous: Mapping[str, Any] | str | None = None


@dataclass(frozen=True)
class Rated:
    """The customer rated the closed claim (replacing `previous`, kept in the event)."""

    score: int
    comment: str
    message_id: str
    previous: Mapping[str, Any] | None = None


@dataclass(frozen=True)
class MessageMarked:
    """The stored message that caused the plan is relabelled (relayed, note, untrusted…)."""

    kind: str


@dataclass(frozen=True)
class Recorded:
    """An event with no other effect: the audit trail of a decision."""

    kind: str
    detail: Mapping[str, Any] = field(default_factory=dict)


Audience = Literal["customer", "person"]


@dataclass(frozen=True)
class MailQueued:
    """Mail to render from `template` and queue once per `dedup_key`.

    `to` is the customer (automatic or a relay of a person's words) or a member of staff
    (replies come back into the claim). The applier records a failure to render, compose
    or address it on the claim; it never undoes the rest of the plan.
    """

    template: str
    audience: Audience
    to: Address
    language: str
    dedup_key: str
    context: Mapping[str, Any]
    attachments: tuple[AttachmentPart, ...] = ()
    automatic: bool = True


@dataclass(frozen=True)
class AcknowledgementQueued:
    """The acknowledgement of `original`, the message that opened the claim."""

    to: Address
    dedup_key: str
    context: Mapping[str, Any]
    original: ParsedMessage


@dataclass(frozen=True)
class NoticeClaimed:
    """A reminder, escalation or chaser, claimed once by its unique key."""

    key: str
    kind: str
    due_at: datetime
    deadline: str | None
    repeat: int


@dataclass(frozen=True)
class ApprovalRequested:
    """The answer of the reply that caused the plan is held for `approver`'s approval;
    `held_status` is the reply's `#status`, carried out when the answer goes out."""

    draft: str
    author: str
    approver: str
    reasons: tuple[str, ...]
    held_status: ClaimStatus | None = None


@dataclass(frozen=True)
class ApprovalDecided:
    """The approver decided on held answer `approval_id`: approved (`final_text` went out,
    `edited` when it is not the draft) or rejected (`reason` went back to the author)."""

    approval_id: int
    approved: bool
    decided_by: str
    draft: str
    final_text: str = ""
    reason: str = ""
    edited: bool = False



@dataclass(frozen=True)
class ClaimsMerged:
    """Claim `source` is merged into this claim: its messages, attachments, parties, events
    and fields move here, and it is closed as merged (the claim's own deadlines stay)."""

    source: str


Effect = (Categorised | FieldsFound | Assigned | StatusChanged | FieldChanged | MessageMarked
          | Recorded | MailQueued | AcknowledgementQueued | NoticeClaimed | ApprovalRequested
          | ApprovalDecided | ClaimsMerged
          | ResolutionChanged | Rated)
