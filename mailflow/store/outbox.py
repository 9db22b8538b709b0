"""The outbox: mail is queued in the same transaction as the change that caused it."""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import socket
from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import func, or_
from sqlalchemy.orm import defer
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from mailflow.store.tables import OutboxRow

BACKOFF_BASE = timedelta(seconds=30)
BACKOFF_MAX = timedelta(hours=1)
# The dedup_key column holds 255 characters; callers build keys from Message-IDs of any
# length, so a longer key is stored as a readable prefix and the hash of the whole key.
MAX_READABLE_KEY = 180
KEY_PREFIX = 120


def stored_key(key: str) -> str:
    """`key` as the outbox stores it: unchanged when short, else prefix + sha256 of it all."""
    if len(key) <= MAX_READABLE_KEY:
        return key
    digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()
    return f"{key[:KEY_PREFIX]}#sha256:{digest}"


def enqueue(session: Session, *, dedup_key: str, claim_id: int | None, kind: str, sender: str,
            recipients: Sequence[str], message_id: str, raw: bytes, now: datetime) -> bool:
    """Queue a message once per `dedup_key` (of any length); False when that key was
    queued before."""
    key = stored_key(dedup_key)
    if session.exec(select(OutboxRow.id).where(OutboxRow.dedup_key == key)).first():
        return False
    session.add(OutboxRow(dedup_key=key, claim_id=claim_id, kind=kind, sender=sender,
                          recipients=json.dumps(list(recipients)), message_id=message_id,
                          raw=raw, next_attempt_at=now, created_at=now))
    return True


def count_recent(session: Session, kind: str, recipient: str, since: datetime) -> int:
    """How many messages of `kind` were queued to `recipient` since `since`."""
    pattern = f'%"{recipient}"%'
    query = select(func.count()).select_from(OutboxRow).where(
        OutboxRow.kind == kind, col(OutboxRow.created_at) >= since,
        col(OutboxRow.recipients).like(pattern))
    return int(session.exec(query).one())


def due(session: Session, now: datetime, limit: int = 100) -> list[OutboxRow]:
    """Pending messages whose next attempt is due, oldest first."""
    return list(session.exec(_due_query(now, limit)).all())


def _due_query(now: datetime, limit: int,
               orphaned: Sequence[str] = ()) -> SelectOfScalar[OutboxRow]:
    due = col(OutboxRow.next_attempt_at) <= now
    if orphaned:
        due = or_(due, col(OutboxRow.lease_owner).in_(orphaned))
    return (select(OutboxRow).where(OutboxRow.status == "pending", due)
            .order_by(col(OutboxRow.id)).limit(limit))


def mark_sent(row: OutboxRow, now: datetime) -> None:
    row.status, row.sent_at, row.last_error, row.lease_owner = "sent", now, "", None
    row.attempts += 1


def mark_retry(row: OutboxRow, now: datetime, error: str, max_attempts: int) -> None:
    """Schedule another attempt with exponential backoff, or give up after `max_attempts`."""
    row.attempts += 1
    row.last_error, row.lease_owner = error, None
    if row.attempts >= max_attempts:
        row.status = "failed"
        return
    delay = min(BACKOFF_BASE * (2 ** (row.attempts - 1)), BACKOFF_MAX)
    row.next_attempt_at = now + delay


def mark_failed(row: OutboxRow, error: str) -> None:
    row.attempts += 1
    row.status, row.last_error, row.lease_owner = "failed", error, None


LEASE = timedelta(minutes=10)
_HOST = socket.gethostname()
# host:pid:random - the random part tells this process from an earlier one with the same pid.
LEASE_OWNER = f"{_HOST}:{os.getpid()}:{secrets.token_hex(4)}"


def lease_due(session: Session, now: datetime, limit: int = 100) -> list[OutboxRow]:
    """Take due messages for sending: pushing their next attempt past a lease keeps a
    second sender (another daemon on the same database) off them while this one works.

    Rows leased by a process of this host that has died (SIGKILL, power cut) are taken
    back at once instead of waiting for the lease to run out.
    """
    query = _due_query(now, limit, _dead_local_owners(session, now))
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    rows = list(session.exec(query).all())
    for row in rows:
        row.next_attempt_at = now + LEASE
        row.lease_owner = LEASE_OWNER
        session.add(row)
    return rows


def _dead_local_owners(session: Session, now: datetime) -> list[str]:
    owners = session.exec(select(OutboxRow.lease_owner).distinct().where(
        OutboxRow.status == "pending", col(OutboxRow.next_attempt_at) > now,
        col(OutboxRow.lease_owner).like(f"{_HOST}:%"))).all()
    return [owner for owner in owners if owner and not _alive(owner)]


def _alive(owner: str) -> bool:
    pid = int(owner.split(":")[1])
    if pid == os.getpid():
        return owner == LEASE_OWNER
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by someone else
        return True
    return True


def release(row: OutboxRow, now: datetime) -> None:
    """Give back a leased message that was never handed to the server: due again at once,
    without using an attempt."""
    row.next_attempt_at, row.lease_owner = now, None


def postpone(row: OutboxRow, now: datetime, error: str) -> None:
    """The server could not be reached: try again shortly, without using an attempt."""
    row.next_attempt_at = now + BACKOFF_BASE
    row.last_error, row.lease_owner = error, None


def page(session: Session, status: str | None = None, limit: int = 50,
         before_id: int | None = None) -> list[OutboxRow]:
    """At most `limit` rows, newest first, below id `before_id` if given, without their
    raw bytes (the column is not loaded; reading it from a returned row raises)."""
    query = (select(OutboxRow).options(defer(OutboxRow.raw, raiseload=True))  # type: ignore[arg-type]
             .order_by(col(OutboxRow.id).desc()).limit(limit))
    if status:
        query = query.where(OutboxRow.status == status)
    if before_id is not None:
        query = query.where(col(OutboxRow.id) < before_id)
    return list(session.exec(query).all())


def listing(session: Session, status: str | None = None) -> list[OutboxRow]:
    """Every row with its raw bytes, oldest first: for tests and tools on small queues
    (people page through `page`)."""
    query = select(OutboxRow).order_by(col(OutboxRow.id))
    if status:
        query = query.where(OutboxRow.status == status)
    return list(session.exec(query).all())
