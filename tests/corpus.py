"""Raw email bytes for tests: realistic claims, replies, automated mail and broken input.

Plain functions with no pytest dependency, shared by unit, IMAP integration and benchmark
tests. Every builder returns the bytes of one message with CRLF line endings. Header
fields are keyword arguments (see `Fields`); defaults are fixed, so the same call gives
the same bytes: pass `message_id=new_message_id(...)` when a test needs distinct messages.
Expected decoded content is exported as constants (RUSSIAN_WORDS, ATTACHMENTS, ...).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import uuid
from collections.abc import Sequence
from email.header import Header
from email.utils import formataddr, getaddresses, parseaddr
from typing import TypedDict, Unpack
from urllib.parse import quote

CLAIMS_ADDRESS = "claims@example.com"
CUSTOMER = "Иван Петров <ivan.petrov@example.ru>"
ENGLISH_CUSTOMER = "John Smith <john.smith@example.org>"
DATE = "Mon, 05 Jan 2026 10:00:00 +0300"

RUSSIAN_SUBJECT = "Претензия по заказу 12345: повреждённый товар"
RUSSIAN_TEXT = (
    "Здравствуйте!\n\n"
    "Вчера получил заказ 12345 от 28.12.2025. Товар повреждён при доставке: "
    "коробка смята, экран телевизора разбит.\n"
    "Прошу заменить товар или вернуть деньги. Фотографии прилагаю.\n\n"
    "С уважением,\nИван Петров\n+7 900 123-45-67\n"
)
# Words a correct decoding of RUSSIAN_TEXT must contain.
RUSSIAN_WORDS = ("Здравствуйте", "повреждён", "заказ 12345", "вернуть деньги", "Иван Петров")
RUSSIAN_CHARSETS = ("utf-8", "windows-1251", "koi8-r", "iso-8859-5")
ENGLISH_SUBJECT = "Damaged item in order 12345"
ENGLISH_TEXT = (
    "Hello,\n\nMy order 12345 arrived yesterday and the item is damaged: the box was "
    "crushed and the screen is cracked.\nPlease replace it or refund me.\n\nBest regards,\n"
    "John Smith\n"
)
HTML_BODY = (
    "<html><head><style>p { color: #333 }</style></head><body>"
    "<p>Добрый день!</p><p>Заказ <b>12345</b> пришёл <i>с браком</i>:<br>"
    "не работает пульт.</p><p>Жду ответа.</p></body></html>"
)
HTML_WORDS = ("Добрый день!", "Заказ 12345 пришёл с браком", "не работает пульт", "Жду ответа.")

PDF_PAYLOAD = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + bytes(range(256)) * 4 + b"\n%%EOF\n"
JPEG_PAYLOAD = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(reversed(range(256))) * 8 + b"\xff\xd9"
XLSX_PAYLOAD = b"PK\x03\x04" + bytes(range(0, 256, 3)) * 5
PNG_PAYLOAD = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(200))
TNEF_PAYLOAD = b"\x78\x9f\x3e\x22\x01\x00" + bytes(range(128)) * 2
# Attachment name (as the customer wrote it) -> payload, as sent by with_attachments().
ATTACHMENTS = {
    "Акт о повреждении №15.pdf": PDF_PAYLOAD,  # RFC 2231, utf-8
    "фото упаковки.jpg": JPEG_PAYLOAD,  # RFC 2047, windows-1251
    "Накладная поставщика.xlsx": XLSX_PAYLOAD,  # RFC 2231 continuations, koi8-r
}
INLINE_CONTENT_ID = "logo.123@shop.example"
AUTO_REPLY_STYLES = ("rfc3834", "precedence", "x-autoreply", "outlook-oof")
MALFORMED_KINDS = ("empty", "garbage", "binary_junk", "headers_only", "truncated_multipart")

_Header = tuple[str, str | bytes]
_DEFAULT_CTE = {
    "utf-8": "base64", "windows-1251": "quoted-printable", "koi8-r": "8bit",
    "iso-8859-5": "base64",
}


class Fields(TypedDict, total=False):
    """Header fields every builder accepts; ids may be given with or without brackets."""

    sender: str
    to: str
    cc: str
    subject: str
    message_id: str
    in_reply_to: str
    references: Sequence[str]
    date: str
    extra_headers: Sequence[tuple[str, str]]


def new_message_id(prefix: str = "test") -> str:
    """A unique Message-ID without angle brackets."""
    return f"{prefix}.{uuid.uuid4().hex}@customer.example"


def russian(charset: str = "utf-8", cte: str | None = None, **fields: Unpack[Fields]) -> bytes:
    """A Russian claim (damaged TV, order 12345) in `charset`, subject and name encoded too."""
    fields = {"subject": RUSSIAN_SUBJECT, "message_id": f"russian.{charset}@example.ru", **fields}
    body = _encode(RUSSIAN_TEXT.encode(charset), cte or _DEFAULT_CTE[charset])
    return _message(_headers(fields, charset) + _text_type("plain", charset, cte), body)


def english(**fields: Unpack[Fields]) -> bytes:
    """An English claim about a damaged item in order 12345."""
    fields = {"sender": ENGLISH_CUSTOMER, "subject": ENGLISH_SUBJECT,
              "message_id": "english@example.org", **fields}
    headers = _headers(fields) + _text_type("plain", "us-ascii", "7bit")
    return _message(headers, _encode(ENGLISH_TEXT.encode(), "7bit"))


def with_attachments(**fields: Unpack[Fields]) -> bytes:
    """A Russian claim with the three ATTACHMENTS, names encoded three different ways."""
    pdf, jpeg, xlsx = ATTACHMENTS
    parts = [
        _part(_text_type("plain", "utf-8", "base64"), _encode(RUSSIAN_TEXT.encode(), "base64")),
        _attachment("application/pdf", f"filename*=utf-8''{quote(pdf)}", PDF_PAYLOAD),
        _attachment("image/jpeg", _rfc2047_param("filename", jpeg), JPEG_PAYLOAD),
        _attachment("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    _rfc2231_continued("filename", xlsx, "koi8-r"), XLSX_PAYLOAD),
    ]
    fields = {"subject": RUSSIAN_SUBJECT, "message_id": "attachments@example.ru", **fields}
    return _multipart("mixed", _headers(fields), parts)


def html_only(**fields: Unpack[Fields]) -> bytes:
    """A claim whose only body is HTML (HTML_BODY), quoted-printable utf-8."""
    fields = {"subject": "Брак", "message_id": "html-only@example.ru", **fields}
    headers = _headers(fields) + _text_type("html", "utf-8", "quoted-printable")
    return _message(headers, _encode(HTML_BODY.encode(), "quoted-printable"))


def reply(to_message_id: str, **fields: Unpack[Fields]) -> bytes:
    """A customer's follow-up answering `to_message_id` (appended to `references`)."""
    refs = [*fields.get("references", ()), to_message_id]
    fields = {"subject": f"Re: {RUSSIAN_SUBJECT}", "in_reply_to": to_message_id,
              "message_id": "reply@example.ru", **fields, "references": refs}
    text = "Добавляю номер чека: 987654.\n\n> Ваша претензия зарегистрирована.\n"
    return _message(_headers(fields) + _text_type("plain", "utf-8", "8bit"),
                    _encode(text.encode(), "8bit"))


