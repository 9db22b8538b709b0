"""Build the labelled extraction set (issue 10) from the hand-written letter specs.

Run from anywhere with the project venv:

    /work/main/.venv/bin/python tests/data/extraction/build.py

It rewrites letters/NNN.eml, expected/NNN.json and catalogue.csv deterministically (fixed
dates, Message-IDs, MIME boundaries and zip timestamps), so a rerun gives the same bytes.
The letter texts live in specs_a.py ... specs_h.py next to this file; ids are assigned in
the order the spec modules list them. PDF text layers are kept in Latin letters and digits
(Helvetica, WinAnsi): invoice and order numbers and English words; Cyrillic travels in
DOCX/XLSX.
"""

from __future__ import annotations

import csv
import io
import json
import re
import struct
import sys
import zipfile
import zlib
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from email.header import Header
from email.message import EmailMessage
from email.utils import format_datetime
from html import escape
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

FIELD_ORDER = (
    "order_number", "invoice_number", "waybill_number", "contract_number", "product_name",
    "product_sku", "quantity", "unit", "quantity_ordered", "quantity_received", "location",
    "grounds", "demand", "purchase_date", "delivery_date", "amount", "currency", "phone",
    "photos", "documents",
)
FIXED_ZIP_TIME = (2026, 11, 20, 10, 0, 0)
SUBJECT_MARK = "XSUBJECTMARKX"
FROM_MARK = "XFROMMARKX"


# --- attachments -------------------------------------------------------------------------

@dataclass(frozen=True)
class Att:
    """One attachment: its file name, declared MIME type, kind by content, and a builder."""

    name: str
    kind: str          # pdf, docx, xlsx, jpeg, png, txt
    content: tuple[object, ...] = ()
    ctype: str | None = None   # declared type when it lies (a JPEG sent as application/pdf)

    @property
    def is_photo(self) -> bool:
        return self.kind in ("jpeg", "png")


def P(name: str, *lines: str, ctype: str | None = None) -> Att:
    return Att(name, "pdf", lines, ctype)


def D(name: str, *paras: str) -> Att:
    return Att(name, "docx", paras)


def X(name: str, *rows: tuple[object, ...]) -> Att:
    return Att(name, "xlsx", rows)


def J(name: str, ctype: str | None = None) -> Att:
    return Att(name, "jpeg", (), ctype)


def G(name: str, ctype: str | None = None) -> Att:
    return Att(name, "png", (), ctype)


def _pdf(lines: tuple[object, ...]) -> bytes:
    text = [str(x) for x in lines]
    for line in text:
        if not line.isascii():
            raise ValueError(f"PDF text must be ASCII: {line!r}")
    ops = ["BT", "/F1 11 Tf", "14 TL", "56 780 Td"]
    for line in text:
        esc = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append(f"({esc}) Tj T*")
    ops.append("ET")
    stream = "\n".join(ops).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    trailer = f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    out += trailer.encode()
    return bytes(out)


# python-docx's template carries a second 400 KB style sheet and a thumbnail that a tiny
# attachment does not need; dropping them (and their references) keeps the set small.
DROPPED_PARTS = frozenset({"word/stylesWithEffects.xml", "docProps/thumbnail.jpeg"})
DROPPED_REFERENCES = (
    rb'<Relationship [^>]*Target="(?:stylesWithEffects\.xml|docProps/thumbnail\.jpeg)"/>',
    rb'<Override PartName="/word/stylesWithEffects\.xml"[^>]*/>',
    rb'<Override PartName="/docProps/thumbnail\.jpeg"[^>]*/>',
)


def _fixed_zip(raw: bytes) -> bytes:
    """Rewrite an OOXML zip with fixed timestamps so that builds are reproducible."""
    source = zipfile.ZipFile(io.BytesIO(raw))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename in DROPPED_PARTS:
                continue
            data = source.read(info.filename)
            for pattern in DROPPED_REFERENCES:
                data = re.sub(pattern, b"", data)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", b"2026-11-20T10:00:00Z", data)
            fixed = zipfile.ZipInfo(info.filename, FIXED_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, data)
    return out.getvalue()


def _docx(paras: tuple[object, ...]) -> bytes:
    import docx

    document = docx.Document()
    for para in paras:
        document.add_paragraph(str(para))
    buffer = io.BytesIO()
    document.save(buffer)
    return _fixed_zip(buffer.getvalue())


