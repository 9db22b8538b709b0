"""The claim file a newly responsible person receives: the first message and attachments."""

from __future__ import annotations

from sqlmodel import Session, col, select

from mailflow.decide.lifecycle import ClaimFile
from mailflow.domain.model import AttachmentPart
from mailflow.store.blobs import Blobs
from mailflow.store.fields import current_fields
from mailflow.store.tables import AttachmentRow, MessageRow


def claim_file(session: Session, blobs: Blobs, claim_id: int) -> ClaimFile:
    """The text and attachments of the claim's first incoming message."""
    first = session.exec(select(MessageRow).where(
        MessageRow.claim_id == claim_id, MessageRow.direction == "in")
        .order_by(col(MessageRow.id))).first()
    if first is None:
        return ClaimFile()
    rows = session.exec(select(AttachmentRow).where(AttachmentRow.message_row_id == first.id)
                        .order_by(col(AttachmentRow.id))).all()
    parts = tuple(AttachmentPart(filename=r.filename, content_type=r.content_type,
                                 payload=blobs.get(r.sha256), inline=r.inline,
                                 content_id=r.content_id) for r in rows)
    return ClaimFile(first.text_body, parts, tuple(current_fields(session, claim_id)))


def relayed_attachments(session: Session, blobs: Blobs,
                        message_row_id: int) -> tuple[AttachmentPart, ...]:
    """The attachments of a stored staff reply that go to the customer with its answer."""
    rows = session.exec(select(AttachmentRow).where(AttachmentRow.message_row_id == message_row_id)
                        .order_by(col(AttachmentRow.id))).all()
    return tuple(AttachmentPart(filename=r.filename, content_type=r.content_type,
                                payload=blobs.get(r.sha256), content_id=r.content_id)
                 for r in rows
                 if not r.inline and not r.content_type.lower().startswith("message/"))
