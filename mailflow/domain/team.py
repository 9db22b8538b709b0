"""The people of the claims department, as the rules see them (absences come as facts)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from mailflow.domain.model import Person


@dataclass(frozen=True)
class Team:
    """Specialists and managers from the config, with the absences the config lists."""

    specialists: tuple[Person, ...] = ()
    managers: tuple[Person, ...] = ()
    configured_absences: Mapping[str, tuple[tuple[date, date], ...]] = field(
        default_factory=dict)

    @property
    def everyone(self) -> tuple[Person, ...]:
        return (*self.specialists, *self.managers)

    @property
    def addresses(self) -> frozenset[str]:
        return frozenset(person.email for person in self.everyone)

    def find(self, email: str | None) -> Person | None:
        wanted = (email or "").lower()
        return next((p for p in self.everyone if p.email == wanted), None)

    def away_by_config(self, day: date) -> frozenset[str]:
        """Addresses the config marks as away on `day`."""
        return frozenset(email for email, periods in self.configured_absences.items()
                         if any(start <= day <= end for start, end in periods))
