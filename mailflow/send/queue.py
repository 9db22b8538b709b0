"""Queue outgoing messages about claims: compose each, put it in the outbox once per dedup
key, and record it on its claim (its stored copy, its bytes in the blob store)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session

from mailflow.domain.model import OutgoingMail
from mailflow.send.compose import compose, envelope_recipients
from mailflow.store import outbox
from mailflow.store.blobs import Blobs
from mailflow.store.messages import insert_outgoing, outgoing_values, remember_outgoing


@dataclass(frozen=True)
class ClaimMail:
    """A message composed for the outbox: about claim `claim_id`, queued once per key."""

    claim_id: int
    dedup_key: str
    mail: OutgoingMail
    raw: bytes

    def outbox_values(self, now: datetime) -> dict[str, Any]:
        mail = self.mail
        return outbox.outbox_values(
            dedup_key=self.dedup_key, claim_id=self.claim_id, kind=mail.kind,
            sender=mail.sender.email, recipients=envelope_recipients(mail),
            message_id=mail.message_id, raw=self.raw, now=now)


def claim_mail(mail: OutgoingMail, *, claim_id: int, dedup_key: str,
               now: datetime) -> ClaimMail:
    """`mail` composed into the bytes that go on the wire."""
    return ClaimMail(claim_id, dedup_key, mail, compose(mail, now))


def queue_mail(session: Session, blobs: Blobs, mail: OutgoingMail, *, claim_id: int,
               dedup_key: str, now: datetime) -> bool:
    """Queue `mail` once per `dedup_key`, in the caller's transaction; False if already queued."""
    queued = bool(queue_mail_many(session, blobs, [claim_mail(
        mail, claim_id=claim_id, dedup_key=dedup_key, now=now)], now))
    if queued:
        remember_outgoing(session, claim_id, mail)
    return queued


def queue_mail_many(session: Session, blobs: Blobs, mails: Sequence[ClaimMail],
                    now: datetime) -> set[str]:
    """Queue `mails` in the caller's transaction, each once per dedup key (the first of a
    key wins): one statement for the outbox, one for the stored copies of those that were
    new, whose bytes are stored as one group. Returns the outbox keys that were new."""
    if not mails:
        return set()
    queued = outbox.enqueue_many(session, [m.outbox_values(now) for m in mails])
    first: dict[str, ClaimMail] = {}
    for composed in mails:
        first.setdefault(outbox.stored_key(composed.dedup_key), composed)
    fresh = [m for key, m in first.items() if key in queued]
    digests = blobs.put_many([m.raw for m in fresh])
    insert_outgoing(session, [outgoing_values(m.claim_id, m.mail, m.raw, digest, now)
                              for m, digest in zip(fresh, digests, strict=True)])
    return queued
