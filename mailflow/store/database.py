"""The database adapter: engine, sessions and schema migrations.

Only `mailflow db upgrade` changes the schema (under a lock); every other process checks
that the schema is the one it needs and stops with one line naming the command if not.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, event, text
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlmodel import Session, create_engine

from mailflow.errors import ConfigError, SchemaMismatch, StorageUnavailable

# Alembic is imported where migrations are run or a schema mismatch is explained: a
# process whose schema is right checks it without loading alembic (issue 13, start-up).
if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

MIGRATIONS = Path(__file__).parent / "migrations"
_REVISION = re.compile(r"^revision(?:: str)? = [\"'](\w+)[\"']", re.MULTILINE)
_DOWN_REVISION = re.compile(r"^down_revision\b[^=]*= (.*)$", re.MULTILINE)
# pg_advisory_xact_lock key taken by `mailflow db upgrade` ("mailflow" in ASCII).
SCHEMA_LOCK_KEY = 0x6D61696C666C6F77
SQLITE_BUSY_SECONDS = 30


@dataclass(frozen=True)
class Pool:
    """Connections each process keeps open to PostgreSQL (`[database] pool_size`,
    `max_overflow`) and how long a unit of work waits for one (`pool_timeout`, seconds)."""

    size: int = 5
    max_overflow: int = 5
    timeout: float = 30.0
    # The server ends a session idle inside a transaction this long (0: never), so that a
    # frozen instance (SIGSTOP, a VM paused) does not hold row locks its successor waits on.
    idle_in_transaction_timeout: float = 30.0


class Database:
    """Owns the engine; hands out one transaction per unit of work."""

    def __init__(self, url: str, pool: Pool | None = None) -> None:
        self.url = url
        self.engine = _make_engine(url, pool or Pool())
        # SQLite has one writer at a time and its busy handler retries on sleeps, so a
        # thread waiting for the lock (a drain behind a batch of intake) rarely gets it; the
        # threads of one process queue on a lock of their own instead.
        self._sqlite_writer = threading.RLock() if self.dialect == "sqlite" else None

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def upgrade(self, target: str = "head") -> tuple[str | None, str]:
        """Bring the schema to the newest migration (or `target`) under a database-wide
        lock, so two processes upgrading at once run each migration once; returns
        (before, after)."""
        from alembic import command

        config = _alembic_config()
        with self._translated_errors(), self.engine.begin() as connection:
            if self.dialect == "postgresql":
                # Held until this transaction ends; a second upgrader waits here, then
                # finds the schema at head and does nothing.
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"),
                                   {"key": SCHEMA_LOCK_KEY})
            before, script = _current(connection), _scripts()
            if before is not None and not _is_known(script, before):
                raise SchemaMismatch(before, script.get_current_head() or "", ahead=True)
            config.attributes["connection"] = connection
            command.upgrade(config, target)
            return before, _current(connection) or ""

    def revision(self) -> str | None:
        """The schema's migration revision; None for an empty database."""
        with self._translated_errors(), self.engine.begin() as connection:
            return _current(connection)

    @staticmethod
    def head() -> str:
        """The revision this mailflow needs."""
        return _scripts().get_current_head() or ""

    def check(self) -> None:
        """Raise `SchemaMismatch` unless the schema is exactly the one this mailflow needs."""
        stored = self._stored_revision()
        if stored is not None and stored == _head_of_files():
            return  # the usual case, told without alembic; anything else alembic judges
        current, script, head = self.revision(), _scripts(), self.head()
        if current != head:
            raise SchemaMismatch(current, head, ahead=current is not None
                                 and not _is_known(script, current))

    def _stored_revision(self) -> str | None:
        """The one revision in alembic_version, read with plain SQL (None: not just one,
        no such table, or the database cannot be read)."""
        try:
            with self.engine.connect() as connection:
                rows = connection.execute(text("SELECT version_num FROM alembic_version"))
                found = [str(row[0]) for row in rows]
        except DBAPIError:
            return None
        return found[0] if len(found) == 1 else None

    @contextmanager
    def _translated_errors(self) -> Iterator[None]:
        try:
            yield
        except OperationalError as error:
            message = f"cannot open database {self.safe_url}: {error.orig}"
            raise StorageUnavailable(message) from None

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose work commits at the end of the block, or rolls back on error."""
        with (self._writer_turn(), self._translated_transaction_errors(),
              Session(self.engine, expire_on_commit=False) as session, session.begin()):
            yield session

    @contextmanager
    def _writer_turn(self) -> Iterator[None]:
        """This thread's turn to write (SQLite only), waiting as long as SQLite would."""
        lock = self._sqlite_writer
        if lock is None:
            yield
            return
        if not lock.acquire(timeout=SQLITE_BUSY_SECONDS):
            raise StorageUnavailable(f"database {self.safe_url}: another thread of this "
                                     f"process held it for {SQLITE_BUSY_SECONDS} s")
        try:
            yield
        finally:
            lock.release()

    @contextmanager
    def _translated_transaction_errors(self) -> Iterator[None]:
        try:
            yield
        except OperationalError as error:
            raise StorageUnavailable(f"database {self.safe_url}: {error.orig}") from error
        except PoolTimeout as error:  # every pooled connection busy for pool_timeout
            raise StorageUnavailable(f"database {self.safe_url}: {error} "
                                     "(raise [database] pool_size?)") from error

    @property
    def safe_url(self) -> str:
        """The URL with any password hidden, for messages and logs."""
        return self.engine.url.render_as_string(hide_password=True)

    def dispose(self) -> None:
        self.engine.dispose()


@cache
def _head_of_files() -> str | None:
    """The newest migration as the version files chain them (None unless exactly one)."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        revision, down = _REVISION.search(source), _DOWN_REVISION.search(source)
        if revision is None or down is None:
            continue
        revisions.add(revision.group(1))
        parents.update(re.findall(r"[\"'](\w+)[\"']", down.group(1)))
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


def _alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def _scripts() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_alembic_config())


def _current(connection: Connection) -> str | None:
    from alembic.migration import MigrationContext

    return MigrationContext.configure(connection).get_current_revision()


def _is_known(script: ScriptDirectory, revision: str) -> bool:
    from alembic.util import CommandError

    try:
        return script.get_revision(revision) is not None
    except CommandError:
        return False


def _make_engine(url: str, pool: Pool) -> Engine:
    if url.startswith("sqlite"):
        return _sqlite_engine(url)
    if url.startswith("postgresql"):
        return create_engine(url, pool_pre_ping=True, pool_size=pool.size,
                             max_overflow=pool.max_overflow, pool_timeout=pool.timeout,
                             connect_args=_session_options(pool))
    raise ConfigError("unsupported database URL (use sqlite:/// or postgresql+psycopg://)",
                      key="database.url")


def _session_options(pool: Pool) -> dict[str, str]:
    """Server settings for each PostgreSQL session (none with a timeout of 0: a pooler such
    as PgBouncer may refuse the `options` startup parameter)."""
    idle_ms = round(pool.idle_in_transaction_timeout * 1000)
    if idle_ms <= 0:
        return {}
    return {"options": f"-c idle_in_transaction_session_timeout={idle_ms}"}


def _sqlite_engine(url: str) -> Engine:
    path = url.removeprefix("sqlite:///")
    if path and path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_SECONDS,
                                              "isolation_level": None})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_SECONDS * 1000}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # Take the write lock up front: two writers upgrading read locks would deadlock.
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine
