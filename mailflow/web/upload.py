"""The customer's upload as the email it stands for: From the customer To the claims address,
threaded under our last mail to them, the `[CLM-…]` token in the subject, the text and the
files as attachments. The pipeline then stores and threads it like any letter."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email.headerregistry import Address as HeaderAddress
from email.message import EmailMessage
from email.policy import SMTP, SMTPUTF8
from email.utils import format_datetime

from mailflow.domain.claims import subject_with_token
from mailflow.domain.model import Address
from mailflow.parse.filenames import sanitize_filename
from mailflow.send.compose import clean_header_value

_NONCE = re.compile(r"^([0-9]{1,12})\.([0-9a-f]{24})$")


@dataclass(frozen=True)
class UploadedFile:
    """One file of the form, its type sniffed from its content."""

    filename: str
    content_type: str
    data: bytes


@dataclass(frozen=True)
class Letter:
    """What the customer sent through the page, addressed as their email would be."""

    customer: Address
    claims: Address
    number: str
    subject: str
    text: str
    files: tuple[UploadedFile, ...]
    message_id: str
    written_at: datetime
    thread: tuple[str, ...]  # our mail to the customer, oldest first; answers the last


def new_nonce(now: datetime) -> str:
    """A per-form nonce: the time the form was shown and 96 random bits."""
    return f"{int(now.timestamp())}.{secrets.token_hex(12)}"


def nonce_time(nonce: object, now: datetime) -> datetime | None:
    """When the form carrying `nonce` was shown (never later than `now`); None if malformed."""
    found = _NONCE.match(nonce) if isinstance(nonce, str) else None
    if found is None:
        return None
    return min(datetime.fromtimestamp(int(found.group(1)), UTC), now)


def upload_message_id(secret: bytes, token: str, nonce: str, domain: str) -> str:
    """The Message-ID (without angle brackets, as stored) of one form: a resubmitted form
    names the same message."""
    digest = hmac.new(secret, f"web-upload\0{token}\0{nonce}".encode(),
                      hashlib.sha256).hexdigest()[:32]
    return f"web.{digest}@{domain}"


def safe_filename(name: str | None, index: int) -> str:
    """The browser's file name without directories or control characters."""
    return sanitize_filename(name, f"file-{index}")


def compose_letter(letter: Letter) -> bytes:
    """The RFC 5322 bytes of `letter`, the same bytes for the same form (its boundary too)."""
    # An address with a non-ASCII local part (иван@пример.рф) exists only in SMTPUTF8 mail.
    ascii_only = letter.customer.email.isascii() and letter.claims.email.isascii()
    message = EmailMessage(policy=SMTP if ascii_only else SMTPUTF8)
    message["From"] = _header_address(letter.customer)
    message["To"] = _header_address(letter.claims)
    message["Subject"] = subject_with_token(clean_header_value(letter.subject), letter.number)
    message["Date"] = format_datetime(letter.written_at.astimezone(UTC))
    message["Message-ID"] = f"<{letter.message_id}>"
    if letter.thread:
        message["In-Reply-To"] = f"<{letter.thread[-1]}>"
        message["References"] = " ".join(f"<{mid}>" for mid in _trimmed(letter.thread))
    message.set_content(_normalised(letter.text))
    for upload in letter.files:
        maintype, _, subtype = upload.content_type.partition("/")
        message.add_attachment(upload.data, maintype=maintype, subtype=subtype,
                               filename=upload.filename)
    if letter.files:
        message.set_boundary(f"mf-{letter.message_id.split('@')[0]}")
    return message.as_bytes()


def _trimmed(thread: tuple[str, ...], most: int = 10) -> tuple[str, ...]:
    """The thread's first message and its latest ones, as mail clients keep References."""
    return thread if len(thread) <= most else thread[:1] + thread[1 - most:]


def _header_address(address: Address) -> HeaderAddress:
    local, _, domain = address.email.rpartition("@")  # not parsed: a UTF-8 local part is valid
    return HeaderAddress(display_name=clean_header_value(address.name), username=local,
                         domain=domain)



def _normalised(text: str) -> str:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip("\n") + "\n"


def total_size(files: Sequence[UploadedFile]) -> int:
    return sum(len(upload.data) for upload in files)