def auto_reply(style: str = "rfc3834", **fields: Unpack[Fields]) -> bytes:
    """An out-of-office answer marked the way `style` (one of AUTO_REPLY_STYLES) marks it."""
    marks: dict[str, tuple[str, list[tuple[str, str]]]] = {
        "rfc3834": ("Автоответ: ", [("Auto-Submitted", "auto-replied")]),
        "precedence": ("Out of office: ", [("Precedence", "auto_reply")]),
        "x-autoreply": ("Re: ", [("X-Autoreply", "yes"), ("X-Autorespond", "yes")]),
        "outlook-oof": ("Automatic reply: ", [("X-Auto-Response-Suppress", "All"),
                                              ("X-MS-Exchange-Organization-AutoReply", "OOF")]),
    }
    prefix, extra = marks[style]
    fields = {"subject": prefix + RUSSIAN_SUBJECT, "message_id": f"auto.{style}@example.ru",
              "extra_headers": extra, **fields}
    text = "Я в отпуске до 15 января и отвечу после возвращения.\n"
    return _message(_headers(fields) + _text_type("plain", "utf-8", "8bit"),
                    _encode(text.encode(), "8bit"))


def bounce(original_message_id: str, **fields: Unpack[Fields]) -> bytes:
    """A delivery-status report (multipart/report) from MAILER-DAEMON about our message."""
    original = original_message_id.strip("<>")
    status = (b"Reporting-MTA: dns; mx.example.ru\r\n\r\n"
              b"Final-Recipient: rfc822; nobody@example.ru\r\nAction: failed\r\n"
              b"Status: 5.1.1\r\nDiagnostic-Code: smtp; 550 5.1.1 User unknown\r\n")
    headers = (f"From: {CLAIMS_ADDRESS}\r\nTo: nobody@example.ru\r\n"
               f"Subject: Claim registered\r\nMessage-ID: <{original}>\r\n")
    parts = [
        _part(_text_type("plain", "us-ascii", "7bit"),
              b"Your message could not be delivered to nobody@example.ru.\r\n"),
        _part([("Content-Type", "message/delivery-status")], status),
        _part([("Content-Type", "text/rfc822-headers")], headers.encode()),
    ]
    fields = {"sender": "Mail Delivery System <MAILER-DAEMON@mx.example.ru>",
              "to": CLAIMS_ADDRESS, "subject": "Undelivered Mail Returned to Sender",
              "message_id": f"bounce.{original}", "extra_headers": [
                  ("Return-Path", "<>"), ("Auto-Submitted", "auto-replied")], **fields}
    return _multipart("report", _headers(fields), parts,
                      params="; report-type=delivery-status")


