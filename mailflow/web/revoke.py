"""Revoking a claim's customer links (`mailflow claims revoke-links`): every link issued so
far stops opening, and mail sent from now on carries a new one."""

from __future__ import annotations

from datetime import datetime

from mailflow.app import App
from mailflow.store.claims import get_claim, lock_claim, record_event


def revoke_links(app: App, number: str, now: datetime, actor: str = "cli") -> int | None:
    """Raise claim `number`'s link version; the new version, or None without such a claim."""
    with app.db.transaction() as session:
        found = get_claim(session, number.strip().upper())
        claim = lock_claim(session, found.id) if found is not None and found.id else None
        if claim is None:
            return None
        claim.link_version += 1
        session.add(claim)
        record_event(session, claim.id, now, "web.links_revoked",
                     {"link_version": claim.link_version}, actor=actor)
        return claim.link_version
