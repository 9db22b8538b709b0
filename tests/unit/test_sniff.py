"""One content sniffer (`parse.sniff`) for uploads, served attachments and the claim reader."""

from __future__ import annotations

import io
import zipfile

import pytest

from mailflow.config.web import WebSettings
from mailflow.extract.attachments import Kind
from mailflow.extract.attachments import sniff as reader_kind
from mailflow.parse import sniff as kinds
from mailflow.parse.sniff import sniff


def _zip(*members: tuple[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in members:
            archive.writestr(name, text)
    return buffer.getvalue()


ODT = "application/vnd.oasis.opendocument.text"


@pytest.mark.parametrize(("content", "kind", "reader"), [
    (b"\xff\xd8\xff\xe0\x00\x10JFIF", kinds.JPEG, Kind.PHOTO),
    (b"\x00\x00\x00\x18ftyphevx\x00\x00", kinds.HEIC, Kind.PHOTO),
    (b"\x00\x00\x00\x18ftypavif\x00\x00", kinds.AVIF, Kind.PHOTO),
    (b"%PDF-1.7\n", kinds.PDF, Kind.PDF),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00", kinds.OLE, Kind.OTHER_DOCUMENT),
    (_zip(("mimetype", ODT), ("content.xml", "<x/>")), ODT, Kind.OTHER_DOCUMENT),
    (_zip(("[Content_Types].xml", "<x/>"), ("word/document.xml", "<x/>")), kinds.DOCX,
     Kind.DOCX),
    (_zip(("word/document.xml", "<x/>")), None, Kind.UNKNOWN),
    (_zip(("mimetype", "text/html")), None, Kind.UNKNOWN),
    ("Номер заказа 12345\r\n".encode(), kinds.TEXT, Kind.UNKNOWN),
    (b"MZ\x90\x00\x03", None, Kind.UNKNOWN),
    (b"", None, Kind.UNKNOWN),
])
def test_the_reader_and_the_upload_see_one_type(content: bytes, kind: str | None,
                                                reader: Kind) -> None:
    """The claim reader's kind of a file follows from the one sniffer's type of it (an AVIF
    or HEVX picture is a photo to both; a zip with no content-type list is no DOCX)."""
    assert sniff(content) == kind
    assert reader_kind(content) is reader


def test_old_and_open_office_files_are_still_refused_as_uploads() -> None:
    """Types the sniffer now names (old binary office, OpenDocument, AVIF) are not among the
    default upload types: a customer still cannot send them without the config saying so."""
    allowed = WebSettings().upload_types
    assert not {kinds.OLE, ODT, kinds.AVIF} & set(allowed)


def _opendocument_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text" * 20)
    return buffer.getvalue()


def _encrypted(data: bytes) -> bytes:
    """The archive with every member flagged as encrypted (local and central headers)."""
    out = bytearray(data)
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = out.find(signature)
        out[at + offset] |= 0x01
    return bytes(out)


def _corrupt_deflate(data: bytes) -> bytes:
    """The archive with the first member's compressed bytes overwritten."""
    out = bytearray(data)
    start = 30 + int.from_bytes(out[26:28], "little") + int.from_bytes(out[28:30], "little")
    out[start:start + 8] = b"\xff" * 8
    return bytes(out)


@pytest.mark.parametrize("damage", [_encrypted, _corrupt_deflate])
def test_an_encrypted_or_corrupt_archive_is_no_type_not_an_error(damage: object) -> None:
    """A zip whose `mimetype` member is encrypted or holds corrupt deflate data is of no
    known type to the upload and to the claim reader: the sniffer never raises on it."""
    assert callable(damage)
    data = damage(_opendocument_zip())
    assert sniff(data) is None
    assert reader_kind(data) is Kind.UNKNOWN
