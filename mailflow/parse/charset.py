"""Turn undecoded text bytes into str, detecting missing or wrong charset labels.

Mail clients often send Cyrillic text with no charset, or labelled us-ascii, utf-8 or
latin-1 while the bytes are windows-1251 or koi8-r. Replacing those bytes with U+FFFD
would lose the customer's words, so the label is only trusted when the bytes agree.
Generic detectors confuse the single-byte Cyrillic code pages with each other, so
those are scored here by Russian letter frequencies and word case shape.
"""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

CYRILLIC_CODECS = ("cp1251", "koi8-r", "iso8859-5", "cp866")
# Labels that are often wrong for Cyrillic bytes: re-checked even when they decode.
_DOUBTFUL_LABELS = frozenset({"ascii", "iso8859-1", "cp1252", *CYRILLIC_CODECS, "koi8-u"})
# A candidate must score this well (per non-ASCII character) to count as Russian.
_MIN_RUSSIAN_SCORE = 0.5
# Fewer 8-bit bytes than this are too little evidence to overrule a label.
_MIN_EVIDENCE_BYTES = 4
_SAMPLE_BYTES = 16 * 1024
# Codecs that are not character sets: they turn backslash escapes into characters
# (a label could make "\\u202e" in the text a real bidi override) or always fail.
_NOT_CHARSETS = frozenset({"unicode-escape", "raw-unicode-escape", "undefined", "punycode"})
_ASCII_BYTES = bytes(range(128))

# Relative frequency of Russian lower-case letters (per 1000 letters of ordinary prose).
_LETTER_WEIGHT = dict(zip(
    "оеаинтсрвлкмдпуяыьгзбчйхжшюцщэфъё",
    (110, 85, 80, 74, 67, 63, 55, 47, 45, 44, 35, 32, 30, 28, 26, 20, 19, 17, 17, 16, 16,
     14, 12, 10, 9, 7, 6, 5, 4, 3, 3, 1, 1),
    strict=True,
))
_TYPOGRAPHY = frozenset("«»—–…№“”„‘’•°\u00a0")


def decode_text(data: bytes, declared: str | None) -> str:
    """Decode `data`, trusting the `declared` charset only when the bytes agree with it."""
    if not data:
        return ""
    if data.isascii():
        return data.decode("ascii")
    codec = _codec_name(declared)
    decoded = _strict(data, codec) if codec is not None else None
    if decoded is not None and (codec not in _DOUBTFUL_LABELS or _too_short_to_doubt(data)):
        return decoded
    return _detect(data, codec)


def _too_short_to_doubt(data: bytes) -> bool:
    """A few 8-bit bytes are too little evidence to overrule a charset label."""
    return len(data.translate(None, _ASCII_BYTES)) < _MIN_EVIDENCE_BYTES


def _codec_name(declared: str | None) -> str | None:
    """The canonical codec name for a charset label, or None when unknown."""
    if not declared:
        return None
    try:
        info = codecs.lookup(declared.strip().strip('"').lower())
    except (LookupError, ValueError):  # ValueError: a NUL inside the label
        return None
    text_codec = getattr(info, "_is_text_encoding", True)
    return info.name if text_codec and info.name not in _NOT_CHARSETS else None


def _strict(data: bytes, codec: str) -> str | None:
    """`data` decoded with `codec`, or None when the bytes are invalid in it."""
    try:
        return data.decode(codec)
    except (UnicodeError, LookupError, ValueError):
        return None


def _detect(data: bytes, declared: str | None) -> str:
    """Pick the most plausible decoding when the label is missing or doubtful."""
    as_utf8 = _strict(data, "utf-8")
    if as_utf8 is not None:
        return as_utf8
    russian = _best_russian(data, declared)
    if russian is not None:
        return russian
    if declared is not None and (decoded := _strict(data, declared)) is not None:
        return decoded
    return _generic(data)


def _best_russian(data: bytes, declared: str | None) -> str | None:
    """The decoding in a Cyrillic code page that reads most like Russian, if any does."""
    sample = data[:_SAMPLE_BYTES]  # scoring is per character: a sample decides
    scored: list[tuple[float, str]] = []
    for codec in _candidates(declared):
        text = _strict(sample, codec)
        if text is not None:
            bonus = 0.05 if codec == declared else 0.0  # ties go to the label
            scored.append((russian_score(text) + bonus, codec))
    if not scored:
        return None
    score, codec = max(scored, key=lambda item: item[0])
    return _strict(data, codec) if score >= _MIN_RUSSIAN_SCORE else None


def _candidates(declared: str | None) -> tuple[str, ...]:
    if declared in CYRILLIC_CODECS:
        return (declared, *(c for c in CYRILLIC_CODECS if c != declared))
    return CYRILLIC_CODECS


def russian_score(text: str) -> float:
    """How much `text` reads like Russian, per non-ASCII character (higher is better)."""
    padded = f" {text} "
    scores = [
        _char_score(padded[i - 1], char, padded[i + 1])
        for i, char in enumerate(padded)
        if not char.isascii()
    ]
    return sum(scores) / (len(scores) * 40) if scores else 0.0


def _char_score(previous: str, char: str, following: str) -> float:
    """Frequency weight of a Russian letter; penalties for decoding artefacts."""
    lower = char.lower()
    if lower not in _LETTER_WEIGHT:
        return 0.0 if char in _TYPOGRAPHY else -40.0
    if _is_latin(previous) or _is_latin(following):
        return -40.0  # "arrivй": a Latin-1 word read through a Cyrillic code page
    if char.isupper() and previous.isalpha() and previous.islower():
        return -40.0  # "пРИВЕТ": a lower-case letter then capitals
    return float(_LETTER_WEIGHT[lower])


def _is_latin(char: str) -> bool:
    return char.isascii() and char.isalpha()


def _generic(data: bytes) -> str:
    """Fallback for non-Cyrillic bytes: Western European, charset-normalizer, lossy UTF-8."""
    western = _strict(data, "cp1252")
    if western is not None and _reads_western(western):
        return western
    best = from_bytes(data).best()
    if best is not None:
        return str(best)
    return data.decode("utf-8", errors="replace")


def _reads_western(text: str) -> bool:
    """Non-ASCII chars are accented Latin letters, mostly inside Latin words (café, à)."""
    padded = f" {text} "
    in_words = []
    for i, char in enumerate(padded):
        if char.isascii():
            continue
        if not ("\u00c0" <= char <= "\u017f" and char.isalpha()):
            return False
        in_words.append(_is_latin(padded[i - 1]) or _is_latin(padded[i + 1]))
    return sum(in_words) * 2 >= len(in_words)
