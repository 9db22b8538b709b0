"""Turn an OutgoingMail into MIME bytes ready for any transport.

Header injection is impossible by construction: every header value has control and
line-break characters replaced by spaces before the email library sees it, header
names are checked against RFC 5322, and addresses must be plain `local@domain`
(the domain may be Unicode and is sent as IDNA; a UTF-8 local part makes the headers UTF-8,
RFC 6532, and the transport needs SMTPUTF8). An address or header that cannot
be made safe raises SendRejected: retrying would never help, so the outbox parks it.

Bodies are 7-bit clean (quoted-printable or base64), so no relay needs 8BITMIME;
non-ASCII headers are RFC 2047 encoded by the policy.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import datetime
from email.header import Header
from email.headerregistry import Address as HeaderAddress
from email.message import EmailMessage
from email.policy import Policy

from mailflow.domain.addresses import has_utf8_local_part, split_address
from mailflow.domain.model import Address, AttachmentPart, OutgoingMail
from mailflow.errors import SendRejected
from mailflow.send.policy import SMTP_7BIT, SMTP_7BIT_UTF8, as_bytes

POLICY = SMTP_7BIT
POLICY_UTF8 = SMTP_7BIT_UTF8
_HEADER_NAME_RE = re.compile(r"^[!-9;-~]+$")  # printable ASCII except ':' (RFC 5322 ftext)
_MIME_TOKEN_RE = re.compile(r"^[a-z0-9][a-z0-9!#$&^_.+-]*$")
_MAX_REFERENCES = 20
# The characters of Unicode categories Cc, Zl and Zp (controls, line and paragraph separators).
_LINE_BREAKING_RE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_INERT_ENCODED_WORD_START = "=\u2060?"
_STRUCTURAL_HEADERS = frozenset({
    "from", "sender", "to", "cc", "bcc", "subject", "date", "message-id", "in-reply-to",
    "references", "mime-version", "content-type", "content-transfer-encoding",
    "content-disposition",
})


def clean_header_value(value: str) -> str:
    """The value with control and line-separator characters as spaces, whitespace collapsed.

    The email package decodes RFC 2047 encoded words inside any value it is handed, so
    literal text "=?utf-8?b?DQpCY2M6...?=" (a customer's subject or name) would be written
    out as a line break and a new header (CVE-2024-6923). A word joiner after "=" keeps
    such text literal, and the reader sees the same characters.
    """
    spaced = _LINE_BREAKING_RE.sub(" ", value)
    return " ".join(spaced.split()).replace("=?", _INERT_ENCODED_WORD_START)


def checked_address(email: str) -> str:
    """The address as sent on the wire (IDNA domain); SendRejected when it is unsafe."""
    parts = split_address(email)
    if parts is None:
        raise SendRejected(f"invalid email address {email!r}")
    return f"{parts[0]}@{parts[1]}"


def _header_address(address: Address) -> HeaderAddress:
    local, _, domain = checked_address(address.email).partition("@")
    return HeaderAddress(display_name=clean_header_value(address.name), username=local,
                         domain=domain)


def _safe_id(message_id: str) -> str | None:
    """`<id>` when the id can be written safely, else None."""
    bare = clean_header_value(message_id).strip("<>")
    unsafe = not bare or not bare.isascii() or any(ch in bare for ch in " <>")
    return None if unsafe else f"<{bare}>"


def _angle_id(message_id: str) -> str:
    safe = _safe_id(message_id)
    if safe is None:
        raise SendRejected(f"invalid Message-ID {message_id!r}")
    return safe


def _thread_ids(ids: Iterable[str]) -> list[str]:
    """Ids taken from other people's mail: unsafe ones dropped, long chains trimmed.

    They are only threading hints, so a malformed one must not stop the mail; like
    common mail clients we keep the first id and the newest ones (RFC 5322 3.6.4).
    """
    safe = _unique(value for value in map(_safe_id, ids) if value is not None)
    return safe if len(safe) <= _MAX_REFERENCES else [safe[0], *safe[1 - _MAX_REFERENCES:]]


def _set_extra_header(message: EmailMessage, name: str, value: str) -> None:
    if not _HEADER_NAME_RE.match(name) or name.lower() in _STRUCTURAL_HEADERS:
        raise SendRejected(f"header {name!r} may not be set as an extra header")
    message[name] = clean_header_value(value)


def _set_headers(message: EmailMessage, mail: OutgoingMail, date: datetime) -> None:
    message["From"] = _header_address(mail.sender)
    message["To"] = tuple(_header_address(address) for address in mail.to)
    if mail.reply_to is not None:
        message["Reply-To"] = _header_address(mail.reply_to)
    _set_subject(message, clean_header_value(mail.subject))
    message["Date"] = date
    message["Message-ID"] = _angle_id(mail.message_id)
    in_reply_to = _thread_ids((mail.in_reply_to,) if mail.in_reply_to else ())
    if in_reply_to:
        message["In-Reply-To"] = in_reply_to[0]
    references = _thread_ids(mail.references)
    if references:
        message["References"] = " ".join(references)
    for name, value in mail.headers:
        _set_extra_header(message, name, value)


def _set_subject(message: EmailMessage, subject: str) -> None:
    """CPython 3.11 folding drops the space between encoded words (python/cpython#92081),
    so a long non-ASCII subject is encoded by the older, correct `email.header` API."""
    if subject.isascii():
        message["Subject"] = subject
    else:
        message.set_raw("Subject", Header(subject, "utf-8", header_name="Subject").encode())


def _mime_type(content_type: str) -> tuple[str, str]:
    maintype, _, subtype = content_type.strip().lower().partition("/")
    tokens_valid = _MIME_TOKEN_RE.match(maintype) and _MIME_TOKEN_RE.match(subtype)
    if tokens_valid and maintype != "multipart":
        return maintype, subtype
    return "application", "octet-stream"


def _attach(message: EmailMessage, part: AttachmentPart) -> None:
    maintype, subtype = _mime_type(part.content_type)
    cid = f"<{clean_header_value(part.content_id).strip('<>')}>" if part.content_id else None
    message.add_attachment(
        part.payload, maintype=maintype, subtype=subtype,
        filename=clean_header_value(part.filename) or "attachment",
        disposition="inline" if part.inline else "attachment", cid=cid,
    )


def compose(mail: OutgoingMail, date: datetime,
            related: Sequence[AttachmentPart] = ()) -> bytes:
    """The RFC 5322 bytes of `mail`: text (+ HTML alternative) and attachments, dated `date`.
    `related` parts (images the HTML shows by `cid:`) go into a multipart/related with the
    HTML, where mail clients look for them."""
    if not mail.to:
        raise SendRejected(f"message {mail.message_id!r} has no recipients")
    message = EmailMessage(policy=_policy_for(mail))
    _set_headers(message, mail, date)
    message.set_content(mail.text)
    if mail.html is not None:
        message.add_alternative(mail.html, subtype="html")
        _add_related(message, related)
    for part in mail.attachments:
        _attach(message, part)
    return as_bytes(message)


def _add_related(message: EmailMessage, parts: Sequence[AttachmentPart]) -> None:
    html = message.get_body(("html",))
    for part in parts:
        assert isinstance(html, EmailMessage)
        assert part.content_id
        maintype, subtype = _mime_type(part.content_type)
        html.add_related(part.payload, maintype=maintype, subtype=subtype,
                         cid=f"<{clean_header_value(part.content_id).strip('<>')}>",
                         filename=clean_header_value(part.filename), disposition="inline")


def _policy_for(mail: OutgoingMail) -> Policy:
    """7-bit headers, unless an address has a UTF-8 local part: then RFC 6532 UTF-8 headers
    (an encoded word is not allowed inside an address)."""
    addresses = (mail.sender, *mail.to, *((mail.reply_to,) if mail.reply_to else ()))
    return POLICY_UTF8 if any(has_utf8_local_part(a.email) for a in addresses) else POLICY


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))


def envelope_recipients(mail: OutgoingMail) -> list[str]:
    """The RCPT TO addresses: every To address, checked, IDNA-encoded, without repeats."""
    return _unique(checked_address(address.email) for address in mail.to)
