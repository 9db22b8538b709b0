"""Defensive caps on hostile message structure, checked before and while parsing.

Each cap is a `[storage]` setting; a message over one is rejected with a reason naming
the cap and its config key, so the operator sees in the quarantine which key to raise.
mailflow never decompresses attachments (a zip or gzip is stored as the bytes it is),
so compression bombs cannot expand here; `max_decoded_bytes` bounds the sum of the
decoded part sizes instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mailflow.errors import MessageRejected

MAX_DEPTH = 20
MAX_ATTACHMENTS = 200
MAX_DECODED_BYTES = 100 * 1024 * 1024
# A body part is read as text up to this size: no letter a person writes is longer, and
# the text goes through charset detection, cleaning, language and extraction in memory.
MAX_TEXT_BYTES = 4 * 1024 * 1024
MAX_HEADER_BYTES = 256 * 1024
MAX_HEADERS = 1000
# The email package reads a parameter list in time quadratic in its length; one field
# longer than this (thousands of parameters) is hostile, not a long file name.
MAX_PARAMETER_FIELD_BYTES = 16 * 1024

_BLANK_LINE = re.compile(rb"(?:\r\n|\n|\r(?!\n))(?:\r\n|\n|\r(?!\n))")
_FIELD_START = re.compile(rb"(?:\A|\n|\r(?!\n))[^ \t\r\n]")
_PARAMETER_FIELD = re.compile(
    rb"^content-(?:type|disposition)[ \t]*:(?:[^\r\n]*)(?:(?:\r\n|\n|\r)[ \t][^\r\n]*)*",
    re.IGNORECASE | re.MULTILINE)


@dataclass(frozen=True)
class Limits:
    """The caps, one per `[storage]` key."""

    max_depth: int = MAX_DEPTH
    max_attachments: int = MAX_ATTACHMENTS
    max_decoded_bytes: int = MAX_DECODED_BYTES
    max_header_bytes: int = MAX_HEADER_BYTES
    max_headers: int = MAX_HEADERS
    max_text_bytes: int = MAX_TEXT_BYTES  # not a [storage] key: longer text is cut

    def too_deep(self) -> MessageRejected:
        return MessageRejected(f"MIME nesting deeper than {self.max_depth} levels "
                               "(storage.max_mime_depth)")

    def too_many_attachments(self) -> MessageRejected:
        return MessageRejected(f"more than {self.max_attachments} attachments "
                               "(storage.max_attachments)")

    def too_much_decoded(self) -> MessageRejected:
        return MessageRejected(f"decoded parts larger than {self.max_decoded_bytes} bytes "
                               "(storage.max_decoded_bytes)")


def check_header_section(raw: bytes, limits: Limits) -> None:
    """Reject a message whose top-level header section is over the size or count cap."""
    window = raw[:limits.max_header_bytes + 4]
    blank = _BLANK_LINE.search(window)
    size = blank.start() if blank else len(raw)
    if size > limits.max_header_bytes:
        raise MessageRejected(f"header section larger than {limits.max_header_bytes} bytes "
                              "(storage.max_header_bytes)")
    count = len(_FIELD_START.findall(raw, 0, size + 1))
    if count > limits.max_headers:
        raise MessageRejected(f"{count} header fields, more than {limits.max_headers} "
                              "(storage.max_headers)")


def check_parameter_fields(raw: bytes) -> None:
    """Reject a Content-Type or Content-Disposition field with a hostile parameter list."""
    for field in _PARAMETER_FIELD.finditer(raw):
        if field.end() - field.start() > MAX_PARAMETER_FIELD_BYTES:
            name = field.group().split(b":", 1)[0].decode("ascii", "replace")
            raise MessageRejected(f"a {name} field longer than {MAX_PARAMETER_FIELD_BYTES} "
                                  "bytes (thousands of parameters)")
