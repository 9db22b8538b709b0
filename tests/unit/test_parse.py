"""The parse stage over the test corpus: charsets, headers, bodies, attachments, hashes."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mailflow.errors import MessageRejected
from mailflow.parse.charset import decode_text
from mailflow.parse.headers import decode_header_value
from mailflow.parse.parser import MAX_ATTACHMENTS, MAX_DEPTH, parse_message
from tests import corpus

RUSSIAN = "Здравствуйте, товар повреждён"


@pytest.mark.parametrize("charset", corpus.RUSSIAN_CHARSETS)
def test_russian_body_and_headers_decode_in_every_charset(charset: str) -> None:
    """A Russian claim reads correctly whatever Cyrillic charset it was sent in."""
    msg = parse_message(corpus.russian(charset))
    assert all(word in msg.text for word in corpus.RUSSIAN_WORDS)
    assert msg.subject == corpus.RUSSIAN_SUBJECT
    assert msg.from_ is not None
    assert msg.from_.name == "Иван Петров"
    assert msg.language == "ru"


@pytest.mark.parametrize("cte", ["8bit", "base64", "quoted-printable"])
def test_transfer_encodings_do_not_change_the_text(cte: str) -> None:
    """The same cp1251 text decodes identically from 8bit, base64 and quoted-printable."""
    msg = parse_message(corpus.russian("windows-1251", cte=cte))
    assert msg.text == corpus.RUSSIAN_TEXT


def test_undeclared_charset_and_raw_8bit_headers_are_detected() -> None:
    """cp1251 bytes with no charset anywhere, even in the headers, come out as Russian."""
    msg = parse_message(corpus.undeclared_charset_cp1251())
    assert msg.text == corpus.RUSSIAN_TEXT
    assert msg.subject == corpus.RUSSIAN_SUBJECT
    assert msg.from_ is not None
    assert msg.from_.name == "Иван Петров"


@pytest.mark.parametrize("declared", ["utf-8", "us-ascii", "iso-8859-1", "koi8-r"])
def test_mislabelled_charset_is_detected_not_replaced(declared: str) -> None:
    """cp1251 bytes labelled with another charset are detected, never turned into U+FFFD."""
    msg = parse_message(corpus.mislabelled_charset(declared))
    assert msg.text == corpus.RUSSIAN_TEXT
    assert "\ufffd" not in msg.text


@pytest.mark.parametrize("codec", ["cp1251", "koi8-r", "iso8859-5", "utf-8"])
def test_decode_text_detects_each_cyrillic_codec_without_a_label(codec: str) -> None:
    """Unlabelled Cyrillic bytes decode back to the original text for each common codec."""
    assert decode_text(RUSSIAN.encode(codec), None) == RUSSIAN


def test_decode_text_keeps_a_correct_western_label() -> None:
    """Latin-1 French text labelled iso-8859-1 is not mistaken for Cyrillic."""
    text = "Le colis est arrivé endommagé, merci à vous"
    assert decode_text(text.encode("latin-1"), "iso-8859-1") == text
    assert decode_text(text.encode("latin-1"), None) == text


@pytest.mark.parametrize(("raw", "expected"), [
    ("=?koi8-r?B?8NLF1MXO2snR?=", "Претензия"),
    ("=?windows-1251?Q?=CF=F0=E5=F2=E5=ED=E7=E8=FF?= 12345", "Претензия 12345"),
    ("=?utf-8?B?0J/R?= =?utf-8?B?gNC4?=", "При"),  # a character split across two words
    ("=?utf-8?Q?a?=\r\n =?utf-8?Q?b?=", "ab"),
    ("plain ascii", "plain ascii"),
])
def test_rfc2047_header_values_decode(raw: str, expected: str) -> None:
    """Encoded words in any Cyrillic charset decode, adjacent words joining without spaces."""
    assert decode_header_value(raw) == expected


def test_attachments_keep_exact_names_and_bytes() -> None:
    """RFC 2231, RFC 2047 and continued RFC 2231 names decode; payloads are byte-identical."""
    msg = parse_message(corpus.with_attachments())
    got = {a.filename: hashlib.sha256(a.payload).hexdigest() for a in msg.attachments}
    want = {name: hashlib.sha256(data).hexdigest() for name, data in corpus.ATTACHMENTS.items()}
    assert got == want
    assert all(word in msg.text for word in corpus.RUSSIAN_WORDS)


def test_attachment_content_types_are_kept() -> None:
    """Each attachment keeps its declared MIME type and is not marked inline."""
    msg = parse_message(corpus.with_attachments())
    assert [a.content_type for a in msg.attachments][:2] == ["application/pdf", "image/jpeg"]
    assert not any(a.inline for a in msg.attachments)


def test_html_only_becomes_readable_text() -> None:
    """An HTML-only message gets plain text without tags or styles, and keeps its HTML."""
    msg = parse_message(corpus.html_only())
    assert all(words in msg.text for words in corpus.HTML_WORDS)
    assert "<" not in msg.text
    assert "color" not in msg.text
    assert msg.html is not None
    assert "<b>12345</b>" in msg.html


def test_alternative_prefers_plain_text_and_keeps_inline_image() -> None:
    """multipart/alternative uses the text/plain part; the cid image is an inline attachment."""
    msg = parse_message(corpus.inline_image())
    assert msg.text == "Фото повреждения во вложении.\n"
    assert msg.html is not None
    assert f"cid:{corpus.INLINE_CONTENT_ID}" in msg.html
    (image,) = msg.attachments
    assert (image.filename, image.inline, image.content_id) == (
        "photo.png", True, corpus.INLINE_CONTENT_ID)
    assert image.payload == corpus.PNG_PAYLOAD


def test_forwarded_message_is_one_eml_attachment_with_its_full_bytes() -> None:
    """An attached message/rfc822 is kept whole, named after its subject."""
    inner = corpus.with_attachments()
    msg = parse_message(corpus.forwarded_message(inner))
    (attached,) = msg.attachments
    assert attached.filename == "Претензия по заказу 12345 повреждённый товар.eml"
    assert attached.content_type == "message/rfc822"
    assert attached.payload == inner


def test_tnef_is_kept_as_winmail_dat() -> None:
    """An Outlook winmail.dat part is kept as an attachment with its bytes."""
    (attached,) = parse_message(corpus.tnef()).attachments
    assert (attached.filename, attached.content_type) == ("winmail.dat", "application/ms-tnef")
    assert attached.payload == corpus.TNEF_PAYLOAD


def test_parts_without_filename_get_a_generated_name() -> None:
    """A delivery-status part with no name becomes attachment-N with a fitting extension."""
    msg = parse_message(corpus.bounce("ours@claims.example"))
    assert [a.filename for a in msg.attachments] == ["attachment-1.txt", "attachment-2.txt"]
    assert b"Message-ID: <ours@claims.example>" in msg.attachments[1].payload


def test_bounce_keeps_report_type_sender_and_headers() -> None:
    """A bounce reports multipart/report, the MAILER-DAEMON sender and its Return-Path."""
    msg = parse_message(corpus.bounce("ours@claims.example"))
    assert msg.content_type == "multipart/report"
    assert msg.from_ is not None
    assert msg.from_.email == "mailer-daemon@mx.example.ru"
    assert msg.header("Return-Path") == "<>"
    assert "could not be delivered" in msg.text


@pytest.mark.parametrize(("style", "header", "value"), [
    ("rfc3834", "auto-submitted", "auto-replied"),
    ("precedence", "precedence", "auto_reply"),
    ("x-autoreply", "x-autoreply", "yes"),
    ("outlook-oof", "x-auto-response-suppress", "All"),
])
def test_auto_reply_markers_reach_the_headers(style: str, header: str, value: str) -> None:
    """Each auto-reply style's marker header is available, lower-cased, for classification."""
    assert parse_message(corpus.auto_reply(style)).header(header) == value


