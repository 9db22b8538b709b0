"""The migrations build exactly the schema the models describe, on both databases."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text
from sqlmodel import SQLModel

from mailflow.store import outbox
from mailflow.store.database import Database
from mailflow.store.migrations.filters import ours


# SQLite's reflection skips the expression index 0017 builds beside the models (the
# staff list's "due" order); the filter leaves it out of the comparison anyway.
@pytest.mark.filterwarnings("ignore:Skipped unsupported reflection of expression-based index")
def test_migrations_match_the_models(db_url: str) -> None:
    """After `upgrade`, autogenerate finds nothing left to change (no model change unmigrated)."""
    database = Database(db_url)
    database.upgrade()
    with database.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={
            "compare_type": True, "include_object": ours})
        differences = compare_metadata(context, SQLModel.metadata)
    database.dispose()
    assert differences == []


def test_upgrade_to_0005_keeps_long_outbox_keys_deduplicating(tmp_path: Path) -> None:
    """A long key SQLite stored whole before 0005 is rewritten to the form `enqueue` looks
    up, so the same message is never queued twice across the upgrade."""
    database = Database(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    database.upgrade("0004")
    key = f"ack:{'x' * 200}@example.org:{'0' * 64}"
    with database.engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO outbox (dedup_key, kind, sender, recipients, message_id, raw, status,"
            " attempts, next_attempt_at, last_error, created_at) VALUES (:key, 'acknowledgement',"
            " 'claims@example.test', '[]', 'm@example.test', x'00', 'sent', 1, :now, '', :now)"),
            {"key": key, "now": "2026-01-01 00:00:00.000000"})
    database.upgrade()
    with database.transaction() as session:
        queued = outbox.enqueue(session, dedup_key=key, claim_id=None, kind="acknowledgement",
                                sender="claims@example.test", recipients=[], message_id="m2",
                                raw=b"", now=datetime.now(UTC))
    database.dispose()
    assert not queued
