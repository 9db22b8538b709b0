"""Header values as text: RFC 2047 encoded words, RFC 2231 parameters, raw 8-bit bytes.

The stdlib (compat32) keeps undecodable header bytes as surrogate escapes and its
decoders replace them with U+FFFD; here they go back to bytes and through
charset detection, so an unencoded windows-1251 subject still reads as Russian.
"""

from __future__ import annotations

import base64
import binascii
import re
from email.message import Message
from email.utils import getaddresses

from mailflow.domain.model import Address
from mailflow.parse.charset import decode_text

_ENCODED_WORD = re.compile(rb"=\?([\w.:+-]+)(?:\*[\w-]*)?\?([bBqQ])\?([^?\s]*)\?=")
_FOLD = re.compile(r"\r?\n(?=[ \t])")
_ANGLE_ID = re.compile(r"<([^<>\s]+)>")

# One decoded piece of a header: raw bytes and the charset they claim (None: unencoded).
_Chunk = tuple[bytes, str | None]


def unfold(value: str) -> str:
    """A header value on one line (RFC 5322 section 2.2.3)."""
    return _FOLD.sub("", value)


def decode_header_value(raw: str) -> str:
    """The text of a raw header value, decoding encoded words and stray 8-bit bytes."""
    data = unfold(raw).encode("utf-8", "surrogateescape")
    return "".join(decode_text(chunk, charset) for chunk, charset in _chunks(data)).strip()


def _chunks(data: bytes) -> list[_Chunk]:
    """Split into unencoded runs and decoded words, merging adjacent words per charset.

    Whitespace between two encoded words is dropped (RFC 2047 section 6.2), and adjacent
    words in one charset are joined before decoding because mailers split multi-byte
    characters across words.
    """
    chunks: list[_Chunk] = []
    position = 0
    for match in _ENCODED_WORD.finditer(data):
        gap = data[position:match.start()]
        follows_word = bool(chunks) and chunks[-1][1] is not None
        if gap and not (follows_word and not gap.strip()):
            chunks.append((gap, None))
        charset = match.group(1).decode("ascii").lower()
        word = _decode_word(match.group(2).upper(), match.group(3))
        if chunks and chunks[-1][1] == charset and not (gap and gap.strip()):
            chunks[-1] = (chunks[-1][0] + word, charset)
        else:
            chunks.append((word, charset))
        position = match.end()
    if position < len(data):
        chunks.append((data[position:], None))
    return chunks


def _decode_word(encoding: bytes, payload: bytes) -> bytes:
    """The bytes of one encoded word; a broken base64 word is kept as its text."""
    if encoding == b"Q":
        return binascii.a2b_qp(payload, header=True)
    try:
        return base64.b64decode(payload + b"=" * (-len(payload) % 4))
    except binascii.Error:
        return payload


def decode_param(part: Message, param: str, header: str) -> str | None:
    """A Content-Type/Content-Disposition parameter as text (RFC 2231, RFC 2047, 8-bit)."""
    raw = next((v for k, v in part.raw_items() if k.lower() == header), None)
    if raw is None:
        return None
    # A fresh Message parses the parameter syntax; decoding the raw bytes first keeps
    # compat32 from replacing 8-bit bytes with U+FFFD.
    view = Message()
    view[header] = decode_text(unfold(raw).encode("utf-8", "surrogateescape"), None)
    value = view.get_param(param, header=header)
    if isinstance(value, tuple):
        charset, _language, text = value
        return decode_text(text.encode("latin-1", "replace"), charset or None)
    return decode_header_value(value) if value else None


def raw_values(message: Message, name: str) -> list[str]:
    """Every raw value of header `name`, in order."""
    return [value for key, value in message.raw_items() if key.lower() == name]


def addresses(message: Message, name: str) -> tuple[Address, ...]:
    """The mailboxes in header `name`: lower-cased address and decoded display name."""
    values = [unfold(value) for value in raw_values(message, name)]
    return tuple(
        Address(email=decode_header_value(email).lower(), name=decode_header_value(display))
        for display, email in getaddresses(values)
        if "@" in email
    )


def message_ids(values: list[str]) -> tuple[str, ...]:
    """Message-IDs without angle brackets, in order and without repeats."""
    found: list[str] = []
    for value in values:
        ids = _ANGLE_ID.findall(value) or [t for t in value.replace(",", " ").split() if "@" in t]
        found.extend(i for i in ids if i not in found)
    return tuple(found)
