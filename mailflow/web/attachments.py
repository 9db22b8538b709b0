"""Serving a stored attachment to staff: pictures inline, everything else as a download.

An image is shown inline only when its bytes are what its type says (JPEG, PNG, GIF, WebP);
anything else, HTML and SVG included, goes out as `application/octet-stream` with
`Content-Disposition: attachment`, so a browser never runs what a customer sent.
"""

from __future__ import annotations

from urllib.parse import quote

from sqlmodel import Session, select
from starlette.exceptions import HTTPException
from starlette.responses import Response

from mailflow.parse.filenames import sanitize_filename
from mailflow.parse.sniff import GIF, JPEG, PNG, WEBP, image_type
from mailflow.store.blobs import BlobMissing, Blobs
from mailflow.store.tables import AttachmentRow, ClaimRow, MessageRow

# What a browser shows inline; HEIC and everything else is downloaded.
_INLINE = frozenset({JPEG, PNG, GIF, WEBP})


def inline_type(declared: str, payload: bytes) -> str | None:
    """The image type to show `payload` inline as, or None when it must be a download."""
    kind = declared.split(";")[0].strip().lower()
    return kind if kind in _INLINE and image_type(payload) == kind else None


def content_disposition(kind: str, filename: str) -> str:
    """An RFC 6266 header: an ASCII fallback and the UTF-8 name."""
    fallback = filename.encode("ascii", "replace").decode().replace("?", "_")
    return f"{kind}; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


def attachment_response(session: Session, blobs: Blobs, claim: ClaimRow,
                        attachment_id: int) -> Response:
    """The attachment `attachment_id` of `claim` (404 when it belongs to another claim)."""
    row = session.exec(select(AttachmentRow).join(
        MessageRow, MessageRow.id == AttachmentRow.message_row_id).where(  # type: ignore[arg-type]
        AttachmentRow.id == attachment_id, MessageRow.claim_id == claim.id)).first()
    if row is None:
        raise HTTPException(404)
    try:
        payload = blobs.get(row.sha256)
    except BlobMissing:
        raise HTTPException(404) from None
    name = sanitize_filename(row.filename, "attachment")
    shown = inline_type(row.content_type, payload)
    if shown is not None:
        return Response(payload, media_type=shown, headers={
            "content-disposition": content_disposition("inline", name)})
    return Response(payload, media_type="application/octet-stream", headers={
        "content-disposition": content_disposition("attachment", name)})
