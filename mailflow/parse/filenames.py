"""Attachment filenames that are safe to show, to store on any filesystem and to put in a
header: the one sanitiser for mail attachments, customers' uploads and files served to staff."""

from __future__ import annotations

import re
import unicodedata

MAX_LENGTH = 150
# An extension longer than this is part of the name, not a file type.
_MAX_EXTENSION = 16
_FORBIDDEN = re.compile(r'[<>:"|?*;]')
_EDGES = re.compile(r"^[\s.]+|[\s.]+$")  # leading and trailing dots and white space
_DRIVE = re.compile(r"^[A-Za-z]:")
_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CLOCK$", "CONIN$", "CONOUT$"}
    | {f"{device}{n}" for device in ("COM", "LPT") for n in "0123456789¹²³"}
)


def sanitize_filename(name: str | None, fallback: str) -> str:
    """`name` without directories, traversal, control or reserved parts, nor any of
    `<>:"|?*;`; `fallback` if empty."""
    if not name:
        return fallback
    cleaned = unicodedata.normalize("NFC", name)
    cleaned = "".join(char for char in cleaned if not _is_control(char))
    cleaned = _basename(cleaned)
    cleaned = _EDGES.sub("", _FORBIDDEN.sub("", cleaned))
    cleaned = _truncate(_unreserve(cleaned))
    return cleaned or fallback


def _is_control(char: str) -> bool:
    """Control and format characters (NUL, newlines, bidi overrides that fake extensions)."""
    return unicodedata.category(char) in {"Cc", "Cf", "Zl", "Zp"}


def _basename(name: str) -> str:
    """The last path component, whatever the separator, without a drive letter."""
    last = name.replace("\\", "/").rsplit("/", 1)[-1]
    return _DRIVE.sub("", last)


def _unreserve(name: str) -> str:
    """Prefix Windows device names (CON, NUL.txt, COM1.pdf) so they are ordinary files."""
    stem = name.split(".", 1)[0].rstrip(" ")
    return f"_{name}" if stem.upper() in _RESERVED else name


def _truncate(name: str) -> str:
    """Cut the stem so the whole name fits MAX_LENGTH, keeping a short extension."""
    if len(name) <= MAX_LENGTH:
        return name
    stem, dot, extension = name.rpartition(".")
    if not dot or not stem or len(extension) > _MAX_EXTENSION:
        return name[:MAX_LENGTH].rstrip(". ")
    return f"{stem[:MAX_LENGTH - len(extension) - 1].rstrip('. ')}.{extension}"
