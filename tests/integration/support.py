"""Building a mailflow App wired to the loopback test servers."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from mailflow.app import App
from mailflow.config import Settings, load_settings
from tests import migrated
from tests.servers import Dovecot, SmtpSink, address, password

CLAIMS = "claims@example.test"
SECRET = "test-secret-key"


def settings(tmp_path: Path, db_url: str, dovecot: Dovecot | None = None,
             sink: SmtpSink | None = None, **overrides: Any) -> Settings:
    """Settings for one test: IMAP and SMTP when servers are given, Maildirs otherwise.

    A mapping override is merged into the section of that name when the base has one;
    anything else (the `specialists` and `managers` lists, `categories`) replaces it.
    """
    mailbox: dict[str, Any] = {"kind": "maildir", "path": tmp_path / "inbox"}
    if dovecot is not None:
        mailbox = {"kind": "imap", "host": dovecot.host, "port": dovecot.imap_port,
                   "security": "none", "username": address("claims"),
                   "password": password("claims"), "idle": False, "batch_size": 7}
    outgoing: dict[str, Any] = {"kind": "maildir", "path": tmp_path / "outbox"}
    if sink is not None:
        outgoing = {"kind": "smtp", "host": sink.host, "port": sink.port, "security": "none"}
    data: dict[str, Any] = {
        "database": {"url": db_url}, "mailbox": mailbox, "outgoing": outgoing,
        "company": {"claims_address": CLAIMS, "name": "Test Company"},
        "storage": {"attachments_dir": tmp_path / "blobs"},
        "security": {"secret": SECRET},
    }
    for section, values in overrides.items():
        merge = isinstance(values, Mapping) and isinstance(data.get(section), Mapping)
        data[section] = {**data[section], **values} if merge else values
    return Settings.model_validate(data)


def app(tmp_path: Path, db_url: str, dovecot: Dovecot | None = None,
        sink: SmtpSink | None = None, **overrides: Any) -> App:
    """An App on `db_url`, upgraded first as `mailflow db upgrade` would."""
    upgrade(db_url)
    return App(settings(tmp_path, db_url, dovecot, sink, **overrides))


def upgrade(db_url: str) -> None:
    """Bring the database at `db_url` to the newest schema (what `mailflow db upgrade` does;
    an empty database gets a copy of the session's migrated template, see tests/migrated.py)."""
    migrated.upgrade(db_url)


def upgrade_config(config: Path) -> None:
    """Bring the database a config file names to the newest schema, in this process (what an
    operator's `mailflow db upgrade` does first; tests/e2e/test_db_cli.py runs that command
    itself as a process)."""
    upgrade(load_settings(config).database.url)
