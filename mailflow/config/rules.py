"""`[rules]`: how a claim ends — the causes the department reports on, the currency of a
compensation written without one, and whether an outcome is required to end a claim."""

from __future__ import annotations

import re

from pydantic import Field, field_validator

from mailflow.config.sections import Section
from mailflow.domain.resolution import CURRENCY_CODES, DEFAULT_CAUSE_LABELS, word

_CODE = re.compile(r"[a-z][a-z0-9_]{0,31}")


class RulesSettings(Section):
    # A claim is resolved, rejected or closed by staff only with an outcome (and a rejection
    # only with a reason). Closing automatically after the customer's silence is exempt.
    require_outcome: bool = True
    # The currency of `#compensation refund 1500` (ISO 4217 code).
    currency: str = "RUB"
    # `#cause CODE` or `#причина LABEL`: code (as stored and reported) = Russian label.
    causes: dict[str, str] = Field(default_factory=lambda: dict(DEFAULT_CAUSE_LABELS))

    @field_validator("currency")
    @classmethod
    def _known_currency(cls, value: str) -> str:
        if value.upper() not in CURRENCY_CODES:
            raise ValueError(f"key rules.currency: unknown currency {value!r} (known: "
                             f"{', '.join(sorted(CURRENCY_CODES))})")
        return value.upper()

    @field_validator("causes")
    @classmethod
    def _distinct_causes(cls, value: dict[str, str]) -> dict[str, str]:
        if not value:
            raise ValueError("key rules.causes: give at least one cause")
        seen: set[str] = set()
        for code, label in value.items():
            if not _CODE.fullmatch(code):
                raise ValueError(f"key rules.causes.{code}: a code is lower-case latin "
                                 "letters, digits and _ (up to 32)")
            if not label.strip():
                raise ValueError(f"key rules.causes.{code}: the label is empty")
            for name in {word(code), word(label)}:
                if name in seen:
                    raise ValueError(f"key rules.causes.{code}: {name!r} names two causes")
                seen.add(name)
        return value
