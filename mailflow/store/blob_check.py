"""Check that every blob the database refers to is in the blob store with the right bytes.

Blobs are content-addressed (mailflow.store.blobs): a file's name is the sha256 of its
content, so a restored attachments directory is verified by hashing each referenced file
again. Used after a restore (`mailflow db check --blobs`, docs/backup.md).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from sqlmodel import Session, col, select

from mailflow.store.blobs import BlobStore
from mailflow.store.tables import AttachmentRow, MessageRow, QuarantineRow

Problem = Literal["missing", "corrupt"]
CHUNK = 1024 * 1024


@dataclass(frozen=True)
class BlobProblem:
    """A referenced blob that is absent, or whose bytes no longer hash to its name."""

    sha256: str
    problem: Problem
    table: str  # the first table found referring to it


def referenced(session: Session) -> dict[str, str]:
    """Every sha256 the database refers to, with the first table that does."""
    found: dict[str, str] = {}
    for table, column in (("messages", MessageRow.raw_sha256),
                          ("attachments", AttachmentRow.sha256),
                          ("quarantine", QuarantineRow.raw_sha256)):
        for digest in session.exec(select(column).distinct().order_by(col(column))).all():
            found.setdefault(str(digest), table)
    return found


def verify(blobs: BlobStore, wanted: dict[str, str]) -> list[BlobProblem]:
    """The referenced blobs that are missing or corrupt, in digest order."""
    problems = []
    for digest in sorted(wanted):
        problem = _problem(blobs, digest)
        if problem is not None:
            problems.append(BlobProblem(digest, problem, wanted[digest]))
    return problems


def _problem(blobs: BlobStore, digest: str) -> Problem | None:
    try:
        with blobs.path_for(digest).open("rb") as stream:
            actual = _sha256(iter(lambda: stream.read(CHUNK), b""))
    except FileNotFoundError:
        return "missing"
    return None if actual == digest else "corrupt"


def _sha256(chunks: Iterable[bytes]) -> str:
    digest = hashlib.sha256()
    for chunk in chunks:
        digest.update(chunk)
    return digest.hexdigest()