def test_all_headers_are_kept_in_order_with_lower_case_names() -> None:
    """Headers come out in wire order, names lower-cased, values decoded."""
    msg = parse_message(corpus.list_mail())
    names = [name for name, _ in msg.headers]
    assert names[:3] == ["from", "to", "subject"]
    assert msg.header("List-Id") == "Shop news <news.shop.example>"
    assert msg.header("subject") == "Скидки недели"


def test_addresses_are_lower_cased_and_names_decoded() -> None:
    """From, To and Cc give lower-cased addresses and decoded display names."""
    msg = parse_message(corpus.russian(
        "koi8-r", sender="Мария Иванова <Maria@Example.RU>",
        to="Отдел претензий <Claims@Example.com>", cc="a@b.example, Пётр <p@b.example>"))
    assert msg.from_ is not None
    assert (msg.from_.email, msg.from_.name) == ("maria@example.ru", "Мария Иванова")
    assert [(a.email, a.name) for a in msg.to] == [("claims@example.com", "Отдел претензий")]
    assert [(a.email, a.name) for a in msg.cc] == [("a@b.example", ""), ("p@b.example", "Пётр")]


def test_reply_ids_lose_their_angle_brackets() -> None:
    """Message-ID, In-Reply-To and References are ids without angle brackets, in order."""
    msg = parse_message(corpus.reply("second@claims.example", references=["first@x.example"],
                                     message_id="<third@x.example>"))
    assert msg.message_id == "third@x.example"
    assert msg.in_reply_to == ("second@claims.example",)
    assert msg.references == ("first@x.example", "second@claims.example")


