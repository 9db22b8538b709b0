"""Attachment text under caps: PDF, DOCX and XLSX are read; encrypted, broken, oversized
and bomb files are skipped with a note and never raise."""

from __future__ import annotations

import io
import zipfile

import docx
from openpyxl import Workbook
from pypdf import PdfWriter

from mailflow.extract.attachments import Budget, Kind, read_text, sniff
from mailflow.extract.config import AttachmentCaps, ExtractConfig, default_extract_config
from mailflow.extract.fields import extract
from mailflow.extract.model import AttachmentInput, ClaimText, FieldName, Source

CAPS = AttachmentCaps()


def pdf_with_text(text: str) -> bytes:
    """A one-page PDF with a text layer in Helvetica (ASCII text only)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
              % (len(objects) + 1, xref))
    return out.getvalue()


def docx_with(text: str) -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx_with(rows: list[list[str]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def read(name: str, payload: bytes, caps: AttachmentCaps = CAPS) -> tuple[str, str | None]:
    result = read_text(name, payload, caps, Budget(caps.time_budget_seconds, None))
    return result.text, result.note


def test_pdf_text_layer_is_read() -> None:
    """The text of a PDF invoice is read, with no note."""
    text, note = read("invoice.pdf", pdf_with_text("Order ZK-70011 Invoice INV-1234"))
    assert "ZK-70011" in text
    assert note is None


def test_order_number_only_in_attached_pdf() -> None:
    """A terse letter whose order number is only in the PDF gets it from the attachment
    text, with the attachment's name."""
    attachment = AttachmentInput("invoice.pdf", "application/pdf",
                                 pdf_with_text("Order ZK-70011"))
    extraction = extract(ClaimText("Claim", "See attached.", "en", (attachment,)),
                         default_extract_config())
    found = [f for f in extraction.fields if f.name is FieldName.ORDER_NUMBER]
    assert [(f.value, f.source, f.attachment) for f in found] == [
        ("ZK-70011", Source.ATTACHMENT_TEXT, "invoice.pdf")
    ]


def test_docx_and_xlsx_text_is_read() -> None:
    """Paragraphs of a DOCX and cells of an XLSX become text."""
    assert "ТН-4418" in read("act.docx", docx_with("Акт по накладной ТН-4418"))[0]
    text, note = read("tn.xlsx", xlsx_with([["Накладная", "ТН-4418"], ["Клей", "40"]]))
    assert "ТН-4418" in text
    assert "Клей | 40" in text
    assert note is None


def test_encrypted_pdf_is_skipped_with_a_note() -> None:
    """An encrypted PDF is not read; the note says so."""
    writer = PdfWriter()
    writer.add_blank_page(100, 100)
    writer.encrypt("secret")
    out = io.BytesIO()
    writer.write(out)
    text, note = read("secret.pdf", out.getvalue())
    assert text == ""
    assert note == "secret.pdf: skipped, encrypted PDF"


def test_broken_pdf_gives_a_note_not_an_exception() -> None:
    """A PDF that is only a header and garbage is reported as unreadable."""
    text, note = read("broken.pdf", b"%PDF-1.7\n\x00\x01garbage" * 10)
    assert text == ""
    assert note is not None
    assert note.startswith("broken.pdf: unreadable pdf")


def test_long_scan_is_skipped_by_page_cap() -> None:
    """A 500-page PDF is over the page cap and is skipped with a note."""
    writer = PdfWriter()
    for _ in range(500):
        writer.add_blank_page(100, 100)
    out = io.BytesIO()
    writer.write(out)
    text, note = read("scan.pdf", out.getvalue())
    assert text == ""
    assert note == "scan.pdf: skipped, 500 pages over the cap of 30"


def test_docx_bomb_is_skipped_before_opening() -> None:
    """A DOCX whose member expands far beyond the cap is skipped from its zip directory."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")  # what makes a zip a DOCX
        archive.writestr("word/document.xml", b"<w:document/>")
        archive.writestr("word/bomb.xml", b"\x00" * 3_000_000)
    caps = AttachmentCaps(max_unzipped_bytes=2_000_000)
    text, note = read("bomb.docx", out.getvalue(), caps)
    assert text == ""
    assert note is not None
    assert note.startswith("bomb.docx: skipped, member word/bomb.xml expands")


def test_oversized_attachment_is_not_read() -> None:
    """An attachment larger than the byte cap is skipped with its size in the note."""
    payload = docx_with("Заказ 1")
    caps = AttachmentCaps(max_bytes=len(payload) - 1)
    assert read("big.docx", payload, caps) == ("", f"big.docx: skipped, {len(payload)} bytes "
                                                   "over the cap")


def test_time_budget_spent_skips_the_rest() -> None:
    """With the budget spent (a clock past the deadline) attachments are skipped."""
    ticks = iter([0.0, 10.0, 10.0, 10.0])
    budget = Budget(1.0, lambda: next(ticks))
    result = read_text("a.pdf", pdf_with_text("Order 123"), CAPS, budget)
    assert result.note == "a.pdf: skipped, time budget spent"


def test_notes_reach_the_extraction() -> None:
    """extract() carries the attachment notes and still returns the other fields."""
    attachment = AttachmentInput("act.pdf", "application/pdf", b"%PDF-1.7\n\x00garbage")
    extraction = extract(ClaimText("", "Заказ 77-1045", "ru", (attachment,)), ExtractConfig())
    assert [f.value for f in extraction.fields if f.name is FieldName.ORDER_NUMBER] == ["77-1045"]
    assert len(extraction.notes) == 1
    assert extraction.notes[0].startswith("act.pdf: unreadable")
    assert [f.value for f in extraction.fields if f.name is FieldName.DOCUMENTS] == ["1"]


def test_sniff_kinds() -> None:
    """Magic numbers decide the kind: HEIC and WEBP are photos, DOCX/XLSX by their parts."""
    assert sniff(b"\x00\x00\x00\x18ftypheic\x00\x00") is Kind.PHOTO
    assert sniff(b"RIFF\x00\x00\x00\x00WEBPVP8 ") is Kind.PHOTO
    assert sniff(b"GIF89a\x01\x00") is Kind.PHOTO
    assert sniff(docx_with("x")) is Kind.DOCX
    assert sniff(xlsx_with([["x"]])) is Kind.XLSX
    assert sniff(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00") is Kind.OTHER_DOCUMENT


def test_a_delivery_note_gives_the_date_and_a_claim_form_the_amount() -> None:
    """A terse letter gets its delivery date from an attached delivery note and its
    amount and demand from an attached claim form."""
    note = AttachmentInput("delivery_note.pdf", "application/pdf",
                           pdf_with_text("DELIVERY NOTE Order 60-8120 Date 2026-11-29"))
    form = AttachmentInput("claim.pdf", "application/pdf",
                           pdf_with_text("Claimed amount: 119.00 EUR Requested: replacement"))
    extraction = extract(ClaimText("Damage", "The box arrived crushed.", "en", (note, form)),
                         default_extract_config())
    by_name = {f.name: f for f in extraction.fields}
    assert by_name[FieldName.DELIVERY_DATE].value == "2026-11-29"
    assert by_name[FieldName.DELIVERY_DATE].attachment == "delivery_note.pdf"
    assert (by_name[FieldName.AMOUNT].value, by_name[FieldName.CURRENCY].value) == (
        "119.00", "EUR")
    assert by_name[FieldName.DEMAND].value == "replacement"
