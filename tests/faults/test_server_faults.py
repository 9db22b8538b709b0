"""Server faults: SMTP down or refusing, IMAP cut mid-session, UIDVALIDITY reset, database gone.

Every fault is made with a real server: a TCP proxy (tests/faults/proxy.py) in front of
the aiosmtpd sink, dovecot or PostgreSQL is cut and restored, dovecot kicks the session,
the sink answers 4xx/5xx. The daemon (`Runner.serve`) runs in a thread; waits poll with
generous deadlines and never measure speed.
"""

from __future__ import annotations

import json
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from email import message_from_bytes
from pathlib import Path
from typing import Any

import psycopg
import pytest
from sqlalchemy.engine import make_url
from sqlmodel import col, select
from typer.testing import CliRunner

from mailflow.app import App
from mailflow.cli.main import app as cli
from mailflow.fetch.imap import ImapSource
from mailflow.runner import Runner
from mailflow.store.database import Database
from mailflow.store.tables import EventRow, MessageRow, OutboxRow
from tests import corpus
from tests.conftest import _fresh_database
from tests.faults.proxy import TcpProxy
from tests.integration import support
from tests.servers import Dovecot, SmtpSink

pytestmark = [pytest.mark.imap, pytest.mark.smtp]
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
DEADLINE = 60.0


class FakeClock:
    """A clock the test moves by hand, so outbox backoff is checked without waiting."""

    def __init__(self, now: datetime = START) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def claim(n: int, attachments: bool = False) -> bytes:
    fields: corpus.Fields = {"sender": f"Customer {n} <fault{n}@example.org>",
                             "message_id": f"fault.{n}@example.org", "subject": f"Broken {n}"}
    return corpus.with_attachments(**fields) if attachments else corpus.english(**fields)


def message_ids(raws: list[bytes]) -> set[str]:
    return {str(message_from_bytes(raw)["Message-ID"]).strip("<>") for raw in raws}


def stored_counts(db: Database) -> Counter[str]:
    with db.transaction() as session:
        return Counter(session.exec(select(MessageRow.message_id).where(
            MessageRow.direction == "in")).all())


def outbox_rows(db: Database) -> list[OutboxRow]:
    with db.transaction() as session:
        return list(session.exec(select(OutboxRow).order_by(col(OutboxRow.id))).all())


def wait_until(condition: Callable[[], bool], what: str, deadline: float = DEADLINE) -> None:
    """Poll `condition` until it holds; fail naming `what` after `deadline` seconds."""
    end = time.monotonic() + deadline
    while not condition():
        if time.monotonic() > end:
            pytest.fail(f"gave up waiting for {what}")
        time.sleep(0.05)


class Daemon:
    """`runner.serve` in a thread; waits fail at once when it died."""

    def __init__(self, runner: Runner) -> None:
        self.stop = threading.Event()
        self.errors: list[BaseException] = []
        self.thread = threading.Thread(target=self._serve, args=(runner,), name="mailflow-serve")

    def _serve(self, runner: Runner) -> None:
        try:
            runner.serve(self.stop, drain_every=1.0)
        except BaseException as error:  # handed to the test thread by check()
            self.errors.append(error)

    def check(self) -> None:
        if self.errors:
            raise AssertionError(f"serve() died: {self.errors[0]!r}") from self.errors[0]

    def wait_until(self, condition: Callable[[], bool], what: str) -> None:
        def checked() -> bool:
            self.check()
            return condition()
        wait_until(checked, what)


def outbox_cli(tmp_path: Path, db_url: str, *args: str) -> list[dict[str, Any]]:
    """`mailflow outbox list --format json [args]` run through the real CLI."""
    config = tmp_path / "cli.toml"
    config.write_text(f'[database]\nurl = "{db_url}"\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["--config", str(config), "outbox", "list",
                                      "--format", "json", *args])
    assert result.exit_code == 0, result.output
    rows: list[dict[str, Any]] = json.loads(result.stdout)
    return rows


