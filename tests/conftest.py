"""Shared fixtures: real dovecot, aiosmtpd sinks and databases (SQLite and PostgreSQL).

A missing server is a failure with the reason, never a skip: `bash scripts/test.sh`
installs dovecot and starts PostgreSQL before running pytest.
"""

from __future__ import annotations

import os
import secrets
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from sqlalchemy.engine import make_url

from tests import migrated, pg_spares
from tests.servers import Certificates, Dovecot, SmtpSink, dovecot_binary, is_root

PG_ADMIN_URL = migrated.PG_ADMIN_URL
MEMORY_TEMP = Path("/dev/shm")


def _temporary_files_in_memory() -> None:
    """Put the tests' files (tmp_path, dovecot's mail, the processes they start) on the
    tmpfs /dev/shm unless TMPDIR says where: a SQLite commit (WAL, synchronous=FULL) or a
    dovecot delivery then costs no fsync, 2-5 ms each on this disk. Files written are
    read back alike; only a power cut could tell the two apart, and no test makes one."""
    if os.environ.get("TMPDIR") or not os.access(MEMORY_TEMP, os.W_OK):
        return
    if shutil.disk_usage(MEMORY_TEMP).free < 2 << 30:
        return
    os.environ["TMPDIR"] = str(MEMORY_TEMP)
    tempfile.tempdir = None  # gettempdir() looks again


_temporary_files_in_memory()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Drop the migrated templates tests/migrated.py made for this session."""
    migrated.drop_templates()


@pytest.fixture(scope="session")
def dovecot() -> Iterator[Dovecot]:
    """A private dovecot on free loopback ports for the whole session."""
    binary = dovecot_binary()
    if binary is None:
        pytest.fail("dovecot is not installed: run `bash scripts/test.sh`, or "
                    "`apt-get install -y dovecot-imapd dovecot-lmtpd`")
    if not is_root():
        pytest.fail("the dovecot fixture must run as root (it stores mail as uid `mail`)")
    server = Dovecot()
    try:
        server.start(binary)
    except RuntimeError as error:
        server.stop()
        pytest.fail(str(error))
    yield server
    server.stop()


@pytest.fixture
def clean_dovecot(dovecot: Dovecot) -> Dovecot:
    """The session dovecot with every test user's folders emptied first."""
    dovecot.reset_all()
    return dovecot


@pytest.fixture(scope="session")
def _plain_sink() -> Iterator[SmtpSink]:
    sink = SmtpSink()
    sink.start()
    yield sink
    sink.stop()


@pytest.fixture(scope="session")
def sink_certificates(tmp_path_factory: pytest.TempPathFactory) -> Certificates:
    """A test CA and a certificate for 127.0.0.1/localhost used by the TLS sinks."""
    return Certificates.create(tmp_path_factory.mktemp("sink-tls"))


@pytest.fixture(scope="session")
def _tls_sinks(sink_certificates: Certificates) -> Iterator[dict[str, SmtpSink]]:
    sinks = {"starttls": SmtpSink(sink_certificates),
             "tls": SmtpSink(sink_certificates, implicit_tls=True)}
    for sink in sinks.values():
        sink.start()
    yield sinks
    for sink in sinks.values():
        sink.stop()


@pytest.fixture
def smtp_sink(_plain_sink: SmtpSink) -> Iterator[SmtpSink]:
    """A plain-text SMTP sink (no TLS, no AUTH), emptied before the test."""
    _plain_sink.clear()
    yield _plain_sink
    _plain_sink.clear()


@pytest.fixture(params=["starttls", "tls"])
def smtp_tls_sink(request: pytest.FixtureRequest,
                  _tls_sinks: dict[str, SmtpSink]) -> Iterator[SmtpSink]:
    """An SMTP sink requiring TLS (STARTTLS, then implicit TLS) and AUTH."""
    sink = _tls_sinks[request.param]
    sink.clear()
    yield sink
    sink.clear()


@pytest.fixture(scope="session")
def _pg_admin() -> Iterator[psycopg.Connection[tuple[object, ...]]]:
    try:
        connection = psycopg.connect(PG_ADMIN_URL, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as error:
        pytest.fail(f"PostgreSQL at {PG_ADMIN_URL} is unreachable ({error}); "
                    "`bash scripts/test.sh` starts it, or set MAILFLOW_TEST_PG")
    yield connection
    connection.close()


def _fresh_database(admin: psycopg.Connection[tuple[object, ...]],
                    migrated_copy: bool = False) -> Iterator[str]:
    """A new database (empty, or with `migrated_copy` a copy of the migrated template), made
    ahead and dropped afterwards in the background (tests/pg_spares.py)."""
    name = f"mf_test_{secrets.token_hex(6)}"
    url = make_url(PG_ADMIN_URL).set(drivername="postgresql+psycopg", database=name)
    template = pg_spares.EMPTY
    if migrated_copy:
        template = migrated.template_database(url.render_as_string(hide_password=False))
    migrated.SPARES.take(admin, template, name)
    yield url.render_as_string(hide_password=False)
    migrated.SPARES.drop_later(name)


@pytest.fixture(scope="module")
def pg_url(_pg_admin: psycopg.Connection[tuple[object, ...]]) -> Iterator[str]:
    """A SQLAlchemy URL of an empty PostgreSQL database for this test module."""
    yield from _fresh_database(_pg_admin)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A SQLAlchemy URL of an empty database, once on SQLite and once on PostgreSQL (for a
    test using the `db` fixture, which upgrades it first, PostgreSQL's starts as a copy of
    the migrated template, see tests/migrated.py)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'mailflow.sqlite3'}"
        return
    yield from _fresh_database(request.getfixturevalue("_pg_admin"),
                               migrated_copy="db" in request.fixturenames)
