"""Read the claims mailbox from a local Maildir (for development and for MDA setups).

Pending mail is every file in `new/` and `cur/` of the top-level Maildir, oldest first by
the delivery time encoded in its unique name. A message's receipt time is its file's
mtime: the delivering agent writes the file at delivery, a rename (new/ to cur/, or into
our folders) keeps it, and dovecot both reads and sets it as the IMAP INTERNALDATE (an
APPEND with a date sets the mtime), so a Maildir shared with an IMAP server agrees with
it. The time in the unique name is not used for this: files dropped by hand or by tools
do not follow the naming convention. Committed messages are renamed into the
Maildir++ subfolders `.Processed` and `.Quarantine`: a rename is atomic, so a crash never
leaves a message in two places or in none.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path

from mailflow.errors import MailboxUnavailable
from mailflow.fetch.base import FETCH_BATCH_BYTES, Checkpoint, IncomingItem, groups_by_size

PROCESSED = "Processed"
QUARANTINE = "Quarantine"
SUBDIRS = ("new", "cur")
BATCH_SIZE = 50


class MaildirSource:
    """A Maildir on the local file system, implementing `MailSource`."""

    def __init__(self, path: Path, *, sleep: Callable[[float], None] = time.sleep,
                 batch_size: int = BATCH_SIZE) -> None:
        self._path = Path(path)
        self._sleep = sleep
        self._batch_size = batch_size
        self._listed: dict[str, Path] = {}  # key -> file, from the last listing

    @property
    def name(self) -> str:
        return f"maildir://{self._path}"

    def open(self) -> None:
        try:
            create_maildir(self._path)
            for folder in (PROCESSED, QUARANTINE):
                create_maildir(self._path / f".{folder}")
                (self._path / f".{folder}" / "maildirfolder").touch()  # marks a Maildir++ folder
        except OSError as error:
            raise MailboxUnavailable(
                f"cannot open Maildir {self._path}: {error.strerror or error}") from error

    def close(self) -> None:
        """Nothing to release: every call works on the file system directly."""

    def pending(self, since: Checkpoint | None) -> Iterator[Sequence[IncomingItem]]:
        files = self._message_files()
        self._listed = {_key(file.name): file for file in files}
        for start in range(0, len(files), self._batch_size):
            sized = [(file, size) for file in files[start:start + self._batch_size]
                     if (size := _size(file)) is not None]
            for group in groups_by_size(sized, lambda entry: entry[1], FETCH_BATCH_BYTES):
                batch = [item for item in (_read(file) for file, _ in group) if item]
                if batch:
                    yield batch

    def mark_processed(self, keys: Sequence[str]) -> None:
        self._move(keys, PROCESSED)

    def mark_quarantined(self, keys: Sequence[str]) -> None:
        self._move(keys, QUARANTINE)

    def wait_for_mail(self, timeout: float) -> None:
        self._sleep(timeout)

    def _message_files(self) -> list[Path]:
        files = [
            entry for subdir in SUBDIRS for entry in self._list(self._path / subdir)
            if entry.is_file() and not entry.name.startswith(".")
        ]
        return sorted(files, key=lambda file: _natural_key(file.name))

    def _list(self, directory: Path) -> list[Path]:
        try:
            return list(directory.iterdir())
        except OSError as error:
            raise MailboxUnavailable(
                f"cannot read Maildir {directory}: {error.strerror or error}") from error

    def _move(self, keys: Sequence[str], folder: str) -> None:
        """Move by the paths of the last listing (no listing per batch); keys whose file is
        not there any more (renamed meanwhile, e.g. new/ to cur/ by a mail client) are
        looked for in a fresh listing."""
        missing = {key for key in keys
                   if key not in self._listed or not self._rename_into(self._listed[key], folder)}
        if missing:
            for file in self._message_files():
                if _key(file.name) in missing:
                    self._rename_into(file, folder)

    def _rename_into(self, file: Path, folder: str) -> bool:
        """Move `file` into `folder`; False if it is not there (moved already)."""
        target = self._path / f".{folder}" / file.parent.name / file.name
        try:
            os.rename(file, target)
        except FileNotFoundError:
            return False
        except OSError as error:
            raise MailboxUnavailable(
                f"cannot move {file} to {target}: {error.strerror or error}") from error
        return True


def create_maildir(path: Path) -> None:
    """Create `tmp/`, `new/` and `cur/` under `path` where missing (stdlib only does it for
    a folder that does not exist yet)."""
    for subdir in ("tmp", "new", "cur"):
        (path / subdir).mkdir(parents=True, exist_ok=True)


def _size(file: Path) -> int | None:
    try:
        return file.stat().st_size
    except FileNotFoundError:
        return None  # moved away since the directory was listed
    except OSError as error:
        raise MailboxUnavailable(f"cannot read {file}: {error.strerror or error}") from error


def _read(file: Path) -> IncomingItem | None:
    try:
        delivered = datetime.fromtimestamp(file.stat().st_mtime, UTC)
        return IncomingItem(key=_key(file.name), raw=file.read_bytes(), received_at=delivered)
    except FileNotFoundError:
        return None  # moved away since the directory was listed
    except OSError as error:
        raise MailboxUnavailable(f"cannot read {file}: {error.strerror or error}") from error


def _key(filename: str) -> str:
    """The Maildir unique name: the file name without the `:2,flags` info."""
    return filename.split(":", 1)[0]


def _natural_key(filename: str) -> list[int | str]:
    """Sort `1712345678.M5P1Q2.host` before `1712345678.M12P1Q2.host` (numbers as numbers)."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", filename)]
