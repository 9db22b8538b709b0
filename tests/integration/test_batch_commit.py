"""Group commit (issue 13.2): a batch of messages is one transaction, each message in a
savepoint of its own, on SQLite and PostgreSQL with a real Maildir."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, func
from sqlmodel import col, select

from mailflow import pipeline as pipeline_module
from mailflow.app import App
from mailflow.fetch.base import IncomingItem
from mailflow.runner import Runner
from mailflow.store.tables import AttachmentRow, MessageRow, OutboxRow, QuarantineRow
from tests import corpus
from tests.integration import support

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def letter(n: int, *, attachments: bool = False) -> bytes:
    build = corpus.with_attachments if attachments else corpus.russian
    return build(sender=f"Customer {n} <customer{n}@example.org>",
                 message_id=f"batch.{n}@example.org", subject=f"Претензия {n}")


def items(*raws: bytes) -> list[IncomingItem]:
    return [IncomingItem(key=str(n), raw=raw) for n, raw in enumerate(raws)]


@pytest.fixture
def app(tmp_path: Path, db_url: str) -> Iterator[App]:
    app = support.app(tmp_path, db_url, mailbox={"batch_size": 3, "batch_wait_ms": 60_000})
    app.pipeline  # noqa: B018 - built (schema checked) before anything is counted
    yield app
    app.db.dispose()


def commits(app: App) -> list[int]:
    """A list that grows by one at each commit of the database."""
    seen: list[int] = []
    event.listen(app.db.engine, "commit", lambda _conn: seen.append(1))
    return seen


def stored_ids(app: App) -> list[str]:
    with app.db.transaction() as session:
        return sorted(session.exec(select(MessageRow.message_id).where(
            MessageRow.direction == "in")).all())


def test_a_batch_is_stored_in_one_commit(app: App) -> None:
    """Three new claims, one with attachments, are stored and acknowledged with one commit."""
    seen = commits(app)
    outcomes = app.pipeline.process_batch(
        items(letter(1), letter(2, attachments=True), letter(3)), "test", NOW)
    assert [o.status for o in outcomes] == ["stored"] * 3
    assert all(o.new_claim and o.acknowledged for o in outcomes)
    assert len(seen) == 1
    assert stored_ids(app) == [f"batch.{n}@example.org" for n in (1, 2, 3)]
    with app.db.transaction() as session:
        digests = session.exec(select(AttachmentRow.sha256)).all()
        acks = session.exec(select(func.count()).select_from(OutboxRow)
                            .where(col(OutboxRow.kind) == "acknowledgement")).one()
    assert len(digests) == len(corpus.ATTACHMENTS)
    assert all(app.blobs.exists(digest) for digest in digests)
    assert acks == 3


def test_a_message_whose_store_fails_is_quarantined_and_the_others_commit(
        app: App, monkeypatch: pytest.MonkeyPatch) -> None:
    """One message failing inside its savepoint is rolled back and quarantined with the
    reason; the messages before and after it in the batch are stored, in the same commit."""
    react = app.workflow.react

    def failing(session: Any, claim: Any, msg: Any, *args: Any, **kwargs: Any) -> bool:
        if msg.message_id == "batch.2@example.org":
            raise ValueError("the extractor choked")
        return react(session, claim, msg, *args, **kwargs)

    monkeypatch.setattr(app.workflow, "react", failing)
    seen = commits(app)
    outcomes = app.pipeline.process_batch(items(letter(1), letter(2), letter(3)), "test", NOW)
    assert [o.status for o in outcomes] == ["stored", "quarantined", "stored"]
    assert "ValueError: the extractor choked" in outcomes[1].reason
    assert len(seen) == 1
    assert stored_ids(app) == ["batch.1@example.org", "batch.3@example.org"]
    with app.db.transaction() as session:
        [held] = session.exec(select(QuarantineRow)).all()
    assert "the extractor choked" in held.reason
    assert app.blobs.get(held.raw_sha256) == letter(2)


def test_a_message_stored_meanwhile_by_another_instance_ends_as_duplicate(
        app: App, monkeypatch: pytest.MonkeyPatch) -> None:
    """A message that another instance stored after this batch looked for it (its insert
    meets the unique key) is rolled back to its savepoint and found again: `duplicate`."""
    app.pipeline.process(letter(2), "other instance", NOW)
    real = pipeline_module.find_stored
    missed: list[str] = []

    def not_yet(session: Any, message_id: str, content_hash: str) -> Any:
        if message_id == "batch.2@example.org" and not missed:
            missed.append(message_id)  # the other instance had not committed yet
            return None
        return real(session, message_id, content_hash)

    monkeypatch.setattr(pipeline_module, "find_stored", not_yet)
    outcomes = app.pipeline.process_batch(items(letter(1), letter(2), letter(3)), "test", NOW)
    assert [o.status for o in outcomes] == ["stored", "duplicate", "stored"]
    assert missed
    assert stored_ids(app) == [f"batch.{n}@example.org" for n in (1, 2, 3)]
    with app.db.transaction() as session:
        assert session.exec(select(func.count()).select_from(QuarantineRow)).one() == 0


def test_unparsable_and_oversized_messages_are_quarantined_inside_the_batch(app: App) -> None:
    """A message that does not parse is held in quarantine in the batch's own commit."""
    seen = commits(app)
    outcomes = app.pipeline.process_batch(
        items(letter(1), corpus.malformed("empty"), letter(3)), "test", NOW)
    assert [o.status for o in outcomes] == ["stored", "quarantined", "stored"]
    assert outcomes[1].reason.startswith("cannot parse")
    assert len(seen) == 1


