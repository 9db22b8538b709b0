"""The migrations build exactly the schema the models describe, on both databases."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlmodel import SQLModel

from mailflow.store.database import Database
from mailflow.store.migrations.filters import ours


def test_migrations_match_the_models(db_url: str) -> None:
    """After `migrate`, autogenerate finds nothing left to change (no model change unmigrated)."""
    database = Database(db_url)
    database.migrate()
    with database.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={
            "compare_type": True, "include_object": ours})
        differences = compare_metadata(context, SQLModel.metadata)
    database.dispose()
    assert differences == []