@contextmanager
def serving(runner: Runner) -> Iterator[Daemon]:
    """The daemon running for the block; it must stop cleanly when asked."""
    daemon = Daemon(runner)
    daemon.thread.start()
    try:
        yield daemon
    finally:
        daemon.stop.set()
        daemon.thread.join(DEADLINE)
    assert not daemon.thread.is_alive(), "serve() did not return after stop was set"
    daemon.check()


def after_call(monkeypatch: pytest.MonkeyPatch, owner: object, method: str, count: int,
               action: Callable[[], None]) -> None:
    """Run `action` once, right after `owner.method` returned for the `count`-th time."""
    original = getattr(owner, method)
    seen = [0]

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        result = original(*args, **kwargs)
        seen[0] += 1
        if seen[0] == count:
            action()
        return result

    monkeypatch.setattr(owner, method, wrapper)


def after_commits(monkeypatch: pytest.MonkeyPatch, app: App, count: int,
                  action: Callable[[], None]) -> None:
    """Run `action` once, right after the pipeline has committed the batch holding its
    `count`-th message."""
    original = app.pipeline.process_batch
    committed = [0]

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        outcomes = original(*args, **kwargs)
        before, committed[0] = committed[0], committed[0] + len(outcomes)
        if before < count <= committed[0]:
            action()
        return outcomes

    monkeypatch.setattr(app.pipeline, "process_batch", wrapper)


def retry_delays(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage().rsplit("retrying in ", 1)[1] for r in caplog.records
            if r.name == "mailflow.runner" and "retrying in" in r.getMessage()]


def check_processed_all_stored_once(db: Database, dovecot: Dovecot, raws: list[bytes]) -> None:
    counts = stored_counts(db)
    assert set(counts) == message_ids(raws)
    assert all(n == 1 for n in counts.values()), counts
    assert dovecot.messages("claims", "INBOX") == []
    assert message_ids(dovecot.messages("claims", "Processed")) == message_ids(raws)


# -- SMTP ------------------------------------------------------------------------------


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'mailflow.sqlite3'}"


@pytest.fixture
def smtp_proxy(smtp_sink: SmtpSink) -> Iterator[TcpProxy]:
    proxy = TcpProxy(smtp_sink.port).start()
    yield proxy
    proxy.stop()


def test_acks_wait_while_smtp_is_down_and_all_go_out_when_it_is_back(
        tmp_path: Path, sqlite_url: str, clean_dovecot: Dovecot, smtp_sink: SmtpSink,
        smtp_proxy: TcpProxy) -> None:
    """With the SMTP server down acks stay pending with the error, using no attempt, then all go."""
    app = support.app(tmp_path, sqlite_url, clean_dovecot, smtp_sink,
                      outgoing={"port": smtp_proxy.port, "timeout": 5})
    clock = FakeClock()
    runner = Runner(app, app.source(), clock)
    smtp_proxy.cut()
    clean_dovecot.append("claims", [claim(n) for n in range(3)])

    intake, drained = runner.run_once()
    assert (intake.acknowledged, drained.sent) == (3, 0)
    clock.advance(minutes=10)
    runner.run_once()  # still down: tried again, still waiting
    listed = outbox_cli(tmp_path, sqlite_url)
    assert [row["status"] for row in listed] == ["pending"] * 3
    assert all("connection refused" in row["last_error"] for row in listed), listed
    assert all(row["attempts"] == 0 for row in listed)
    assert smtp_sink.received == []

    smtp_proxy.restore()
    clock.advance(minutes=1)
    _, drained = runner.run_once()
    assert drained.sent == 3
    assert sorted(m.rcpt_tos[0] for m in smtp_sink.received) == [
        f"fault{n}@example.org" for n in range(3)]
    assert outbox_cli(tmp_path, sqlite_url, "--status", "pending") == []


