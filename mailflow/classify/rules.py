"""Who wrote a message: small named rules, checked in order of precedence.

Each rule is a yes/no predicate with a name and the kind it votes for. Every rule
runs; the names of those that fired are recorded on the Classification, and the
kind is that of the first one to fire (rules are listed by precedence:
SELF > BOUNCE > AUTO_REPLY > BULK > SPECIALIST, otherwise CUSTOMER).

Words in the subject ("Out of office", "Автоответ") are recorded but never decide alone:
"Out of office chair arrived broken" is a customer's complaint. Only headers a machine
sets (RFC 3834 `Auto-Submitted`, `X-Autoreply`, Exchange's loop header…) make mail automated.

`X-Auto-Response-Suppress` is deliberately not an auto-reply sign: it is a request
*from* the sender that responders stay quiet (Outlook puts it on ordinary mail and
we put it on our own acknowledgements), so `wants_no_ack` honours it instead.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from mailflow.domain.model import Classification, MessageKind, ParsedMessage
from mailflow.domain.references import DIGEST_MESSAGE_ID_PREFIX, DIGEST_SUBADDRESS


@dataclass(frozen=True)
class ClassifyContext:
    """Addresses that tell our own mail and our specialists' mail apart."""

    claims_address: str
    own_addresses: frozenset[str]
    specialist_addresses: frozenset[str] = frozenset()

    def own_domains(self) -> frozenset[str]:
        """Domains of the claims address and its aliases, lower-cased."""
        addresses = self.own_addresses | {self.claims_address}
        return frozenset(_domain(address) for address in addresses if "@" in address)


Predicate = Callable[[ParsedMessage, ClassifyContext], bool]


@dataclass(frozen=True)
class Rule:
    """A named predicate and the kind it votes for when it fires."""

    name: str
    kind: MessageKind
    check: Predicate
    decisive: bool = True


_BOUNCE_SENDERS = frozenset({"mailer-daemon", "postmaster"})
_DELIVERY_STATUS_TYPES = frozenset({"message/delivery-status", "message/global-delivery-status"})
_BULK_PRECEDENCE = frozenset({"bulk", "list", "junk"})
_AUTO_REPLY_SUBJECT_RE = re.compile(
    r"^\s*(auto(?:matic)?[ -]?reply|out of (?:the )?office|автоответ|автоматический ответ"
    r"|вне офиса)\b",
    re.IGNORECASE,
)


def _domain(address: str) -> str:
    return address.rpartition("@")[2].strip().lower()


def _sender(msg: ParsedMessage) -> str:
    return msg.from_.email.lower() if msg.from_ else ""


def _lowered(addresses: frozenset[str]) -> frozenset[str]:
    return frozenset(address.lower() for address in addresses)


def _header_token(msg: ParsedMessage, name: str) -> str | None:
    """The header's main value (before any `;` parameters), lower-cased, or None."""
    value = msg.header(name)
    return None if value is None else value.split(";", 1)[0].strip().lower()


def _mentions_domain(value: str, domains: frozenset[str]) -> bool:
    lowered = value.lower()
    return any(re.search(rf"(?<![\w.-]){re.escape(d)}(?![\w.-])", lowered) for d in domains)


def from_own_address(msg: ParsedMessage, context: ClassifyContext) -> bool:
    """From is the claims address or one of its aliases."""
    own = _lowered(context.own_addresses | {context.claims_address})
    return _sender(msg) in own


def own_loop_stamp(msg: ParsedMessage, context: ClassifyContext) -> bool:
    """Our own `X-Mailflow-Loop` or `Auto-Submitted` stamp naming one of our domains."""
    stamps = (msg.header("x-mailflow-loop"), msg.header("auto-submitted"))
    domains = context.own_domains()
    return any(stamp and _mentions_domain(stamp, domains) for stamp in stamps)


def own_message_id(msg: ParsedMessage, context: ClassifyContext) -> bool:
    """The Message-ID is one mailflow generated (`mf.…@our-domain`): our mail came back."""
    message_id = msg.message_id.strip("<> ").lower()
    return message_id.startswith("mf.") and _domain(message_id) in context.own_domains()


def answers_digest(msg: ParsedMessage, context: ClassifyContext) -> bool:
    """It answers our managers' digest (`mf.digest.…@our-domain`, or sent to its Reply-To
    `claims+digest.…@our-domain`), which has no claim:
    kept as an ownerless record, never a claim to work on; a manager's `#assign` / `#note`
    lines in it act on the claims they name (workflow/digest_reply.py)."""
    ids = (value.strip("<> ").lower() for value in (*msg.in_reply_to, *msg.references))
    if any(value.startswith(DIGEST_MESSAGE_ID_PREFIX)
           and _domain(value) in context.own_domains() for value in ids):
        return True
    own_locals = {address.lower().partition("@")[0] for address in
                  (*context.own_addresses, context.claims_address)}
    return any(address.email.lower().partition("+")[0] in own_locals
               and DIGEST_SUBADDRESS in address.email.lower()
               and _domain(address.email.lower()) in context.own_domains()
               for address in (*msg.to, *msg.cc))


def from_mailer_daemon(msg: ParsedMessage, context: ClassifyContext) -> bool:
    """From is MAILER-DAEMON or postmaster."""
    return _sender(msg).partition("@")[0] in _BOUNCE_SENDERS


def null_return_path(msg: ParsedMessage, context: ClassifyContext) -> bool:
    """Return-Path is `<>` and the message does not declare itself an RFC 3834 auto-reply.

    RFC 3834 responders also send from the null sender, so a null Return-Path with an
    Auto-Submitted header is left to the auto-reply rules.
    """
    return_path = msg.header("return-path")
    is_null = return_path is not None and return_path.strip() == "<>"
    return is_null and msg.header("auto-submitted") is None


