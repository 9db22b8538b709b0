"""Who works claims: specialists and managers from the config, absences from config and CLI."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func
from sqlmodel import Session, col, select

from mailflow.config import Settings
from mailflow.domain.model import FINISHED_STATUSES, Person
from mailflow.store.tables import AbsenceRow, ClaimRow


@dataclass(frozen=True)
class Staff:
    """The people of the claims department."""

    specialists: tuple[Person, ...]
    managers: tuple[Person, ...]
    configured_absences: Mapping[str, tuple[tuple[date, date], ...]]

    @classmethod
    def from_settings(cls, settings: Settings) -> Staff:
        specialists = tuple(
            Person(name=s.name, email=s.email.lower(), position=s.position,
                   languages=tuple(s.languages), categories=s.categories, max_open=s.max_open)
            for s in settings.specialists)
        managers = tuple(Person(name=m.name, email=m.email.lower(), position=m.position,
                                languages=(m.language,), manager=True)
                         for m in settings.managers)
        absences = {s.email.lower(): tuple((a.start, a.end) for a in s.absences)
                    for s in settings.specialists}
        return cls(specialists, managers, absences)

    @property
    def everyone(self) -> tuple[Person, ...]:
        return (*self.specialists, *self.managers)

    @property
    def addresses(self) -> frozenset[str]:
        return frozenset(person.email for person in self.everyone)

    def find(self, email: str | None) -> Person | None:
        wanted = (email or "").lower()
        return next((p for p in self.everyone if p.email == wanted), None)

    def absent_on(self, session: Session, day: date) -> frozenset[str]:
        """Addresses of people away on `day`, from the config and from the CLI."""
        away = {email for email, periods in self.configured_absences.items()
                if any(start <= day <= end for start, end in periods)}
        rows = session.exec(select(AbsenceRow.email).where(
            col(AbsenceRow.starts_on) <= day, col(AbsenceRow.ends_on) >= day)).all()
        return frozenset(away | set(rows))


def open_claim_counts(session: Session, emails: Sequence[str]) -> dict[str, int]:
    """How many unfinished claims each person holds."""
    finished = [status.value for status in FINISHED_STATUSES]
    rows = session.exec(
        select(ClaimRow.assignee_email, func.count())
        .where(col(ClaimRow.assignee_email).in_(list(emails)),
               col(ClaimRow.status).not_in(finished))
        .group_by(col(ClaimRow.assignee_email))).all()
    counts = dict.fromkeys(emails, 0)
    counts.update({email: int(count) for email, count in rows if email})
    return counts
