"""parse_message: raw RFC 5322 bytes in, a ParsedMessage out, or MessageRejected.

mail-parser builds the stdlib message tree (guarding against recursion bombs) and
parses the Date header. Its decoded text and header values are lossy for
mislabelled Cyrillic (errors="replace"), so bodies, headers and filenames are
decoded from the raw parts here with charset detection.
"""

from __future__ import annotations

import email
import hashlib
import re
from datetime import UTC, datetime
from email.errors import MessageDefect
from email.message import Message
from email.utils import parsedate_to_datetime

import mailparser
from mailparser.exceptions import MailParserRecursionError

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

__all__ = [
    "CONTENT_HASH_HEADERS", "MAX_ATTACHMENTS", "MAX_DEPTH", "Limits", "MailParserFailed",
    "compute_content_hash", "missing_message_id", "parse_message",
]

# The headers the sender wrote; Received, Return-Path, Delivered-To and X-* trail
# headers are left out so a redelivered copy hashes the same.
CONTENT_HASH_HEADERS = (
    "from", "to", "cc", "reply-to", "subject", "date", "message-id", "in-reply-to", "references",
)
MISSING_ID_DOMAIN = "mailflow.invalid"
_LINE_ENDINGS = re.compile(rb"\r\n?")


class MailParserFailed(MessageDefect):
    """mail-parser could not analyse the message; the stdlib tree was used instead."""


def parse_message(raw: bytes, limits: Limits | None = None) -> ParsedMessage:
    """Parse one message; raise MessageRejected when the bytes are not a usable message."""
    limits = limits or Limits()
    if not raw.strip():
        raise MessageRejected("empty message")
    check_header_section(raw, limits)
    check_parameter_fields(raw)
    parsed, message = _load(raw, limits)
    try:
        return _build(raw, parsed, message, limits)
    except MessageRejected:
        raise
    except Exception as exc:
        # Hostile MIME can trip any corner of the stdlib email package; the message
        # goes to quarantine with the reason instead of stopping the intake.
        raise MessageRejected(f"cannot parse message: {type(exc).__name__}: {exc}") from exc


def _load(raw: bytes, limits: Limits) -> tuple[object | None, Message]:
    """The mail-parser result (None if it failed) and the stdlib message tree."""
    try:
        parsed = mailparser.parse_from_bytes(raw)
        message = parsed.message
    except MailParserRecursionError as exc:
        raise limits.too_deep() from exc
    except Exception:
        # mail-parser's extra analysis trips over some damage the stdlib tree survives
        # (a broken base64 encoded word); the message is still worth keeping.
        parsed, message = None, _stdlib_tree(raw, limits)
    if not isinstance(message, Message) or not message.keys():
        raise MessageRejected("no message headers found")
    return parsed, message


def _stdlib_tree(raw: bytes, limits: Limits) -> Message:
    try:
        message = email.message_from_bytes(raw)
    except RecursionError as exc:
        raise limits.too_deep() from exc
    except Exception as exc:
        raise MessageRejected(f"cannot parse message: {type(exc).__name__}: {exc}") from exc
    message.defects.append(MailParserFailed())
    return message


def _build(raw: bytes, parsed: object | None, message: Message, limits: Limits) -> ParsedMessage:
    body = collect_body(message, "\r\n" if b"\r\n" in raw else "\n", limits)
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
        date=_date(parsed, message),
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
    _header_block, _separator, body = _LINE_ENDINGS.sub(b"\n", raw).partition(b"\n\n")
    digest = hashlib.sha256()
    for name in CONTENT_HASH_HEADERS:
        for value in raw_values(message, name):
            line = f"{name}:{' '.join(unfold(value).split())}\n"
            digest.update(line.encode("utf-8", "surrogateescape"))
    digest.update(b"\n")
    digest.update(body.rstrip(b"\n"))
    return digest.hexdigest()


def _date(parsed: object | None, message: Message) -> datetime | None:
    """The Date header as an aware datetime; a date without a zone is taken as UTC."""
    value = getattr(parsed, "date", None)
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    values = raw_values(message, "date")
    try:
        fallback = parsedate_to_datetime(unfold(values[0])) if values else None
    except (TypeError, ValueError, IndexError):
        return None
    if fallback is None:
        return None
    return fallback if fallback.tzinfo else fallback.replace(tzinfo=UTC)


def _defects(message: Message) -> tuple[str, ...]:
    """Names of the email package defects found anywhere in the tree, without repeats."""
    names = (type(defect).__name__ for part in message.walk() for defect in part.defects)
    return tuple(dict.fromkeys(names))
