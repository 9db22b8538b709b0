"""Make every text value of a parsed message safe to store, show and reuse in a reply.

Hostile mail carries NUL bytes (PostgreSQL refuses them in text columns), lone
surrogates from escape or UTF-7 charsets (no database can encode them), CR/LF inside
decoded header words ("=?utf-8?b?...?=" hiding "\\r\\nBcc:"), and values longer than
any column. The values are cleaned once here, so storage and the outgoing mail never
see them.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import replace

from mailflow.domain.model import Address, AttachmentPart, ParsedMessage

# RFC 5321 caps a path at 256 octets; the address columns hold 320.
MAX_ADDRESS = 254
MAX_DISPLAY_NAME = 200
MAX_MESSAGE_ID = 500
MAX_CONTENT_ID = 500
# Threading needs the first id and the latest ones (RFC 5322 section 3.6.4).
MAX_REFERENCES = 100
INVALID_ID_DOMAIN = "mailflow.invalid"
_SURROGATES = re.compile("[\ud800-\udfff]")
_MIME_TYPE = re.compile(r"^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$")
_LINE_BREAKING = frozenset({"Cc", "Zl", "Zp"})


def storable(text: str) -> str:
    """`text` without NUL characters and with lone surrogates replaced by U+FFFD."""
    return _SURROGATES.sub("\ufffd", text.replace("\x00", ""))


def one_line(text: str) -> str:
    """`text` storable, on one line: control and line-separator characters become spaces."""
    spaced = "".join(" " if unicodedata.category(ch) in _LINE_BREAKING else ch
                     for ch in storable(text))
    return " ".join(spaced.split())


def message_id(value: str) -> str:
    """A Message-ID safe to store and to match: one line, an overlong one by its hash."""
    cleaned = one_line(value).replace(" ", "")
    if len(cleaned) <= MAX_MESSAGE_ID:
        return cleaned
    digest = hashlib.sha256(cleaned.encode()).hexdigest()
    return f"long.{digest[:40]}@{INVALID_ID_DOMAIN}"


def thread_ids(values: tuple[str, ...]) -> tuple[str, ...]:
    """Cleaned ids without repeats; a long chain keeps its first and newest ids."""
    ids = tuple(dict.fromkeys(filter(None, map(message_id, values))))
    return ids if len(ids) <= MAX_REFERENCES else (ids[0], *ids[1 - MAX_REFERENCES:])


def addresses(values: tuple[Address, ...]) -> tuple[Address, ...]:
    """The addresses that fit a mailbox column, with one-line display names."""
    cleaned = (Address(one_line(a.email).replace(" ", ""), one_line(a.name)[:MAX_DISPLAY_NAME])
               for a in values)
    return tuple(a for a in cleaned if "@" in a.email and len(a.email) <= MAX_ADDRESS)


def attachment(part: AttachmentPart) -> AttachmentPart:
    content_type = part.content_type.lower()
    content_id = one_line(part.content_id or "")[:MAX_CONTENT_ID] or None
    return replace(
        part, filename=one_line(part.filename),
        content_type=content_type if _MIME_TYPE.match(content_type) else "application/octet-stream",
        content_id=content_id)


def parsed_message(msg: ParsedMessage) -> ParsedMessage:
    """`msg` with every text value storable and every header-like value on one line."""
    from_ = addresses((msg.from_,)) if msg.from_ else ()
    return replace(
        msg, message_id=message_id(msg.message_id), subject=one_line(msg.subject),
        from_=from_[0] if from_ else None, to=addresses(msg.to), cc=addresses(msg.cc),
        reply_to=addresses(msg.reply_to), in_reply_to=thread_ids(msg.in_reply_to),
        references=thread_ids(msg.references), text=storable(msg.text),
        html=storable(msg.html) if msg.html is not None else None,
        attachments=tuple(map(attachment, msg.attachments)),
        headers=tuple((one_line(name), one_line(value)) for name, value in msg.headers),
        content_type=one_line(msg.content_type))
