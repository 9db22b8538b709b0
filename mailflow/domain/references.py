"""Keyed claim references carried in the Message-IDs and Reply-To addresses mailflow sends.

A reply to one of our messages names our Message-ID in In-Reply-To or References.
The id embeds the claim number and an HMAC tag, so the claim is found even when the
stored message is gone or a downstream system rewrote the thread, and nobody can forge a
reference to someone else's claim without the secret.

Two kinds of tag:
- a claim tag, HMAC(number), in mail to customers: it threads a reply to the claim;
- a personal tag, HMAC(number | address | issued), in mail to one specialist or manager:
  a reply from that address carrying it proves the message answers mail mailflow sent to
  that person, which is what makes their commands and relays trusted (a forged From alone
  is not enough). The personal tag also rides in the Reply-To sub-address
  (`claims+CLM-2026-000001.<issued>.<tag>@company`), for clients that drop In-Reply-To.

`issued` is the moment the reference was sent (Unix seconds in base 36), under the tag:
trust expires with age and with a reassignment (`reference_problem`). References of the
format before issue times (no `issued`) still thread a reply to its claim, but are never
trusted again: they count as expired.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from mailflow.domain.claims import CLAIM_NUMBER_PATTERN

_TAG_LENGTH = 16
_ISSUED = r"(?:([0-9a-z]{1,12})\.)?"  # absent in references made before issue times
_MESSAGE_ID_RE = re.compile(
    rf"^mf\.({CLAIM_NUMBER_PATTERN})\.{_ISSUED}([0-9a-f]{{16}})\.[A-Za-z0-9._-]+@")
_SUBADDRESS_RE = re.compile(rf"^[^@+]+\+({CLAIM_NUMBER_PATTERN})\.{_ISSUED}([0-9a-f]{{16}})@",
                            re.IGNORECASE)
_BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz"


@dataclass(frozen=True)
class PersonalReference:
    """A verified personal reference: the claim, and when it was issued (None: old format)."""

    number: str
    issued_at: datetime | None


def reference_tag(number: str, secret: bytes, person: str | None = None,
                  issued: str | None = None) -> str:
    """A short HMAC-SHA256 tag binding a claim number (and a person's address and the
    moment of issue) to our secret."""
    message = number if person is None else f"{number}|{person.lower()}"
    if issued is not None:
        message += f"|{issued}"
    return hmac.new(secret, message.encode(), hashlib.sha256).hexdigest()[:_TAG_LENGTH]


# The managers' digest carries no claim: its Message-ID starts with this, so that a reply to
# it is known for one (classify: `answers-digest`) and never opens a claim.
DIGEST_MESSAGE_ID_PREFIX = "mf.digest."


def make_message_id(number: str, secret: bytes, unique: str, domain: str,
                    person: str | None = None, issued_at: datetime | None = None) -> str:
    """A Message-ID (without angle brackets) carrying a keyed reference to `number`; a
    personal one (for `person`) also carries `issued_at`, which it then requires."""
    return f"mf.{number}.{_keyed(number, secret, person, issued_at)}.{unique}@{domain}"


def claim_number_from_message_id(message_id: str, secret: bytes,
                                 sender: str | None = None) -> str | None:
    """The claim number a Message-ID refers to, if it is ours and its tag verifies.

    A claim tag always verifies; a personal tag verifies only for that person's `sender`
    (of any age: this threads a message, it does not make it trusted).
    """
    match = _MESSAGE_ID_RE.match(message_id.strip("<> "))
    if match is None:
        return None
    number, issued, tag = match.groups()
    if issued is None and hmac.compare_digest(tag, reference_tag(number, secret)):
        return number
    return number if sender is not None and _personal_matches(
        tag, number, issued, secret, sender) else None


def personal_reference_in(ids: tuple[str, ...], secret: bytes, person: str) -> str | None:
    """The claim number of the first id carrying `person`'s personal tag, if any."""
    return next((ref.number for ref in _from_ids(ids, secret, person)), None)


def reply_address(claims_address: str, number: str, secret: bytes, person: str,
                  issued_at: datetime) -> str:
    """The claims address with a personal sub-address: replies come back to the claim."""
    local, _, domain = claims_address.partition("@")
    return f"{local}+{number}.{_keyed(number, secret, person, issued_at)}@{domain}"


