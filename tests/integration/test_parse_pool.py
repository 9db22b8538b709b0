"""Parsing in a pool of worker processes (issue 13.5), on SQLite and PostgreSQL with a
real Maildir and real worker processes."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlmodel import select

from mailflow.app import App
from mailflow.failpoints import VARIABLE
from mailflow.fetch.base import IncomingItem
from mailflow.parse.parser import parse_message
from mailflow.runner import Runner
from mailflow.store.tables import ClaimRow, MessageRow, OutboxRow, QuarantineRow
from tests import conftest, corpus
from tests.integration import support
from tests.servers import Dovecot

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
BATCH = {"batch_size": 3, "batch_wait_ms": 60_000}


@pytest.fixture
def other_url(request: pytest.FixtureRequest, db_url: str, tmp_path: Path) -> Iterator[str]:
    """A second empty database of the same kind as `db_url`."""
    if db_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'other.sqlite3'}"
        return
    yield from conftest._fresh_database(request.getfixturevalue("_pg_admin"))


def mailbox_letters() -> list[bytes]:
    """New claims (plain, with attachments, English), follow-ups in later batches that
    thread onto them, an auto-reply and one that does not parse."""
    first = corpus.russian(sender="Anna <anna@example.org>", message_id="pool.1@example.org",
                           subject="Претензия по заказу 82-2301")
    return [
        first,
        corpus.with_attachments(sender="Boris <boris@example.org>",
                                message_id="pool.2@example.org", subject="Брак"),
        corpus.english(sender="Carol <carol@example.org>", message_id="pool.3@example.org",
                       subject="Damaged parcel"),
        corpus.reply("pool.1@example.org", sender="Anna <anna@example.org>",
                     message_id="pool.4@example.org", subject="Re: Претензия по заказу 82-2301"),
        corpus.malformed("empty"),
        corpus.auto_reply(sender="Boris <boris@example.org>", message_id="pool.6@example.org"),
        corpus.reply("pool.3@example.org", sender="Carol <carol@example.org>",
                     message_id="pool.7@example.org", subject="Re: Damaged parcel"),
        corpus.russian(sender="Dmitry <dmitry@example.org>", message_id="pool.8@example.org",
                       subject="Не пришёл заказ"),
        corpus.reply("pool.2@example.org", sender="Boris <boris@example.org>",
                     message_id="pool.9@example.org", subject="Re: Брак"),
    ]


def intake(tmp_path: Path, db_url: str, workers: int, letters: list[bytes]) -> App:
    """One pass over a Maildir holding `letters`, with `workers` parse workers."""
    app = support.app(tmp_path, db_url, mailbox={**BATCH, "parse_workers": workers,
                                                 "path": tmp_path / "inbox"})
    inbox = Path(app.settings.mailbox.path)
    runner = Runner(app, app.source(), clock=lambda: NOW)
    runner.source.open()
    for n, raw in enumerate(letters):
        (inbox / "new" / f"{n:04d}.test").write_bytes(raw)
    try:
        runner.intake_pass()
    finally:
        app.stop_parse_workers()
    return app


def stored(app: App) -> dict[str, list[tuple[object, ...]]]:
    """What the pass left in the database, in a form that two databases can compare."""
    with app.db.transaction() as session:
        numbers = {claim.id: claim.number for claim in session.exec(select(ClaimRow))}
        result = {
            "claims": sorted((c.number, c.customer_email, c.subject, c.status, c.language,
                              c.origin, c.category) for c in session.exec(select(ClaimRow))),
            "messages": sorted((m.message_id, numbers[m.claim_id], m.kind, m.thread_reason,
                                m.text_body) for m in session.exec(
                                    select(MessageRow).where(MessageRow.direction == "in"))),
            "outbox": sorted((numbers.get(o.claim_id), o.kind, o.recipients)
                             for o in session.exec(select(OutboxRow))),
            "quarantine": sorted((q.reason,) for q in session.exec(select(QuarantineRow))),
        }
    app.db.dispose()
    return result


def test_two_workers_store_what_one_process_stores(tmp_path: Path, db_url: str,
                                                   other_url: str) -> None:
    """The same Maildir read with two parse workers and with none leaves the same claims,
    messages, queued mail and quarantine: the order received is kept across batches."""
    letters = mailbox_letters()
    alone = stored(intake(tmp_path / "one", other_url, 1, letters))
    pooled = stored(intake(tmp_path / "two", db_url, 2, letters))
    assert len(alone["claims"]) == 5
    assert len(alone["quarantine"]) == 1
    assert pooled == alone


def test_a_message_that_kills_its_worker_is_quarantined_alone(
        tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A message whose parse kills the worker process is quarantined alone with the
    reason, the pool is started again, and the messages around it are stored."""
    letters = [corpus.russian(sender=f"C{n} <c{n}@example.org>",
                              message_id=f"kill.{n}@example.org", subject=f"Претензия {n}")
               for n in range(5)]
    doomed = parse_message(letters[2]).message_id
    monkeypatch.setenv(VARIABLE, f"parse-worker:{doomed}")
    app = support.app(tmp_path, db_url, mailbox={"batch_size": 5, "batch_wait_ms": 60_000,
                                                 "parse_workers": 2})
    items = [IncomingItem(key=str(n), raw=raw) for n, raw in enumerate(letters)]
    try:
        outcomes = app.pipeline.process_batch(items, "test", NOW)
        pool = app.pipeline._parse_pool
        assert pool is not None
        assert pool.restarts >= 1
        after = app.pipeline.process_batch(
            [IncomingItem(key="5", raw=corpus.english(message_id="kill.5@example.org"))],
            "test", NOW)
    finally:
        app.stop_parse_workers()
        app.db.dispose()
    assert [o.status for o in outcomes] == ["stored", "stored", "quarantined", "stored",
                                            "stored"]
    assert "parser process died" in outcomes[2].reason
    assert [o.status for o in after] == ["stored"]


