"""Staff sign-in: one-time login links and sessions, keeping only hashes of their secrets.

A login link works once, until `[web] login_link_minutes`; a session ends on logout, after
`[web] session_idle_minutes` without a request, after `[web] session_max_hours`, or when
its holder is no longer in the team. Both are checked here, on the server.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import update
from sqlmodel import Session, col, select

from mailflow.config.web import WebSettings
from mailflow.domain.model import Person
from mailflow.domain.team import Team
from mailflow.store.tables import WebLoginRow, WebSessionRow

COOKIE = "mf_staff"


def digest(secret_value: str) -> str:
    """What the database keeps of a token or session id."""
    return hashlib.sha256(secret_value.encode()).hexdigest()


def new_login(session: Session, email: str, ip: str, now: datetime,
              settings: WebSettings) -> str:
    """A fresh one-time login token for `email` (only its hash is stored)."""
    token = secrets.token_urlsafe(32)
    session.add(WebLoginRow(token_hash=digest(token), email=email.lower(), ip=ip[:64],
                            created_at=now,
                            expires_at=now + timedelta(minutes=settings.login_link_minutes)))
    return token


def login_waiting(session: Session, token: str, now: datetime) -> WebLoginRow | None:
    """The unused, unexpired login of `token`, or None."""
    row = session.exec(select(WebLoginRow).where(WebLoginRow.token_hash == digest(token))
                       ).first()
    if row is None or row.used_at is not None or row.expires_at <= now:
        return None
    return row


def use_login(session: Session, token: str, now: datetime) -> str | None:
    """Spend the login of `token` (once: a second use finds it used); its address or None."""
    row = login_waiting(session, token, now)
    if row is None:
        return None
    spent = session.connection().execute(
        update(WebLoginRow).where(col(WebLoginRow.id) == row.id,
                                  col(WebLoginRow.used_at).is_(None)).values(used_at=now))
    return row.email if spent.rowcount == 1 else None


def start_session(session: Session, email: str, ip: str, now: datetime) -> str:
    """A new session for `email`; the id goes into the cookie, its hash into the table."""
    session_id = secrets.token_urlsafe(32)
    session.add(WebSessionRow(id_hash=digest(session_id), email=email, ip=ip[:64],
                              created_at=now, last_seen_at=now))
    return session_id


@dataclass(frozen=True)
class Viewer:
    """The signed-in member of staff, and which claims they may see."""

    person: Person
    id_hash: str
    visible_to: frozenset[str] | None  # None: every claim (a manager)


def current_viewer(session: Session, session_id: str | None, team: Team, now: datetime,
                   settings: WebSettings) -> Viewer | None:
    """Who holds the session `session_id`, if it is still alive (its last use is noted)."""
    if not session_id:
        return None
    row = session.get(WebSessionRow, digest(session_id))
    if row is None or row.ended_at is not None:
        return None
    idle = now - row.last_seen_at > timedelta(minutes=settings.session_idle_minutes)
    too_old = now - row.created_at > timedelta(hours=settings.session_max_hours)
    person = team.find(row.email)
    if idle or too_old or person is None:
        row.ended_at = now
        session.add(row)
        return None
    row.last_seen_at = now
    session.add(row)
    return Viewer(person, row.id_hash, visible_to(person, team))


def end_session(session: Session, id_hash: str, now: datetime) -> None:
    row = session.get(WebSessionRow, id_hash)
    if row is not None and row.ended_at is None:
        row.ended_at = now
        session.add(row)


def visible_to(person: Person, team: Team) -> frozenset[str] | None:
    """Whose claims `person` sees: a manager everyone's; a specialist their own and their
    team's members'."""
    if person.manager:
        return None
    mates = {p.email for p in team.specialists if person.team and p.team == person.team}
    return frozenset({person.email, *mates})


def may_see(viewer: Viewer, assignee: str | None) -> bool:
    return viewer.visible_to is None or (assignee or "") in viewer.visible_to
