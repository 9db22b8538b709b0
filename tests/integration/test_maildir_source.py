"""MaildirSource and MaildirTransport on a real file system: order, atomic moves, envelopes."""

from __future__ import annotations

import asyncio
import mailbox
from collections.abc import Sequence
from pathlib import Path

import pytest

from mailflow.errors import MailboxUnavailable, SendRejected
from mailflow.fetch.base import IncomingItem
from mailflow.fetch.maildir import MaildirSource
from mailflow.send.maildir import MaildirTransport

RAW = b"From: customer@example.test\nSubject: broken vase\n\nIt arrived in pieces.\n"


def opened(path: Path) -> MaildirSource:
    source = MaildirSource(path)
    source.open()
    return source


def read_all(source: MaildirSource) -> list[IncomingItem]:
    return [item for batch in source.pending(None) for item in batch]


def deliver(path: Path, subdir: str, name: str, raw: bytes = RAW) -> Path:
    file = path / subdir / name
    file.write_bytes(raw)
    return file


def send(path: Path, sender: str, recipients: Sequence[str], raw: bytes) -> None:
    async def run() -> None:
        async with MaildirTransport(path) as transport:
            await transport.send(sender, recipients, raw)
    asyncio.run(run())


def test_open_creates_the_maildir_and_its_subfolders(tmp_path: Path) -> None:
    """A missing Maildir is created with the .Processed and .Quarantine Maildir++ folders."""
    opened(tmp_path / "inbox")
    for folder in ("", ".Processed", ".Quarantine"):
        assert all((tmp_path / "inbox" / folder / sub).is_dir() for sub in ("new", "cur", "tmp"))


def test_pending_reads_new_and_cur_oldest_first(tmp_path: Path) -> None:
    """Files in new/ and cur/ come in delivery order, numbers in names compared as numbers."""
    source = opened(tmp_path)
    deliver(tmp_path, "new", "1700000000.M12P1Q2.host", b"third")
    deliver(tmp_path, "cur", "1700000000.M5P1Q1.host:2,S", b"second")
    deliver(tmp_path, "new", "1699999999.M999999P1Q9.host", b"first")
    items = read_all(source)
    assert [item.raw for item in items] == [b"first", b"second", b"third"]
    assert items[1].key == "1700000000.M5P1Q1.host"


def test_pending_comes_in_batches_of_fifty(tmp_path: Path) -> None:
    """120 messages come as batches of 50, 50 and 20."""
    source = opened(tmp_path)
    box = mailbox.Maildir(tmp_path)
    for number in range(120):
        box.add(RAW + str(number).encode())
    assert [len(batch) for batch in source.pending(None)] == [50, 50, 20]


def test_marked_messages_are_renamed_into_the_subfolders(tmp_path: Path) -> None:
    """mark_processed/mark_quarantined rename the very file (same inode) into the subfolder."""
    source = opened(tmp_path)
    done = deliver(tmp_path, "cur", "1.M1P1Q1.host:2,S")
    bad = deliver(tmp_path, "new", "2.M1P1Q1.host")
    inodes = (done.stat().st_ino, bad.stat().st_ino)
    source.mark_processed(["1.M1P1Q1.host"])
    source.mark_quarantined(["2.M1P1Q1.host"])
    processed = tmp_path / ".Processed/cur/1.M1P1Q1.host:2,S"
    quarantined = tmp_path / ".Quarantine/new/2.M1P1Q1.host"
    assert (processed.stat().st_ino, quarantined.stat().st_ino) == inodes
    assert read_all(source) == []


def test_marking_an_unknown_or_moved_key_does_nothing(tmp_path: Path) -> None:
    """Marking twice, or a key that is not there, leaves everything where it is."""
    source = opened(tmp_path)
    deliver(tmp_path, "new", "1.M1P1Q1.host")
    source.mark_processed(["1.M1P1Q1.host"])
    source.mark_processed(["1.M1P1Q1.host", "nothing-here"])
    assert [file.name for file in (tmp_path / ".Processed/new").iterdir()] == ["1.M1P1Q1.host"]


def test_a_maildir_that_cannot_be_created_is_mailbox_unavailable(tmp_path: Path) -> None:
    """A path blocked by a plain file gives MailboxUnavailable naming the path."""
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(MailboxUnavailable, match=str(blocker)):
        MaildirSource(blocker / "inbox").open()


def test_wait_for_mail_sleeps_the_timeout(tmp_path: Path) -> None:
    """Waiting on a Maildir is the injected sleep for exactly the timeout."""
    slept: list[float] = []
    MaildirSource(tmp_path, sleep=slept.append).wait_for_mail(7.5)
    assert slept == [7.5]


def test_transport_writes_what_the_source_reads_with_the_envelope_in_front(tmp_path: Path) -> None:
    """A sent message is read back as Return-Path and envelope lines, then the exact bytes."""
    send(tmp_path, "claims@example.test", ["a@example.test", "b@example.test"], RAW)
    (item,) = read_all(opened(tmp_path))
    assert item.raw == (b"Return-Path: <claims@example.test>\n"
                        b"X-Mailflow-Envelope-To: <a@example.test>,\n <b@example.test>\n" + RAW)


def test_transport_keeps_crlf_line_endings(tmp_path: Path) -> None:
    """Envelope lines use CRLF when the message does, so the file stays consistent."""
    raw = RAW.replace(b"\n", b"\r\n")
    send(tmp_path, "claims@example.test", ["a@example.test"], raw)
    (item,) = read_all(opened(tmp_path))
    assert item.raw == (b"Return-Path: <claims@example.test>\r\n"
                        b"X-Mailflow-Envelope-To: <a@example.test>\r\n" + raw)


def test_transport_rejects_an_address_that_would_inject_a_header(tmp_path: Path) -> None:
    """A recipient containing a line break is SendRejected and nothing is written."""
    with pytest.raises(SendRejected):
        send(tmp_path, "claims@example.test", ["a@example.test\nBcc: x@evil.test"], RAW)
    assert list((tmp_path / "new").iterdir()) == []


def test_a_batch_holds_at_most_the_fetch_byte_limit(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """A batch reads at most FETCH_BATCH_BYTES of mail into memory (a larger message alone),
    so peak memory follows the largest message, not fifty of them; order is kept."""
    from mailflow.fetch import maildir
    monkeypatch.setattr(maildir, "FETCH_BATCH_BYTES", 100)
    source = opened(tmp_path)
    for number, size in enumerate((40, 40, 40, 250, 10)):
        deliver(tmp_path, "new", f"17000000{number:02d}.M1P1Q1.host", b"x" * size)
    batches = [[len(item.raw) for item in batch] for batch in source.pending(None)]
    assert batches == [[40, 40], [40], [250], [10]]


def test_a_message_moved_to_cur_after_listing_is_still_moved(tmp_path: Path) -> None:
    """A file a mail client renamed from new/ to cur/ after the batch was listed is found
    again and moved to .Processed, not left behind to be read once more."""
    source = opened(tmp_path)
    file = deliver(tmp_path, "new", "1700000000.M1P1Q1.host")
    [item] = read_all(source)
    file.rename(tmp_path / "cur" / f"{file.name}:2,S")
    source.mark_processed([item.key])
    assert list((tmp_path / "cur").iterdir()) == []
    assert [path.name for path in (tmp_path / ".Processed" / "cur").iterdir()] == [
        f"{file.name}:2,S"]
