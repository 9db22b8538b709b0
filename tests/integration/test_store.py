"""The store on SQLite and PostgreSQL: migrations, numbering, constraints, blobs, checkpoints."""

from __future__ import annotations

import hashlib
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import inspect
from sqlalchemy.exc import IntegrityError, StatementError
from sqlmodel import Session, select

from mailflow.fetch.base import Checkpoint
from mailflow.store import checkpoints, quarantine
from mailflow.store.blobs import BlobStore
from mailflow.store.claims import next_claim_number
from mailflow.store.database import Database
from mailflow.store.tables import ClaimRow, EventRow, MessageRow, QuarantineRow

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
MOSCOW = timezone(timedelta(hours=3))


def add_claim(session: Session, number: str = "CLM-2026-000001") -> int:
    claim = ClaimRow(number=number, status="new", customer_email="ivan@mail.example",
                     language="ru", created_at=NOW, updated_at=NOW)
    session.add(claim)
    session.flush()
    assert claim.id is not None
    return claim.id


def message_row(claim_id: int, message_id: str, content_hash: str) -> MessageRow:
    return MessageRow(claim_id=claim_id, direction="in", kind="new_claim", message_id=message_id,
                      content_hash=content_hash, raw_sha256="0" * 64, raw_size=1, created_at=NOW)


def test_migrations_run_twice(db: Database) -> None:
    """Upgrading an up-to-date database again changes nothing and raises nothing."""
    db.upgrade()
    tables = set(inspect(db.engine).get_table_names())
    assert {"claims", "messages", "outbox", "quarantine", "mailbox_state"} <= tables


def allocate(db: Database, year: int) -> str:
    with db.transaction() as session:
        return next_claim_number(session, year)


def test_claim_numbers_are_sequential_per_year(db: Database) -> None:
    """Numbers count up from 000001 and each year has its own sequence."""
    numbers = [allocate(db, 2026), allocate(db, 2026), allocate(db, 2027), allocate(db, 2026)]
    assert numbers == ["CLM-2026-000001", "CLM-2026-000002", "CLM-2027-000001",
                       "CLM-2026-000003"]


def allocate_then_fail(db: Database, year: int) -> None:
    with db.transaction() as session:
        next_claim_number(session, year)
        raise RuntimeError("the claim could not be stored")


def test_rolled_back_allocation_is_reused(db: Database) -> None:
    """A number taken in a transaction that rolls back is handed out again."""
    with pytest.raises(RuntimeError):
        allocate_then_fail(db, 2026)
    assert allocate(db, 2026) == "CLM-2026-000001"


def test_concurrent_writers_get_distinct_gapless_numbers(db: Database) -> None:
    """4 threads x 25 allocations, each in its own transaction, give exactly 1..100."""
    def worker(_: int) -> list[str]:
        return [allocate(db, 2026) for _ in range(25)]

    with ThreadPoolExecutor(max_workers=4) as pool:
        numbers = [n for batch in pool.map(worker, range(4)) for n in batch]
    assert sorted(int(n.rsplit("-", 1)[1]) for n in numbers) == list(range(1, 101))


def test_message_identity_is_unique(db: Database) -> None:
    """The same Message-ID with the same content is refused; with other content it is kept."""
    with db.transaction() as session:
        claim_id = add_claim(session)
        session.add(message_row(claim_id, "a@mail.example", "hash-1"))
    with pytest.raises(IntegrityError), db.transaction() as session:
        session.add(message_row(claim_id, "a@mail.example", "hash-1"))
    with db.transaction() as session:
        session.add(message_row(claim_id, "a@mail.example", "hash-2"))
    with db.transaction() as session:
        hashes = session.exec(select(MessageRow.content_hash)).all()
    assert sorted(hashes) == ["hash-1", "hash-2"]


def test_blob_store_is_content_addressed_and_idempotent(tmp_path: Path) -> None:
    """put() returns the sha256, stores each content once and get() gives the bytes back."""
    blobs = BlobStore(tmp_path / "blobs")
    data = "Разбитая ваза".encode()
    digest = blobs.put(data)
    assert digest == hashlib.sha256(data).hexdigest()
    assert blobs.put(data) == digest
    assert blobs.get(digest) == data
    stored = [p for p in (tmp_path / "blobs").rglob("*") if p.is_file()]
    assert stored == [blobs.path_for(digest)]


def test_blob_store_keeps_different_contents_apart(tmp_path: Path) -> None:
    """Two different byte strings get two different addresses."""
    blobs = BlobStore(tmp_path)
    first, second = blobs.put(b"one"), blobs.put(b"two")
    assert first != second
    assert (blobs.get(first), blobs.get(second)) == (b"one", b"two")


def store_event(db: Database, event: EventRow) -> None:
    with db.transaction() as session:
        session.add(event)


def test_utc_datetime_round_trips_aware_values(db: Database) -> None:
    """An aware datetime in any zone comes back as the same instant, in UTC."""
    moment = datetime(2026, 3, 1, 15, 30, 5, 123456, tzinfo=MOSCOW)
    store_event(db, EventRow(at=moment, kind="test"))
    with db.transaction() as session:
        stored = session.exec(select(EventRow.at)).one()
    assert stored == moment
    assert stored.tzinfo == UTC
    assert stored.hour == 12


def test_utc_datetime_rejects_naive_values(db: Database) -> None:
    """A naive datetime is refused instead of being stored in an unknown zone."""
    naive = EventRow(at=datetime(2026, 3, 1, 12, 0), kind="test")
    with pytest.raises(StatementError, match="naive datetime"):
        store_event(db, naive)


def advance(db: Database, uidvalidity: int, last_uid: int) -> Checkpoint | None:
    with db.transaction() as session:
        checkpoints.advance(session, "imap://claims@host/INBOX",
                            Checkpoint(uidvalidity, last_uid), NOW)
    with db.transaction() as session:
        return checkpoints.load(session, "imap://claims@host/INBOX")


def test_checkpoint_never_moves_back_within_one_uidvalidity(db: Database) -> None:
    """Within one UIDVALIDITY the last UID only grows."""
    assert advance(db, 7, 10) == Checkpoint(7, 10)
    assert advance(db, 7, 25) == Checkpoint(7, 25)
    assert advance(db, 7, 12) == Checkpoint(7, 25)


def test_checkpoint_resets_on_a_new_uidvalidity(db: Database) -> None:
    """A new UIDVALIDITY replaces the checkpoint even with a smaller UID."""
    advance(db, 7, 25)
    assert advance(db, 8, 3) == Checkpoint(8, 3)


def test_unknown_mailbox_has_no_checkpoint(db: Database) -> None:
    """A mailbox never read has no checkpoint."""
    with db.transaction() as session:
        assert checkpoints.load(session, "maildir:/nowhere") is None


def test_quarantining_the_same_bytes_twice_keeps_one_entry(db: Database, tmp_path: Path) -> None:
    """Holding identical raw bytes again returns the first entry and adds no row."""
    blobs = BlobStore(tmp_path / "blobs")
    raw = b"From: x@mail.example\r\n\r\nbroken\r\n"
    for reason in ("cannot parse", "cannot parse again"):
        with db.transaction() as session:
            quarantine.hold(session, blobs, raw, reason, "maildir", "x@mail.example", "", NOW)
    with db.transaction() as session:
        rows = session.exec(select(QuarantineRow)).all()
    assert [row.reason for row in rows] == ["cannot parse"]
    assert blobs.get(rows[0].raw_sha256) == raw
