"""Large messages parse to exactly what the plain stdlib path gives, with less copying."""

from __future__ import annotations

import base64
import hashlib
import quopri
import random
import re
from email import message_from_bytes

import pytest

from mailflow.parse import limits, parser, spans
from mailflow.parse.parser import compute_content_hash, parse_message
from mailflow.parse.spans import Spans
from tests import corpus
from tests.integration.memory_probe import letter_with_photo

SIZE = 3 * spans.LARGE_RUN


def _photo() -> bytes:
    return letter_with_photo(SIZE)


def _unpadded() -> bytes:  # the stdlib adds the padding and records a defect
    raw = letter_with_photo(SIZE + 2)
    return re.sub(rb"=+\r\n--b1--", b"\r\n--b1--", raw)


def _padding_inside() -> bytes:  # '=' inside the run: excess data after padding
    raw = _photo()
    middle = raw.index(b"\r\n", len(raw) // 2) + 2
    return raw[:middle] + b"QUI=\r\n" + raw[middle:]


def _lf_only() -> bytes:
    return _photo().replace(b"\r\n", b"\n")


def _text_lines() -> bytes:  # a text part that merely looks like base64
    raw = _photo().replace(b"Content-Transfer-Encoding: base64\r\n",
                           b"Content-Transfer-Encoding: 7bit\r\n")
    raw = raw.replace(b'Content-Disposition: attachment; filename="photo.jpg"\r\n', b"")
    return raw.replace(b'Content-Type: image/jpeg; name="photo.jpg"', b"Content-Type: text/plain")


def _base64_text() -> bytes:  # a text body in base64, decoded from the run
    body = base64.encodebytes("Фото повреждений, заказ 12345.\n".encode() * 20_000)
    return (b"From: c@example.org\r\nSubject: text\r\nMessage-ID: <text@example.org>\r\n"
            b"Content-Type: text/plain; charset=utf-8\r\n"
            b"Content-Transfer-Encoding: base64\r\n\r\n" + body.replace(b"\n", b"\r\n"))


_RUSSIAN_LINE = "Товар повреждён при доставке, заказ 12345, фото приложены.\r\n"


_PLAIN = b"Content-Type: text/plain; charset=utf-8"


def _leaf(cte: str, body: bytes, headers: bytes = _PLAIN) -> bytes:
    return (b"From: c@example.org\r\nSubject: text\r\nMessage-ID: <leaf@example.org>\r\n"
            + headers + b"\r\nContent-Transfer-Encoding: " + cte.encode() + b"\r\n\r\n" + body)


def _eight_bit_text() -> bytes:
    return _leaf("8bit", (_RUSSIAN_LINE * 6000).encode())


def _quoted_printable_text() -> bytes:
    return _leaf("quoted-printable", quopri.encodestring((_RUSSIAN_LINE * 3000).encode()))


def _csv_attachment() -> bytes:  # 7bit lines with commas and a damaged \xff byte
    rows = b"".join(b"%d,vase,12345,broken\xff\r\n" % n for n in range(40_000))
    return _leaf("7bit", rows, b'Content-Type: text/csv; name="orders.csv"')


def _long_preamble() -> bytes:  # a run in a multipart's preamble, served back when forwarded
    first = b"--b1\r\nContent-Type: text/plain"
    inner = _photo().replace(first, (_RUSSIAN_LINE * 6000).encode() + first, 1)
    return corpus.forwarded_message(inner)


def _no_separator() -> bytes:  # part headers run straight into a long body
    raw = _photo()
    text = b"Content-Type: text/plain; charset=utf-8\r\nX-Note: no blank line\r\n"
    return raw.replace(b"Content-Type: text/plain; charset=utf-8\r\n\r\n",
                       text + (_RUSSIAN_LINE * 6000).encode(), 1)


def _delivery_status() -> bytes:  # header blocks split by blank lines, one very long
    block = b"Reporting-MTA: dns; mx.example\r\nbroken block\r\n" + b"Status: 5.1.1 x\r\n" * 30_000
    parts = [b"Content-Type: text/plain\r\n\r\nDelivery failed.\r\n",
             b"Content-Type: message/delivery-status\r\n\r\n" + block
             + b"\r\nFinal-Recipient: rfc822; x@example.org\r\nAction: failed\r\n"]
    body = b"".join(b"--r1\r\n" + part for part in parts) + b"--r1--\r\n"
    return (b"From: MAILER-DAEMON@mx.example\r\nSubject: Undelivered\r\n"
            b"Message-ID: <dsn@mx.example>\r\n"
            b'Content-Type: multipart/report; report-type=delivery-status; boundary="r1"\r\n'
            b"\r\n" + body)


def _quoted_printable_attachment() -> bytes:  # long lines, soft breaks, escapes
    rows = b"".join(b"%d;vase=3D12345;" % n + b"x" * (n % 300) + b"=\r\n=E2=80=94\r\n"
                    for n in range(8_000))
    return _leaf("quoted-printable", rows, b'Content-Type: text/csv; name="orders.csv"')


def _forwarded() -> bytes:  # the run inside an attached message, serialised back
    return corpus.forwarded_message(_photo())


SHAPES = {"photo": _photo, "unpadded": _unpadded, "padding inside": _padding_inside,
          "lf only": _lf_only, "text lines": _text_lines, "base64 text": _base64_text,
          "8bit text": _eight_bit_text, "quoted-printable text": _quoted_printable_text,
          "csv attachment": _csv_attachment, "long preamble": _long_preamble,
          "no separator": _no_separator, "delivery status": _delivery_status,
          "quoted-printable attachment": _quoted_printable_attachment,
          "forwarded": _forwarded}


@pytest.mark.parametrize("shape", SHAPES)
def test_large_run_parses_as_without_the_skeleton(
        shape: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A message with a large base64 run gives the same ParsedMessage (text, attachment
    bytes, defects, hash) as when the run stays in the stdlib tree."""
    raw = SHAPES[shape]()
    assert Spans(raw).skeleton() != raw  # the run is cut out
    streamed = parse_message(raw)
    monkeypatch.setattr(spans, "LARGE_RUN", 10 * len(raw))
    assert Spans(raw).skeleton() == raw
    assert streamed == parse_message(raw)


def test_large_photo_is_decoded_whole() -> None:
    """The photo of a large letter comes out as the bytes that were encoded."""
    (photo,) = parse_message(_photo()).attachments
    assert photo.filename == "photo.jpg"
    assert hashlib.sha256(photo.payload).digest() == hashlib.sha256(
        letter_payload(SIZE)).digest()


def letter_payload(size: int) -> bytes:
    return random.Random(1).randbytes(size * 3 // 4)


def _whole_message_hash(raw: bytes) -> str:
    """The content hash as it was computed before, over one normalised copy."""
    message = message_from_bytes(raw)
    _head, _sep, body = re.sub(rb"\r\n?", b"\n", raw).partition(b"\n\n")
    digest = hashlib.sha256()
    for name in parser.CONTENT_HASH_HEADERS:
        for value in parser.raw_values(message, name):
            line = f"{name}:{' '.join(parser.unfold(value).split())}\n"
            digest.update(line.encode("utf-8", "surrogateescape"))
    digest.update(b"\n")
    digest.update(body.rstrip(b"\n"))
    return digest.hexdigest()


@pytest.mark.parametrize("raw", [
    b"Subject: a\r\n\r\nline\r\n\r\nmore\r\n\r\n\r\n",
    b"Subject: a\n\nline\r\rmore\r\n\n\n",
    b"Subject: a\r\rbody\rwith\r\rbare\r\r",
    b"Subject: a\r\n\r\n" + b"x\r\n" * 50 + b"\r\n\r\n\r\n" + b"y\r" * 30 + b"\n" * 9,
    b"Subject: only headers\r\n",
    b"Subject: a\r\n\r\n\r\n\r\n",
])
@pytest.mark.parametrize("chunk", [1, 2, 3, 7, 1024 * 1024])
def test_content_hash_in_chunks_is_the_whole_message_hash(
        raw: bytes, chunk: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Hashing the body in chunks (CRLF split across two, trailing newlines) gives the same
    content hash as normalising the whole message at once."""
    monkeypatch.setattr(parser, "HASH_CHUNK", chunk)
    assert compute_content_hash(raw, message_from_bytes(raw)) == _whole_message_hash(raw)


def _long_text(cte: str) -> bytes:
    line = "Товар повреждён при доставке, заказ 12345.\n".encode()
    body = line * (limits.MAX_TEXT_BYTES // len(line) + 1000)
    encoded = base64.encodebytes(body) if cte == "base64" else body
    return (f"From: c@example.org\r\nSubject: long\r\nMessage-ID: <long@example.org>\r\n"
            f"Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: {cte}\r\n"
            "\r\n").encode() + encoded


@pytest.mark.parametrize("cte", ["8bit", "base64"])
def test_text_longer_than_the_cap_is_cut_at_a_line_and_flagged(cte: str) -> None:
    """A body part over max_text_bytes keeps whole lines up to the cap as text, and the
    message says so (TextTruncated); the raw message is untouched."""
    msg = parse_message(_long_text(cte))
    assert "TextTruncated" in msg.defects
    assert len(msg.text.encode()) <= limits.MAX_TEXT_BYTES
    assert msg.text.endswith("заказ 12345.\n") or msg.text.endswith("заказ 12345.")
    assert len(msg.text.encode()) > limits.MAX_TEXT_BYTES - 100


@pytest.mark.parametrize("chunk", [1, 2, 3, 5, 64])
@pytest.mark.parametrize("shape", ["quoted-printable text", "quoted-printable attachment"])
def test_quoted_printable_in_chunks_is_the_whole_decode(
        shape: str, chunk: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Decoding quoted-printable a few bytes at a time (escapes and soft breaks split across
    chunks, long lines cut inside) gives the bytes quopri gives for the whole payload."""
    raw = SHAPES[shape]()
    monkeypatch.setattr(spans, "QP_CHUNK", chunk)
    streamed = parse_message(raw)
    monkeypatch.setattr(spans, "LARGE_RUN", 10 * len(raw))
    assert streamed == parse_message(raw)
