"""Large messages: the intake's peak memory for one message is bounded by its size."""

from __future__ import annotations

import hashlib
import random
from pathlib import Path

import pytest
from sqlmodel import select

from mailflow.app import App
from mailflow.store.tables import AttachmentRow, MessageRow
from tests.integration import support
from tests.integration.memory_probe import (
    imap_fetch_in_child,
    letter_with_photo,
    measured_in_child,
)
from tests.servers import Dovecot

MIB = 1024 * 1024
FIXED_BASE = 32 * MIB  # what processing any message costs beyond its size (a few buffers)


@pytest.mark.parametrize("size_mib", [25, 100])
def test_peak_memory_stays_within_three_times_the_message(
        tmp_path: Path, db_url: str, size_mib: int) -> None:
    """Processing a 25 MB or a 100 MB letter with one photo raises the peak RSS by at most
    three times its size plus a fixed base, and stores the photo whole."""
    support.upgrade(db_url)
    message_file = tmp_path / "big.eml"
    message_file.write_bytes(letter_with_photo(size_mib * MIB, seed=size_mib))
    figures = measured_in_child(tmp_path, db_url, message_file)
    assert figures["status"] == "stored", figures
    assert figures["growth"] <= 3 * figures["size"] + FIXED_BASE, (
        f"peak grew {figures['growth'] / MIB:.0f} MiB for a {figures['size'] / MIB:.0f} MiB "
        "message")
    photo = random.Random(size_mib).randbytes(size_mib * MIB * 3 // 4)
    app = App(support.settings(tmp_path, db_url))
    with app.db.transaction() as session:
        (row,) = session.exec(select(AttachmentRow).join(
            MessageRow, MessageRow.id == AttachmentRow.message_row_id).where(
            MessageRow.message_id == "big@example.org")).all()
    assert row.sha256 == hashlib.sha256(photo).hexdigest()
    assert app.blobs.get(row.sha256) == photo


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