def personal_subaddress_in(addresses: tuple[str, ...], secret: bytes,
                           person: str) -> str | None:
    """The claim number of the first of our personal sub-addresses issued to `person`."""
    return next((ref.number for ref in _from_addresses(addresses, secret, person)), None)


def personal_references(ids: tuple[str, ...], addresses: tuple[str, ...], secret: bytes,
                        person: str) -> tuple[PersonalReference, ...]:
    """Every personal reference issued to `person` that a reply names, in its Message-IDs
    (In-Reply-To, References) and in the sub-addresses it was sent to."""
    return (*_from_ids(ids, secret, person), *_from_addresses(addresses, secret, person))


def reference_problem(references: tuple[PersonalReference, ...], number: str, *,
                      now: datetime, max_age: timedelta,
                      not_before: datetime | None) -> str | None:
    """Why a reply's references do not make it trusted for claim `number` (None: they do).

    The newest reference to the claim counts: it must be of the current format, at most
    `max_age` old at `now`, and issued no earlier than `not_before` (when the person last
    got the claim: what they were sent before a reassignment is void).
    """
    issued = [ref.issued_at for ref in references if ref.number == number]
    if not issued:
        return "no-personal-reference"
    newest = max((moment for moment in issued if moment is not None), default=None)
    if newest is None or now - newest > max_age:
        return "reference-expired"
    if not_before is not None and _seconds(newest) < _seconds(not_before):
        return "reference-superseded"
    return None


def _from_ids(ids: tuple[str, ...], secret: bytes, person: str) -> Iterator[PersonalReference]:
    for message_id in ids:
        match = _MESSAGE_ID_RE.match(message_id.strip("<> "))
        if match:
            yield from _verified(match.group(1), match.group(2), match.group(3), secret, person)


def _from_addresses(addresses: tuple[str, ...], secret: bytes,
                    person: str) -> Iterator[PersonalReference]:
    for address in addresses:
        match = _SUBADDRESS_RE.match(address)
        if match:
            number, issued, tag = match.groups()
            yield from _verified(number.upper(), issued.lower() if issued else None,
                                 tag.lower(), secret, person)


def _verified(number: str, issued: str | None, tag: str, secret: bytes,
              person: str) -> Iterator[PersonalReference]:
    if _personal_matches(tag, number, issued, secret, person):
        yield PersonalReference(number, _decode_issued(issued) if issued else None)


def _keyed(number: str, secret: bytes, person: str | None, issued_at: datetime | None) -> str:
    """`tag` for a claim reference, `issued.tag` for a personal one."""
    if person is None:
        return reference_tag(number, secret)
    if issued_at is None:
        raise ValueError("a personal reference needs the moment it is issued")
    issued = _encode_issued(issued_at)
    return f"{issued}.{reference_tag(number, secret, person, issued)}"


def _personal_matches(tag: str, number: str, issued: str | None, secret: bytes,
                      person: str) -> bool:
    return hmac.compare_digest(tag, reference_tag(number, secret, person, issued))


def _seconds(moment: datetime) -> int:
    return int(moment.timestamp())


def _encode_issued(moment: datetime) -> str:
    value, digits = _seconds(moment), ""
    while True:
        value, digit = divmod(value, 36)
        digits = _BASE36[digit] + digits
        if value == 0:
            return digits


def _decode_issued(issued: str) -> datetime:
    return datetime.fromtimestamp(int(issued, 36), UTC)


# -- confirming a claim entered by staff ---------------------------------------------------
# A `#new` message our MX did not vouch for opens nothing until its writer answers mailflow's
# request with `#confirm`. The request's Message-ID names the held message (the first 96 bits
# of the SHA-256 of its raw bytes, to keep the id short enough for one header line) under a
# personal tag: only the staff address it was mailed to can confirm it, and nobody can make
# one for another message without the secret.
ENTRY_KEY_LENGTH = 24
_ENTRY_ID_RE = re.compile(
    rf"^mf\.e\.([0-9a-f]{{{ENTRY_KEY_LENGTH}}})\.([0-9a-z]{{1,12}})\.([0-9a-f]{{16}})@")


@dataclass(frozen=True)
class EntryReference:
    """A verified request to confirm the held message whose SHA-256 starts with `key`."""

    key: str
    issued_at: datetime


def make_entry_message_id(sha256: str, secret: bytes, person: str, issued_at: datetime,
                          domain: str) -> str:
    """The Message-ID of a confirmation request to `person` for the held message `sha256`."""
    key, issued = sha256[:ENTRY_KEY_LENGTH], _encode_issued(issued_at)
    return f"mf.e.{key}.{issued}.{reference_tag(f'entry:{key}', secret, person, issued)}@{domain}"