def test_temporary_refusal_is_retried_with_growing_backoff(
        tmp_path: Path, sqlite_url: str, clean_dovecot: Dovecot, smtp_sink: SmtpSink) -> None:
    """A 451 answer is retried after 30 s, then after 60 s, and the ack goes out once."""
    app = support.app(tmp_path, sqlite_url, clean_dovecot, smtp_sink)
    clock = FakeClock()
    runner = Runner(app, app.source(), clock)
    smtp_sink.fail_next(451, "4.3.0 try again later", times=2)
    clean_dovecot.append("claims", [claim(1)])

    runner.run_once()
    [row] = outbox_rows(app.db)
    assert (row.status, row.attempts, row.next_attempt_at) == (
        "pending", 1, clock.now + timedelta(seconds=30))
    assert "451" in row.last_error
    clock.advance(seconds=29)
    runner.run_once()
    assert outbox_rows(app.db)[0].attempts == 1  # not due yet: not offered again
    clock.advance(seconds=1)
    runner.run_once()
    [row] = outbox_rows(app.db)
    assert (row.attempts, row.next_attempt_at) == (2, clock.now + timedelta(seconds=60))
    clock.advance(seconds=60)
    runner.run_once()
    [row] = outbox_rows(app.db)
    assert (row.status, row.attempts) == ("sent", 3)
    assert [m.rcpt_tos for m in smtp_sink.received] == [["fault1@example.org"]]


def test_a_lost_answer_after_data_is_listed_unknown_on_the_claim_and_resent_only_on_request(
        tmp_path: Path, sqlite_url: str, clean_dovecot: Dovecot, smtp_sink: SmtpSink) -> None:
    """The server keeps the acknowledgement but its answer is lost: `outbox list --status
    unknown` shows it, the claim's events say so, later runs do not resend it, and
    `outbox resend` sends it once more when an operator decides to."""
    app = support.app(tmp_path, sqlite_url, clean_dovecot, smtp_sink)
    clock = FakeClock()
    runner = Runner(app, app.source(), clock)
    smtp_sink.lose_answer_to_next()
    clean_dovecot.append("claims", [claim(1)])

    _, drained = runner.run_once()
    assert (drained.sent, drained.uncertain) == (0, 1)
    for _ in range(3):
        clock.advance(days=1)
        runner.run_once()
    [row] = outbox_cli(tmp_path, sqlite_url, "--status", "unknown")
    assert "may have been delivered" in row["last_error"]
    assert len(smtp_sink.received) == 1
    with app.db.transaction() as session:
        kinds = session.exec(select(EventRow.kind).where(
            EventRow.claim_id == outbox_rows(app.db)[0].claim_id)).all()
    assert "mail.delivery_uncertain" in kinds

    result = CliRunner().invoke(cli, ["--config", str(tmp_path / "cli.toml"), "outbox",
                                      "resend", str(row["id"])])
    assert result.exit_code == 0, result.output
    clock.now = max(clock.now, datetime.now(UTC))  # the CLI requeued it at the real time
    runner.run_once()
    assert [r.status for r in outbox_rows(app.db)] == ["sent"]
    assert len(smtp_sink.received) == 2


def test_permanent_refusal_is_failed_listed_and_never_retried(
        tmp_path: Path, sqlite_url: str, clean_dovecot: Dovecot, smtp_sink: SmtpSink) -> None:
    """A 554 answer marks the ack failed, shown by `outbox list --status failed`, never resent."""
    app = support.app(tmp_path, sqlite_url, clean_dovecot, smtp_sink)
    clock = FakeClock()
    runner = Runner(app, app.source(), clock)
    smtp_sink.fail_next(554, "5.7.1 message refused")
    clean_dovecot.append("claims", [claim(1)])

    runner.run_once()
    for _ in range(3):
        clock.advance(days=1)
        runner.run_once()
    [failed] = outbox_cli(tmp_path, sqlite_url, "--status", "failed")
    assert failed["to"] == ["fault1@example.org"]
    assert failed["attempts"] == 1
    assert "554 5.7.1 message refused" in failed["last_error"]
    assert smtp_sink.received == []


# -- IMAP ------------------------------------------------------------------------------