def test_missing_message_id_is_synthesised_from_the_content_hash() -> None:
    """A message without Message-ID gets missing.<hash>@mailflow.invalid, stable per content."""
    raw = corpus.english().replace(b"Message-ID: <english@example.org>\r\n", b"")
    first, again = parse_message(raw), parse_message(b"Received: from relay\r\n" + raw)
    assert first.message_id == f"missing.{first.content_hash[:32]}@mailflow.invalid"
    assert again.message_id == first.message_id


def test_redelivery_with_another_received_trail_has_the_same_hash() -> None:
    """Received, Return-Path, Delivered-To and X- headers do not change the content hash."""
    raw = corpus.russian()
    trail = (b"Return-Path: <ivan@example.ru>\r\nDelivered-To: claims@example.com\r\n"
             b"Received: from mx2 by mx1; Tue, 06 Jan 2026 10:00:00 +0000\r\nX-Spam: no\r\n")
    lf_copy = raw.replace(b"\r\n", b"\n")
    hashes = {parse_message(r).content_hash for r in (raw, trail + raw, lf_copy)}
    assert len(hashes) == 1


def test_same_message_id_with_another_body_has_another_hash() -> None:
    """Two different messages reusing one Message-ID hash differently."""
    first = parse_message(corpus.russian(message_id="same@example.ru"))
    second = parse_message(corpus.english(message_id="same@example.ru"))
    assert first.message_id == second.message_id
    assert first.content_hash != second.content_hash


def test_date_is_timezone_aware() -> None:
    """A zoned Date becomes an aware datetime at the same instant."""
    msg = parse_message(corpus.english(date="Mon, 05 Jan 2026 10:00:00 +0300"))
    assert msg.date == datetime(2026, 1, 5, 7, 0, tzinfo=UTC)


@pytest.mark.parametrize(("date", "expected"), [
    ("Mon, 05 Jan 2026 10:00:00", datetime(2026, 1, 5, 10, 0, tzinfo=UTC)),
    ("not a date", None),
])
def test_date_without_zone_is_utc_and_garbage_is_none(date: str, expected: datetime | None) -> None:
    """A Date without a zone is read as UTC; an unparseable one gives None."""
    assert parse_message(corpus.english(date=date)).date == expected


def test_english_message_is_detected_as_english() -> None:
    """An English claim gets language "en" and its plain text."""
    msg = parse_message(corpus.english())
    assert msg.language == "en"
    assert msg.text == corpus.ENGLISH_TEXT


