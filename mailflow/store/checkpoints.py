"""Where each mailbox was read up to, committed with the messages themselves."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from mailflow.fetch.base import Checkpoint
from mailflow.store.tables import MailboxStateRow


def load(session: Session, source: str) -> Checkpoint | None:
    row = session.get(MailboxStateRow, source)
    return Checkpoint(row.uidvalidity, row.last_uid) if row else None


def advance(session: Session, source: str, checkpoint: Checkpoint, now: datetime) -> None:
    """Move the checkpoint forward (never back within one UIDVALIDITY)."""
    row = session.get(MailboxStateRow, source)
    if row is None:
        session.add(MailboxStateRow(source=source, uidvalidity=checkpoint.uidvalidity,
                                    last_uid=checkpoint.last_uid, updated_at=now))
        return
    if row.uidvalidity != checkpoint.uidvalidity or checkpoint.last_uid > row.last_uid:
        row.uidvalidity, row.last_uid, row.updated_at = (
            checkpoint.uidvalidity, checkpoint.last_uid, now)
        session.add(row)


def record_poll(session: Session, source: str, now: datetime) -> None:
    """Note that `source` was read without error at `now` (a row without a checkpoint
    yet starts at UIDVALIDITY 0, which matches no server's, so it never skips mail)."""
    row = session.get(MailboxStateRow, source)
    if row is None:
        row = MailboxStateRow(source=source, uidvalidity=0, last_uid=0, updated_at=now)
    row.polled_at = now
    session.add(row)
