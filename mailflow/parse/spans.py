"""Large base64 bodies kept out of the parsed tree, so a big message is not copied many times.

Before the stdlib parser reads a message, each run of at least LARGE_RUN bytes of
base64-looking lines is replaced by one token line (`Spans.skeleton`); the tree then holds
a few bytes where the run was. A base64 line has no ':' and cannot start with '--' or
white space, so the token (also letters and digits only) parses exactly as the run would:
it is never a header, a continuation or a boundary. A leaf part whose payload holds a
token is decoded straight from the raw bytes (`Spans.decoded`); anything else (a text
part, an attached message, damaged base64) gets its payload restored first and goes the
ordinary stdlib way, so its result is the same as without the skeleton.
"""

from __future__ import annotations

import binascii
import re
import secrets
from collections.abc import Iterator
from email.message import Message

LARGE_RUN = 256 * 1024
# At most 1,000 lines a match: an unbounded repeat makes `re` keep state for every line.
_BASE64_LINES = re.compile(rb"(?m)(?:^[A-Za-z0-9+/]{4,}={0,2}\r?\n){1,1000}")


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
        """(start, end) of each run of base64 lines at least LARGE_RUN bytes long."""
        start = end = -1
        for match in _BASE64_LINES.finditer(self.raw):
            if match.start() != end:
                if end - start >= LARGE_RUN:
                    yield start, end
                start = match.start()
            end = match.end()
        if end - start >= LARGE_RUN:
            yield start, end

    def _token_for(self, start: int, end: int) -> bytes:
        self.runs.append((start, end))
        return f"MFSPAN{self._nonce}N{len(self.runs) - 1}E".encode("ascii")

    def decoded(self, part: Message) -> bytes | None:
        """The decoded bytes of a base64 leaf that is one token, or None (use `restore`)."""
        payload = _stored_payload(part)
        if not self.runs or not isinstance(payload, str) or part.is_multipart():
            return None
        if str(part.get("content-transfer-encoding", "")).strip().lower() != "base64":
            return None
        match = self._token.fullmatch(payload.strip())
        if match is None or int(match.group(1)) >= len(self.runs):
            return None
        start, end = self.runs[int(match.group(1))]
        padding = self.raw.find(b"=", start, end)
        if padding != -1 and self.raw[padding:end].strip(b"=\r\n"):
            return None  # padding inside the run: the stdlib notes the defect
        try:  # ignores the line breaks; no copy of the run is made
            return binascii.a2b_base64(memoryview(self.raw)[start:end], strict_mode=False)
        except binascii.Error:
            return None  # damaged: the stdlib decodes it and records the defect

    def restore(self, message: Message) -> None:
        """Put the cut-out runs back into every part of `message` that holds a token."""
        if not self.runs:
            return
        for part in message.walk():
            payload = _stored_payload(part)
            if isinstance(payload, str) and self._nonce in payload:
                part.set_payload(self._token.sub(self._run_text, payload))

    def _run_text(self, match: re.Match[str]) -> str:
        number = int(match.group(1))
        if number >= len(self.runs):
            return match.group(0)
        start, end = self.runs[number]
        return self.raw[start:end].decode("ascii")


def _stored_payload(part: Message) -> object:
    """The payload as the parser stored it (compat32 `_payload`): `get_payload()` would
    decode 8-bit text with the part's charset, which fails on a damaged charset name."""
    return vars(part).get("_payload")
