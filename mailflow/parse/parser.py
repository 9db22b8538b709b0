"""parse_message: raw RFC 5322 bytes in, a ParsedMessage out, or MessageRejected.

The stdlib parser (compat32, fed in chunks) builds the message tree once; bodies,
headers and filenames are decoded from the raw parts here with charset detection, so
mislabelled Cyrillic survives. Large base64 runs stay out of the tree (parse.spans) and
are decoded straight from the raw bytes; the content hash is computed in chunks, so a
large message is not copied several times over.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from contextlib import suppress
from datetime import UTC, datetime
from email.feedparser import BytesFeedParser
from email.message import Message
from email.policy import compat32
from email.utils import parsedate_to_datetime

from mailparser.utils import convert_mail_date

from mailflow.domain.model import ParsedMessage
from mailflow.errors import MessageRejected
from mailflow.extract.language import detect_language
from mailflow.parse import clean
from mailflow.parse.headers import (
    addresses,
    decode_header_value,
    message_ids,
    raw_values,
    unfold,
)
from mailflow.parse.limits import (
    MAX_ATTACHMENTS,
    MAX_DEPTH,
    Limits,
    check_header_section,
    check_parameter_fields,
)
from mailflow.parse.mime import collect_body
from mailflow.parse.spans import Spans

__all__ = [
    "CONTENT_HASH_HEADERS", "MAX_ATTACHMENTS", "MAX_DEPTH", "Limits",
    "compute_content_hash", "missing_message_id", "parse_message",
]

# The headers the sender wrote; Received, Return-Path, Delivered-To and X-* trail
# headers are left out so a redelivered copy hashes the same.
CONTENT_HASH_HEADERS = (
    "from", "to", "cc", "reply-to", "subject", "date", "message-id", "in-reply-to", "references",
)
MISSING_ID_DOMAIN = "mailflow.invalid"
_LINE_ENDINGS = re.compile(rb"\r\n?")
# Two line breaks in a row, each CRLF, LF or a lone CR: where the header section ends.
_BLANK_LINE = re.compile(rb"(?:\r\n|\n|\r(?!\n))(?:\r\n|\n|\r(?!\n))")
FEED_CHUNK = 64 * 1024  # bytes handed to the parser at a time
HASH_CHUNK = 1024 * 1024  # body bytes normalised and hashed at a time


def parse_message(raw: bytes, limits: Limits | None = None) -> ParsedMessage:
    """Parse one message; raise MessageRejected when the bytes are not a usable message."""
    limits = limits or Limits()
    if not raw.strip():
        raise MessageRejected("empty message")
    check_header_section(raw, limits)
    check_parameter_fields(raw)
    spans = Spans(raw)
    message = _tree(spans.skeleton(), limits)
    try:
        return _build(raw, message, limits, spans)
    except MessageRejected:
        raise
    except Exception as exc:
        # Hostile MIME can trip any corner of the stdlib email package; the message
        # goes to quarantine with the reason instead of stopping the intake.
        raise MessageRejected(f"cannot parse message: {type(exc).__name__}: {exc}") from exc


def _tree(raw: bytes, limits: Limits) -> Message:
    """The stdlib message tree, parsed once, fed in chunks (no whole-message text copy)."""
    parser = BytesFeedParser(policy=compat32)
    try:
        for start in range(0, len(raw), FEED_CHUNK):
            parser.feed(raw[start:start + FEED_CHUNK])
        message = parser.close()
    except RecursionError as exc:
        raise limits.too_deep() from exc
    except Exception as exc:
        raise MessageRejected(f"cannot parse message: {type(exc).__name__}: {exc}") from exc
    if not isinstance(message, Message) or not message.keys():
        raise MessageRejected("no message headers found")
    return message


def _build(raw: bytes, message: Message, limits: Limits, spans: Spans) -> ParsedMessage:
    body = collect_body(message, "\r\n" if b"\r\n" in raw else "\n", limits, spans)
    headers = tuple((name.lower(), decode_header_value(value))
                    for name, value in message.raw_items())
    content_hash = compute_content_hash(raw, message)
    subject = clean.one_line(next((value for name, value in headers if name == "subject"), ""))
    return clean.parsed_message(ParsedMessage(
        message_id=clean.message_id(_message_id(message) or "")
        or missing_message_id(content_hash),
        subject=subject,
        from_=next(iter(addresses(message, "from")), None),
        to=addresses(message, "to"),
        cc=addresses(message, "cc"),
        reply_to=addresses(message, "reply-to"),
        date=_date(message),
        in_reply_to=message_ids(raw_values(message, "in-reply-to")),
        references=message_ids(raw_values(message, "references")),
        text=body.text,
        html=body.html,
        attachments=body.attachments,
        headers=headers,
        content_type=message.get_content_type().lower(),
        content_hash=content_hash,
        language=detect_language(subject, body.text),
        defects=_defects(message),
    ))


def _message_id(message: Message) -> str | None:
    values = raw_values(message, "message-id")
    if not values:
        return None
    ids = message_ids(values[:1])
    bare = unfold(values[0]).strip()
    return ids[0] if ids else (bare or None)


def missing_message_id(content_hash: str) -> str:
    """A stable stand-in Message-ID, so a redelivered copy of an id-less message dedups."""
    return f"missing.{content_hash[:32]}@{MISSING_ID_DOMAIN}"


def compute_content_hash(raw: bytes, message: Message) -> str:
    """sha256 over the sender's headers and the body, with line endings normalised."""
    digest = hashlib.sha256()
    for name in CONTENT_HASH_HEADERS:
        for value in raw_values(message, name):
            line = f"{name}:{' '.join(unfold(value).split())}\n"
            digest.update(line.encode("utf-8", "surrogateescape"))
    digest.update(b"\n")
    for chunk in _normalised_body(raw):
        digest.update(chunk)
    return digest.hexdigest()


def _normalised_body(raw: bytes) -> Iterator[bytes]:
    """The body (after the first blank line) with CRLF and CR as LF and the trailing
    newlines left out, in chunks: the same bytes as normalising the whole message at once."""
    separator = _BLANK_LINE.search(raw)
    if separator is None:
        return
    position, held = separator.end(), b""
    while position < len(raw):
        end = min(position + HASH_CHUNK, len(raw))
        if raw[end - 1:end] == b"\r" and raw[end:end + 1] == b"\n":
            end += 1  # a CRLF split between two chunks stays one line break
        chunk = _LINE_ENDINGS.sub(b"\n", raw[position:end])
        position = end
        text = chunk.rstrip(b"\n")
        if text:
            yield held + text
            held = b""
        held += chunk[len(text):]


def _date(message: Message) -> datetime | None:
    """The Date header as an aware datetime; a date without a zone is taken as UTC.

    mail-parser reads the header alone (its RFC 5322 date parser knows the obsolete forms:
    two-digit years, zone names); the stdlib reads what it refuses, such as a date without
    a zone. The message itself is parsed once, by the stdlib (issue 13)."""
    values = raw_values(message, "date")
    if not values:
        return None
    with suppress(ValueError, TypeError, IndexError):
        parsed: datetime = convert_mail_date(unfold(values[0]))[0]
        return parsed
    try:
        value = parsedate_to_datetime(unfold(values[0]))
    except (TypeError, ValueError, IndexError):
        return None
    if value is None:
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _defects(message: Message) -> tuple[str, ...]:
    """Names of the email package defects found anywhere in the tree, without repeats."""
    names = (type(defect).__name__ for part in message.walk() for defect in part.defects)
    return tuple(dict.fromkeys(names))
