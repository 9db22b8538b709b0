"""Large bodies kept out of the parsed tree, so a big message is not copied many times.

Before the stdlib parser reads a message, each run of at least LARGE_RUN bytes of body
lines is replaced by one token line (`Spans.skeleton`); the tree then holds a few bytes
where the run was. A run starts at a line that can only be body text: not blank, no ':'
(no header), not starting with white space (a continuation), '-' (a boundary) or "From ".
The parser ends any header section at such a line, so the lines after it are body too, up
to the next blank line (which may start a header block in a delivery report) or line
starting with '-' (a boundary), where the run ends. The token (letters and digits) is such
a line as well, so the skeleton parses exactly as the message would. A leaf
part whose payload holds tokens is decoded straight from the raw bytes (`Spans.decoded`):
base64 in one call on the run itself, quoted-printable and 7bit/8bit from one joined copy;
anything else (uuencode, damaged base64, an attached message) gets its runs put back
first and goes the ordinary stdlib way, so every result is the same as without the
skeleton.
"""

from __future__ import annotations

import binascii
import io
import re
import secrets
from collections.abc import Iterator
from email.message import Message

LARGE_RUN = 256 * 1024
QP_CHUNK = 1024 * 1024  # quoted-printable bytes decoded at a time
# Lines that are neither blank nor start with '-' (a boundary), at most 1,000 a match (an
# unbounded repeat makes `re` keep state for every line); no lone CR inside a line, as the
# parser ends lines there too.
_CHAIN = re.compile(rb"(?m)(?:^[^-\r\n][^\r\n]*\r?\n){1,1000}")
# A line that can only be body text: no ':', not white space or "From " first.
_BODY_LINE = re.compile(rb"(?m)^(?!From )[^-\s:][^:\r\n]*\r?\n")
_STDLIB_ONLY = frozenset({"x-uuencode", "uuencode", "uue", "x-uue"})


