"""Hostile and broken email bytes: every shape of damage a public mailbox receives.

Plain functions with no pytest dependency. `CASES` maps `family:variant` to a builder of
one small-to-medium message; the very large inputs (10k nested multiparts, 5k attachments,
a 60 MB message) have their own builders so a test builds each once. Every builder is
deterministic: the same call gives the same bytes.
"""

from __future__ import annotations

import base64
import io
import random
import zipfile
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from urllib.parse import quote

from tests import corpus

Builder = Callable[[], bytes]
Header = tuple[str, str | bytes]
CRLF = b"\r\n"
GOOD_FROM = "Hostile Tester <hostile@example.org>"
# Characters that must never reach a stored text value or a filename.
RTL_OVERRIDE = "\u202e"
ZIP_BOMB_EXPANDED = 64 * 1024 * 1024


def message(headers: Sequence[Header], body: bytes, eol: bytes = CRLF) -> bytes:
    """A message from raw header pairs and an already encoded body."""
    lines = [name.encode() + b": " + (value if isinstance(value, bytes) else value.encode())
             for name, value in headers]
    return eol.join([*lines, b"", body])


def basic(subject: str | bytes = "hostile", *extra: Header, sender: str | bytes = GOOD_FROM,
          message_id: str = "<hostile@example.org>") -> list[Header]:
    """From, To, Subject, Date, Message-ID, then `extra`."""
    return [("From", sender), ("To", corpus.CLAIMS_ADDRESS), ("Subject", subject),
            ("Date", corpus.DATE), ("Message-ID", message_id), *extra]


def text_headers(charset: str = "utf-8", cte: str = "8bit") -> list[Header]:
    return [("MIME-Version", "1.0"), ("Content-Type", f"text/plain; charset={charset}"),
            ("Content-Transfer-Encoding", cte)]


def plain(subject: str | bytes, body: bytes = b"hello\r\n", *extra: Header,
          charset: str = "utf-8", cte: str = "8bit", sender: str | bytes = GOOD_FROM,
          message_id: str = "<hostile@example.org>") -> bytes:
    """A one-part text message with `extra` headers."""
    headers = basic(subject, *extra, sender=sender, message_id=message_id)
    return message([*headers, *text_headers(charset, cte)], body)


def multipart(headers: Sequence[Header], boundary: str, parts: Sequence[bytes],
              subtype: str = "mixed", closing: bool = True) -> bytes:
    """A multipart message; `closing=False` leaves out the final boundary."""
    marker = b"--" + boundary.encode()
    body = b"".join(marker + CRLF + part + CRLF for part in parts)
    body += marker + b"--" + CRLF if closing else b""
    content_type = f'multipart/{subtype}; boundary="{boundary}"'
    return message([*headers, ("MIME-Version", "1.0"), ("Content-Type", content_type)], body)


def part(headers: Sequence[Header], body: bytes) -> bytes:
    return message(headers, body)


def attachment(filename_param: str, payload: bytes, content_type: str = "application/pdf",
               cte: str = "base64") -> bytes:
    encoded = base64.encodebytes(payload).replace(b"\n", CRLF) if cte == "base64" else payload
    return part([("Content-Type", content_type), ("Content-Transfer-Encoding", cte),
                 ("Content-Disposition", f"attachment; {filename_param}")], encoded)


def text_part(text: bytes = b"see attached", charset: str = "utf-8") -> bytes:
    return part(text_headers(charset), text)


def with_filename(filename: str, payload: bytes = corpus.PDF_PAYLOAD) -> bytes:
    """A claim with one attachment named `filename` (RFC 2231 UTF-8 encoded)."""
    param = f"filename*=utf-8''{quote(filename, safe='')}"
    return multipart(basic("attachment name"), "b-name",
                     [text_part(), attachment(param, payload)])


# -- the very large inputs ---------------------------------------------------------------


def deep_multipart(depth: int) -> bytes:
    """A text part wrapped in `depth` levels of multipart/mixed (built linearly)."""
    openings: list[bytes] = []
    closings: list[bytes] = []
    for level in range(depth):
        boundary = f"d{level}".encode()
        openings.append(b"Content-Type: multipart/mixed; boundary=" + boundary + b"\r\n\r\n"
                        + b"--" + boundary + b"\r\n")
        closings.append(b"\r\n--" + boundary + b"--\r\n")
    leaf = b"Content-Type: text/plain\r\n\r\ndeep\r\n"
    headers = message(basic("deep", ("MIME-Version", "1.0"),
                            message_id=f"<deep.{depth}@example.org>"), b"")[:-2]
    return headers + b"".join(openings) + leaf + b"".join(reversed(closings))