def multipart_report(msg: ParsedMessage, context: ClassifyContext) -> bool:
    """The message is a `multipart/report` (RFC 6522) delivery or disposition report."""
    return msg.content_type.lower().startswith("multipart/report")


def delivery_status_part(msg: ParsedMessage, context: ClassifyContext) -> bool:
    """A part is a `message/delivery-status` (RFC 3464) report."""
    return any(part.content_type.lower() in _DELIVERY_STATUS_TYPES for part in msg.attachments)


def auto_submitted(msg: ParsedMessage, context: ClassifyContext) -> bool:
    """`Auto-Submitted` (RFC 3834) has any value other than `no`."""
    value = _header_token(msg, "auto-submitted")
    return value is not None and value not in ("", "no")


def x_autoreply(msg: ParsedMessage, context: ClassifyContext) -> bool:
    """An `X-Autoreply` header is present."""
    return msg.header("x-autoreply") is not None


def x_autorespond(msg: ParsedMessage, context: ClassifyContext) -> bool:
    """An `X-Autorespond` header is present."""
    return msg.header("x-autorespond") is not None


def precedence_auto_reply(msg: ParsedMessage, context: ClassifyContext) -> bool:
    """`Precedence: auto_reply`."""
    return _header_token(msg, "precedence") == "auto_reply"


def exchange_rules_loop(msg: ParsedMessage, context: ClassifyContext) -> bool:
    """Exchange marks messages generated by inbox rules (OOF) with this header."""
    return msg.header("x-ms-exchange-inbox-rules-loop") is not None


def auto_reply_subject(msg: ParsedMessage, context: ClassifyContext) -> bool:
    """The subject starts like an out-of-office reply ("Automatic reply:", "Автоответ")."""
    return _AUTO_REPLY_SUBJECT_RE.match(msg.subject) is not None


def list_id(msg: ParsedMessage, context: ClassifyContext) -> bool:
    """A `List-Id` header (RFC 2919) is present."""
    return msg.header("list-id") is not None


def list_unsubscribe(msg: ParsedMessage, context: ClassifyContext) -> bool:
    """A `List-Unsubscribe` header (RFC 2369) is present."""
    return msg.header("list-unsubscribe") is not None


def precedence_bulk(msg: ParsedMessage, context: ClassifyContext) -> bool:
    """`Precedence` is `bulk`, `list` or `junk`."""
    return _header_token(msg, "precedence") in _BULK_PRECEDENCE


def from_specialist(msg: ParsedMessage, context: ClassifyContext) -> bool:
    """From is one of the specialists' addresses."""
    return _sender(msg) in _lowered(context.specialist_addresses)


RULES: tuple[Rule, ...] = (
    Rule("from-own-address", MessageKind.SELF, from_own_address),
    Rule("own-loop-stamp", MessageKind.SELF, own_loop_stamp),
    Rule("own-message-id", MessageKind.SELF, own_message_id),
    Rule("answers-digest", MessageKind.SELF, answers_digest),
    Rule("from-mailer-daemon", MessageKind.BOUNCE, from_mailer_daemon),
    Rule("null-return-path", MessageKind.BOUNCE, null_return_path),
    Rule("multipart-report", MessageKind.BOUNCE, multipart_report),
    Rule("delivery-status-part", MessageKind.BOUNCE, delivery_status_part),
    Rule("auto-submitted", MessageKind.AUTO_REPLY, auto_submitted),
    Rule("x-autoreply", MessageKind.AUTO_REPLY, x_autoreply),
    Rule("x-autorespond", MessageKind.AUTO_REPLY, x_autorespond),
    Rule("precedence-auto-reply", MessageKind.AUTO_REPLY, precedence_auto_reply),
    Rule("exchange-inbox-rules-loop", MessageKind.AUTO_REPLY, exchange_rules_loop),
    Rule("auto-reply-subject", MessageKind.AUTO_REPLY, auto_reply_subject, decisive=False),
    Rule("list-id", MessageKind.BULK, list_id),
    Rule("list-unsubscribe", MessageKind.BULK, list_unsubscribe),
    Rule("precedence-bulk", MessageKind.BULK, precedence_bulk),
    Rule("from-specialist", MessageKind.SPECIALIST, from_specialist),
)


def classify(
    msg: ParsedMessage, context: ClassifyContext, rules: tuple[Rule, ...] = RULES,
) -> Classification:
    """Run every rule; the kind is that of the first decisive rule that fired, else CUSTOMER."""
    fired = [rule for rule in rules if rule.check(msg, context)]
    kind = next((rule.kind for rule in fired if rule.decisive), MessageKind.CUSTOMER)
    return Classification(kind=kind, rules=tuple(rule.name for rule in fired))


def wants_no_ack(msg: ParsedMessage) -> bool:
    """The sender asked not to be auto-answered: `X-Ack: no`, or Outlook's suppress request."""
    if _header_token(msg, "x-ack") == "no":
        return True
    suppress = msg.header("x-auto-response-suppress") or ""
    requested = {token.strip().lower() for token in suppress.split(",")}
    return bool(requested & {"all", "autoreply"})


_REPLY_RULES = frozenset({"x-autoreply", "x-autorespond", "precedence-auto-reply",
                          "exchange-inbox-rules-loop"})


def is_automatic_reply(msg: ParsedMessage, classification: Classification) -> bool:
    """An answering machine's reply (`Auto-Submitted: auto-replied`, vacation headers), as
    against mail a machine originates (`auto-generated` web forms, notifications). Arriving
    at the claims address, such a reply can only answer mail that named that address, ours."""
    if _header_token(msg, "auto-submitted") == "auto-replied":
        return True
    return bool(_REPLY_RULES & set(classification.rules))
