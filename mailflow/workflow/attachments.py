"""Which attachments travel with mail to staff, within the configured size limit."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlmodel import Session, col, select

from mailflow.domain.model import AttachmentPart
from mailflow.store.blobs import BlobStore
from mailflow.store.tables import AttachmentRow, MessageRow


@dataclass(frozen=True)
class Selection:
    """Attachments to send along, and the ones left out (with their sizes)."""

    included: tuple[AttachmentPart, ...]
    omitted: tuple[AttachmentPart, ...]

    def listing(self) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
        def describe(parts: Sequence[AttachmentPart]) -> list[dict[str, object]]:
            return [{"filename": p.filename, "size": len(p.payload)} for p in parts]
        return describe(self.included), describe(self.omitted)


def forwardable(parts: Sequence[AttachmentPart], limit: int) -> Selection:
    """Attachments in order while their total stays within `limit` bytes."""
    included: list[AttachmentPart] = []
    omitted: list[AttachmentPart] = []
    total = 0
    for part in parts:
        if total + len(part.payload) <= limit:
            included.append(part)
            total += len(part.payload)
        else:
            omitted.append(part)
    return Selection(tuple(included), tuple(omitted))


def first_message_attachments(session: Session, blobs: BlobStore,
                              claim_id: int) -> tuple[str, tuple[AttachmentPart, ...]]:
    """The text and attachments of the claim's first incoming message (for a reassignment)."""
    first = session.exec(select(MessageRow).where(
        MessageRow.claim_id == claim_id, MessageRow.direction == "in")
        .order_by(col(MessageRow.id))).first()
    if first is None:
        return "", ()
    rows = session.exec(select(AttachmentRow).where(AttachmentRow.message_row_id == first.id)
                        .order_by(col(AttachmentRow.id))).all()
    parts = tuple(AttachmentPart(filename=r.filename, content_type=r.content_type,
                                 payload=blobs.get(r.sha256), inline=r.inline,
                                 content_id=r.content_id) for r in rows)
    return first.text_body, parts
