"""Fixtures shared by the integration tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from mailflow.store.database import Database


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    """An upgraded, empty database (SQLite and PostgreSQL)."""
    database = Database(db_url)
    database.upgrade()
    yield database
    database.dispose()
