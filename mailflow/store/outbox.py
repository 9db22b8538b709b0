"""The outbox: mail is queued in the same transaction as the change that caused it."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import secrets
import socket
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Update, func, update
from sqlalchemy.orm import defer
from sqlmodel import Session, col, select

from mailflow.store.claims import upsert_insert
from mailflow.store.tables import OutboxRow

BACKOFF_BASE = timedelta(seconds=30)
BACKOFF_MAX = timedelta(hours=1)
log = logging.getLogger(__name__)
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
    row = OutboxRow(dedup_key=stored_key(dedup_key), claim_id=claim_id, kind=kind,
                    sender=sender, recipients=json.dumps(list(recipients)),
                    message_id=message_id, raw=raw, next_attempt_at=now, created_at=now)
    return _insert_new(session, row)


def outbox_values(*, dedup_key: str, claim_id: int | None, kind: str, sender: str,
                  recipients: Sequence[str], message_id: str, raw: bytes,
                  now: datetime) -> dict[str, Any]:
    """The columns of a pending message as `enqueue_many` takes them (`enqueue`'s row)."""
    return {"dedup_key": stored_key(dedup_key), "claim_id": claim_id, "kind": kind,
            "sender": sender, "recipients": json.dumps(list(recipients)),
            "message_id": message_id, "raw": raw, "status": "pending", "attempts": 0,
            "next_attempt_at": now, "lease_owner": None, "last_error": "",
            "created_at": now, "sent_at": None, "handed_over_at": None}


def _values(row: OutboxRow) -> dict[str, Any]:
    table = OutboxRow.__table__  # type: ignore[attr-defined]
    return {column.name: getattr(row, column.key) for column in table.columns
            if column.key != "id"}


def enqueue_many(session: Session, rows: Sequence[dict[str, Any]]) -> set[str]:
    """Queue `rows` (from `outbox_values`) with one executemany, each once per dedup key;
    the stored keys that were new (the others were queued before)."""
    if not rows:
        return set()
    table = OutboxRow.__table__  # type: ignore[attr-defined]
    insert = upsert_insert(session.get_bind().dialect.name)
    statement = (insert(table).on_conflict_do_nothing(index_elements=["dedup_key"])
                 .returning(table.c.dedup_key))
    return set(session.execute(statement, list(rows)).scalars())


def _insert_new(session: Session, row: OutboxRow) -> bool:
    """Insert `row` unless its dedup key is taken, in one statement; True if inserted."""
    table = OutboxRow.__table__  # type: ignore[attr-defined]
    insert = upsert_insert(session.get_bind().dialect.name)
    statement = (insert(table).values(_values(row))
                 .on_conflict_do_nothing(index_elements=["dedup_key"])
                 .returning(table.c.id))
    return session.execute(statement).first() is not None


def count_recent(session: Session, kind: str, recipient: str, since: datetime) -> int:
    """How many messages of `kind` were queued to `recipient` since `since`."""
    pattern = f'%"{recipient}"%'
    query = select(func.count()).select_from(OutboxRow).where(
        OutboxRow.kind == kind, col(OutboxRow.created_at) >= since,
        col(OutboxRow.recipients).like(pattern))
    return int(session.exec(query).one())


def due(session: Session, now: datetime, limit: int = 100) -> list[OutboxRow]:
    """Pending messages whose next attempt is due, oldest first."""
    return list(session.exec(
        select(OutboxRow).where(OutboxRow.status == "pending",
                                col(OutboxRow.next_attempt_at) <= now)
        .order_by(col(OutboxRow.id)).limit(limit)).all())


def requeue(session: Session, row_id: int, now: datetime) -> bool:
    """Make an `unknown` or `failed` message due again (an operator's decision); False when
    there is no such message in either state."""
    return _execute(session, update(OutboxRow).where(
        col(OutboxRow.id) == row_id, col(OutboxRow.status).in_(("unknown", "failed")),
    ).values(status="pending", next_attempt_at=now, lease_owner=None,
             handed_over_at=None)) == 1


# -- leases: which sender may send a message right now -------------------------------------
#
# A sender leases a batch of due messages by writing a fresh token into `lease_owner` and
# pushing `next_attempt_at` one lease ahead. While it works it renews the lease (a heartbeat,
# and the hand-over mark just before each message's data), so only a holder that stopped
# (killed, hung, cut off from the database) loses its messages, after one lease. Expiry is
# the only rule: a process id says nothing about a process on another machine or in another
# container.
#
# Settling a message after the attempt is a compare-and-set on the row. Outcomes that mean
# "not delivered" (retry, failed, release, postpone) apply only while the row still carries
# this lease's token; a row taken over meanwhile belongs to its new holder. Outcomes that mean
# "handed to the server" (sent, unknown) apply to any row still pending, even one another
# sender has taken over: that sender checks its lease just before sending, finds the message
# settled and leaves it alone, so the delivery is not repeated.
#
# Just before the server gets a message's data, its sender records `handed_over_at` (see
# `Transport.send`); settling clears it. A sender killed between the two leaves a pending
# message with the mark and a lease that runs out: the next sender cannot know whether the
# server has it, so `settle_abandoned` makes it `unknown` instead of sending it again.

LEASE = timedelta(seconds=60)
_HOST = socket.gethostname()


@dataclass(frozen=True)
class Leased:
    """A leased message without its bytes (they are loaded by `take`, one at a time)."""

    id: int
    token: str
    claim_id: int | None
    sender: str
    recipients: tuple[str, ...]
    message_id: str
    attempts: int
    kind: str = ""


def new_lease_token() -> str:
    """A token no other lease, in this process or any other, ever carries: random per
    lease (a forked child shares its parent's memory, so nothing is drawn once per process).
    Host and pid only tell people reading the table who holds it; never whether it lives."""
    return f"{_HOST}:{os.getpid()}:{secrets.token_hex(8)}"


def lease_due(session: Session, now: datetime, limit: int = 100,
              lease: timedelta = LEASE) -> list[Leased]:
    """Lease up to `limit` due messages under one new token until `now + lease`."""
    query = (select(OutboxRow).options(defer(OutboxRow.raw))  # type: ignore[arg-type]
             .where(OutboxRow.status == "pending", col(OutboxRow.next_attempt_at) <= now,
                    col(OutboxRow.handed_over_at).is_(None))  # those: settle_abandoned
             .order_by(col(OutboxRow.id)).limit(limit))
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    found = [row for row in session.exec(query).all() if row.id is not None]
    if not found:
        return []
    token = new_lease_token()
    _execute(session, update(OutboxRow).where(col(OutboxRow.id).in_([r.id for r in found]))
             .values(lease_owner=token, next_attempt_at=now + lease))
    return [Leased(row.id, token, row.claim_id, row.sender, tuple(json.loads(row.recipients)),
                   row.message_id, row.attempts, row.kind) for row in found
            if row.id is not None]


def take(session: Session, leased: Leased) -> bytes | None:
    """Load the bytes of one leased message just before sending it; None when the lease is
    no longer ours (it ran out and another sender took it, or it was settled). Only reads:
    the lease is renewed by the mark made just before the server gets the data."""
    return session.exec(select(OutboxRow.raw).where(
        OutboxRow.id == leased.id, OutboxRow.status == "pending",
        OutboxRow.lease_owner == leased.token)).first()


def mark_handing_over(session: Session, leased: Leased, now: datetime,
                      lease: timedelta = LEASE) -> bool:
    """Record that the message's data is about to be handed to the server, renewing its
    lease to `now + lease`; False (and nothing recorded) when the lease is no longer ours or
    has run out (another sender may be leasing it this moment: it must not go out twice)."""
    return _execute(session, _held(leased).where(col(OutboxRow.next_attempt_at) > now).values(
        handed_over_at=now, next_attempt_at=now + lease)) == 1


@dataclass(frozen=True)
class Abandoned:
    """A message whose sender stopped while handing it over."""

    id: int
    claim_id: int | None
    message_id: str
    kind: str


ABANDONED_ERROR = ("its sender stopped while handing it to the server; it may have been "
                   "delivered, so it is not sent again automatically")


def settle_abandoned(session: Session, now: datetime) -> list[Abandoned]:
    """Make `unknown` every pending message whose lease ran out after its sender marked it
    as being handed over; those messages."""
    query = select(OutboxRow.id, OutboxRow.claim_id, OutboxRow.message_id, OutboxRow.kind).where(
        OutboxRow.status == "pending", col(OutboxRow.next_attempt_at) <= now,
        col(OutboxRow.handed_over_at).is_not(None))
    candidates = [Abandoned(*row) for row in session.exec(query).all()]
    return [row for row in candidates if _execute(session, update(OutboxRow).where(
        col(OutboxRow.id) == row.id, col(OutboxRow.status) == "pending",
        col(OutboxRow.next_attempt_at) <= now).values(
        status="unknown", lease_owner=None, handed_over_at=None,
        last_error=ABANDONED_ERROR, attempts=col(OutboxRow.attempts) + 1)) == 1]


def renew(session: Session, token: str, now: datetime, lease: timedelta = LEASE) -> int:
    """Extend every pending message of lease `token` to `now + lease`; how many were renewed."""
    return _execute(session, update(OutboxRow).where(
        col(OutboxRow.lease_owner) == token, col(OutboxRow.status) == "pending").values(
        next_attempt_at=now + lease))


def mark_sent(session: Session, leased: Leased, now: datetime) -> str | None:
    """The server accepted the message."""
    return _settle(session, leased, _pending(leased), "sent", sent_at=now, last_error="",
                   attempts=col(OutboxRow.attempts) + 1)


def mark_unknown(session: Session, leased: Leased, error: str) -> str | None:
    """The message was handed over but the server's answer never came: it may have been
    delivered, so it is not sent again automatically (an operator decides)."""
    return _settle(session, leased, _pending(leased), "unknown", last_error=error,
                   attempts=col(OutboxRow.attempts) + 1)


def mark_retry(session: Session, leased: Leased, now: datetime, error: str,
               max_attempts: int) -> str | None:
    """Schedule another attempt with exponential backoff, or give up after `max_attempts`."""
    attempts = leased.attempts + 1
    if attempts >= max_attempts:
        return _settle(session, leased, _held(leased), "failed", last_error=error,
                       attempts=attempts)
    delay = min(BACKOFF_BASE * (2 ** (attempts - 1)), BACKOFF_MAX)
    return _settle(session, leased, _held(leased), "pending", last_error=error,
                   attempts=attempts, next_attempt_at=now + delay)


def mark_failed(session: Session, leased: Leased, error: str) -> str | None:
    """Refused for good: never retried."""
    return _settle(session, leased, _held(leased), "failed", last_error=error,
                   attempts=leased.attempts + 1)


def release(session: Session, leased: Leased, now: datetime) -> str | None:
    """Give back a leased message that was never handed to the server: due again at once,
    without using an attempt."""
    return _settle(session, leased, _held(leased), "pending", next_attempt_at=now)


def postpone(session: Session, leased: Leased, now: datetime, error: str) -> str | None:
    """The server could not be reached: try again shortly, without using an attempt."""
    return _settle(session, leased, _held(leased), "pending", last_error=error,
                   next_attempt_at=now + BACKOFF_BASE)


def _pending(leased: Leased) -> Update:
    return update(OutboxRow).where(col(OutboxRow.id) == leased.id,
                                   col(OutboxRow.status) == "pending")


def _held(leased: Leased) -> Update:
    return _pending(leased).where(col(OutboxRow.lease_owner) == leased.token)


def _settle(session: Session, leased: Leased, query: Update, status: str,
            **values: Any) -> str | None:
    """Apply the outcome if `query` still matches the row; its new status, or None."""
    if _execute(session, query.values(status=status, lease_owner=None, handed_over_at=None,
                                      **values)) == 1:
        return status
    log.warning("outbox message %s (%s): its lease %s was taken over or the message settled "
                "meanwhile; outcome %r not recorded", leased.id, leased.message_id,
                leased.token, status)
    return None


def _execute(session: Session, statement: Update) -> int:
    """Run an UPDATE in the session's transaction; how many rows it changed."""
    return session.connection().execute(statement).rowcount


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
    query = select(OutboxRow).order_by(col(OutboxRow.id))
    if status:
        query = query.where(OutboxRow.status == status)
    return list(session.exec(query).all())


def record_failure(session: Session, *, dedup_key: str, claim_id: int | None, kind: str,
                   recipient: str, error: str, now: datetime) -> None:
    """Keep a message that could not even be composed as failed, with the reason, so
    `outbox list --status failed` shows it beside the ones the server refused."""
    key = stored_key(dedup_key)
    if session.exec(select(OutboxRow.id).where(OutboxRow.dedup_key == key)).first():
        return
    session.add(OutboxRow(dedup_key=key, claim_id=claim_id, kind=kind, sender="",
                          recipients=json.dumps([recipient]), message_id="", raw=b"",
                          status="failed", attempts=0, next_attempt_at=now,
                          last_error=error[:2000], created_at=now))