def list_mail(**fields: Unpack[Fields]) -> bytes:
    """A newsletter from a mailing list (List-Id, Precedence: list, List-Unsubscribe)."""
    fields = {"sender": "Shop News <news@shop.example>", "subject": "Скидки недели",
              "message_id": "list@shop.example", "extra_headers": [
                  ("List-Id", "Shop news <news.shop.example>"), ("Precedence", "list"),
                  ("List-Unsubscribe", "<mailto:unsubscribe@shop.example>")], **fields}
    text = "Только на этой неделе скидки до 50%.\n"
    return _message(_headers(fields) + _text_type("plain", "utf-8", "8bit"),
                    _encode(text.encode(), "8bit"))


def undeclared_charset_cp1251(**fields: Unpack[Fields]) -> bytes:
    """windows-1251 body with no charset and raw 8-bit (unencoded) Subject and From name."""
    subject = fields.pop("subject", RUSSIAN_SUBJECT)
    name, address = parseaddr(fields.pop("sender", CUSTOMER))
    fields = {"message_id": "undeclared@example.ru", **fields}
    raw_headers: list[_Header] = [("From", f"{name} <{address}>".encode("cp1251")),
                                  ("Subject", subject.encode("cp1251"))]
    headers = raw_headers + _headers(fields, skip=("from", "subject"))
    headers += [("MIME-Version", "1.0"), ("Content-Type", "text/plain"),
                ("Content-Transfer-Encoding", "8bit")]
    return _message(headers, _encode(RUSSIAN_TEXT.encode("cp1251"), "8bit"))


def mislabelled_charset(declared: str = "utf-8", **fields: Unpack[Fields]) -> bytes:
    """windows-1251 bytes in a part labelled `declared` (utf-8, us-ascii, iso-8859-1...)."""
    fields = {"message_id": f"mislabelled.{declared}@example.ru", **fields}
    headers = _headers(fields) + _text_type("plain", declared, "8bit")
    return _message(headers, _encode(RUSSIAN_TEXT.encode("cp1251"), "8bit"))


def forwarded_message(inner: bytes | None = None, **fields: Unpack[Fields]) -> bytes:
    """A message forwarding `inner` (default: russian()) as a message/rfc822 attachment."""
    inner = russian() if inner is None else inner
    parts = [
        _part(_text_type("plain", "utf-8", "8bit"), "Пересылаю претензию клиента.\r\n".encode()),
        _part([("Content-Type", "message/rfc822"), ("Content-Disposition", "attachment")],
              inner),
    ]
    fields = {"subject": f"Fwd: {RUSSIAN_SUBJECT}", "message_id": "forward@example.ru", **fields}
    return _multipart("mixed", _headers(fields), parts)


