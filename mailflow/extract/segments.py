"""A piece of text the extractor reads (the subject, the body, an attachment's name or
text) and the helper that records a value found in it."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

from mailflow.extract.model import FieldName, FoundField, Source

# Sentences end at . ! ? ; before a blank or at a line break ("30.11" and "4.5" stay
# whole); bounded so a sentence is never rescanned.
# A line break before a lower-case letter is a hard-wrapped line, not the sentence's end.
_SENTENCE = re.compile(r"(?:[^.!?;\n]|[.!?;](?=[^\s.!?;])|\n(?=[a-zа-яё])){1,600}")


@dataclass(frozen=True)
class Segment:
    source: Source
    text: str
    attachment: str | None = None

    def found(
        self,
        name: FieldName,
        value: str,
        span: tuple[int, int],
        confidence: float,
        rule: str,
        item: int | None = None,
    ) -> FoundField:
        return FoundField(
            name=name,
            value=value,
            source=self.source,
            start=span[0],
            end=span[1],
            confidence=confidence,
            rule=rule,
            attachment=self.attachment,
            item=item,
        )


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """Spans of the sentences of `text`, stripped of surrounding blanks."""
    for match in _SENTENCE.finditer(text):
        start, end = match.span()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            yield start, end


class Spans:
    """Sorted, non-overlapping spans with a logarithmic "which span holds this position"."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self._spans = sorted(spans)
        self._starts = [start for start, _ in self._spans]

    def holding(self, position: int) -> tuple[int, int] | None:
        index = bisect_right(self._starts, position) - 1
        if index >= 0 and position < self._spans[index][1]:
            return self._spans[index]
        return None

    def __contains__(self, position: int) -> bool:
        return self.holding(position) is not None
