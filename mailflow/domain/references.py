"""Keyed claim references carried in the Message-IDs and Reply-To addresses mailflow sends.

A reply to one of our messages names our Message-ID in In-Reply-To or References.
The id embeds the claim number and an HMAC tag, so the claim is found even when the
stored message is gone or a downstream system rewrote the thread, and nobody can forge a
reference to someone else's claim without the secret.

Two kinds of tag:
- a claim tag, HMAC(number), in mail to customers: it threads a reply to the claim;
- a personal tag, HMAC(number | address), in mail to one specialist or manager: a reply
  from that address carrying it proves the message answers mail mailflow sent to that
  person, which is what makes their commands and relays trusted (a forged From alone is
  not enough). The personal tag also rides in the Reply-To sub-address
  (`claims+CLM-2026-000001.<tag>@company`), for clients that drop In-Reply-To.
"""

from __future__ import annotations

import hashlib
import hmac
import re

_TAG_LENGTH = 16
_MESSAGE_ID_RE = re.compile(r"^mf\.(CLM-\d{4}-\d{6,})\.([0-9a-f]{16})\.[A-Za-z0-9._-]+@")
_SUBADDRESS_RE = re.compile(r"^[^@+]+\+(CLM-\d{4}-\d{6,})\.([0-9a-f]{16})@", re.IGNORECASE)


def reference_tag(number: str, secret: bytes, person: str | None = None) -> str:
    """A short HMAC-SHA256 tag binding a claim number (and a person's address) to our secret."""
    message = number if person is None else f"{number}|{person.lower()}"
    return hmac.new(secret, message.encode(), hashlib.sha256).hexdigest()[:_TAG_LENGTH]


def make_message_id(number: str, secret: bytes, unique: str, domain: str,
                    person: str | None = None) -> str:
    """A Message-ID (without angle brackets) carrying a keyed reference to `number`."""
    return f"mf.{number}.{reference_tag(number, secret, person)}.{unique}@{domain}"


def claim_number_from_message_id(message_id: str, secret: bytes,
                                 sender: str | None = None) -> str | None:
    """The claim number a Message-ID refers to, if it is ours and its tag verifies.

    A claim tag always verifies; a personal tag verifies only for that person's `sender`.
    """
    match = _MESSAGE_ID_RE.match(message_id.strip("<> "))
    if match is None:
        return None
    number, tag = match.groups()
    return number if _tag_matches(tag, number, secret, sender) else None


def personal_reference_in(ids: tuple[str, ...], secret: bytes, person: str) -> str | None:
    """The claim number of the first id carrying `person`'s personal tag, if any."""
    for message_id in ids:
        match = _MESSAGE_ID_RE.match(message_id.strip("<> "))
        if match and _personal_matches(match.group(2), match.group(1), secret, person):
            return match.group(1)
    return None


def reply_address(claims_address: str, number: str, secret: bytes, person: str) -> str:
    """The claims address with a personal sub-address: replies come back to the claim."""
    local, _, domain = claims_address.partition("@")
    return f"{local}+{number}.{reference_tag(number, secret, person)}@{domain}"


def personal_subaddress_in(addresses: tuple[str, ...], secret: bytes,
                           person: str) -> str | None:
    """The claim number of the first of our personal sub-addresses issued to `person`."""
    for address in addresses:
        match = _SUBADDRESS_RE.match(address)
        if match and _personal_matches(match.group(2).lower(), match.group(1).upper(), secret,
                                       person):
            return match.group(1).upper()
    return None


def _tag_matches(tag: str, number: str, secret: bytes, sender: str | None) -> bool:
    if hmac.compare_digest(tag, reference_tag(number, secret)):
        return True
    return sender is not None and _personal_matches(tag, number, secret, sender)


def _personal_matches(tag: str, number: str, secret: bytes, person: str) -> bool:
    return hmac.compare_digest(tag, reference_tag(number, secret, person))