def tnef(**fields: Unpack[Fields]) -> bytes:
    """An Outlook message carrying its content in winmail.dat (application/ms-tnef)."""
    parts = [
        _part(_text_type("plain", "utf-8", "8bit"), RUSSIAN_TEXT.encode()),
        _attachment("application/ms-tnef", 'filename="winmail.dat"', TNEF_PAYLOAD),
    ]
    fields = {"subject": RUSSIAN_SUBJECT, "message_id": "tnef@example.ru", **fields}
    return _multipart("mixed", _headers(fields), parts)


def inline_image(**fields: Unpack[Fields]) -> bytes:
    """multipart/related: text and HTML alternatives, the HTML showing a cid: PNG."""
    html = f'<p>Фото повреждения:</p><img src="cid:{INLINE_CONTENT_ID}">'
    alternative = _multipart_body("alt-boundary", [
        _part(_text_type("plain", "utf-8", "8bit"), "Фото повреждения во вложении.\r\n".encode()),
        _part(_text_type("html", "utf-8", "8bit"), html.encode()),
    ])
    image = _part([("Content-Type", 'image/png; name="photo.png"'),
                   ("Content-Transfer-Encoding", "base64"),
                   ("Content-ID", f"<{INLINE_CONTENT_ID}>"),
                   ("Content-Disposition", 'inline; filename="photo.png"')],
                  _encode(PNG_PAYLOAD, "base64"))
    parts = [_part([("Content-Type", 'multipart/alternative; boundary="alt-boundary"')],
                   alternative), image]
    fields = {"subject": "Фото", "message_id": "inline@example.ru", **fields}
    return _multipart("related", _headers(fields), parts)


def nested(depth: int, **fields: Unpack[Fields]) -> bytes:
    """A text part wrapped in `depth` levels of multipart/mixed."""
    content_type, body = "text/plain; charset=us-ascii", b"deep\r\n"
    for level in range(depth, 0, -1):
        boundary = f"level-{level}"
        body = _multipart_body(boundary, [_part([("Content-Type", content_type)], body)])
        content_type = f'multipart/mixed; boundary="{boundary}"'
    fields = {"subject": "nested", "message_id": f"nested.{depth}@example.org", **fields}
    return _message([*_headers(fields), ("MIME-Version", "1.0"), ("Content-Type", content_type)],
                    body)


def many_attachments(count: int, **fields: Unpack[Fields]) -> bytes:
    """A message with `count` small PDF attachments named doc-N.pdf."""
    parts = [_part(_text_type("plain", "us-ascii", "7bit"), b"see attached\r\n")]
    parts += [_attachment("application/pdf", f'filename="doc-{n}.pdf"', PDF_PAYLOAD[:64])
              for n in range(1, count + 1)]
    fields = {"subject": "documents", "message_id": f"many.{count}@example.org", **fields}
    return _multipart("mixed", _headers(fields), parts)


def malformed(kind: str) -> bytes:
    """Broken input named by `kind` (one of MALFORMED_KINDS)."""
    headers = _headers({"message_id": f"malformed.{kind}@example.ru"})
    if kind == "empty":
        return b""
    if kind == "garbage":
        return b"this is not an email at all\r\njust some words\r\n"
    if kind == "binary_junk":
        return bytes((n * 97 + 13) % 256 for n in range(2048))
    if kind == "headers_only":
        return _message(headers, b"").rstrip(b"\r\n") + b"\r\n"
    if kind == "truncated_multipart":
        full = _multipart("mixed", headers, [
            _part(_text_type("plain", "utf-8", "8bit"), RUSSIAN_TEXT.encode()),
            _attachment("application/pdf", 'filename="act.pdf"', PDF_PAYLOAD)])
        return full[: full.rstrip().rindex(b"\r\n") + 2]  # drop the closing boundary
    raise ValueError(f"unknown malformed kind {kind!r}; choose from {MALFORMED_KINDS}")


