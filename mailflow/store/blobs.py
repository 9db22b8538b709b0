"""Content-addressed files for raw messages and attachments, written atomically.

`Blobs` is what the pipeline needs of a store; `BlobStore` keeps blobs in a directory,
mailflow.store.db_blobs.DatabaseBlobStore in the database ([storage] backend).
"""

from __future__ import annotations

import ctypes
import hashlib
import os
import tempfile
import threading
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from functools import cache
from pathlib import Path
from typing import Protocol

HEX = frozenset("0123456789abcdef")


class BlobMissing(FileNotFoundError):
    """No blob is stored under that sha256."""


class Blobs(Protocol):
    """A content-addressed store: each distinct byte string once, under its hex sha256."""

    def put(self, data: bytes) -> str:
        """Store `data` durably (if not already there) and return its sha256."""
        ...

    def put_many(self, items: Sequence[bytes]) -> list[str]:
        """Store each of `items` durably, as a group (one sync for them all where the store
        allows); their sha256s in the same order."""
        ...

    def get(self, sha256: str) -> bytes:
        """The bytes stored under `sha256`; BlobMissing when there are none."""
        ...

    def group(self) -> AbstractContextManager[None]:
        """A block whose puts (by this thread) are written and synced together when it ends
        without error, before the caller commits the rows that refer to them; readable
        with `get` meanwhile. Nothing of them is written when the block raises."""
        ...

    def find(self, prefix: str) -> str | None:
        """The one stored sha256 starting with `prefix` (4+ hex digits), else None."""
        ...

    def exists(self, sha256: str) -> bool: ...

    def digests(self) -> Iterator[str]:
        """Every stored sha256."""
        ...

    def location(self, sha256: str) -> str:
        """Where the blob `sha256` is (or would be), for people reading a report."""
        ...

    @property
    def where(self) -> str:
        """The store as a whole, for people reading a report."""
        ...


def is_digest(text: str) -> bool:
    return len(text) == 64 and set(text) <= HEX


class BlobStore:
    """Keeps each distinct byte string once, under the hex sha256 of its content."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._local = threading.local()  # `pending`: this thread's open group, if any

    def path_for(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def put(self, data: bytes) -> str:
        """Store `data` (if not already there) and return its sha256."""
        digest = hashlib.sha256(data).hexdigest()
        pending = self._pending()
        if pending is not None:
            pending.setdefault(digest, data)
            return digest
        target = self.path_for(digest)
        if not target.exists():
            _write_atomically(target, data)
        return digest

    def put_many(self, items: Sequence[bytes]) -> list[str]:
        """Store `items` with two file-system syncs for the whole group instead of two
        fsyncs per file: every new blob is written to a temporary file, all are synced, then
        renamed into place and synced again, so a crash still leaves no half file."""
        digests = [hashlib.sha256(data).hexdigest() for data in items]
        pending = self._pending()
        if pending is not None:
            for digest, data in zip(digests, items, strict=True):
                pending.setdefault(digest, data)
            return digests
        new = {digest: data for digest, data in zip(digests, items, strict=True)
               if not self.path_for(digest).exists()}
        if new:
            _write_group([(self.path_for(digest), data) for digest, data in new.items()])
        return digests

    @contextmanager
    def group(self) -> Iterator[None]:
        """Keep this thread's puts in memory, then write them with `put_many` (two syncs
        for the group) when the block ends; a block inside a group joins it."""
        if self._pending() is not None:
            yield
            return
        pending: dict[str, bytes] = {}
        self._local.pending = pending
        try:
            yield
        finally:
            self._local.pending = None
        self.put_many(list(pending.values()))

    def _pending(self) -> dict[str, bytes] | None:
        pending: dict[str, bytes] | None = getattr(self._local, "pending", None)
        return pending

    def get(self, sha256: str) -> bytes:
        pending = self._pending()
        if pending is not None and sha256 in pending:
            return pending[sha256]
        try:
            return self.path_for(sha256).read_bytes()
        except FileNotFoundError:
            raise BlobMissing(sha256) from None

    def exists(self, sha256: str) -> bool:
        pending = self._pending()
        return (pending is not None and sha256 in pending) or self.path_for(sha256).is_file()

    def digests(self) -> Iterator[str]:
        for path in sorted(self.root.glob("??/??/*")):
            if is_digest(path.name) and path.name.startswith(path.parent.parent.name
                                                             + path.parent.name):
                yield path.name

    def location(self, sha256: str) -> str:
        return str(self.path_for(sha256))

    @property
    def where(self) -> str:
        return str(self.root)

    def find(self, prefix: str) -> str | None:
        """The sha256 of the one stored blob whose digest starts with `prefix` (4+ hex
        digits), or None when there is none or more than one."""
        if len(prefix) < 4 or not set(prefix) <= HEX:
            return None
        found = [path.name for path in (self.root / prefix[:2] / prefix[2:4]).glob(f"{prefix}*")]
        return found[0] if len(found) == 1 else None


def _write_atomically(target: Path, data: bytes) -> None:
    # fsync before rename: a crash leaves either no file or the whole file, never half of one.
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
        _sync_directory(target.parent)  # the rename itself must survive a power cut
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _sync_directory(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _write_group(files: list[tuple[Path, bytes]]) -> None:
    """Write `files` atomically, synced as a group (see `BlobStore.put_many`)."""
    written: list[tuple[str, Path]] = []
    try:
        for target, data in files:
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
            written.append((temporary, target))
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
        _sync_files(files[0][0].parent, [temporary for temporary, _ in written])
        for temporary, target in written:
            os.replace(temporary, target)
        _sync_files(files[0][0].parent, [str(target.parent) for _, target in written])
    except BaseException:
        for temporary, _ in written:
            Path(temporary).unlink(missing_ok=True)
        raise


def _sync_files(inside: Path, paths: list[str]) -> None:
    """Make `paths` (files or folders) durable: one syncfs(2) of the file system holding
    `inside` on Linux, else an fsync of each."""
    if _syncfs(inside):
        return
    for path in dict.fromkeys(paths):
        descriptor = os.open(path, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def _syncfs(inside: Path) -> bool:
    """syncfs(2) on the file system of `inside`; False where the C library has none."""
    call = getattr(_libc(), "syncfs", None)
    if call is None:
        return False
    descriptor = os.open(inside, os.O_RDONLY)
    try:
        if call(descriptor) != 0:
            error = ctypes.get_errno()
            raise OSError(error, os.strerror(error), str(inside))
    finally:
        os.close(descriptor)
    return True


@cache
def _libc() -> ctypes.CDLL | None:
    try:
        return ctypes.CDLL(None, use_errno=True)
    except OSError:
        return None
