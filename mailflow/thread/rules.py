"""Which claim a message belongs to, decided from its headers and what the store knows.

The keys are read from the message alone (`thread_keys`); the store looks them up
(`ThreadLookup`); `decide_thread` picks, in order of trust:

1. In-Reply-To / References naming a message we stored (incoming or outgoing);
2. a keyed reference tag in those ids that verifies with our secret;
3. a `[CLM-…]` subject token, but only when the sender already takes part in that
   claim; a stranger quoting someone else's number gets a new claim linked to it.
"""

from __future__ import annotations

import email
import email.policy
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from mailflow.domain.claims import subject_claim_numbers
from mailflow.domain.model import ClaimSummary, ParsedMessage
from mailflow.domain.references import claim_number_from_message_id, personal_subaddress_in

RETURNED_HEADER_TYPES = frozenset({"text/rfc822-headers", "message/rfc822",
                                   "message/global", "message/global-headers"})


@dataclass(frozen=True)
class ThreadKeys:
    """What a message offers for threading, most specific first."""

    message_ids: tuple[str, ...] = ()
    reference_numbers: tuple[str, ...] = ()
    subject_numbers: tuple[str, ...] = ()


@dataclass(frozen=True)
class ThreadLookup:
    """The claims the store found for the keys: by stored Message-ID and by claim number."""

    by_message_id: Mapping[str, ClaimSummary]
    by_number: Mapping[str, ClaimSummary]


@dataclass(frozen=True)
class ThreadDecision:
    """The claim to join (None: open a new one), why, and a claim to link to."""

    claim: ClaimSummary | None
    reason: str
    related: ClaimSummary | None = None
    reopen: bool = False


def normalise_message_id(message_id: str) -> str:
    """A Message-ID without angle brackets or surrounding whitespace."""
    return message_id.strip().strip("<>").strip()


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(value for value in values if value))


def thread_keys(msg: ParsedMessage, secret: bytes, *, bounce: bool = False) -> ThreadKeys:
    """In-Reply-To first, then References newest first (then, for a bounce, the ids of the
    messages it returns); verified tags; subject tokens."""
    returned = returned_message_ids(msg) if bounce else ()
    ids = _unique(normalise_message_id(value)
                  for value in (*msg.in_reply_to, *reversed(msg.references), *returned))
    sender = msg.from_.email if msg.from_ else None
    numbers = _unique(claim_number_from_message_id(value, secret, sender) or "" for value in ids)
    if sender is not None:
        recipients = tuple(address.email for address in (*msg.to, *msg.cc))
        numbers = _unique((*numbers, personal_subaddress_in(recipients, secret, sender) or ""))
    return ThreadKeys(message_ids=ids, reference_numbers=numbers,
                      subject_numbers=subject_claim_numbers(msg.subject))


def returned_message_ids(msg: ParsedMessage) -> tuple[str, ...]:
    """The Message-IDs of the mail a bounce returns.

    Most MTAs (Postfix, Exim, Exchange) name the returned message only inside the report
    (a `text/rfc822-headers` or `message/rfc822` part), never in In-Reply-To.
    """
    found = (_header_message_id(part.payload) for part in msg.attachments
             if part.content_type.lower() in RETURNED_HEADER_TYPES)
    return tuple(message_id for message_id in found if message_id)


def _header_message_id(headers: bytes) -> str:
    parsed = email.message_from_bytes(headers[:65536], policy=email.policy.compat32)
    return str(parsed.get("Message-ID", "")).strip()


def _join(claim: ClaimSummary, reason: str) -> ThreadDecision:
    return ThreadDecision(claim=claim, reason=reason, reopen=claim.finished)


def _sender_emails(msg: ParsedMessage) -> frozenset[str]:
    addresses = (*((msg.from_,) if msg.from_ else ()), *msg.reply_to)
    return frozenset(address.email.lower() for address in addresses)


def _by_stored_message(msg: ParsedMessage, keys: ThreadKeys,
                       lookup: ThreadLookup) -> ThreadDecision | None:
    replied_to = {normalise_message_id(value) for value in msg.in_reply_to}
    for message_id in keys.message_ids:
        claim = lookup.by_message_id.get(message_id)
        if claim is not None:
            header = "in-reply-to" if message_id in replied_to else "references"
            return _join(claim, f"{header}:{message_id}")
    return None


def _by_reference_tag(keys: ThreadKeys, lookup: ThreadLookup) -> ThreadDecision | None:
    for number in keys.reference_numbers:
        claim = lookup.by_number.get(number)
        if claim is not None:
            return _join(claim, f"reference-tag:{number}")
    return None


def _by_subject_token(msg: ParsedMessage, keys: ThreadKeys,
                      lookup: ThreadLookup) -> ThreadDecision | None:
    senders = _sender_emails(msg)
    quoted: ClaimSummary | None = None
    for number in keys.subject_numbers:
        claim = lookup.by_number.get(number)
        if claim is None:
            continue
        if senders & {participant.lower() for participant in claim.participants}:
            return _join(claim, f"subject-token:{number}")
        quoted = quoted or claim
    if quoted is None:
        return None
    return ThreadDecision(claim=None, reason=f"new:stranger-quoted:{quoted.number}",
                          related=quoted)


def decide_thread(msg: ParsedMessage, keys: ThreadKeys, lookup: ThreadLookup) -> ThreadDecision:
    """Join the claim the message answers, or open a new one (linked when a stranger quotes)."""
    return (_by_stored_message(msg, keys, lookup)
            or _by_reference_tag(keys, lookup)
            or _by_subject_token(msg, keys, lookup)
            or ThreadDecision(claim=None, reason="new"))
