"""The customer's upload as pure code: its kind read from its content, and the email it becomes."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default as default_policy

import pytest

from mailflow.domain.model import Address
from mailflow.parse import sniff as kinds
from mailflow.parse.sniff import sniff
from mailflow.web.upload import Letter, UploadedFile, compose_letter, nonce_time, safe_filename

NOW = datetime(2026, 12, 3, 12, 0, tzinfo=UTC)


def _zip(*names: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")
    return buffer.getvalue()


@pytest.mark.parametrize(("content", "kind"), [
    (b"\xff\xd8\xff\xe0\x00\x10JFIF", kinds.JPEG),
    (b"\x89PNG\r\n\x1a\n\x00\x00", kinds.PNG),
    (b"GIF89a\x01\x00", kinds.GIF),
    (b"RIFF\x10\x00\x00\x00WEBPVP8 ", kinds.WEBP),
    (b"\x00\x00\x00\x18ftypheic\x00\x00", kinds.HEIC),
    (b"%PDF-1.7\n", kinds.PDF),
    (_zip("[Content_Types].xml", "word/document.xml"), kinds.DOCX),
    (_zip("[Content_Types].xml", "xl/workbook.xml"), kinds.XLSX),
    ("Номер заказа 12345\r\n".encode(), kinds.TEXT),
    (b"MZ\x90\x00\x03", None),  # a Windows program
    (b"#!/bin/sh\x00rm", None),  # a NUL is no text
    (_zip("[Content_Types].xml", "ppt/presentation.xml"), None),
    (b"PK\x03\x04 broken", None),
    (b"\xd0\xcf\x11\xe0", None),  # an old binary office file
    (b"", None),
])
def test_kinds_are_read_from_the_content(content: bytes, kind: str | None) -> None:
    """Each allowed kind is recognised by its first bytes; anything else is None."""
    assert sniff(content) == kind


def test_nonce_is_the_time_the_form_was_shown() -> None:
    """A well-formed nonce gives its time (never later than now); anything else is None."""
    shown = datetime(2026, 12, 3, 11, 59, tzinfo=UTC)
    assert nonce_time(f"{int(shown.timestamp())}.{'a' * 24}", NOW) == shown
    assert nonce_time(f"{int(NOW.timestamp()) + 999}.{'b' * 24}", NOW) == NOW
    for bad in ("", "12.xyz", "1.2", None, f"{int(NOW.timestamp())}.{'a' * 25}"):
        assert nonce_time(bad, NOW) is None


def test_file_names_lose_their_directories() -> None:
    """Path separators of any system are cut off; an empty name gets a numbered one."""
    assert safe_filename("../../etc/passwd", 1) == "passwd"
    assert safe_filename("C:\\Users\\a\\скан.pdf", 2) == "скан.pdf"
    assert safe_filename("", 3) == "file-3"


def test_the_letter_is_the_customers_reply_and_the_same_bytes_every_time() -> None:
    """From the customer To the claims address, answering our last mail with the claim token
    in the subject, the files attached; composing the same form twice gives the same bytes."""
    letter = Letter(customer=Address("ivan@mail.example", "Иван\r\nBcc: x@evil.example"),
                    claims=Address("claims@shop.example", "Shop"), number="CLM-2026-000001",
                    subject="Re: Ваза", text="Фото\r\nкоробки", files=(
                        UploadedFile("ваза.png", kinds.PNG, b"\x89PNG\r\n\x1a\n1"),),
                    message_id="web.abc@shop.example", written_at=NOW,
                    thread=("first@shop.example", "last@shop.example"))
    raw = compose_letter(letter)
    assert compose_letter(letter) == raw
    message = message_from_bytes(raw, policy=default_policy)
    assert isinstance(message, EmailMessage)
    assert message["From"].addresses[0].addr_spec == "ivan@mail.example"
    assert "Bcc" not in message
    assert message["To"].addresses[0].addr_spec == "claims@shop.example"
    assert message["Subject"] == "[CLM-2026-000001] Re: Ваза"
    assert message["In-Reply-To"] == "<last@shop.example>"
    assert message["References"] == "<first@shop.example> <last@shop.example>"
    assert message["Message-ID"] == "<web.abc@shop.example>"
    [photo] = list(message.iter_attachments())
    assert photo.get_filename() == "ваза.png"
    assert photo.get_content_type() == kinds.PNG
    body = message.get_body(("plain",))
    assert body is not None
    assert body.get_content().replace("\r\n", "\n") == "Фото\nкоробки\n"


@pytest.mark.parametrize("email", ["иван@пример.рф", "ivan@пример.рф", "ivan@mail.example"])
def test_a_letter_from_any_customer_address_reads_back_as_theirs(email: str) -> None:
    """A customer whose address has a non-ASCII local part or domain (mail accepted from them
    before) can upload too: the letter is SMTPUTF8 where it must be, and reads back from them."""
    from mailflow.parse.limits import Limits
    from mailflow.parse.parser import parse_message

    letter = Letter(customer=Address(email, "Иван"), claims=Address("claims@shop.example", "Shop"),
                    number="CLM-2026-000001", subject="Дополнение", text="Фото", files=(),
                    message_id="web.idn@shop.example", written_at=NOW, thread=())
    parsed = parse_message(compose_letter(letter), Limits())
    assert parsed.from_ is not None
    assert parsed.from_.email == email


def test_an_encoded_word_in_the_customers_name_injects_no_header() -> None:
    """A display name that is literally "=?utf-8?b?…?=" (decoding to a line break and Bcc:)
    stays text: no Bcc header, and the letter still reads as from the customer."""
    from mailflow.parse.limits import Limits
    from mailflow.parse.parser import parse_message

    hostile = "=?utf-8?b?DQpCY2M6IHhAZXZpbC5leGFtcGxl?="  # "\r\nBcc: x@evil.example"
    letter = Letter(customer=Address("ivan@mail.example", hostile),
                    claims=Address("claims@shop.example", "Shop"), number="CLM-2026-000001",
                    subject="Дополнение", text="Фото", files=(),
                    message_id="web.enc@shop.example", written_at=NOW, thread=())
    raw = compose_letter(letter)
    message = message_from_bytes(raw, policy=default_policy)
    assert "Bcc" not in message
    parsed = parse_message(raw, Limits())
    assert parsed.from_ is not None
    assert parsed.from_.email == "ivan@mail.example"
