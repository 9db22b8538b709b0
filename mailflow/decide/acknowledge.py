"""Whether to acknowledge a new claim, and to whom.

Loop guard in the spirit of Mailman's replybot: never answer machines, ourselves,
specialists or senders who asked not to be answered, answer one address only, and
at most `max_per_hour` times per recipient.
"""

from __future__ import annotations

from dataclasses import dataclass

from mailflow.classify.rules import wants_no_ack
from mailflow.domain.addresses import is_valid_address
from mailflow.domain.model import Address, Classification, MessageKind, ParsedMessage

QUOTED_LINES = 20


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


def quote_text(text: str, max_lines: int = QUOTED_LINES) -> str:
    """The first `max_lines` non-trailing-blank lines of `text`, each prefixed with `> `."""
    lines = text.strip("\n").splitlines()
    quoted = [f"> {line}".rstrip() for line in lines[:max_lines]]
    if len(lines) > max_lines:
        quoted.append("> …")
    return "\n".join(quoted)