def entry_reference_in(ids: tuple[str, ...], secret: bytes,
                       person: str) -> EntryReference | None:
    """The first confirmation request issued to `person` that a reply names, if any."""
    for message_id in ids:
        match = _ENTRY_ID_RE.match(message_id.strip("<> "))
        if match and _personal_matches(match.group(3), f"entry:{match.group(1)}",
                                       match.group(2), secret, person):
            return EntryReference(match.group(1), _decode_issued(match.group(2)))
    return None


# -- answering the managers' digest ------------------------------------------------------
# Each copy of the digest carries a personal reference to "the digest of period P for person
# X" in its Message-ID: `mf.digest.<period>.<issued>.<tag>.<unique>@domain`, the period as
# `d20261105` (kind's initial, first day), tag = HMAC("digest:<period>" | person | issued).
# Kept short: a Message-ID longer than a header line gets mangled by some clients. A reply
# naming it proves it answers the digest mailflow sent to that person (a forged From alone is
# not enough); what the reply may then do is decided by decide/digest_reply.py. It names no
# claim: the reply's own lines do. The same reference rides in the digest's Reply-To
# sub-address (`claims+digest.<period>.<issued>.<tag>@company`) for clients that drop
# In-Reply-To.
_DIGEST_ID_RE = re.compile(
    r"^mf\.digest\.([dwm]\d{8})\.([0-9a-z]{1,12})\."
    r"([0-9a-f]{16})\.[0-9a-z]+@", re.IGNORECASE)


_DIGEST_SUBADDRESS_RE = re.compile(
    r"^[^@+]+\+digest\.([dwm]\d{8})\.([0-9a-z]{1,12})\.([0-9a-f]{16})@", re.IGNORECASE)
DIGEST_SUBADDRESS = "+digest."


@dataclass(frozen=True)
class DigestReference:
    """A verified reference to the digest of `period` (`d20261105`) sent to a person."""

    period: str
    issued_at: datetime


def digest_period(kind: str, first: date) -> str:
    """The period a digest reference names: `d20261105` for the day digest of 5 Nov 2026."""
    return f"{kind[:1]}{first:%Y%m%d}"


def make_digest_message_id(period: str, secret: bytes, person: str, issued_at: datetime,
                           unique: str, domain: str) -> str:
    """The Message-ID of the digest of `period` sent to `person` at `issued_at`."""
    issued = _encode_issued(issued_at)
    tag = reference_tag(f"digest:{period}", secret, person, issued)
    return f"{DIGEST_MESSAGE_ID_PREFIX}{period}.{issued}.{tag}.{unique}@{domain}"


def digest_reply_address(claims_address: str, period: str, secret: bytes, person: str,
                         issued_at: datetime) -> str:
    """The claims address with the digest reference of `person` as its sub-address."""
    local, _, domain = claims_address.partition("@")
    issued = _encode_issued(issued_at)
    tag = reference_tag(f"digest:{period}", secret, person, issued)
    return f"{local}{DIGEST_SUBADDRESS}{period}.{issued}.{tag}@{domain}"


def digest_reference_in(ids: tuple[str, ...], secret: bytes, person: str,
                        addresses: tuple[str, ...] = ()) -> DigestReference | None:
    """The newest digest reference issued to `person` that a reply names, in its
    Message-IDs (In-Reply-To, References) or the sub-addresses it was sent to, if any."""
    matches = [*(_DIGEST_ID_RE.match(value.strip("<> ")) for value in ids),
               *(_DIGEST_SUBADDRESS_RE.match(address) for address in addresses)]
    found = [DigestReference(match.group(1).lower(), _decode_issued(match.group(2).lower()))
             for match in matches if match is not None and _personal_matches(
                 match.group(3).lower(), f"digest:{match.group(1).lower()}",
                 match.group(2).lower(), secret, person)]
    return max(found, key=lambda ref: ref.issued_at, default=None)


def digest_reference_problem(reference: DigestReference | None, *, now: datetime,
                             max_age: timedelta) -> str | None:
    """Why a reply's digest reference does not make it trusted (None: it does): missing (or
    not issued to the writer), or older than `max_age` at `now`."""
    if reference is None:
        return "no-personal-reference"
    return "reference-expired" if now - reference.issued_at > max_age else None
