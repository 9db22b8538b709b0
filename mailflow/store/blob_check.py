"""Check that every blob the database refers to is in the blob store with the right bytes.

Blobs are content-addressed (mailflow.store.blobs): a file's name is the sha256 of its
content, so a restored attachments directory is verified by hashing each referenced file
again. Used after a restore (`mailflow db check --blobs`, docs/backup.md), and to move blobs
between the directory and the database (`mailflow blobs migrate`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Literal

from sqlmodel import Session, col, select

from mailflow.store.blobs import BlobMissing, Blobs
from mailflow.store.tables import AttachmentRow, MessageRow, QuarantineRow

Problem = Literal["missing", "corrupt"]


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


def verify(blobs: Blobs, wanted: dict[str, str]) -> list[BlobProblem]:
    """The referenced blobs that are missing or corrupt, in digest order."""
    problems = []
    for digest in sorted(wanted):
        problem = _problem(blobs, digest)
        if problem is not None:
            problems.append(BlobProblem(digest, problem, wanted[digest]))
    return problems


def _problem(blobs: Blobs, digest: str) -> Problem | None:
    try:
        actual = hashlib.sha256(blobs.get(digest)).hexdigest()
    except BlobMissing:
        return "missing"
    return None if actual == digest else "corrupt"


@dataclass
class Migration:
    """What `migrate` did: blobs copied, already there, and those it could not copy."""

    copied: int = 0
    present: int = 0
    problems: list[BlobProblem] = field(default_factory=list)


def migrate(source: Blobs, target: Blobs, wanted: dict[str, str]) -> Migration:
    """Copy every blob referenced (`wanted`) or stored in `source` into `target`, each
    verified against its sha256; a blob already in `target` is skipped, so a run broken
    off is finished by running it again."""
    done = Migration()
    for digest in sorted(set(wanted) | set(source.digests())):
        if target.exists(digest):
            done.present += 1
            continue
        problem = _copy(source, target, digest)
        if problem is None:
            done.copied += 1
        else:
            done.problems.append(BlobProblem(digest, problem, wanted.get(digest, "-")))
    return done


def _copy(source: Blobs, target: Blobs, digest: str) -> Problem | None:
    try:
        data = source.get(digest)
    except BlobMissing:
        return "missing"
    if hashlib.sha256(data).hexdigest() != digest or target.put(data) != digest:
        return "corrupt"
    return None