def _xlsx(rows: tuple[object, ...]) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(list(row))  # type: ignore[arg-type]
    fixed = datetime(2026, 11, 20, 10, 0, 0)
    workbook.properties.created = fixed
    workbook.properties.modified = fixed
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _fixed_zip(buffer.getvalue())


def _jpeg(seed: str) -> bytes:
    salt = zlib.crc32(seed.encode()).to_bytes(4, "big")
    return (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
            b"\xff\xfe\x00\x06" + salt + b"\xff\xd9")


def _png(seed: str) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(
            ">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    shade = zlib.crc32(seed.encode()) & 0xFF
    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    idat = zlib.compress(bytes([0, shade]))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


KIND_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "jpeg": "image/jpeg",
    "png": "image/png",
}


def attachment_bytes(att: Att) -> bytes:
    if att.kind == "pdf":
        return _pdf(att.content)
    if att.kind == "docx":
        return _docx(att.content)
    if att.kind == "xlsx":
        return _xlsx(att.content)
    if att.kind == "jpeg":
        return _jpeg(att.name)
    return _png(att.name)


# --- letters -----------------------------------------------------------------------------

@dataclass
class Letter:
    """A hand-written claim letter with what a careful reader finds in it."""

    lang: str
    cat: str
    notes: str
    frm: str
    subj: str
    body: str
    fields: dict[str, object]
    att: tuple[Att, ...] = ()
    cs: str = "utf-8"
    html: bool = False
    alt: bool = False   # plain text with an HTML alternative made from it, as most clients send
    extra_headers: dict[str, str] = field(default_factory=dict)


def L(lang: str, cat: str, notes: str, frm: str, subj: str, body: str, *,
      att: tuple[Att, ...] | list[Att] = (), cs: str = "utf-8", html: bool = False,
      alt: bool = False, hdr: dict[str, str] | None = None, **fields: object) -> Letter:
    """Shorthand used by the spec modules: scalar field values become one-item lists."""
    return Letter(lang, cat, notes, frm, subj, body.strip("\n") + "\n", dict(fields), tuple(att),
                  cs, html, alt, hdr or {})


def expected_fields(letter: Letter) -> dict[str, object]:
    values: dict[str, object] = {}
    for name, value in letter.fields.items():
        if name not in FIELD_ORDER:
            raise ValueError(f"unknown field {name}")
        values[name] = value if isinstance(value, (list, int)) else [value]
    photos = sum(1 for a in letter.att if a.is_photo)
    documents = len(letter.att) - photos
    values.setdefault("photos", photos)
    values.setdefault("documents", documents)
    return {name: values[name] for name in FIELD_ORDER if name in values and values[name] != 0}


def _html_of(text: str) -> str:
    paragraphs = [escape(p).replace("\n", "<br>\n") for p in text.split("\n\n") if p.strip()]
    return "<html><body>\n" + "\n".join(f"<p>{p}</p>" for p in paragraphs) + "\n</body></html>\n"


def _sent_at(number: int, zone: timezone) -> datetime:
    """Two minutes apart from noon; from letter 356 on (which would pass midnight) again from
    14:00, so that every letter stays on 1 December."""
    if number < FRESH2_FROM:
        return datetime(2026, 12, 1, 12, 0, tzinfo=zone) + timedelta(minutes=2 * number)
    return datetime(2026, 12, 1, 14, 0, tzinfo=zone) + timedelta(minutes=2 * (number - FRESH2_FROM))


