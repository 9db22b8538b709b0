"""The Maildir outbox delivers a drain's batch together: written to tmp/, synced once, moved."""

from __future__ import annotations

import asyncio
import mailbox
from pathlib import Path

import pytest

from mailflow.send import maildir as maildir_module
from mailflow.send.drain import DrainReport, drain_outbox
from mailflow.send.maildir import MaildirTransport
from mailflow.store.database import Database
from tests.integration.test_outbox import NOW, enqueue, rows

RAW = b"From: claims@example.test\r\nSubject: ack\r\n\r\nWe got your claim.\r\n"


def files(folder: Path, sub: str) -> list[Path]:
    return sorted((folder / sub).iterdir())


def test_sent_messages_appear_in_new_only_when_flushed(tmp_path: Path) -> None:
    """Messages a transport took wait in tmp/ until flush() moves them all into new/, where
    a Maildir reader finds them whole."""
    async def run() -> None:
        async with MaildirTransport(tmp_path) as transport:
            for n in range(3):
                await transport.send("claims@example.test", [f"c{n}@example.org"], RAW)
            assert (len(files(tmp_path, "tmp")), files(tmp_path, "new")) == (3, [])
            await transport.flush()
            assert (files(tmp_path, "tmp"), len(files(tmp_path, "new"))) == ([], 3)
    asyncio.run(run())
    assert sorted(m["X-Mailflow-Envelope-To"] for m in mailbox.Maildir(tmp_path)) == [
        "<c0@example.org>", "<c1@example.org>", "<c2@example.org>"]


def test_leaving_after_an_error_delivers_nothing_unflushed(tmp_path: Path) -> None:
    """When the sending block fails, what was not flushed is removed from tmp/, not
    delivered (its outbox rows were marked as being handed over: they become `unknown`)."""
    async def run() -> None:
        async with MaildirTransport(tmp_path) as transport:
            await transport.send("claims@example.test", ["c@example.org"], RAW)
            raise RuntimeError("the drain failed")
    with pytest.raises(RuntimeError):
        asyncio.run(run())
    assert (files(tmp_path, "tmp"), files(tmp_path, "new")) == ([], [])


def test_a_drain_syncs_each_batch_once_and_records_it_sent(
        db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Draining 45 messages in batches of 20 syncs the file system twice per batch (files,
    then renames), not once per file, and every message ends in new/ and is recorded sent."""
    syncs: list[int] = []
    real_sync = maildir_module._sync_files

    def counted(inside: Path, paths: list[str]) -> None:
        syncs.append(len(paths))
        real_sync(inside, paths)

    monkeypatch.setattr(maildir_module, "_sync_files", counted)
    enqueue(db, *[f"ack-{n}" for n in range(45)])
    outbox_path = tmp_path / "outbox"
    report = asyncio.run(drain_outbox(db, lambda: MaildirTransport(outbox_path), lambda: NOW,
                                      10, batch_size=20))
    assert report == DrainReport(sent=45)
    assert syncs == [20, 1, 20, 1, 5, 1]
    assert (files(outbox_path, "tmp"), len(files(outbox_path, "new"))) == ([], 45)
    assert {(row.status, row.handed_over_at) for row in rows(db)} == {("sent", None)}
