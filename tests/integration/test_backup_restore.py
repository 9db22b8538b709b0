"""Backup and restore as docs/backup.md describes it: `pg_dump` of the database plus a copy
of the attachments directory, restored into an empty database and an empty directory, then
`mailflow db check --blobs` confirms that every stored message and attachment is there with
its sha256, and names the ones that are missing or corrupt."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from sqlalchemy.engine import make_url
from sqlmodel import select

from mailflow.runner import Runner
from mailflow.store import blob_check
from mailflow.store.blobs import BlobStore
from mailflow.store.tables import AttachmentRow, MessageRow
from tests import corpus
from tests.conftest import _fresh_database
from tests.e2e.inprocess import mailflow as in_process
from tests.integration import support

pytestmark = [pytest.mark.postgres, pytest.mark.e2e]
CLAIMS = 4


@pytest.fixture
def restored_url(_pg_admin: psycopg.Connection[tuple[object, ...]]) -> Iterator[str]:
    """A second, empty PostgreSQL database to restore into."""
    yield from _fresh_database(_pg_admin)


def libpq(url: str) -> str:
    """The SQLAlchemy URL as pg_dump and pg_restore take it."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def check_blobs(config: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mailflow", "--config", str(config), "db", "check", "--blobs"],
        capture_output=True, text=True, timeout=120, env={**os.environ, "MAILFLOW_LANG": "en"})


def write_config(folder: Path, db_url: str, blobs: Path) -> Path:
    path = folder / "restored.toml"
    path.write_text(f'[database]\nurl = "{db_url}"\n'
                    f'[storage]\nattachments_dir = "{blobs}"\n'
                    '[security]\nsecret = "restore-secret"\n', encoding="utf-8")
    return path


def test_a_dump_and_a_copy_of_the_attachments_restore_whole_and_the_check_names_what_is_lost(
        tmp_path: Path, pg_url: str, restored_url: str) -> None:
    """Claims with attachments survive pg_dump/pg_restore and a copied directory with every
    blob's hash intact; a deleted and a corrupted blob are each named and fail the check."""
    app = support.app(tmp_path, pg_url)
    inbox = tmp_path / "inbox"
    Runner(app, app.source()).source.open()
    for n in range(CLAIMS):
        raw = corpus.with_attachments(sender=f"Customer {n} <c{n}@example.org>",
                                      message_id=f"backup.{n}@example.org")
        (inbox / "new" / f"1700000{n:03d}.M{n}P1.host").write_bytes(raw)
    assert Runner(app, app.source()).run_once()[0].new_claims == CLAIMS
    with app.db.transaction() as session:
        raw_blob = session.exec(select(MessageRow.raw_sha256)).first()
        attachment_blob = session.exec(select(AttachmentRow.sha256)).first()
        stored = len(blob_check.referenced(session))
    app.db.dispose()

    dump = tmp_path / "mailflow.dump"
    subprocess.run(["pg_dump", "--format=custom", f"--file={dump}", libpq(pg_url)], check=True)
    shutil.copytree(tmp_path / "blobs", tmp_path / "restored-blobs")
    subprocess.run(["pg_restore", "--no-owner", f"--dbname={libpq(restored_url)}", str(dump)],
                   check=True)
    config = write_config(tmp_path, restored_url, tmp_path / "restored-blobs")

    whole = check_blobs(config)  # a process, as a restore script runs it
    assert whole.returncode == 0, whole.stderr
    assert stored == 2 * CLAIMS + 3  # claims and acknowledgements, the three attached files
    assert f"all {stored} stored files present" in whole.stdout

    restored = BlobStore(tmp_path / "restored-blobs")
    assert raw_blob is not None
    assert attachment_blob is not None
    restored.path_for(attachment_blob).unlink()
    restored.path_for(raw_blob).write_bytes(b"not the message any more")
    broken = in_process(config, "db", "check", "--blobs")
    assert broken.returncode == 1
    assert f"missing blob {attachment_blob} (referred to by attachments)" in broken.stdout
    assert f"corrupt blob {raw_blob} (referred to by messages" in broken.stdout
    assert f"2 of {stored} stored files missing or corrupt" in broken.stderr