def _message(number: int, letter: Letter) -> bytes:
    msg = EmailMessage()
    name, _, address = letter.frm.rpartition("<")
    legacy_from = not name.isascii() and letter.cs != "utf-8"
    msg["From"] = f"{FROM_MARK} <{address}" if legacy_from else letter.frm
    msg["To"] = "claims@mailflow-shop.ru" if letter.lang == "ru" else "claims@mailflow-shop.com"
    legacy_subject = not letter.subj.isascii() and letter.cs != "utf-8"
    msg["Subject"] = SUBJECT_MARK if legacy_subject else letter.subj
    # Every letter is written on Tuesday 1 December 2026, after any history it quotes, so
    # that "yesterday" and "today" in the letters mean what they say.
    zone = timezone(timedelta(hours=3 if letter.lang == "ru" else 0))
    sent = _sent_at(number, zone)
    msg["Date"] = format_datetime(sent)
    domain = letter.frm.split("@")[-1].strip(">")
    msg["Message-ID"] = f"<claim-{number:03d}.{sent:%Y%m%d%H%M}@{domain}>"
    for key, value in letter.extra_headers.items():
        msg[key] = value
    msg.set_content(letter.body, subtype="html" if letter.html else "plain", charset=letter.cs)
    if letter.alt:
        msg.add_alternative(_html_of(letter.body), subtype="html", charset=letter.cs)
    for att in letter.att:
        ctype = (att.ctype or KIND_TYPES[att.kind]).split("/")
        msg.add_attachment(attachment_bytes(att), maintype=ctype[0], subtype=ctype[1],
                           filename=att.name)
    for index, part in enumerate(msg.walk()):
        if part.is_multipart():
            part.set_boundary(f"----=_Part_{number:03d}_{index}")
    raw = msg.as_bytes()
    # Old clients encode headers in the body's charset; the stdlib would use UTF-8.
    if legacy_subject:
        encoded = Header(letter.subj, letter.cs).encode().encode("ascii")
        raw = raw.replace(SUBJECT_MARK.encode(), encoded, 1)
    if legacy_from:
        encoded = Header(name.strip().strip('"'), letter.cs).encode().encode("ascii")
        raw = raw.replace(FROM_MARK.encode(), encoded, 1)
    return raw


def all_letters() -> list[Letter]:
    import specs_a

    letters: list[Letter] = []
    letters += specs_a.LETTERS
    for module_name in ("specs_b", "specs_c", "specs_d", "specs_e", "specs_f", "specs_g",
                        "specs_h"):
        try:
            module = __import__(module_name)
        except ModuleNotFoundError:
            continue
        if module_name == "specs_h" and len(letters) != FRESH2_FROM - 1:
            # The second fresh set must keep its ids: new training letters go after it.
            raise ValueError(f"specs_h.py must start at id {FRESH2_FROM}, not {len(letters) + 1}")
        letters += module.LETTERS
    return letters


def write_catalogue() -> None:
    from catalogue import PRODUCTS

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["article", "name", "group", "warranty_months"])
    writer.writerows(PRODUCTS)
    (HERE / "catalogue.csv").write_text(buffer.getvalue(), encoding="utf-8")


def _json(expected: dict[str, object]) -> str:
    """One key a line, each field's values on its own line: easy to read and to diff."""
    def dump(value: object) -> str:
        return json.dumps(value, ensure_ascii=False)

    head = [f" {dump(key)}: {dump(value)}" for key, value in expected.items() if key != "fields"]
    fields = expected["fields"]
    assert isinstance(fields, dict)
    body = [f"  {dump(name)}: {dump(value)}" for name, value in fields.items()]
    return "{\n" + ",\n".join(head) + ',\n "fields": {\n' + ",\n".join(body) + "\n }\n}\n"


FRESH_FROM = 251   # letters 251-300: a second held-out set, written after the tuning
FRESH_TO = 300     # letters 301-355 (specs_g.py) are held out every fifth, like 1-250
FRESH2_FROM = 356  # letters 356-405 (specs_h.py): a third held-out set, written blind
FRESH2_TO = 405    # during the second tuning


def is_held_out(number: int) -> bool:
    """Ids divisible by five, and every letter of the two fresh sets, are held out."""
    return (number % 5 == 0 or FRESH_FROM <= number <= FRESH_TO
            or FRESH2_FROM <= number <= FRESH2_TO)


def main() -> None:
    letters = all_letters()
    letters_dir, expected_dir = HERE / "letters", HERE / "expected"
    for folder in (letters_dir, expected_dir):
        folder.mkdir(exist_ok=True)
        for old in folder.iterdir():
            old.unlink()
    for number, letter in enumerate(letters, start=1):
        ident = f"{number:03d}"
        (letters_dir / f"{ident}.eml").write_bytes(_message(number, letter))
        expected = {"id": ident, "language": letter.lang, "category": letter.cat,
                    "held_out": is_held_out(number), "notes": letter.notes,
                    "fields": expected_fields(letter)}
        (expected_dir / f"{ident}.json").write_text(_json(expected), encoding="utf-8")
    write_catalogue()


if __name__ == "__main__":
    main()