def test_a_killed_worker_sends_its_message_to_the_maildir_quarantine(
        tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """In a pass over a Maildir, the message that kills its worker ends in the Quarantine
    folder and the database quarantine; every other message is stored and moved."""
    letters = mailbox_letters()
    doomed = parse_message(letters[3]).message_id
    monkeypatch.setenv(VARIABLE, f"parse-worker:{doomed}")
    app = intake(tmp_path, db_url, 2, letters)
    inbox = Path(app.settings.mailbox.path)
    result = stored(app)
    assert sorted(p.name for p in (inbox / ".Quarantine" / "new").iterdir()) == [
        "0003.test", "0004.test"]
    assert len(list((inbox / ".Processed" / "new").iterdir())) == len(letters) - 2
    assert any("parser process died" in reason for (reason,) in result["quarantine"])
    assert doomed not in {m[0] for m in result["messages"]}


def test_a_message_that_hangs_its_worker_is_quarantined_alone(
        tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A message whose parse freezes the worker past parse_timeout is quarantined alone
    with the reason; the frozen worker is replaced and the other messages are stored; the
    watchdog is pinged every second while the frozen worker is waited for."""
    letters = [corpus.russian(sender=f"C{n} <c{n}@example.org>",
                              message_id=f"hang.{n}@example.org", subject=f"Претензия {n}")
               for n in range(4)]
    monkeypatch.setenv(VARIABLE, f"parse-worker:{parse_message(letters[1]).message_id}")
    monkeypatch.setenv(f"{VARIABLE}_SIGNAL", "STOP")
    app = support.app(tmp_path, db_url, mailbox={"batch_size": 4, "batch_wait_ms": 60_000,
                                                 "parse_workers": 2, "parse_timeout": 3})
    items = [IncomingItem(key=str(n), raw=raw) for n, raw in enumerate(letters)]
    try:
        app.pipeline.start_parse_pool()  # not timed: the workers' imports are done first
        pings: list[float] = []
        outcomes = app.pipeline.process_batch(items, "test", NOW,
                                              stored=lambda: pings.append(time.monotonic()))
    finally:
        app.stop_parse_workers()
        app.db.dispose()
    assert [o.status for o in outcomes] == ["stored", "quarantined", "stored", "stored"]
    assert len(pings) >= 2 * 3 - 2 + 3  # through both 3 s waits, then once per stored one
    assert "did not finish within 3 s" in outcomes[1].reason


def test_two_workers_read_an_imap_inbox_across_batches(
        tmp_path: Path, db_url: str, other_url: str, clean_dovecot: Dovecot) -> None:
    """From dovecot, with the next batch fetched and parsed ahead, two workers store what
    one process stores, and every message leaves INBOX (stored or quarantined)."""
    letters = [raw or corpus.malformed("garbage") for raw in mailbox_letters()]  # no empty
    # message over IMAP: APPEND refuses it
    results = []
    for workers, url in ((1, other_url), (2, db_url)):
        clean_dovecot.reset("claims")
        clean_dovecot.append("claims", letters)
        app = support.app(tmp_path / str(workers), url, clean_dovecot,
                          mailbox={"batch_size": 2, "parse_workers": workers})
        runner = Runner(app, app.source(), clock=lambda: NOW)
        runner.source.open()
        try:
            runner.intake_pass()
        finally:
            runner.source.close()
            app.stop_parse_workers()
        results.append(stored(app))
        assert clean_dovecot.messages("claims", "INBOX") == []
        assert len(clean_dovecot.messages("claims", "Processed")) == len(letters) - 1
    assert results[1] == results[0]


def test_two_workers_parse_each_message_once(tmp_path: Path, db_url: str) -> None:
    """Across batches (the next one parsed while the current is stored), each message is
    handed to a worker once: one already taken is not parsed a second time."""
    app = support.app(tmp_path, db_url, mailbox={**BATCH, "parse_workers": 2,
                                                 "path": tmp_path / "inbox"})
    inbox = Path(app.settings.mailbox.path)
    runner = Runner(app, app.source(), clock=lambda: NOW)
    runner.source.open()
    letters = mailbox_letters()
    for n, raw in enumerate(letters):
        (inbox / "new" / f"{n:04d}.test").write_bytes(raw)
    app.pipeline.start_parse_pool()
    pool = app.pipeline._parse_pool
    assert pool is not None
    try:
        runner.intake_pass()
    finally:
        app.stop_parse_workers()
        app.db.dispose()
    assert pool.parses == len(letters)
