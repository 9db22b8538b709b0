"""What one unit of work already knows, so it never reads back what it just read or wrote.

Kept in `session.info`, which lives as long as the session: one transaction (see
`Database.transaction`). Any rollback, of the transaction or of a savepoint, forgets it all,
so whatever is asked afterwards is read from the database again.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session, SessionTransaction

_KEY = "mailflow.known"
# The kinds, each by claim id:
CLAIMS = "claims"  # its row, held so that the session's identity map keeps it
PARTIES = "parties"  # {(email, role)} of its participants
FIELDS = "fields"  # its current field rows, oldest first
SENT = "sent"  # [(Message-ID, To as stored)] of the mail mailflow sent on it, oldest first


def known(session: Session, kind: str) -> dict[int, Any]:
    """This session's knowledge of `kind` (parties, fields), by claim id."""
    by_kind: dict[str, dict[int, Any]] = session.info.setdefault(_KEY, {})
    return by_kind.setdefault(kind, {})


def opened(session: Session, claim_id: int) -> None:
    """A claim created in this unit of work: it has no participants, fields or sent mail to
    look up yet."""
    known(session, PARTIES)[claim_id] = set()
    known(session, FIELDS)[claim_id] = []
    known(session, SENT)[claim_id] = []


@event.listens_for(Session, "after_soft_rollback")
def _forget(session: Session, _previous: SessionTransaction) -> None:
    session.info.pop(_KEY, None)
