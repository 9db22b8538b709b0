"""Blobs kept in the database, so instances on several hosts share attachments (issue 14.4).

Each blob is a `blobs` row (sha256, size) and its bytes in `blob_chunks` rows of at most
CHUNK bytes. `put` commits in its own short transaction, before the caller's: the pipeline
stores a message's blobs and then the rows that refer to them, so a crash in between
leaves at worst an unreferenced blob (harmless), never a reference to a missing one.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, nullcontext
from typing import Any

from sqlalchemy import Connection, Engine, Table, func, select

from mailflow.store.blobs import HEX, BlobMissing
from mailflow.store.claims import upsert_insert
from mailflow.store.tables import BlobChunkRow, BlobRow

CHUNK = 1024 * 1024
BLOBS: Table = BlobRow.__table__  # type: ignore[attr-defined]
CHUNKS: Table = BlobChunkRow.__table__  # type: ignore[attr-defined]


class DatabaseBlobStore:
    """The `Blobs` store in the `blobs` and `blob_chunks` tables."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def put(self, data: bytes) -> str:
        digest = hashlib.sha256(data).hexdigest()
        if self.exists(digest):
            return digest
        with self.engine.begin() as connection:
            # A concurrent writer of the same blob makes this insert wait for its commit and
            # then do nothing: whoever returns, the whole blob is committed.
            claimed = connection.execute(
                _insert(connection, BLOBS).values(sha256=digest, size=len(data))
                .on_conflict_do_nothing().returning(BLOBS.c.sha256)).first()
            if claimed is not None:  # rowcount is not reliable after ON CONFLICT
                connection.execute(CHUNKS.insert(), [
                    {"sha256": digest, "seq": seq, "data": data[start:start + CHUNK]}
                    for seq, start in enumerate(range(0, max(len(data), 1), CHUNK))])
        return digest

    def put_many(self, items: Sequence[bytes]) -> list[str]:
        """Each of `items` committed as `put` does (the database syncs its own commits)."""
        return [self.put(data) for data in items]

    def group(self) -> AbstractContextManager[None]:
        """Nothing to group: each put commits at once, as the module says."""
        return nullcontext()

    def get(self, sha256: str) -> bytes:
        with self.engine.connect() as connection:
            size = connection.execute(
                select(BLOBS.c.size).where(BLOBS.c.sha256 == sha256)).scalar_one_or_none()
            if size is None:
                raise BlobMissing(sha256)
            return b"".join(connection.execute(
                select(CHUNKS.c.data).where(CHUNKS.c.sha256 == sha256)
                .order_by(CHUNKS.c.seq)).scalars())

    def find(self, prefix: str) -> str | None:
        if len(prefix) < 4 or not set(prefix) <= HEX:
            return None
        with self.engine.connect() as connection:
            found = connection.execute(select(BLOBS.c.sha256).where(
                BLOBS.c.sha256.startswith(prefix)).limit(2)).scalars().all()
        return found[0] if len(found) == 1 else None

    def exists(self, sha256: str) -> bool:
        with self.engine.connect() as connection:
            return connection.execute(select(func.count()).select_from(BLOBS).where(
                BLOBS.c.sha256 == sha256)).scalar_one() > 0

    def digests(self) -> Iterator[str]:
        with self.engine.connect() as connection:
            found = connection.execute(
                select(BLOBS.c.sha256).order_by(BLOBS.c.sha256)).scalars().all()
        yield from found

    def location(self, sha256: str) -> str:
        return f"{self.where} blobs/{sha256}"

    @property
    def where(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)


def _insert(connection: Connection, table: Table) -> Any:
    return upsert_insert(connection.dialect.name)(table)
