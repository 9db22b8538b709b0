"""Whether to acknowledge a new claim, to whom, and the acknowledgement to send.

Loop guard in the spirit of Mailman's replybot: never answer machines, ourselves,
specialists or senders who asked not to be answered, answer one address only, and
at most `max_per_hour` times per recipient.

The acknowledgement carries `Auto-Submitted: auto-replied` (RFC 3834) and no
`Precedence` header: Precedence is not standardised, RFC 3834 names Auto-Submitted
as the signal, and `Precedence: bulk/junk` makes spam filters treat a reply the
customer is waiting for as bulk mail.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mailflow.classify.rules import wants_no_ack
from mailflow.domain.claims import SUBJECT_TOKEN_RE, subject_with_token
from mailflow.domain.model import (
    Address,
    Classification,
    MessageKind,
    OutgoingMail,
    ParsedMessage,
)
from mailflow.send.compose import is_valid_address

ACKNOWLEDGEMENT_KIND = "acknowledgement"
QUOTED_LINES = 20
_REPLY_PREFIX_RE = re.compile(r"^\s*(?:(?:re|ответ|aw|sv)\s*(?:\[\d+\]|\(\d+\))?\s*:\s*)+",
                              re.IGNORECASE)


@dataclass(frozen=True)
class RenderedMail:
    """A template rendered for one language: subject line, plain text and HTML."""

    subject: str
    text: str
    html: str


@dataclass(frozen=True)
class AckDecision:
    """Whether to acknowledge, to whom, and why (recorded with the claim)."""

    send: bool
    recipient: Address | None
    reason: str


def _refuse(reason: str, recipient: Address | None = None) -> AckDecision:
    return AckDecision(send=False, recipient=recipient, reason=reason)


def _why_not_acknowledge(msg: ParsedMessage, classification: Classification,
                         opens_new_claim: bool) -> str | None:
    if not opens_new_claim:
        return "not-a-new-claim"
    if classification.automated:
        return f"automated:{classification.kind}"
    if classification.kind is MessageKind.SPECIALIST:
        return "specialist"
    return "sender-asked-no-ack" if wants_no_ack(msg) else None


def choose_recipient(msg: ParsedMessage, own_addresses: frozenset[str]) -> Address | None:
    """The first Reply-To address, else From, skipping our own addresses."""
    own = {address.lower() for address in own_addresses}
    candidates = (*msg.reply_to, *((msg.from_,) if msg.from_ else ()))
    return next((a for a in candidates if a.email.lower() not in own), None)


def decide_acknowledgement(
    msg: ParsedMessage,
    classification: Classification,
    opens_new_claim: bool,
    own_addresses: frozenset[str],
    recent_acks_to_recipient: int,
    max_per_hour: int,
) -> AckDecision:
    """Acknowledge a customer's new claim to one address, unless a loop guard says no."""
    refusal = _why_not_acknowledge(msg, classification, opens_new_claim)
    if refusal is not None:
        return _refuse(refusal)
    recipient = choose_recipient(msg, own_addresses)
    if recipient is None:
        return _refuse("no-recipient")
    if not is_valid_address(recipient.email):
        return _refuse("invalid-recipient", recipient)
    if recent_acks_to_recipient >= max_per_hour:
        return _refuse("rate-limited", recipient)
    return AckDecision(send=True, recipient=recipient, reason="new-claim")


def base_subject(subject: str) -> str:
    """The subject without claim tokens and leading reply prefixes (`Re:`, `Ответ:`)."""
    without_tokens = SUBJECT_TOKEN_RE.sub(" ", subject)
    return " ".join(_REPLY_PREFIX_RE.sub("", " ".join(without_tokens.split())).split())


def acknowledgement_subject(original: str, fallback: str, claim_number: str) -> str:
    """`[CLM-…] Re: <original subject>`, or the template's subject when there was none."""
    base = base_subject(original)
    return subject_with_token(f"Re: {base}" if base else fallback, claim_number)


def quote_text(text: str, max_lines: int = QUOTED_LINES) -> str:
    """The first `max_lines` non-trailing-blank lines of `text`, each prefixed with `> `."""
    lines = text.strip("\n").splitlines()
    quoted = [f"> {line}".rstrip() for line in lines[:max_lines]]
    if len(lines) > max_lines:
        quoted.append("> …")
    return "\n".join(quoted)


def build_acknowledgement(
    claim_number: str,
    msg: ParsedMessage,
    recipient: Address,
    sender: Address,
    rendered: RenderedMail,
    message_id: str,
) -> OutgoingMail:
    """The acknowledgement mail: threaded under the customer's message, stamped as automatic."""
    original_id = msg.message_id or None
    references = tuple(dict.fromkeys((*msg.references, *((original_id,) if original_id else ()))))
    return OutgoingMail(
        kind=ACKNOWLEDGEMENT_KIND,
        sender=sender,
        to=(recipient,),
        subject=acknowledgement_subject(msg.subject, rendered.subject, claim_number),
        text=rendered.text,
        html=rendered.html,
        message_id=message_id,
        in_reply_to=original_id,
        references=references,
        headers=(
            ("Auto-Submitted", "auto-replied"),
            ("X-Auto-Response-Suppress", "All"),
            ("X-Mailflow-Loop", sender.email),
            ("X-Mailflow-Claim", claim_number),
        ),
    )
