"""Attachments: what they are by content (magic numbers), and their text under caps.

Never raises: a file that cannot be read within the caps gives a note instead of text.
"""

from __future__ import annotations

import io
import warnings
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from mailflow.extract.config import AttachmentCaps
from mailflow.parse.sniff import DOCX, ODF, OLE, PDF, XLSX
from mailflow.parse.sniff import sniff as content_type

Clock = Callable[[], float]


class Kind(StrEnum):
    PHOTO = "photo"
    PDF = "pdf"
    DOCX = "docx"
    XLSX = "xlsx"
    OTHER_DOCUMENT = "document"
    UNKNOWN = "unknown"


DOCUMENT_KINDS = frozenset({Kind.PDF, Kind.DOCX, Kind.XLSX, Kind.OTHER_DOCUMENT})
_DOCUMENTS = {PDF: Kind.PDF, DOCX: Kind.DOCX, XLSX: Kind.XLSX, OLE: Kind.OTHER_DOCUMENT}


class Budget:
    """A time budget for one extraction; without a clock it never runs out."""

    def __init__(self, seconds: float, clock: Clock | None) -> None:
        self._clock = clock
        self._deadline = clock() + seconds if clock is not None else 0.0

    def exhausted(self) -> bool:
        return self._clock is not None and self._clock() > self._deadline


@dataclass(frozen=True)
class AttachmentText:
    text: str
    note: str | None = None


def sniff(payload: bytes) -> Kind:
    """The kind of a file by its content (`parse.sniff`, the one sniffer)."""
    found = content_type(payload)
    if found is None:
        return Kind.UNKNOWN
    if found.startswith("image/"):
        return Kind.PHOTO
    return _DOCUMENTS.get(found, Kind.OTHER_DOCUMENT if found.startswith(ODF) else Kind.UNKNOWN)


def read_text(
    filename: str, payload: bytes, caps: AttachmentCaps, budget: Budget
) -> AttachmentText:
    """The text of a PDF, DOCX or XLSX attachment, or a note saying why it was skipped."""
    kind = sniff(payload)
    if kind not in (Kind.PDF, Kind.DOCX, Kind.XLSX):
        return AttachmentText("")
    if len(payload) > caps.max_bytes:
        return AttachmentText("", f"{filename}: skipped, {len(payload)} bytes over the cap")
    if budget.exhausted():
        return AttachmentText("", f"{filename}: skipped, time budget spent")
    if kind is not Kind.PDF:
        bomb = _zip_bomb(payload, caps)
        if bomb:
            return AttachmentText("", f"{filename}: skipped, {bomb}")
    reader = {Kind.PDF: _pdf_text, Kind.DOCX: _docx_text, Kind.XLSX: _xlsx_text}[kind]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            text, note = reader(payload, caps, budget)
    except Exception as error:
        return AttachmentText("", f"{filename}: unreadable {kind.value} ({type(error).__name__})")
    return AttachmentText(text[: caps.max_text_chars], f"{filename}: {note}" if note else None)


def _zip_bomb(payload: bytes, caps: AttachmentCaps) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(payload)) as archive:
            total = 0
            for info in archive.infolist():
                total += info.file_size
                ratio = info.file_size / max(info.compress_size, 1)
                if ratio > caps.max_zip_ratio and info.file_size > 1_000_000:
                    return f"member {info.filename[:60]} expands {int(ratio)} times"
            if total > caps.max_unzipped_bytes:
                return f"expands to {total} bytes"
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError):
        return "broken archive"
    return None


def warm_up() -> None:
    """Import the PDF, DOCX and XLSX readers now rather than with the first attachment."""
    import docx  # noqa: F401
    import openpyxl  # noqa: F401
    import pypdf  # noqa: F401


def _pdf_text(payload: bytes, caps: AttachmentCaps, budget: Budget) -> tuple[str, str | None]:
    from pypdf import PdfReader  # heavy: imported on the first PDF

    reader = PdfReader(io.BytesIO(payload))
    if reader.is_encrypted:
        return "", "skipped, encrypted PDF"
    pages = len(reader.pages)
    if pages > caps.max_pdf_pages:
        return "", f"skipped, {pages} pages over the cap of {caps.max_pdf_pages}"
    parts: list[str] = []
    for page in reader.pages:
        if budget.exhausted():
            return "\n".join(parts), "read in part, time budget spent"
        parts.append(page.extract_text() or "")
    return "\n".join(parts), None


def _docx_text(payload: bytes, caps: AttachmentCaps, budget: Budget) -> tuple[str, str | None]:
    import docx  # heavy: imported on the first DOCX

    document = docx.Document(io.BytesIO(payload))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        if budget.exhausted():
            return "\n".join(parts), "read in part, time budget spent"
        for row in table.rows:
            parts.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(parts), None


def _xlsx_text(payload: bytes, caps: AttachmentCaps, budget: Budget) -> tuple[str, str | None]:
    from openpyxl import load_workbook  # heavy: imported on the first XLSX

    workbook = load_workbook(io.BytesIO(payload), read_only=True, data_only=True)
    parts: list[str] = []
    rows = 0
    try:
        for sheet in workbook.worksheets:
            for row in sheet.iter_rows(values_only=True):
                rows += 1
                if rows > caps.max_sheet_rows or budget.exhausted():
                    return "\n".join(parts), "read in part, row or time cap reached"
                parts.append(" | ".join(str(v) for v in row if v is not None))
    finally:
        workbook.close()
    return "\n".join(parts), None
