"""Routing a new claim: guess its category from keywords, then pick the specialist.

Categorising: every configured keyword stem of every language is looked for in the subject
and the text (a message may mix languages); matching is case-insensitive, `ё` counts as `е`,
and a stem matches only at the start of a word (`брак` finds `браком`, not `обрак`). The
category with the most occurrences wins, ties going to the one configured first.

Choosing: managers, absent people and people at their `max_open` are never picked. Among
the rest, people who handle the category come first, then people who speak the claim's
language, then the fewest open claims, then config order. `None` means nobody is available:
the caller falls back to the managers (or leaves the claim unassigned) and records why.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from mailflow.domain.model import Person

# The language key is generic so the config's `dict[str, dict[Literal["ru", "en"], ...]]`
# type-checks: Mapping is invariant in its key type.
Language = TypeVar("Language", bound=str)


@dataclass(frozen=True)
class Assignment:
    """The chosen specialist and a one-line reason for the event log."""

    person: Person
    reason: str


def categorize(subject: str, text: str,
               keywords: Mapping[str, Mapping[Language, Sequence[str]]]
               ) -> tuple[str | None, tuple[str, ...]]:
    """The best-matching category and its matched keywords, or (None, ()) when nothing matches."""
    haystack = normalize(f"{subject}\n{text}")
    best: tuple[str | None, int, tuple[str, ...]] = (None, 0, ())
    for category, by_language in keywords.items():
        hits, matched = _count_hits(haystack, by_language)
        if hits > best[1]:
            best = (category, hits, matched)
    return best[0], best[2]


def normalize(text: str) -> str:
    """Lower case, `ё` as `е`, typographic apostrophes as `'`."""
    return text.lower().replace("ё", "е").replace("\u2019", "'")


def _count_hits(haystack: str, by_language: Mapping[Language, Sequence[str]]
                ) -> tuple[int, tuple[str, ...]]:
    hits = 0
    matched: list[str] = []
    for stem in dict.fromkeys(stem for stems in by_language.values() for stem in stems):
        found = len(_stem_pattern(stem).findall(haystack))
        if found:
            hits += found
            matched.append(stem)
    return hits, tuple(matched)


def _stem_pattern(stem: str) -> re.Pattern[str]:
    words = normalize(stem).split()
    return re.compile(r"(?<!\w)" + r"\s+".join(re.escape(word) for word in words))


def choose_specialist(category: str | None, language: str, people: Sequence[Person],
                      open_counts: Mapping[str, int], absent: frozenset[str]
                      ) -> Assignment | None:
    """The specialist to assign a new claim to, or None when nobody is available.

    `open_counts` and `absent` hold lower-case email addresses.
    """
    absent_keys = frozenset(email.lower() for email in absent)
    available = [(index, person) for index, person in enumerate(people)
                 if _available(person, open_counts, absent_keys)]
    if not available:
        return None
    _, chosen = min(available, key=lambda entry: (
        *_preference(entry[1], category, language, open_counts), entry[0]))
    return Assignment(chosen, _reason(chosen, category, language, open_counts, available))


def _available(person: Person, open_counts: Mapping[str, int], absent: frozenset[str]) -> bool:
    if person.manager or _key(person) in absent:
        return False
    return person.max_open is None or _open(person, open_counts) < person.max_open


def _preference(person: Person, category: str | None, language: str,
                open_counts: Mapping[str, int]) -> tuple[bool, bool, int]:
    """Sort key: False sorts first, so matching people come before the others."""
    return (not _handles(person, category), not _speaks(person, language),
            _open(person, open_counts))


def _reason(person: Person, category: str | None, language: str,
            open_counts: Mapping[str, int], available: list[tuple[int, Person]]) -> str:
    if category is None:
        parts = ["no category"]
    elif _handles(person, category):
        parts = [f"category {category}"]
    else:
        parts = [f"nobody available for category {category}"]
    if _speaks(person, language):
        parts.append(f"speaks {language}")
    else:
        parts.append(f"does not speak {language}")
    parts.append(f"fewest open claims ({_open(person, open_counts)})")
    if len(available) == 1:
        parts.append("the only one available")
    return "; ".join(parts)


def _handles(person: Person, category: str | None) -> bool:
    return category is not None and category in person.categories


def _speaks(person: Person, language: str) -> bool:
    return language.lower() in (spoken.lower() for spoken in person.languages)


def _open(person: Person, open_counts: Mapping[str, int]) -> int:
    return open_counts.get(_key(person), 0)


def _key(person: Person) -> str:
    return person.email.lower()
