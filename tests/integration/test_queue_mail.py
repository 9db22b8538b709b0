"""Queuing mail about claims: one path (`send.queue`) for a single message and a batch."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from sqlmodel import func, select

from mailflow.domain.model import Address, OutgoingMail
from mailflow.send.queue import claim_mail, queue_mail, queue_mail_many
from mailflow.store.blobs import BlobStore
from mailflow.store.database import Database
from mailflow.store.messages import sent_on
from mailflow.store.tables import MessageRow, OutboxRow
from tests.integration.test_store import add_claim

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
CLAIMS = Address("claims@example.test", "Test Company")
IVAN = Address("ivan@mail.example", "Ivan")


def mail(name: str) -> OutgoingMail:
    return OutgoingMail(kind="status_changed", sender=CLAIMS, message_id=f"{name}@example.test",
                        to=(IVAN,), subject=name, text=f"About {name}.")


def counts(db: Database) -> tuple[int, int]:
    with db.transaction() as session:
        return (session.exec(select(func.count()).select_from(OutboxRow)).one(),
                session.exec(select(func.count()).select_from(MessageRow)).one())


def test_queue_mail_many_queues_each_key_once_with_its_copy(db: Database,
                                                            tmp_path: Path) -> None:
    """A batch queues each new dedup key once (the first mail of a key wins), stores a copy
    on the claim only of what it queued, and leaves a key queued before alone."""
    blobs = BlobStore(tmp_path / "blobs")
    with db.transaction() as session:
        claim_id = add_claim(session)
        assert queue_mail(session, blobs, mail("before"), claim_id=claim_id, dedup_key="k1",
                          now=NOW)
        batch = [claim_mail(mail(name), claim_id=claim_id, dedup_key=key, now=NOW)
                 for name, key in (("again", "k1"), ("first", "k2"), ("second", "k2"),
                                   ("third", "k3"))]
        assert queue_mail_many(session, blobs, batch, NOW) == {"k2", "k3"}
        stored = session.exec(select(MessageRow.message_id).where(
            MessageRow.claim_id == claim_id)).all()
        assert sorted(stored) == ["before@example.test", "first@example.test",
                                  "third@example.test"]
    assert counts(db) == (3, 3)
    with db.transaction() as session:
        raw = session.exec(select(MessageRow.raw_sha256).where(
            MessageRow.message_id == "third@example.test")).one()
        assert b"About third." in blobs.get(raw)


def test_queue_mail_twice_queues_and_threads_once(db: Database, tmp_path: Path) -> None:
    """The same key queued twice is one outbox entry and one copy, noted once as sent."""
    blobs = BlobStore(tmp_path / "blobs")
    with db.transaction() as session:
        claim_id = add_claim(session)
        assert sent_on(session, claim_id) == []
        assert queue_mail(session, blobs, mail("one"), claim_id=claim_id, dedup_key="k",
                          now=NOW)
        assert not queue_mail(session, blobs, mail("two"), claim_id=claim_id, dedup_key="k",
                              now=NOW)
        assert [mid for mid, _ in sent_on(session, claim_id)] == ["one@example.test"]
    assert counts(db) == (1, 1)
