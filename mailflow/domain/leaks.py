"""Whether text about to reach a customer still holds lines of mailflow's mail to staff."""

from __future__ import annotations

import re
from collections.abc import Sequence

_MIN_CHARS = 30
_QUOTE_MARKS = re.compile(r"^[\s>|]+")


def _normal(line: str) -> str:
    return " ".join(_QUOTE_MARKS.sub("", line).lower().split())


def leaked_lines(body: str, staff_texts: Sequence[str]) -> list[str]:
    """The lines of `body` that also stand in one of `staff_texts` (long lines only)."""
    known = {_normal(line) for text in staff_texts for line in text.splitlines()}
    known = {line for line in known if len(line) >= _MIN_CHARS}
    return [line.strip() for line in body.splitlines() if _normal(line) in known]
