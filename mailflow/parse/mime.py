"""The MIME tree walk: which parts are the body text and which are attachments."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from email.errors import MessageDefect
from email.generator import BytesGenerator, Generator
from email.message import Message
from email.policy import Compat32

from mailflow.domain.model import AttachmentPart
from mailflow.parse.charset import decode_text
from mailflow.parse.filenames import sanitize_filename
from mailflow.parse.headers import decode_header_value, decode_param, raw_values
from mailflow.parse.html import html_to_text
from mailflow.parse.limits import Limits
from mailflow.parse.spans import Spans

BODY_TYPES = frozenset({"text/plain", "text/html"})
ATTACHED_MESSAGE_TYPES = frozenset({"message/rfc822", "message/global"})
_EXTENSIONS = {
    "application/pdf": ".pdf", "application/zip": ".zip", "application/ms-tnef": ".dat",
    "application/msword": ".doc", "application/vnd.ms-excel": ".xls",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
    "image/jpeg": ".jpg", "image/png": ".png", "image/gif": ".gif", "image/heic": ".heic",
    "image/webp": ".webp", "image/bmp": ".bmp", "image/tiff": ".tif", "video/mp4": ".mp4",
    "text/plain": ".txt", "text/html": ".html", "text/csv": ".csv", "text/calendar": ".ics",
    "text/rfc822-headers": ".txt", "message/delivery-status": ".txt",
    "message/disposition-notification": ".txt",
}


@dataclass
class _Collected:
    plain: list[str] = field(default_factory=list)
    html: list[str] = field(default_factory=list)
    attachments: list[AttachmentPart] = field(default_factory=list)
    decoded_bytes: int = 0


@dataclass(frozen=True)
class _Walk:
    """What every step of the walk needs to know."""

    linesep: str
    limits: Limits
    spans: Spans | None = None  # large base64 runs cut out of the tree (parse.spans)


@dataclass(frozen=True)
class Body:
    """What a message says: preferred text, the HTML if any, and the attachments."""

    text: str
    html: str | None
    attachments: tuple[AttachmentPart, ...]


def collect_body(message: Message, linesep: str, limits: Limits,
                 spans: Spans | None = None) -> Body:
    """Walk the MIME tree of `message`: text/plain preferred, HTML converted if alone."""
    collected = _Collected()
    _visit(message, 0, collected, _Walk(linesep, limits, spans))
    html = "\n\n".join(collected.html) or None
    plain = "\n\n".join(text for text in collected.plain if text.strip())
    text = plain or (html_to_text(html) if html else "")
    return Body(text=text, html=html, attachments=tuple(collected.attachments))


def _visit(part: Message, depth: int, collected: _Collected, walk: _Walk) -> None:
    if depth > walk.limits.max_depth:
        raise walk.limits.too_deep()
    is_container = part.get_content_maintype() == "multipart"
    if is_container and part.is_multipart():
        for child in _children(part):
            _visit(child, depth + 1, collected, walk)
    elif is_container:  # a multipart without a usable boundary: keep its text
        collected.plain.append(_text(part, collected, walk))
    elif _is_attachment(part):
        _add_attachment(part, collected, walk)
    elif part.get_content_type() == "text/html":
        collected.html.append(_text(part, collected, walk))
    else:
        collected.plain.append(_text(part, collected, walk))


def _children(part: Message) -> list[Message]:
    payload = part.get_payload()
    if not isinstance(payload, list):
        return []
    return [child for child in payload if isinstance(child, Message)]


def _is_attachment(part: Message) -> bool:
    return (
        part.get_content_type() not in BODY_TYPES
        or part.get_content_disposition() == "attachment"
        or _filename(part) is not None
    )


def _add_attachment(part: Message, collected: _Collected, walk: _Walk) -> None:
    if len(collected.attachments) >= walk.limits.max_attachments:
        raise walk.limits.too_many_attachments()
    number = len(collected.attachments) + 1
    content_id = _content_id(part)
    disposition = part.get_content_disposition()
    collected.attachments.append(AttachmentPart(
        filename=sanitize_filename(_attachment_name(part), _generated_name(part, number)),
        content_type=part.get_content_type(),
        payload=_counted(_payload(part, walk), collected, walk),
        inline=disposition == "inline" or (disposition is None and content_id is not None),
        content_id=content_id,
    ))


def _attachment_name(part: Message) -> str | None:
    if part.get_content_type() not in ATTACHED_MESSAGE_TYPES:
        return _filename(part)
    inner = _children(part)
    subjects = raw_values(inner[0], "subject") if inner else []
    subject = decode_header_value(subjects[0]) if subjects else ""
    # A slash in "Re: a/b" is not a directory: keep the whole subject in the name.
    return f"{subject.replace('/', '_').replace(chr(92), '_') or 'message'}.eml"


def _filename(part: Message) -> str | None:
    return (decode_param(part, "filename", "content-disposition")
            or decode_param(part, "name", "content-type"))


def _generated_name(part: Message, number: int) -> str:
    if part.get_content_type() in ATTACHED_MESSAGE_TYPES:
        return "message.eml"
    return f"attachment-{number}{_EXTENSIONS.get(part.get_content_type(), '.bin')}"


def _content_id(part: Message) -> str | None:
    values = raw_values(part, "content-id")
    content_id = values[0].strip().strip("<>").strip() if values else ""
    return content_id or None


def _payload(part: Message, walk: _Walk) -> bytes:
    """The decoded bytes of a leaf part; the serialised bytes of attached messages."""
    if part.is_multipart():
        if walk.spans is not None:
            walk.spans.restore(part)
        return b"".join(_serialise(child, walk.linesep) for child in _children(part))
    return _leaf_bytes(part, walk)


def _leaf_bytes(part: Message, walk: _Walk) -> bytes:
    """The decoded bytes of a leaf: a large base64 run straight from the raw message
    (parse.spans), anything else through the stdlib."""
    if walk.spans is not None:
        decoded = walk.spans.decoded(part)
        if decoded is not None:
            return decoded
        walk.spans.restore(part)
    payload = part.get_payload(decode=True)
    return payload if isinstance(payload, bytes) else b""


class _VerbatimHeaders(Compat32):
    """Writes parsed headers back byte for byte, where compat32 would refold them."""

    def fold_binary(self, name: str, value: str) -> bytes:
        return f"{name}: {value}{self.linesep}".encode("utf-8", "surrogateescape")


def _serialise(message: Message, linesep: str) -> bytes:
    policy = _VerbatimHeaders(linesep=linesep)
    buffer = io.BytesIO()
    try:
        BytesGenerator(buffer, mangle_from_=False, policy=policy).flatten(message)
        return buffer.getvalue()
    except UnicodeError:  # a damaged boundary the bytes generator cannot write
        text = io.StringIO()
        Generator(text, mangle_from_=False, policy=policy).flatten(message)
        return text.getvalue().encode("utf-8", "surrogateescape")


def _text(part: Message, collected: _Collected, walk: _Walk) -> str:
    """The decoded text of a body part (its first `max_text_bytes`), newlines normalised."""
    data = _counted(_leaf_bytes(part, walk), collected, walk)
    if len(data) > walk.limits.max_text_bytes:
        data = _cut(data, walk.limits.max_text_bytes)
        part.defects.append(TextTruncated())
    return _normalise_newlines(decode_text(data, part.get_content_charset()))


class TextTruncated(MessageDefect):
    """A body part longer than Limits.max_text_bytes: only its beginning is kept as text
    (the raw message, stored whole, still has all of it)."""


def _cut(data: bytes, size: int) -> bytes:
    """The first `size` bytes of `data`, ending at a line break where there is one."""
    line_end = data.rfind(b"\n", 0, size)
    return data[:line_end + 1] if line_end > 0 else data[:size]


def _counted(data: bytes, collected: _Collected, walk: _Walk) -> bytes:
    """`data`, added to the message's decoded size; over the cap the message is rejected."""
    collected.decoded_bytes += len(data)
    if collected.decoded_bytes > walk.limits.max_decoded_bytes:
        raise walk.limits.too_much_decoded()
    return data


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")
