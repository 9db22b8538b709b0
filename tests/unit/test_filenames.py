"""sanitize_filename: safe, readable attachment names on any filesystem."""

from __future__ import annotations

import pytest

from mailflow.parse.filenames import MAX_LENGTH, sanitize_filename


@pytest.mark.parametrize(("name", "expected"), [
    ("../../etc/passwd", "passwd"),
    ("..\\..\\windows\\win.ini", "win.ini"),
    ("/var/tmp/x.pdf", "x.pdf"),
    ("C:\\Users\\ivan\\акт.pdf", "акт.pdf"),
    ("C:evil.txt", "evil.txt"),
])
def test_directories_and_traversal_are_stripped(name: str, expected: str) -> None:
    """Only the last path component survives, without a drive letter."""
    assert sanitize_filename(name, "fb") == expected


@pytest.mark.parametrize(("name", "expected"), [
    ("CON", "_CON"),
    ("nul.txt", "_nul.txt"),
    ("com1.pdf", "_com1.pdf"),
    ("LPT9", "_LPT9"),
    ("console.txt", "console.txt"),
])
def test_windows_device_names_are_prefixed(name: str, expected: str) -> None:
    """Reserved device names, with or without extension, get a leading underscore."""
    assert sanitize_filename(name, "fb") == expected


@pytest.mark.parametrize(("name", "expected"), [
    ("a\x00b\r\n.pdf", "ab.pdf"),
    ("\u202efdp.exe", "fdp.exe"),
    ('a<b>c:d"e|f?g*h.txt', "abcdefgh.txt"),
    (".hidden", "hidden"),
    ("name. . ", "name"),
    ("  spaced.doc  ", "spaced.doc"),
    ("a;b.pdf", "ab.pdf"),
    (". .profile", "profile"),
    ("\x7fdel\x85.txt", "del.txt"),
])
def test_control_forbidden_and_edge_characters_go(name: str, expected: str) -> None:
    """Control and bidi characters, <>:"|?*; (`;` would split a header's parameters) and
    dots and spaces at either end are removed."""
    assert sanitize_filename(name, "fb") == expected


def test_cyrillic_is_kept_and_nfc_normalised() -> None:
    """Russian names survive and a decomposed й becomes the composed character."""
    assert sanitize_filename("Акт о повреждении №15.pdf", "fb") == "Акт о повреждении №15.pdf"
    assert sanitize_filename("и\u0306.txt", "fb") == "й.txt"


def test_long_names_are_cut_keeping_the_extension() -> None:
    """A name over MAX_LENGTH characters is shortened before its extension."""
    result = sanitize_filename("я" * 400 + ".pdf", "fb")
    assert len(result) == MAX_LENGTH
    assert result.endswith("я.pdf")


@pytest.mark.parametrize("name", [None, "", "..", "../", "\x00", "???", " . "])
def test_empty_results_use_the_fallback(name: str | None) -> None:
    """Nothing usable left means the fallback name."""
    assert sanitize_filename(name, "attachment-1.bin") == "attachment-1.bin"
