"""Empty test databases brought to the newest schema by copying one migrated per session.

Running every alembic migration costs about 0.35 s on SQLite and 0.8 s on PostgreSQL, and
most tests start from an upgraded database. So the first upgrade of a session runs the real
`Database.upgrade()` into a template (a SQLite file; a PostgreSQL database), and every later
upgrade of an EMPTY database copies that template instead: `CREATE DATABASE ... TEMPLATE`
on PostgreSQL, a file copy on SQLite. The copy is the very schema the migrations produced.
A database that is not empty (an older revision, a test's own tables) is upgraded by
alembic as before, and tests/integration/test_migrations.py still runs the migrations
themselves on both databases. The copies on PostgreSQL are made ahead and dropped behind
by tests/pg_spares.py.
"""

from __future__ import annotations

import atexit
import os
import secrets
import shutil
import tempfile
from pathlib import Path

import psycopg
from sqlalchemy.engine import make_url

from mailflow.errors import SchemaMismatch
from mailflow.store.database import Database
from tests import pg_spares

# The maintenance connection (CREATE/DROP DATABASE) of tests/conftest.py's PostgreSQL.
PG_ADMIN_URL = os.environ.get("MAILFLOW_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")

_sqlite_template: Path | None = None
_pg_template: str | None = None
SPARES = pg_spares.Spares(PG_ADMIN_URL)


def upgrade(db_url: str) -> None:
    """Bring the database at `db_url` to the newest schema, as `mailflow db upgrade` would."""
    url = make_url(db_url)
    copied = False
    if url.get_backend_name() == "sqlite" and url.database:
        copied = _copy_sqlite_template(Path(url.database))
    elif url.get_backend_name() == "postgresql" and url.database:
        copied = _copy_pg_template(db_url, url.database)
    if not copied:
        _run_migrations(db_url)


def drop_templates() -> None:
    """Remove this session's templates (called when the session ends)."""
    global _sqlite_template, _pg_template
    SPARES.close()
    if _sqlite_template is not None:
        shutil.rmtree(_sqlite_template.parent, ignore_errors=True)
        _sqlite_template = None
    if _pg_template is not None:
        with psycopg.connect(PG_ADMIN_URL, autocommit=True, connect_timeout=5) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{_pg_template}" WITH (FORCE)')
        _pg_template = None


def _run_migrations(db_url: str) -> None:
    """Alembic's upgrade, skipped when the schema is already the newest (`check()` passes)."""
    database = Database(db_url)
    try:
        try:
            database.check()
        except SchemaMismatch:
            database.upgrade()
    finally:
        database.dispose()


def _copy_sqlite_template(path: Path) -> bool:
    global _sqlite_template
    if path.exists() and path.stat().st_size > 0:
        return False
    if _sqlite_template is None:
        template = Path(tempfile.mkdtemp(prefix="mailflow-template-")) / "template.sqlite3"
        _run_migrations(f"sqlite:///{template}")  # disposing checkpoints the WAL into it
        _sqlite_template = template
        atexit.register(drop_templates)  # also outside pytest (whose session end drops it)
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(_sqlite_template, path)
    return True


def _copy_pg_template(db_url: str, name: str) -> bool:
    with psycopg.connect(db_url.replace("+psycopg", ""), connect_timeout=5) as connection:
        found = connection.execute("SELECT count(*) FROM pg_class c JOIN pg_namespace n "
                                   "ON n.oid = c.relnamespace WHERE n.nspname = 'public'")
        row = found.fetchone()
    if row is None or row[0] != 0:
        return False
    template = template_database(db_url)
    emptied = f"mf_emptied_{secrets.token_hex(6)}"
    with psycopg.connect(PG_ADMIN_URL, autocommit=True, connect_timeout=5) as admin:
        try:  # fails while a test is connected to it
            admin.execute(f'ALTER DATABASE "{name}" RENAME TO "{emptied}"')
        except psycopg.errors.ObjectInUse:
            return False
        SPARES.drop_later(emptied)
        SPARES.take(admin, template, name)
    return True


def template_database(db_url: str) -> str:
    """The name of this session's migrated PostgreSQL template (made on first use, on the
    server of `db_url`)."""
    global _pg_template
    if _pg_template is None:
        name = f"mf_template_{secrets.token_hex(6)}"
        with psycopg.connect(PG_ADMIN_URL, autocommit=True, connect_timeout=5) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
            pg_spares.relax(admin, name)
        _run_migrations(make_url(db_url).set(database=name).render_as_string(
            hide_password=False))
        _pg_template = name
        atexit.register(drop_templates)
    return _pg_template
