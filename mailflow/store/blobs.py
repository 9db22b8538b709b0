"""Content-addressed files for raw messages and attachments, written atomically."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path


class BlobStore:
    """Keeps each distinct byte string once, under the hex sha256 of its content."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path_for(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def put(self, data: bytes) -> str:
        """Store `data` (if not already there) and return its sha256."""
        digest = hashlib.sha256(data).hexdigest()
        target = self.path_for(digest)
        if not target.exists():
            _write_atomically(target, data)
        return digest

    def get(self, sha256: str) -> bytes:
        return self.path_for(sha256).read_bytes()

    def find(self, prefix: str) -> str | None:
        """The sha256 of the one stored blob whose digest starts with `prefix` (4+ hex
        digits), or None when there is none or more than one."""
        if len(prefix) < 4 or any(ch not in "0123456789abcdef" for ch in prefix):
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
