"""Large messages: the intake's peak memory for one message is bounded by its size."""

from __future__ import annotations

import hashlib
import random
from pathlib import Path

import pytest
from sqlmodel import select

from mailflow.app import App
from mailflow.parse.limits import MAX_TEXT_BYTES
from mailflow.store.tables import AttachmentRow, MessageRow
from tests.integration import support
from tests.integration.memory_probe import (
    imap_fetch_in_child,
    letter_with_photo,
    letter_with_text,
    measured_in_child,
)
from tests.servers import Dovecot

MIB = 1024 * 1024
# What processing any message costs beyond its size: buffers, and for a long text the
# capped 4 MiB of it going through cleaning, the search index and extraction (~30 MiB).
FIXED_BASE = 48 * MIB


@pytest.mark.parametrize("size_mib", [25, 100])
def test_peak_memory_stays_within_three_times_the_message(
        tmp_path: Path, db_url: str, size_mib: int) -> None:
    """Processing a 25 MB or a 100 MB letter with one photo raises the peak RSS by at most
    three times its size plus a fixed base, and stores the photo whole."""
    _measured_within_bound(tmp_path, db_url, letter_with_photo(size_mib * MIB, seed=size_mib))
    photo = random.Random(size_mib).randbytes(size_mib * MIB * 3 // 4)
    app = App(support.settings(tmp_path, db_url))
    with app.db.transaction() as session:
        (row,) = session.exec(select(AttachmentRow).join(
            MessageRow, MessageRow.id == AttachmentRow.message_row_id).where(
            MessageRow.message_id == "big@example.org")).all()
    assert row.sha256 == hashlib.sha256(photo).hexdigest()
    assert app.blobs.get(row.sha256) == photo


def test_a_long_text_letter_stays_within_the_bound_and_keeps_its_beginning(
        tmp_path: Path, db_url: str) -> None:
    """A 25 MB letter of plain 8bit text stays within the same bound; its first
    max_text_bytes are kept as the message text and the raw message is stored whole."""
    raw = letter_with_text(25 * MIB)
    _measured_within_bound(tmp_path, db_url, raw)
    app = App(support.settings(tmp_path, db_url))
    with app.db.transaction() as session:
        (row,) = session.exec(select(MessageRow).where(
            MessageRow.message_id == "long@example.org")).all()
    assert row.text_body.startswith("Товар повреждён при доставке")
    assert 0.9 * MAX_TEXT_BYTES < len(row.text_body.encode()) <= MAX_TEXT_BYTES
    assert app.blobs.get(row.raw_sha256) == raw


def _measured_within_bound(tmp_path: Path, db_url: str, raw: bytes) -> None:
    support.upgrade(db_url)
    message_file = tmp_path / "big.eml"
    message_file.write_bytes(raw)
    figures = measured_in_child(tmp_path, db_url, message_file)
    assert figures["status"] == "stored", figures
    assert figures["growth"] <= 3 * figures["size"] + FIXED_BASE, (
        f"peak grew {figures['growth'] / MIB:.0f} MiB for a {figures['size'] / MIB:.0f} MiB "
        "message")


@pytest.mark.imap
def test_fetching_a_large_message_over_imap_costs_about_its_size(clean_dovecot: Dovecot) -> None:
    """Reading a 25 MB letter from dovecot raises the peak RSS by at most 1.5 times its size
    plus a fixed base (imaplib no longer formats the repr of the whole message)."""
    clean_dovecot.append("claims", [letter_with_photo(25 * MIB)])
    figures = imap_fetch_in_child(clean_dovecot.host, clean_dovecot.imap_port)
    (size,) = figures["sizes"]
    assert size > 25 * MIB
    assert figures["growth"] <= 1.5 * size + FIXED_BASE, (
        f"peak grew {figures['growth'] / MIB:.0f} MiB for a {size / MIB:.0f} MiB message")
