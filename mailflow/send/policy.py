"""The email policy compose writes with: the standard library's SMTP policy (7-bit bodies),
with the parsing and folding of header values remembered.

`email.policy.EmailPolicy` parses every header value into a tree when it is set and folds
that tree again when the message is written, and its registry makes a new class per header
each time. Both are pure functions of the header's name, kind and value, so a value seen
before (the claims address, the date of a pass, a manager's address, the MIME headers of
each part) is parsed and folded once; the bytes written are exactly the same. Only values
parsed here are remembered (not header objects made elsewhere, nor text with "=?"). `as_bytes`
writes a message without compiling a regular expression for its boundary.
"""

from __future__ import annotations

from datetime import datetime
from email.generator import BytesGenerator
from email.headerregistry import Address, BaseHeader, HeaderRegistry
from email.message import EmailMessage
from email.policy import EmailPolicy
from io import BytesIO
from typing import Any

MEMORY = 4096  # values remembered of each kind; forgotten all at once beyond that
_parsed: dict[tuple[Any, ...], tuple[str, Any]] = {}
_folded: dict[tuple[Any, ...], str] = {}


class Registry(HeaderRegistry):
    """A header registry that makes each header class once, not once per header."""

    def __init__(self) -> None:
        super().__init__()
        self._classes: dict[str, type[BaseHeader]] = {}

    def __getitem__(self, name: str) -> type[BaseHeader]:
        key = name.lower()
        if key not in self._classes:
            self._classes[key] = super().__getitem__(name)
        return self._classes[key]


class RememberingPolicy(EmailPolicy):
    """EmailPolicy whose header parsing and folding are remembered by value."""

    def header_store_parse(self, name: str, value: Any) -> tuple[str, Any]:
        key = _value_key(value)
        if key is None:
            return super().header_store_parse(name, value)
        key = (name, self.utf8, *key)
        found = _parsed.get(key)
        if found is None:  # kept in a local: another thread may forget the memory meanwhile
            found = super().header_store_parse(name, value)
            found[1].remembered = True  # its folding may be remembered too
            _remember(_parsed, key, found)
        return found

    def _fold(self, name: str, value: Any, refold_binary: bool = False) -> str:
        if hasattr(value, "name") and not getattr(value, "remembered", False):
            return super()._fold(name, value, refold_binary)  # type: ignore[misc, no-any-return]
        key = (name, type(value).__name__, str(value), self.utf8, refold_binary)
        found = _folded.get(key)
        if found is None:
            found = super()._fold(name, value, refold_binary)  # type: ignore[misc]
            _remember(_folded, key, found)
        return found


def _value_key(value: Any) -> tuple[Any, ...] | None:
    """What identifies a header value set on a message, or None for one not remembered: a
    header object, or text that may hold an encoded word (its header's text is the decoded
    one, so two different values could read the same)."""
    key: tuple[Any, ...] | None = None
    if isinstance(value, str) and not hasattr(value, "name"):
        key = ("text", value)
    elif isinstance(value, datetime):
        key = ("date", value)
    elif isinstance(value, Address):
        key = ("address", _address(value))
    elif isinstance(value, tuple) and all(isinstance(item, Address) for item in value):
        key = ("addresses", *map(_address, value))
    return None if key is None or "=?" in repr(key) else key


def _address(address: Address) -> tuple[str, str, str]:
    return (address.display_name, address.username, address.domain)


def _remember(memory: dict[tuple[Any, ...], Any], key: tuple[Any, ...], value: Any) -> None:
    if len(memory) >= MEMORY:
        memory.clear()
    memory[key] = value


class Generator(BytesGenerator):
    """BytesGenerator choosing a multipart boundary without compiling a pattern for it: a
    boundary is drawn again while the parts' text contains it anywhere (stricter than the
    standard library's test of whole lines)."""

    @classmethod
    def _make_boundary(cls, text: str | bytes | None = None) -> str:
        while True:
            boundary: str = super()._make_boundary()  # type: ignore[misc]
            if text is None or not _contains(text, f"--{boundary}"):
                return boundary


def _contains(text: str | bytes, marker: str) -> bool:
    return marker.encode() in text if isinstance(text, bytes) else marker in text


def as_bytes(message: EmailMessage) -> bytes:
    """`message.as_bytes()` written by `Generator`."""
    stream = BytesIO()
    Generator(stream, mangle_from_=False, policy=message.policy).flatten(message)
    return stream.getvalue()


SMTP_7BIT = RememberingPolicy(linesep="\r\n", cte_type="7bit", header_factory=Registry())
SMTP_7BIT_UTF8 = SMTP_7BIT.clone(utf8=True)
