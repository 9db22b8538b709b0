"""The extract stage: what a customer's message says, read inside the intake transaction.

The customer's own words count (quoted history and signature removed); attachments are
read within the caps of the extractor's config. Mail from staff, bounces and our own mail
is not read: it is not a claim's content.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from mailflow.domain.model import AttachmentPart, Classification, MessageKind, ParsedMessage
from mailflow.extract.model import AttachmentInput, ClaimText, Extraction
from mailflow.parse.quotes import split_reply

Extractor = Callable[[ClaimText], Extraction]
_NOT_CLAIM_CONTENT = frozenset({MessageKind.SPECIALIST, MessageKind.BOUNCE, MessageKind.SELF})


def claim_text(msg: ParsedMessage, default_language: str,
               received_on: date | None = None) -> ClaimText:
    """The parts of `msg` the extractor reads; `received_on` (the company's local day of
    receipt) anchors dates written without a year and "yesterday"."""
    attachments = tuple(AttachmentInput(a.filename, a.content_type, a.payload)
                        for a in msg.attachments if _sent_as_content(a, msg.html or ""))
    parts = split_reply(msg.text)
    return ClaimText(subject=msg.subject, body=parts.own or msg.text.strip(),
                     language=msg.language or default_language, attachments=attachments,
                     reference_date=received_on, signature=parts.signature if parts.own else "")


def _sent_as_content(part: AttachmentPart, html: str) -> bool:
    """An attachment, or an inline part the HTML does not show by `cid:` (Apple Mail sends
    photos inline); a signature logo embedded in the HTML is not the customer's evidence."""
    if not part.inline:
        return True
    cid = (part.content_id or "").strip("<>")
    return not (cid and f"cid:{cid}" in html)


def read_claim(extractor: Extractor | None, msg: ParsedMessage,
               classification: Classification, default_language: str,
               received_on: date | None = None) -> Extraction | None:
    """The fields of a customer's message (None for staff, bounces and our own mail)."""
    if extractor is None or classification.kind in _NOT_CLAIM_CONTENT:
        return None
    return extractor(claim_text(msg, default_language, received_on))

