"""Fixtures shared by the integration tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from mailflow.store.database import Database
from tests import migrated


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    """An upgraded, empty database (SQLite and PostgreSQL)."""
    migrated.upgrade(db_url)
    database = Database(db_url)
    yield database
    database.dispose()
