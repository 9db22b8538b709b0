"""Who works claims: the team from the config, absences from config and CLI, workloads."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import func
from sqlmodel import Session, col, select

from mailflow.config import Settings
from mailflow.domain.model import FINISHED_STATUSES, Person
from mailflow.domain.team import Team
from mailflow.store.tables import AbsenceRow, ClaimRow


def team_from_settings(settings: Settings) -> Team:
    """Specialists, managers and configured absences from `[[specialists]]`/`[[managers]]`."""
    specialists = tuple(
        Person(name=s.name, email=s.email.lower(), position=s.position,
               languages=tuple(s.languages), categories=s.categories, max_open=s.max_open,
               team=s.team)
        for s in settings.specialists)
    managers = tuple(Person(name=m.name, email=m.email.lower(), position=m.position,
                            languages=(m.language,), manager=True)
                     for m in settings.managers)
    absences = {s.email.lower(): tuple((a.start, a.end) for a in s.absences)
                for s in settings.specialists}
    return Team(specialists, managers, absences)


def absent_on(session: Session, team: Team, day: date) -> frozenset[str]:
    """Addresses of people away on `day`, from the config and from the CLI."""
    rows = session.exec(select(AbsenceRow.email).where(
        col(AbsenceRow.starts_on) <= day, col(AbsenceRow.ends_on) >= day)).all()
    return team.away_by_config(day) | frozenset(rows)


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