class Spans:
    """The runs cut out of one raw message, and the token lines that stand for them."""

    def __init__(self, raw: bytes) -> None:
        self.raw = raw
        self._nonce = secrets.token_hex(8)
        self._token = re.compile(f"MFSPAN{self._nonce}N([0-9]+)E")
        self.runs: list[tuple[int, int]] = []  # raw[start:end], without its last line break

    def skeleton(self) -> bytes:
        """The raw message with every large run replaced by its token line."""
        pieces: list[bytes] = []
        position = 0
        for start, stop in self._large_runs():
            end = stop - (2 if self.raw[stop - 2] == 0x0D else 1)
            pieces += [self.raw[position:start], self._token_for(start, end)]
            position = end
        if not self.runs:
            return self.raw
        pieces.append(self.raw[position:])
        return b"".join(pieces)

    def _large_runs(self) -> Iterator[tuple[int, int]]:
        """(start, end) of each run at least LARGE_RUN bytes long: from a line that can
        only be body text to the next blank or '-' line. The parser ends a header section
        at such a line, so whatever follows it up to the blank line is body too."""
        for start, end in self._chains():
            first = _BODY_LINE.search(self.raw, start, end) if end - start >= LARGE_RUN else None
            if first is not None and end - first.start() >= LARGE_RUN:
                yield first.start(), end

    def _chains(self) -> Iterator[tuple[int, int]]:
        """Each stretch of lines neither blank nor starting with '-'."""
        start = end = -1
        for match in _CHAIN.finditer(self.raw):
            if match.start() != end:
                if start >= 0:
                    yield start, end
                start = match.start()
            end = match.end()
        if start >= 0:
            yield start, end

    def _token_for(self, start: int, end: int) -> bytes:
        self.runs.append((start, end))
        return f"MFSPAN{self._nonce}N{len(self.runs) - 1}E".encode("ascii")

    def decoded(self, part: Message) -> bytes | None:
        """The decoded bytes of a leaf holding tokens, as `get_payload(decode=True)` would
        give them; None when the stdlib must do it (call `restore` first)."""
        payload = _stored_payload(part)
        if not self.runs or not isinstance(payload, str) or self._nonce not in payload:
            return None
        # As the stdlib reads it: lower-cased, not stripped.
        encoding = str(part.get("content-transfer-encoding", "")).lower()
        if encoding == "base64":
            return self._base64(payload)
        if encoding in _STDLIB_ONLY:
            return None
        if encoding == "quoted-printable":
            return self._quoted_printable(payload)
        return self._bytes(payload)

    def _base64(self, payload: str) -> bytes | None:
        """A base64 payload that is one token, decoded from the run without a copy of it."""
        match = self._token.fullmatch(payload.strip())
        if match is None or int(match.group(1)) >= len(self.runs):
            return None
        start, end = self.runs[int(match.group(1))]
        padding = self.raw.find(b"=", start, end)
        if padding != -1 and self.raw[padding:end].strip(b"=\r\n"):
            return None  # padding inside the run: the stdlib notes the defect
        try:  # ignores the line breaks
            return binascii.a2b_base64(memoryview(self.raw)[start:end], strict_mode=False)
        except binascii.Error:
            return None  # damaged: the stdlib decodes it and records the defect

    def _bytes(self, payload: str) -> bytes:
        """The payload's bytes with its runs put back, in one copy."""
        return b"".join(self._pieces(payload))

    def _pieces(self, payload: str) -> Iterator[bytes | memoryview]:
        position = 0
        for match in self._token.finditer(payload):
            yield payload[position:match.start()].encode("ascii", "surrogateescape")
            yield self._run(match)
            position = match.end()
        yield payload[position:].encode("ascii", "surrogateescape")

    def _quoted_printable(self, payload: str) -> bytes:
        """a2b_qp of the payload's bytes (what quopri.decodestring does), a chunk of whole
        lines at a time: quoted-printable escapes and soft breaks never cross a line end."""
        decoded = io.BytesIO()
        carry = b""
        for piece in self._pieces(payload):
            for start in range(0, len(piece), QP_CHUNK):
                data = carry + bytes(piece[start:start + QP_CHUNK])
                line_end = data.rfind(b"\n") + 1 or _cut_inside_line(data)
                decoded.write(binascii.a2b_qp(data[:line_end]))
                carry = data[line_end:]
        decoded.write(binascii.a2b_qp(carry))
        return decoded.getvalue()  # the buffer itself, not a copy

    def _run(self, match: re.Match[str]) -> bytes | memoryview:
        number = int(match.group(1))
        if number >= len(self.runs):
            return match.group(0).encode("ascii")
        start, end = self.runs[number]
        return memoryview(self.raw)[start:end]

    def restore(self, message: Message) -> None:
        """Put the cut-out runs back into every part of `message` (payloads, and the
        preamble and epilogue of multiparts)."""
        if not self.runs:
            return
        for part in message.walk():
            payload = _stored_payload(part)
            if isinstance(payload, str) and self._nonce in payload:
                part.set_payload(self._token.sub(self._run_text, payload))
            for side in ("preamble", "epilogue"):
                text = getattr(part, side, None)
                if isinstance(text, str) and self._nonce in text:
                    setattr(part, side, self._token.sub(self._run_text, text))

    def _run_text(self, match: re.Match[str]) -> str:
        return bytes(self._run(match)).decode("ascii", "surrogateescape")


def _cut_inside_line(data: bytes) -> int:
    """Where a line longer than QP_CHUNK can be cut: not inside an '=XX' escape or soft
    break; 0 (cut nothing yet) for a short one."""
    if len(data) <= QP_CHUNK:
        return 0
    cut = len(data) - 2
    while cut > 0 and b"=" in data[max(cut - 2, 0):cut]:
        cut -= 1
    return cut


def _stored_payload(part: Message) -> object:
    """The payload as the parser stored it (compat32 `_payload`): `get_payload()` would
    decode 8-bit text with the part's charset, which fails on a damaged charset name."""
    return vars(part).get("_payload")
