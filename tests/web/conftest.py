"""Fixtures of the web tests: one database per test module, on SQLite and on PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture(scope="module",
                params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def shared_db(request: pytest.FixtureRequest,
              tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One database per module, once on SQLite and once on PostgreSQL: each test opens claims
    of customers of its own and signs its own sessions in, so the schema is built twice per
    module, not for every test."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp('web') / 'mailflow.sqlite3'}"
        return
    yield request.getfixturevalue("pg_url")