def test_imap_cut_mid_batch_reconnects_with_backoff_and_stores_everything_once(
        tmp_path: Path, sqlite_url: str, clean_dovecot: Dovecot, smtp_sink: SmtpSink,
        monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    """The IMAP server vanishing mid-batch (a restart) costs retries, never a message."""
    proxy = TcpProxy(clean_dovecot.imap_port).start()
    app = support.app(tmp_path, sqlite_url, clean_dovecot, smtp_sink,
                      mailbox={"port": proxy.port, "poll_interval": 0.2, "timeout": 10})
    raws = [claim(n, attachments=n % 2 == 0) for n in range(30)]
    clean_dovecot.append("claims", raws)
    after_commits(monkeypatch, app, 10, proxy.cut)  # mid-batch: batch_size is 7
    try:
        with serving(Runner(app, app.source())) as daemon:
            daemon.wait_until(lambda: len(retry_delays(caplog)) >= 2, "two reconnect attempts")
            proxy.restore()
            daemon.wait_until(lambda: len(stored_counts(app.db)) == len(raws), "all stored")
            daemon.wait_until(lambda: not clean_dovecot.messages("claims", "INBOX"), "empty INBOX")
            # stopping ends a drain between two messages, so wait for the acks first
            daemon.wait_until(lambda: len(smtp_sink.received) >= len(raws), "all acknowledged")
    finally:
        proxy.stop()
    assert retry_delays(caplog)[:2] == ["1 s", "2 s"]
    check_processed_all_stored_once(app.db, clean_dovecot, raws)
    assert len(smtp_sink.received) == len(raws)  # one ack per claim, none twice


def test_a_kicked_imap_session_is_reopened_and_nothing_is_doubled(
        tmp_path: Path, sqlite_url: str, clean_dovecot: Dovecot, smtp_sink: SmtpSink,
        monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    """dovecot dropping the session mid-batch makes the daemon reconnect and finish the work."""
    app = support.app(tmp_path, sqlite_url, clean_dovecot, smtp_sink,
                      mailbox={"poll_interval": 0.2})
    raws = [claim(n) for n in range(12)]
    clean_dovecot.append("claims", raws)
    after_commits(monkeypatch, app, 4, lambda: clean_dovecot.kick("claims"))
    with serving(Runner(app, app.source())) as daemon:
        daemon.wait_until(lambda: len(stored_counts(app.db)) == len(raws), "every message stored")
        daemon.wait_until(lambda: not clean_dovecot.messages("claims", "INBOX"), "an empty INBOX")
    assert retry_delays(caplog), "the kick was not noticed"
    check_processed_all_stored_once(app.db, clean_dovecot, raws)


def test_a_new_uidvalidity_resynchronises_without_duplicates(
        tmp_path: Path, sqlite_url: str, clean_dovecot: Dovecot, smtp_sink: SmtpSink) -> None:
    """A recreated folder (new UIDVALIDITY) is read again; only the message not seen is stored."""
    with clean_dovecot.client("claims") as client:
        if client.folder_exists("Claims"):
            client.delete_folder("Claims")
        client.create_folder("Claims")
    app = support.app(tmp_path, sqlite_url, clean_dovecot, smtp_sink,
                      mailbox={"folder": "Claims", "processed_folder": ""})
    source = app.source()
    assert isinstance(source, ImapSource)
    runner = Runner(app, source)
    first = [claim(n) for n in range(3)]
    clean_dovecot.append("claims", first, folder="Claims")
    assert runner.run_once()[0].stored == 3
    assert runner.run_once()[0].outcomes == []  # kept in place, read past by the checkpoint
    old_uidvalidity = source.uidvalidity

    with clean_dovecot.client("claims") as client:
        client.delete_folder("Claims")
        client.create_folder("Claims")
    clean_dovecot.append("claims", [*first, claim(3)], folder="Claims")
    intake, _ = runner.run_once()
    assert source.uidvalidity != old_uidvalidity
    assert (intake.stored, intake.duplicates) == (1, 3)
    assert runner.run_once()[0].outcomes == []
    assert set(stored_counts(app.db).values()) == {1}
    assert len(stored_counts(app.db)) == 4
    assert len(smtp_sink.received) == 4
    assert len(clean_dovecot.messages("claims", "Claims")) == 4


# -- database --------------------------------------------------------------------------


@pytest.fixture
def fresh_pg_url(_pg_admin: psycopg.Connection[tuple[object, ...]]) -> Iterator[str]:
    """An empty PostgreSQL database of this test's own."""
    yield from _fresh_database(_pg_admin)


@pytest.mark.postgres
def test_database_outage_during_serve_waits_and_moves_nothing_unstored(
        tmp_path: Path, fresh_pg_url: str, clean_dovecot: Dovecot, smtp_sink: SmtpSink,
        monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    """PostgreSQL vanishing inside a message's transaction pauses the daemon; nothing is lost."""
    target = make_url(fresh_pg_url)
    proxy = TcpProxy(target.port or 5432).start()
    proxied = target.set(port=proxy.port).render_as_string(hide_password=False)
    app = support.app(tmp_path, proxied, clean_dovecot, smtp_sink, mailbox={"poll_interval": 0.2})
    direct = Database(fresh_pg_url)
    raws = [claim(n) for n in range(20)]
    clean_dovecot.append("claims", raws)
    moved_while_down: list[set[str]] = []

    def cut() -> None:
        proxy.cut()
        moved_while_down.append(message_ids(clean_dovecot.messages("claims", "Processed")))

    # Inside the 9th message's transaction, after its claim and message rows were written.
    after_call(monkeypatch, app.workflow, "react", 9, cut)
    try:
        with serving(Runner(app, app.source())) as daemon:
            daemon.wait_until(lambda: len(retry_delays(caplog)) >= 2, "two retries, DB down")
            assert message_ids(clean_dovecot.messages("claims", "Processed")) <= set(
                stored_counts(direct))
            proxy.restore()
            daemon.wait_until(lambda: len(stored_counts(direct)) == len(raws), "all stored")
            daemon.wait_until(lambda: not clean_dovecot.messages("claims", "INBOX"), "empty INBOX")
    finally:
        proxy.stop()
        app.db.dispose()
    assert any("database" in r.getMessage() for r in caplog.records
               if r.name == "mailflow.runner"), "the outage was not logged"
    assert moved_while_down[0] <= set(stored_counts(direct))
    check_processed_all_stored_once(direct, clean_dovecot, raws)
    direct.dispose()


@pytest.mark.postgres
def test_database_outage_right_after_a_pass_does_not_kill_the_daemon(
        tmp_path: Path, fresh_pg_url: str, clean_dovecot: Dovecot, smtp_sink: SmtpSink,
        monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    """PostgreSQL vanishing between a pass and the outbox poke is retried like any outage."""
    target = make_url(fresh_pg_url)
    proxy = TcpProxy(target.port or 5432).start()
    proxied = target.set(port=proxy.port).render_as_string(hide_password=False)
    # A drain woken by the batch's commit may lease the first ack just before the cut and
    # lose the database before it settles it: the ack then waits out the outbox lease,
    # shortened here from 60 s so that the test's deadline is not what it measures.
    app = support.app(tmp_path, proxied, clean_dovecot, smtp_sink, mailbox={"poll_interval": 0.2},
                      outgoing={"lease_seconds": 5})
    clean_dovecot.append("claims", [claim(1)])
    runner = Runner(app, app.source())
    after_call(monkeypatch, runner, "intake_pass", 1, proxy.cut)
    try:
        with serving(runner) as daemon:
            daemon.wait_until(lambda: len(retry_delays(caplog)) >= 1, "a retry, DB down")
            proxy.restore()
            clean_dovecot.append("claims", [claim(2)])
            daemon.wait_until(lambda: len(smtp_sink.received) == 2, "both acks sent")
    finally:
        proxy.stop()
        app.db.dispose()
