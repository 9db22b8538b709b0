"""Mailbox leases: which instance reads a mailbox, shared by every daemon on one database.

One row per mailbox. Taking it is a conditional UPDATE (compare-and-set) that succeeds only
when nobody holds it or the holder's lease ran out; every renewal and every check before a
message is moved is an UPDATE that succeeds only while the row still carries the holder's
token. A holder that was frozen or cut off past its lease and taken over finds a token that
is not its own, and stops.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Insert, or_, update
from sqlmodel import Session, col

from mailflow.store.claims import upsert_insert
from mailflow.store.tables import MailboxLeaseRow


def acquire(session: Session, mailbox: str, holder: str, token: str, now: datetime,
            lease: timedelta) -> bool:
    """Take `mailbox` for `holder` under `token` until `now + lease`; False while another
    holder's lease runs."""
    session.connection().execute(_insert_missing(session, mailbox))
    taken = session.connection().execute(update(MailboxLeaseRow).where(
        col(MailboxLeaseRow.mailbox) == mailbox,
        or_(col(MailboxLeaseRow.token).is_(None), col(MailboxLeaseRow.lease_until) <= now),
    ).values(holder=holder, token=token, lease_until=now + lease, acquired_at=now))
    return taken.rowcount == 1


def renew(session: Session, mailbox: str, token: str, now: datetime, lease: timedelta) -> bool:
    """Extend the lease to `now + lease` if `token` still holds it; False when it was lost."""
    renewed = session.connection().execute(update(MailboxLeaseRow).where(
        col(MailboxLeaseRow.mailbox) == mailbox, col(MailboxLeaseRow.token) == token,
    ).values(lease_until=now + lease))
    return renewed.rowcount == 1


def release(session: Session, mailbox: str, token: str, now: datetime) -> None:
    """Give the mailbox up (a clean stop), so another instance takes it at once."""
    session.connection().execute(update(MailboxLeaseRow).where(
        col(MailboxLeaseRow.mailbox) == mailbox, col(MailboxLeaseRow.token) == token,
    ).values(holder=None, token=None, lease_until=now))


def holder_of(session: Session, mailbox: str, now: datetime) -> str | None:
    """Who reads `mailbox` now (None when nobody holds a live lease)."""
    row = session.get(MailboxLeaseRow, mailbox)
    if row is None or row.token is None or row.lease_until is None or row.lease_until <= now:
        return None
    return row.holder


def _insert_missing(session: Session, mailbox: str) -> Insert:
    insert = upsert_insert(session.get_bind().dialect.name)
    statement: Insert = insert(MailboxLeaseRow).values(mailbox=mailbox).on_conflict_do_nothing()
    return statement
