"""What a file really is, read from its first bytes (never from its name or the Content-Type
its sender claims): the one sniffer for customers' uploads, attachments served to staff and
the claim reader's attachments."""

from __future__ import annotations

import io
import zipfile

JPEG, PNG, GIF, WEBP, HEIC = "image/jpeg", "image/png", "image/gif", "image/webp", "image/heic"
AVIF = "image/avif"
PDF, TEXT = "application/pdf", "text/plain"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
OLE = "application/x-ole-storage"  # DOC, XLS and other old binary office files
ODF = "application/vnd.oasis.opendocument"  # the start of each OpenDocument type

_HEIC_BRANDS = frozenset({b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1",
                          b"msf1"})
_ZIP = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Office documents are zip archives naming their main part; only the directory is read.
_OFFICE_PARTS = ((DOCX, "word/document.xml"), (XLSX, "xl/workbook.xml"))
# Text may hold tabs, line breaks and form feeds, never other control characters.
_TEXT_CONTROLS = frozenset(chr(c) for c in range(32)) - {"\t", "\n", "\r", "\f"}


def sniff(data: bytes) -> str | None:
    """The content type of `data` (a picture, PDF, office document or plain text), or None
    for anything else; which of them a customer may send is `[web] upload_types`."""
    if not data:
        return None
    for check in (image_type, _pdf, _ole, _zipped, _text):
        found = check(data)
        if found:
            return found
    return None


def image_type(data: bytes) -> str | None:
    """The picture type of `data` (JPEG, PNG, GIF, WebP, HEIC, AVIF), or None."""
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return GIF
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return WEBP
    if data[4:8] == b"ftyp" and data[8:12] in _HEIC_BRANDS:
        return HEIC
    if data[4:8] == b"ftyp" and data[8:12] == b"avif":
        return AVIF
    return None


def _pdf(data: bytes) -> str | None:
    return PDF if data.startswith(b"%PDF-") else None


def _ole(data: bytes) -> str | None:
    return OLE if data.startswith(_OLE_MAGIC) else None


def _zipped(data: bytes) -> str | None:
    """A DOCX or XLSX (with its `[Content_Types].xml`), or an OpenDocument file."""
    if not data.startswith(_ZIP):
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            opendocument = _opendocument(archive) if "mimetype" in names else None
    except Exception:  # any archive may arrive: encrypted, corrupt deflate, ...
        return None
    if opendocument or "[Content_Types].xml" not in names:
        return opendocument
    return next((kind for kind, part in _OFFICE_PARTS if part in names), None)


def _opendocument(archive: zipfile.ZipFile) -> str | None:
    """The OpenDocument type its `mimetype` member names (only its start is unpacked)."""
    with archive.open("mimetype") as member:
        kind = member.read(80).decode("ascii", "replace").strip()
    return kind if kind.startswith(ODF) and kind.isprintable() else None


def _text(data: bytes) -> str | None:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    return None if any(char in _TEXT_CONTROLS for char in text) else TEXT
