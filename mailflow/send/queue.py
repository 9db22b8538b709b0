"""Queue an outgoing message: compose it, record it on the claim, put it in the outbox."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from mailflow.domain.model import OutgoingMail
from mailflow.send.compose import compose, envelope_recipients
from mailflow.store import outbox
from mailflow.store.blobs import Blobs
from mailflow.store.messages import store_outgoing


def queue_mail(session: Session, blobs: Blobs, mail: OutgoingMail, *, claim_id: int,
               dedup_key: str, now: datetime) -> bool:
    """Queue `mail` once per `dedup_key`, in the caller's transaction; False if already queued."""
    raw = compose(mail, now)
    queued = outbox.enqueue(session, dedup_key=dedup_key, claim_id=claim_id, kind=mail.kind,
                            sender=mail.sender.email, recipients=envelope_recipients(mail),
                            message_id=mail.message_id, raw=raw, now=now)
    if queued:
        store_outgoing(session, blobs, claim_id, mail, raw, now)
    return queued