def attachment_flood(count: int) -> bytes:
    """A message with `count` tiny attachments."""
    parts = [text_part()] + [attachment(f'filename="f{n}.txt"', b"x", "text/plain")
                             for n in range(count)]
    return multipart(basic("flood", message_id=f"<flood.{count}@example.org>"), "flood", parts)


def oversized_chunks(total: int, chunk: int = 1024 * 1024) -> Iterator[bytes]:
    """A `total`-byte message as chunks: headers, then base64 lines of one attachment."""
    head = multipart(basic("huge", message_id="<huge@example.org>"), "huge", [text_part()],
                     closing=False)
    head += b"--huge\r\nContent-Type: application/octet-stream\r\n"
    head += b"Content-Transfer-Encoding: base64\r\n\r\n"
    yield head
    line = b"QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFB\r\n"
    block = line * (chunk // len(line))
    remaining = total - len(head) - len(b"\r\n--huge--\r\n")
    while remaining > 0:
        yield block[:remaining]
        remaining -= len(block)
    yield b"\r\n--huge--\r\n"


def zip_bomb() -> bytes:
    """A small zip archive holding ZIP_BOMB_EXPANDED zero bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED,
                         compresslevel=9) as archive, archive.open("zeros.bin", "w") as entry:
        block = bytes(1024 * 1024)
        for _ in range(ZIP_BOMB_EXPANDED // len(block)):
            entry.write(block)
    return buffer.getvalue()


# -- the catalogue -------------------------------------------------------------------------


def truncated(seed: int) -> bytes:
    """A real claim with attachments cut at a random byte."""
    full = corpus.with_attachments(message_id=f"trunc.{seed}@example.ru")
    return full[:random.Random(seed).randrange(1, len(full))]


def nul_bytes() -> dict[str, Builder]:
    return {
        "subject": lambda: plain(b"claim\x00 number\x00 5"),
        "from-name": lambda: plain("nul", sender=b"Ev\x00il <evil@example.org>"),
        "message-id": lambda: plain("nul", message_id="<nul\x00id@example.org>"),
        "header-name": lambda: plain("nul", b"body", ("X-N\x00ul", "v")),
        "body": lambda: plain("nul body", b"before\x00after\r\n"),
        "filename": lambda: multipart(basic("nul name"), "b", [
            text_part(), attachment('filename="evil\x00.pdf"', b"%PDF")]),
    }


def bogus_charsets() -> dict[str, Builder]:
    labels = {"x-unknown": "x-unknown", "quoted-evil": '"utf-8\\"; evil"',
              "undefined": "undefined", "unicode-escape": "unicode_escape",
              "utf-16-odd": "utf-16", "base64-codec": "base64_codec", "idna": "idna",
              "empty": '""', "nul": "utf\x00-8"}
    body = "Привет, \\ud800 мир\r\n".encode() + b"\xff\xfe\x00"
    return {name: partial(plain, f"charset {label}", body, charset=label)
            for name, label in labels.items()}


def encoded_words() -> dict[str, Builder]:
    words = {
        "bad-base64": "=?utf-8?b?!!!not-base64***?=",
        "bad-qp": "=?utf-8?q?=ZZ=G1=?=",
        "unknown-charset": "=?x-unknown?q?abc?=",
        "unknown-encoding": "=?utf-8?x?abc?=",
        "crlf-inside": "=?utf-8?b?" + base64.b64encode(b"hi\r\nBcc: victim@example.org").decode()
                       + "?=",
        "nul-inside": "=?utf-8?q?a=00b?=",
        "surrogate": "=?utf-16?b?" + base64.b64encode(b"\x00\xd8").decode() + "?=",
        "utf7-surrogate": "=?utf-7?q?+2AA-?=",
        "unterminated": "=?utf-8?b?0J/RgNC40LLQtdGC",
        "cp500": "=?cp500?q?" + "".join(f"={b:02X}" for b in "Hello".encode("cp500")) + "?=",
    }
    return {name: partial(plain, word, sender=f"{word} <w@example.org>")
            for name, word in words.items()}


def addresses() -> dict[str, Builder]:
    crowd = ", ".join(f"Person {n} <p{n}@example.org>" for n in range(500))
    garbage = {
        "angles": "<<<@@@>>>", "bare-at": "@", "no-domain": "user@", "no-local": "@example.org",
        "quoted-nul": '"a\x00b"@example.org', "long-local": "x" * 400 + "@example.org",
        "long-name": "N" * 5000 + " <long@example.org>", "unicode": "пользователь@пример.рф",
        "name-300": "Иван " * 60 + "<name300@example.org>",
        "address-254": "a" * 64 + "@" + ".".join(["d" * 60] * 3) + ".org",
        "group": "undisclosed-recipients:;", "comment": "(comment <x@y>) a@b.example (c)",
        "semicolons": "a@example.org; b@example.org;;;", "newline-name": "=?utf-8?q?A=0D=0AB?= "
        "<nl@example.org>",
    }
    cases: dict[str, Builder] = {
        name: partial(plain, f"from {name}", sender=value) for name, value in garbage.items()}
    cases["crowd"] = lambda: plain("crowd", sender=crowd)
    cases["missing-from"] = lambda: message(
        [("To", corpus.CLAIMS_ADDRESS), ("Subject", "no sender"), ("Message-ID", "<nf@x.org>"),
         *text_headers()], b"who am I\r\n")
    cases["two-from"] = lambda: plain("two", b"x", ("From", "Second <second@example.org>"))
    return cases


def ids() -> dict[str, Builder]:
    many = " ".join(f"<ref{n}@example.org>" for n in range(10_000))
    return {
        "overlong-message-id": lambda: plain("long id", message_id="<" + "i" * 5000 + "@x.org>"),
        "message-id-200": lambda: plain("long id", message_id="<" + "m" * 188 + "@example.org>"),
        "message-id-500": lambda: plain("long id", message_id="<" + "k" * 488 + "@example.org>"),
        "overlong-unbracketed": lambda: plain("long id", message_id="j" * 5000),
        "references-10k": lambda: plain("refs", b"x", ("References", many),
                                        ("In-Reply-To", "<ref9999@example.org>")),
        "overlong-reference": lambda: plain("ref", b"x", ("References", "<" + "r" * 3000 + "@x>")),
        "duplicate-headers": lambda: plain("first", b"x", ("Subject", "second"),
                                           ("Message-ID", "<second@example.org>")),
        "garbage-ids": lambda: plain("g", b"x", ("In-Reply-To", "<<<>>> <@> <a b@c>"),
                                     ("References", "\x01\x02 <\udcff@x>".encode(
                                         "utf-8", "surrogateescape"))),
    }


def line_endings() -> dict[str, Builder]:
    lf = corpus.with_attachments(message_id="lf@example.ru").replace(CRLF, b"\n")
    cr = corpus.with_attachments(message_id="cr@example.ru").replace(CRLF, b"\r")
    mixed = corpus.with_attachments(message_id="mixed@example.ru")
    mixed_lines = mixed.split(CRLF)
    mixed_bytes = b"".join(line + (CRLF, b"\n", b"\r")[n % 3] for n, line in enumerate(mixed_lines))
    return {"lf-only": lambda: lf, "cr-only": lambda: cr, "mixed": lambda: mixed_bytes,
            "lfcr": lambda: corpus.english(message_id="lfcr@x.org").replace(CRLF, b"\n\r")}


def eight_bit_headers() -> dict[str, Builder]:
    texts = {"cp1251": "Претензия", "koi8-r": "Претензия", "shift_jis": "苦情のお知らせ",
             "gb2312": "投诉信", "latin-1": "Réclamation", "cp500": "Hello"}
    return {charset: partial(plain, text.encode(charset),
                             sender=f"{text} <8@x.org>".encode(charset))
            for charset, text in texts.items()}


def structure() -> dict[str, Builder]:
    head = basic("structure")
    return {
        "boundary-never-used": lambda: multipart(head, "declared", [])[:-16] + b"plain words\r\n",
        "no-closing-boundary": lambda: multipart(head, "open", [text_part()], closing=False),
        "other-boundary": lambda: multipart(head, "one", [text_part()]).replace(b"--one", b"--two"),
        "empty-boundary": lambda: message([*head, ("Content-Type", 'multipart/mixed; boundary=""')],
                                          b"--\r\nbody\r\n----\r\n"),
        "no-boundary-param": lambda: message([*head, ("Content-Type", "multipart/mixed")], b"x"),
        "prefix-boundary": prefix_boundary,
        "rfc822-100-deep": lambda: rfc822_chain(100),
        "rfc822-garbage": lambda: multipart(head, "b", [part(
            [("Content-Type", "message/rfc822")], b"\x00\xff not a message")]),
        "huge-param-list": lambda: message([*head, ("Content-Type", "text/plain; " + "; ".join(
            f"p{n}=v{n}" for n in range(20_000)))], b"params\r\n"),
        "long-content-type": lambda: multipart(head, "b", [text_part(), attachment(
            'filename="a.bin"', b"x", "application/" + "x" * 400)]),
        "long-params": lambda: multipart(head, "b", [text_part(), attachment(
            'filename="scan.pdf"; ' + "; ".join(f"x-p{n}={'v' * 200}" for n in range(5)),
            b"%PDF", "application/pdf; name=\"" + "s" * 400 + ".pdf\"")]),
        "long-content-id": lambda: multipart(head, "b", [text_part(), part(
            [("Content-Type", "image/png"), ("Content-ID", "<" + "c" * 2000 + ">")], b"png")]),
        "multipart-as-attachment-type": lambda: multipart(head, "b", [text_part(), attachment(
            'filename="m"', b"x", "multipart/evil")]),
        "unknown-cte": lambda: multipart(head, "b", [text_part(), attachment(
            'filename="a.gz"', b"\x1f\x8b\x08\x00gzip", "application/gzip", cte="x-gzip")]),
        "headers-only-no-eol": lambda: b"From: a@example.org\r\nSubject: nothing",
        "header-continuation-first": lambda: b" folded: first\r\nFrom: a@b.example\r\n\r\nx",
        "one-mb-header": lambda: plain("big", b"x", ("X-Big", "y" * (1024 * 1024))),
        "many-headers": lambda: plain("many", b"x", *((f"X-H{n}", "v") for n in range(5000))),
    }


def prefix_boundary() -> bytes:
    """An outer boundary that is a prefix of the inner one (RFC 2046 forbids it)."""
    inner = multipart([("Subject", "inner")], "abc-inner", [text_part(b"inner text")])
    inner_part = inner[inner.index(b"Content-Type"):]
    return multipart(basic("prefix"), "abc", [text_part(b"outer text"), inner_part])


def rfc822_chain(depth: int) -> bytes:
    """A claim forwarded as message/rfc822 inside itself `depth` times."""
    raw = corpus.english(message_id="chain.0@example.org")
    for level in range(1, depth + 1):
        raw = multipart(basic(f"Fwd {level}", message_id=f"<chain.{level}@example.org>"),
                        f"chain-{level}", [text_part(b"fwd"), part(
                            [("Content-Type", "message/rfc822")], raw)])
    return raw


def encodings() -> dict[str, Builder]:
    return {
        "invalid-base64-body": lambda: plain("b64", b"!!!@@@###\r\n====\r\nQUJD\r\n", cte="base64"),
        "invalid-base64-attachment": lambda: multipart(basic("b64"), "b", [text_part(), part(
            [("Content-Type", "application/pdf"), ("Content-Transfer-Encoding", "base64"),
             ("Content-Disposition", 'attachment; filename="x.pdf"')], b"%%%not*base64==AB")]),
        "invalid-qp": lambda: plain("qp", b"=ZZ=0=\r\n=C3=28 broken =\r\n=",
                                    cte="quoted-printable"),
        "utf-7": lambda: plain("utf7", "Привет +- мир".encode("utf-7") + b" +2AA- +AGE",
                               charset="utf-7"),
        "cp500": lambda: plain("ebcdic", "Hello claims team, order 12345".encode("cp500"),
                               charset="cp500"),
        "utf-16-declared-utf8": lambda: plain("u16", "Привет".encode("utf-16"), charset="utf-8"),
        "binary-cte-8bit": lambda: plain("bin", bytes(range(256)) * 4, cte="binary"),
    }


def display_tricks() -> dict[str, Builder]:
    return {
        "rtl-subject": lambda: plain(f"Invoice {RTL_OVERRIDE}fdp.exe 😀"),
        "emoji-subject": lambda: plain("=?utf-8?b?" + base64.b64encode(
            "Жалоба 😡🔥 на заказ".encode()).decode() + "?="),
        "rtl-filename": lambda: with_filename(f"photo{RTL_OVERRIDE}gpj.exe"),
        "emoji-filename": lambda: with_filename("😀 фото 🔥.jpg"),
    }


def filenames() -> dict[str, Builder]:
    names = {"traversal": "../../etc/passwd", "backslash": "..\\..\\boot.ini",
             "absolute": "/etc/shadow", "drive": "C:\\Windows\\system32\\evil.dll",
             "con": "CON", "nul-txt": "NUL.txt", "com1": "COM1", "nul-byte": "a\x00b.pdf",
             "long": "n" * 1000 + ".pdf", "long-cyrillic": "фото повреждений " * 20 + ".jpg",
             "dots": "...", "rtl": f"x{RTL_OVERRIDE}fdp.exe"}
    return {key: partial(with_filename, name) for key, name in names.items()}


def catalogue() -> dict[str, Builder]:
    """Every small hostile message by `family:variant`."""
    families: dict[str, dict[str, Builder]] = {
        "truncated": {str(seed): partial(truncated, seed) for seed in range(12)},
        "nul": nul_bytes(), "charset": bogus_charsets(), "encoded-word": encoded_words(),
        "address": addresses(), "ids": ids(), "line-endings": line_endings(),
        "8bit-header": eight_bit_headers(), "structure": structure(), "encoding": encodings(),
        "display": display_tricks(), "filename": filenames(),
    }
    return {f"{family}:{name}": builder for family, cases in families.items()
            for name, builder in cases.items()}


CASES = catalogue()