def test_a_pass_commits_and_moves_batch_by_batch_and_pokes_the_drain(app: App) -> None:
    """Seven messages with batch_size 3 are three commits, each moved out of the Maildir
    and followed by a poke of the outbox drain before the next batch is read."""
    inbox = Path(app.settings.mailbox.path)
    runner = Runner(app, app.source())
    runner.source.open()
    for n in range(7):
        (inbox / "new" / f"{n:04d}.test").write_bytes(letter(n))
    pokes: list[int] = []

    def poke() -> None:
        pokes.append(len(list((inbox / ".Processed" / "new").iterdir())))

    seen = commits(app)
    report = runner.intake_pass(committed=poke)
    assert report.stored == 7
    assert pokes == [3, 6, 7]  # each batch was out of the inbox before its poke
    assert len(seen) == 1 + 3  # reading the checkpoint, then one commit per batch
    assert list((inbox / "new").iterdir()) == []


def test_a_batch_closes_early_when_its_wait_is_over(tmp_path: Path, db_url: str) -> None:
    """With batch_wait_ms = 0 every message is committed on its own."""
    app = support.app(tmp_path, db_url, mailbox={"batch_size": 50, "batch_wait_ms": 0})
    inbox = Path(app.settings.mailbox.path)
    runner = Runner(app, app.source())
    runner.source.open()
    for n in range(4):
        (inbox / "new" / f"{n:04d}.test").write_bytes(letter(n))
    pokes: list[int] = []
    report = runner.intake_pass(committed=lambda: pokes.append(1))
    app.db.dispose()
    assert report.stored == 4
    assert len(pokes) == 4


def test_a_batch_past_its_store_time_commits_what_it_stored_and_leaves_the_rest(
        app: App, monkeypatch: pytest.MonkeyPatch) -> None:
    """Once a batch has been storing for STORE_SECONDS it takes no more messages: what it
    stored commits (with the checkpoint), the rest are left to the next batch, and the
    watchdog is pinged after every stored message."""
    monkeypatch.setattr(pipeline_module, "STORE_SECONDS", 0.0)
    pings: list[int] = []
    outcomes = app.pipeline.process_batch(
        items(letter(1), letter(2), letter(3)), "test", NOW, stored=lambda: pings.append(1))
    assert [o.status for o in outcomes] == ["stored"]
    assert stored_ids(app) == ["batch.1@example.org"]
    assert pings == [1]
    rest = app.pipeline.process_batch(items(letter(2), letter(3))[:2], "test", NOW)
    assert len(rest) == 1
    assert len(stored_ids(app)) == 2


def test_a_pass_whose_batches_run_out_of_store_time_still_stores_every_message(
        app: App, monkeypatch: pytest.MonkeyPatch) -> None:
    """With every batch cut after its first message, a pass still stores, moves and
    acknowledges all five messages once, one commit each."""
    monkeypatch.setattr(pipeline_module, "STORE_SECONDS", 0.0)
    inbox = Path(app.settings.mailbox.path)
    runner = Runner(app, app.source())
    runner.source.open()
    for n in range(5):
        (inbox / "new" / f"{n:04d}.test").write_bytes(letter(n))
    seen = commits(app)
    report = runner.intake_pass()
    assert report.stored == 5
    assert len(seen) == 1 + 5
    assert stored_ids(app) == sorted(f"batch.{n}@example.org" for n in range(5))
    assert list((inbox / "new").iterdir()) == []
    assert len(list((inbox / ".Processed" / "new").iterdir())) == 5