def _headers(fields: Fields, charset: str = "utf-8", skip: Sequence[str] = ()) -> list[_Header]:
    """The sender's header lines for `fields`, names RFC 2047-encoded in `charset`."""
    values: list[tuple[str, str | None]] = [
        ("From", _address(fields.get("sender", CUSTOMER), charset)),
        ("To", _address(fields.get("to", CLAIMS_ADDRESS), charset)),
        ("Cc", _address(fields["cc"], charset) if "cc" in fields else None),
        ("Subject", _encoded_word(fields.get("subject", "Claim"), charset)),
        ("Date", fields.get("date", DATE)),
        ("Message-ID", _bracketed(fields.get("message_id", "default@example.ru"))),
        ("In-Reply-To", _bracketed(fields["in_reply_to"]) if "in_reply_to" in fields else None),
        ("References", " ".join(map(_bracketed, fields.get("references", ()))) or None),
    ]
    lines: list[_Header] = [(k, v) for k, v in values if v is not None and k.lower() not in skip]
    return lines + list(fields.get("extra_headers", ()))


def _address(value: str, charset: str) -> str:
    return ", ".join(formataddr(pair, charset) for pair in getaddresses([value]))


def _encoded_word(text: str, charset: str) -> str:
    return text if text.isascii() else Header(text, charset).encode(linesep="\r\n")


def _bracketed(message_id: str) -> str:
    return f"<{message_id.strip('<>')}>"


def _text_type(subtype: str, charset: str, cte: str | None) -> list[_Header]:
    encoding = cte or _DEFAULT_CTE.get(charset, "8bit")
    return [("MIME-Version", "1.0"), ("Content-Type", f"text/{subtype}; charset={charset}"),
            ("Content-Transfer-Encoding", encoding)]


def _attachment(content_type: str, filename_param: str, payload: bytes) -> bytes:
    headers: list[_Header] = [("Content-Type", content_type),
                              ("Content-Transfer-Encoding", "base64"),
                              ("Content-Disposition", f"attachment; {filename_param}")]
    return _part(headers, _encode(payload, "base64"))


def _rfc2047_param(name: str, value: str) -> str:
    return f'{name}="{Header(value, "windows-1251").encode()}"'


def _rfc2231_continued(name: str, value: str, charset: str) -> str:
    encoded = quote(value.encode(charset))
    pieces = [encoded[i:i + 30] for i in range(0, len(encoded), 30)]
    return ";\r\n ".join(f"{name}*{n}*={charset}''{p}" if n == 0 else f"{name}*{n}*={p}"
                         for n, p in enumerate(pieces))


def _encode(data: bytes, cte: str) -> bytes:
    """`data` in a transfer encoding, with CRLF line endings."""
    if cte == "base64":
        encoded = base64.encodebytes(data)
    elif cte == "quoted-printable":
        encoded = binascii.b2a_qp(data.replace(b"\r\n", b"\n"))
    else:
        encoded = data
    return encoded.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")


def _part(headers: Sequence[_Header], body: bytes) -> bytes:
    return b"".join(_header_line(h) for h in headers) + b"\r\n" + body


def _multipart(subtype: str, headers: list[_Header], parts: Sequence[bytes],
               params: str = "") -> bytes:
    # Derived from the content, so an attached multipart never shares its parent's boundary.
    boundary = f"{subtype}-{hashlib.sha256(b''.join(parts)).hexdigest()[:16]}"
    content_type = f'multipart/{subtype}; boundary="{boundary}"{params}'
    headers = [*headers, ("MIME-Version", "1.0"), ("Content-Type", content_type)]
    return _message(headers, _multipart_body(boundary, parts))


def _multipart_body(boundary: str, parts: Sequence[bytes]) -> bytes:
    marker = f"--{boundary}".encode()
    body = b"This is a multi-part message in MIME format.\r\n"
    for part in parts:
        body += marker + b"\r\n" + part + b"\r\n"
    return body + marker + b"--\r\n"


def _message(headers: Sequence[_Header], body: bytes) -> bytes:
    return _part(headers, body)


def _header_line(header: _Header) -> bytes:
    name, value = header
    data = value if isinstance(value, bytes) else value.encode()
    return name.encode() + b": " + data + b"\r\n"
