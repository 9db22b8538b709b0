"""Blobs written as a group (issue 13.2): a batch's attachments are synced together before
its commit, on the real file system."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from mailflow.store.blobs import BlobStore


def test_puts_in_a_group_reach_the_disk_when_it_ends(tmp_path: Path) -> None:
    """Inside a group a put is readable but not yet on disk; at its end every blob is."""
    store = BlobStore(tmp_path)
    with store.group():
        first = store.put(b"scan one")
        [second] = store.put_many([b"scan two"])
        assert store.get(first) == b"scan one"
        assert store.exists(second)
        assert not store.path_for(first).exists()
    assert store.path_for(first).read_bytes() == b"scan one"
    assert store.path_for(second).read_bytes() == b"scan two"
    assert second == hashlib.sha256(b"scan two").hexdigest()


def test_a_group_that_fails_writes_nothing(tmp_path: Path) -> None:
    """A batch rolled back leaves no blob of it behind, and the next put is written at once."""
    store = BlobStore(tmp_path)
    digest = hashlib.sha256(b"rolled back").hexdigest()

    def failing_batch() -> None:
        with store.group():
            store.put(b"rolled back")
            raise RuntimeError("the batch failed")

    with pytest.raises(RuntimeError):
        failing_batch()
    assert not store.exists(digest)
    assert store.path_for(store.put(b"alone")).exists()
