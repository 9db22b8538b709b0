"""Blobs kept in the database (issue 14.4): the `blobs`/`blob_chunks` store on SQLite and
PostgreSQL, `mailflow blobs migrate` between it and the directory, and a claim's
attachments stored in PostgreSQL, moved to a directory and checked there."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from mailflow.errors import ConfigError
from mailflow.runner import Runner
from mailflow.store import blob_check
from mailflow.store.blobs import BlobMissing, BlobStore
from mailflow.store.database import Database
from mailflow.store.db_blobs import BLOBS, CHUNK, CHUNKS, DatabaseBlobStore
from tests import corpus
from tests.e2e.inprocess import mailflow as in_process
from tests.integration import support


def rows(db: Database, table: object) -> int:
    with db.engine.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(table)).scalar_one())


def test_the_database_store_keeps_each_content_once_and_finds_it_by_prefix(
        db: Database) -> None:
    """Putting the same bytes twice stores one blob under its sha256; get, exists and find
    answer from it, and an unknown digest is BlobMissing, not empty bytes."""
    store = DatabaseBlobStore(db.engine)
    digest = store.put(b"invoice.pdf bytes")
    assert digest == hashlib.sha256(b"invoice.pdf bytes").hexdigest()
    assert store.put(b"invoice.pdf bytes") == digest
    assert rows(db, BLOBS) == 1
    assert store.get(digest) == b"invoice.pdf bytes"
    assert store.exists(digest)
    assert store.find(digest[:6]) == digest
    assert store.find("0000") is None
    assert list(store.digests()) == [digest]
    with pytest.raises(BlobMissing):
        store.get("0" * 64)


def test_a_large_blob_is_stored_in_chunks_and_read_back_whole(db: Database) -> None:
    """A blob of two and a half chunks becomes three chunk rows, none over CHUNK bytes, and
    comes back byte for byte."""
    store = DatabaseBlobStore(db.engine)
    data = os.urandom(CHUNK // 2) * 5 + b"tail"
    digest = store.put(data)
    assert rows(db, CHUNKS) == 3
    with db.engine.connect() as connection:
        longest = connection.execute(select(func.max(func.length(CHUNKS.c.data)))).scalar_one()
    assert longest == CHUNK
    assert store.get(digest) == data


def test_migrate_copies_verified_blobs_skips_copied_ones_and_names_corrupt_ones(
        db: Database, tmp_path: Path) -> None:
    """Directory to database: good blobs are copied, a file whose bytes no longer match its
    name is reported and not copied, and a second run copies nothing new."""
    directory, database = BlobStore(tmp_path / "blobs"), DatabaseBlobStore(db.engine)
    good = [directory.put(f"attachment {n}".encode()) for n in range(3)]
    bad = directory.put(b"will be damaged")
    directory.path_for(bad).write_bytes(b"damaged")
    first = blob_check.migrate(directory, database, {good[0]: "attachments"})
    assert (first.copied, first.present) == (3, 0)
    assert [(p.sha256, p.problem) for p in first.problems] == [(bad, "corrupt")]
    assert not database.exists(bad)
    again = blob_check.migrate(directory, database, {})
    assert (again.copied, again.present, len(again.problems)) == (0, 3, 1)
    assert all(database.get(digest) == directory.get(digest) for digest in good)


def cli(config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mailflow", "--config", str(config), *args],
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, "MAILFLOW_LANG": "en"})


def config_file(path: Path, db_url: str, backend: str, blobs: Path) -> Path:
    path.write_text(f'[database]\nurl = "{db_url}"\n'
                    f'[storage]\nbackend = "{backend}"\nattachments_dir = "{blobs}"\n'
                    '[security]\nsecret = "blob-secret"\n', encoding="utf-8")
    return path


@pytest.mark.postgres
@pytest.mark.e2e
def test_a_claim_stored_in_postgresql_moves_to_a_directory_and_checks_whole(
        tmp_path: Path, pg_url: str) -> None:
    """With backend = "database" a claim's message and attachments land in PostgreSQL, not
    on disk; `blobs migrate --to directory` copies them all and `db check --blobs` then
    finds every one with its sha256 in the directory."""
    app = support.app(tmp_path, pg_url, storage={"backend": "database"})
    Runner(app, app.source()).source.open()
    raw = corpus.with_attachments(sender="Customer <c@example.org>",
                                  message_id="db-blobs.1@example.org")
    (tmp_path / "inbox" / "new" / "1700000001.M1P1.host").write_bytes(raw)
    assert Runner(app, app.source()).run_once()[0].new_claims == 1
    with app.db.transaction() as session:
        stored = len(blob_check.referenced(session))
    assert stored == 5  # the claim, the acknowledgement, three attached files
    assert rows(app.db, BLOBS) == stored
    assert not (tmp_path / "blobs").exists()
    app.db.dispose()

    in_database = config_file(tmp_path / "db.toml", pg_url, "database", tmp_path / "blobs")
    assert f"all {stored} stored files present" in in_process(in_database, "db", "check",
                                                               "--blobs").stdout
    moved = cli(in_database, "blobs", "migrate", "--to", "directory")  # as an operator runs it
    assert moved.returncode == 0, moved.stderr
    assert f"{stored} copied, 0 already there, 0 not copied" in moved.stdout
    again = in_process(in_database, "blobs", "migrate", "--to", "directory")
    assert f"0 copied, {stored} already there" in again.stdout

    on_disk = config_file(tmp_path / "dir.toml", pg_url, "directory", tmp_path / "blobs")
    checked = in_process(on_disk, "db", "check", "--blobs")
    assert checked.returncode == 0, checked.stderr
    assert f"all {stored} stored files present with the right sha256 in {tmp_path / 'blobs'}" \
        in checked.stdout


def test_the_database_backend_on_sqlite_is_refused_naming_the_key(tmp_path: Path) -> None:
    """On SQLite a blob's own transaction would wait on the pipeline's write lock, so
    backend = "database" there is a configuration error naming storage.backend."""
    app = support.app(tmp_path, f"sqlite:///{tmp_path / 'm.sqlite3'}",
                      storage={"backend": "database"})
    with pytest.raises(ConfigError, match="PostgreSQL") as refused:
        _ = app.blobs
    assert refused.value.key == "storage.backend"
    app.db.dispose()