@pytest.mark.parametrize("kind", ["empty", "garbage", "binary_junk"])
def test_unusable_input_is_rejected(kind: str) -> None:
    """Empty, header-less and binary input raise MessageRejected, never another exception."""
    with pytest.raises(MessageRejected):
        parse_message(corpus.malformed(kind))


def test_headers_only_message_parses_with_empty_text() -> None:
    """A message with headers and no body parses with empty text and no attachments."""
    msg = parse_message(corpus.malformed("headers_only"))
    assert (msg.text, msg.attachments) == ("", ())
    assert msg.message_id == "malformed.headers_only@example.ru"


def test_truncated_multipart_parses_and_records_the_defect() -> None:
    """A multipart cut before its closing boundary keeps its parts and lists the defect."""
    msg = parse_message(corpus.malformed("truncated_multipart"))
    assert "CloseBoundaryNotFoundDefect" in msg.defects
    assert corpus.RUSSIAN_WORDS[0] in msg.text
    assert [a.payload for a in msg.attachments] == [corpus.PDF_PAYLOAD]


def test_nesting_up_to_the_limit_parses_and_beyond_is_rejected() -> None:
    """MIME nesting deeper than MAX_DEPTH is rejected with a reason."""
    assert parse_message(corpus.nested(MAX_DEPTH)).text == "deep\n"
    with pytest.raises(MessageRejected, match="nesting"):
        parse_message(corpus.nested(MAX_DEPTH + 1))


def test_hostile_nesting_is_rejected_not_crashed() -> None:
    """Thousands of nested multiparts end in MessageRejected, not RecursionError."""
    with pytest.raises(MessageRejected):
        parse_message(corpus.nested(3000))


def test_attachment_count_limit() -> None:
    """MAX_ATTACHMENTS attachments parse; one more is rejected with a reason."""
    assert len(parse_message(corpus.many_attachments(MAX_ATTACHMENTS)).attachments) == 200
    with pytest.raises(MessageRejected, match="attachments"):
        parse_message(corpus.many_attachments(MAX_ATTACHMENTS + 1))


def test_hostile_attachment_name_is_sanitised() -> None:
    """A traversal filename in an attachment is reduced to its safe base name."""
    raw = corpus.tnef().replace(b'filename="winmail.dat"', b'filename="..\\\\..\\\\CON.dat"')
    (attached,) = parse_message(raw).attachments
    assert attached.filename == "_CON.dat"


def test_nul_in_a_charset_still_yields_the_message() -> None:
    """Damage that crashed mail-parser (NUL in a charset) still yields the message's text."""
    raw = corpus.russian("utf-8", cte="8bit").replace(b"charset=utf-8", b"charset=utf\x00-8")
    msg = parse_message(raw)
    assert msg.text == corpus.RUSSIAN_TEXT


_SEEDS = (corpus.russian("koi8-r"), corpus.with_attachments(), corpus.inline_image(),
          corpus.bounce("x@claims.example"), corpus.forwarded_message(),
          corpus.undeclared_charset_cp1251())
_EDIT = st.tuples(st.integers(0, 1 << 20), st.integers(0, 40),
                  st.sampled_from([b"", b"\r\n", b"=?", b"?=", b"--", b'"', b"*", b"'", b"%",
                                   b"\x00", b"\xff", b"=?utf-8?B?", b"boundary=", b"charset="]))


@settings(max_examples=300, deadline=None, derandomize=True)
@given(seed=st.sampled_from(_SEEDS), edits=st.lists(_EDIT, max_size=8))
def test_damaged_messages_parse_or_are_rejected(
    seed: bytes, edits: list[tuple[int, int, bytes]],
) -> None:
    """Any corruption of a real message gives a ParsedMessage or MessageRejected, nothing else."""
    raw = seed
    for position, length, insert in edits:
        at = position % (len(raw) + 1)
        raw = raw[:at] + insert + raw[at + length:]
    try:
        msg = parse_message(raw)
    except MessageRejected:
        return
    assert msg.message_id
    assert len(msg.content_hash) == 64
