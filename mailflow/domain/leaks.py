"""Fail closed on relays: does a text for the customer still carry mailflow's mail to staff?

The caller passes the body it is about to relay and the text parts of the mail mailflow sent
to staff on the claim (notifications with the customer's text, category and priority,
command help, reminders, error replies). Any of that text in the body means quote stripping
missed something, and the relay must not go out.

Both sides are normalised first: quote markers (`>`) and case dropped, `ё` read as `е`, and
a line reduced to its words (letters and digits), so `Category: damage`, `> category -
damage` and `CATEGORY:  Damage` are the same line; a leading `#` is kept, so the command
`#category damage` is not that line. Two rules then catch a leak:

- a body line equal to a distinctive staff line: one of at least `min_chars` characters of
  words (12: "priority low" is caught, "thank you" is not), or any `Label: value` line
  (`Тема: Ваза`, `Priority: high`, however short, because the label makes it the
  notification's wording); greetings and sign-offs that anyone writes ("С уважением",
  "Best regards", "Спасибо!") are never distinctive;
- a run of `run_words` (8) consecutive words shared with a staff text, even across line
  breaks: a notification pasted without `>` marks and reflowed by the mail client.
  Ordinary prose shares a couple of words with a notification, not eight in a row; the
  greeting and sign-off lines are left out of the runs.

The rule is strict on purpose: the staff notification holds the customer's own text, so a
specialist who quotes a whole line or eight words of the customer's message back is stopped
too, and is told why; that is rare, and cheaper than leaking internal wording.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

MIN_CHARS = 12
RUN_WORDS = 8

_WORD = re.compile(r"[^\W_]+")
_QUOTE_MARKERS = re.compile(r"^[\s>]+")
_LABEL_LINE = re.compile(r"[^\W\d_][\w .()'-]{0,40}:\s*\S")
_COMMON_LINES = frozenset({
    "hello", "hi", "dear customer", "good afternoon", "good morning", "thank you", "thanks",
    "many thanks", "thank you very much", "thank you in advance", "best regards",
    "kind regards", "regards", "best wishes", "sincerely", "yours sincerely",
    "have a nice day",
    "здравствуйте", "добрый день", "доброе утро", "добрый вечер", "спасибо",
    "большое спасибо", "заранее спасибо", "спасибо заранее", "с уважением",
    "с наилучшими пожеланиями", "всего доброго", "хорошего дня", "уважаемый клиент",
})


def leaked_lines(body: str, staff_texts: Sequence[str], min_chars: int = MIN_CHARS,
                 run_words: int = RUN_WORDS) -> list[str]:
    """The lines of `body` that repeat text of mailflow's mail to staff, in order; [] if none."""
    body_lines = body.replace("\r\n", "\n").split("\n")
    flagged = _lines_equal_to_staff(body_lines, staff_texts, min_chars)
    flagged |= _lines_in_shared_runs(body_lines, staff_texts, run_words)
    return [body_lines[index].strip() for index in sorted(flagged)]


def _lines_equal_to_staff(body_lines: list[str], staff_texts: Sequence[str],
                          min_chars: int) -> set[int]:
    distinctive = {_words_of(line) for text in staff_texts for line in text.split("\n")
                   if _is_distinctive(line, min_chars)}
    return {index for index, line in enumerate(body_lines) if _words_of(line) in distinctive}


def _is_distinctive(line: str, min_chars: int) -> bool:
    """A staff line that ordinary answers do not contain word for word."""
    words = _words_of(line)
    if not words or words in _COMMON_LINES:
        return False
    is_label = bool(_LABEL_LINE.match(_unquoted(line))) and " " in words
    return is_label or len(words) >= min_chars


def _lines_in_shared_runs(body_lines: list[str], staff_texts: Sequence[str],
                          run_words: int) -> set[int]:
    staff_runs = {run for text in staff_texts
                  for run in _runs([word for word, _ in _numbered_words(text.split("\n"))],
                                   run_words)}
    numbered = _numbered_words(body_lines)
    words = [word for word, _ in numbered]
    flagged: set[int] = set()
    for start, run in enumerate(_runs(words, run_words)):
        if run in staff_runs:
            flagged.update(line for _, line in numbered[start:start + run_words])
    return flagged


def _runs(words: list[str], size: int) -> Iterable[tuple[str, ...]]:
    return (tuple(words[start:start + size]) for start in range(len(words) - size + 1))


def _numbered_words(lines: list[str]) -> list[tuple[str, int]]:
    """Every word of `lines` but greetings and sign-offs, normalised, with its line's index."""
    return [(word, index) for index, line in enumerate(lines)
            if _words_of(line) not in _COMMON_LINES for word in _words_of(line).split()]


def _words_of(line: str) -> str:
    """`> Категория:  Ёлки` -> `категория елки`; a leading `#` stays (`#category damage`, a
    command, is not the notification's `Category: damage`)."""
    text = _unquoted(line).lower().replace("ё", "е")
    words = " ".join(_WORD.findall(text))
    return f"#{words}" if text.startswith("#") and words else words


def _unquoted(line: str) -> str:
    return _QUOTE_MARKERS.sub("", line)
