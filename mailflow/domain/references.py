"""Keyed claim references carried in the Message-IDs mailflow sends.

A reply to one of our messages names our Message-ID in In-Reply-To or References.
The id embeds the claim number and an HMAC of it, so the claim is found even when
the stored message is gone or a downstream system rewrote the thread, and nobody
can forge a reference to someone else's claim without the secret.
"""

from __future__ import annotations

import hashlib
import hmac
import re

_TAG_LENGTH = 16
_MESSAGE_ID_RE = re.compile(r"^mf\.(CLM-\d{4}-\d{6,})\.([0-9a-f]{16})\.[A-Za-z0-9._-]+@")


def reference_tag(number: str, secret: bytes) -> str:
    """A short HMAC-SHA256 tag binding a claim number to our secret."""
    return hmac.new(secret, number.encode(), hashlib.sha256).hexdigest()[:_TAG_LENGTH]


def make_message_id(number: str, secret: bytes, unique: str, domain: str) -> str:
    """A Message-ID (without angle brackets) carrying a keyed reference to `number`."""
    return f"mf.{number}.{reference_tag(number, secret)}.{unique}@{domain}"


def claim_number_from_message_id(message_id: str, secret: bytes) -> str | None:
    """The claim number a Message-ID refers to, if it is ours and its tag verifies."""
    match = _MESSAGE_ID_RE.match(message_id.strip("<> "))
    if match is None:
        return None
    number, tag = match.groups()
    return number if hmac.compare_digest(tag, reference_tag(number, secret)) else None
