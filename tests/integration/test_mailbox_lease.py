"""The mailbox lease on a real database: one reader at a time, takeover only after expiry,
and a holder that was taken over moves no message."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlmodel import func, select

from mailflow.app import App
from mailflow.errors import LeaseLost
from mailflow.mailbox_lease import MailboxLease
from mailflow.runner import Runner
from mailflow.store.database import Database, Pool
from mailflow.store.tables import MessageRow
from tests import corpus
from tests.integration import support

LEASE = timedelta(seconds=20)
START = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


def lease(app: App, mailbox: str, clock: Clock) -> MailboxLease:
    return MailboxLease(app.db, mailbox, clock, lease=LEASE, renew_every=timedelta(seconds=5))


def deliver(inbox: Path, count: int) -> None:
    for n in range(count):
        raw = corpus.english(sender=f"Customer {n} <c{n}@example.org>",
                             message_id=f"lease.{n}@example.org", subject=f"Broken {n}")
        (inbox / "new" / f"17000000{n:02d}.M{n}P1.host").write_bytes(raw)


def stored(app: App) -> int:
    with app.db.transaction() as session:
        return int(session.exec(select(func.count()).select_from(MessageRow)
                                .where(MessageRow.direction == "in")).one())


def test_a_mailbox_is_taken_over_only_after_the_holders_lease_ran_out(
        tmp_path: Path, db_url: str) -> None:
    """While the holder's lease runs nobody else takes the mailbox; once it ran out another
    instance does, and the old holder's next check fails instead of renewing."""
    app, clock = support.app(tmp_path, db_url), Clock()
    first, second = lease(app, "box", clock), lease(app, "box", clock)
    assert first.ensure()
    clock.now += LEASE - timedelta(seconds=1)
    assert not second.ensure()
    first.confirm()  # renewed: runs 20 s from here
    clock.now += LEASE - timedelta(seconds=1)
    assert not second.ensure()
    clock.now += timedelta(seconds=2)
    assert second.ensure()
    assert second.current_holder() == second.holder
    with pytest.raises(LeaseLost):
        first.confirm()
    assert not first.reading
    second.stop()
    assert first.ensure(), "a released mailbox is free at once"
    app.db.dispose()


def test_a_reader_taken_over_mid_pass_stores_but_moves_nothing_and_the_new_reader_moves_once(
        tmp_path: Path, db_url: str) -> None:
    """A reader whose lease was taken while it read (frozen past the lease) keeps what it
    committed but moves no message; the new reader finds them as duplicates and moves them."""
    app, clock = support.app(tmp_path, db_url), Clock()
    frozen = Runner(app, app.source())
    frozen.source.open()
    inbox = tmp_path / "inbox"
    deliver(inbox, 3)
    frozen.lease = lease(app, frozen.source.name, clock)
    assert frozen.lease.ensure()
    clock.now += LEASE + timedelta(seconds=1)  # frozen past its lease ...
    rival = Runner(app, app.source())
    rival.lease = lease(app, rival.source.name, clock)
    assert rival.lease.ensure()  # ... and taken over; it wakes in the middle of a pass
    with pytest.raises(LeaseLost):
        frozen.intake_pass()
    assert stored(app) == 3, "what it processed before the check is committed"
    assert len(list((inbox / "new").iterdir())) == 3
    assert not list((inbox / ".Processed" / "new").iterdir())
    report = rival.intake_pass()
    assert (report.stored, report.duplicates) == (0, 3)
    assert not list((inbox / "new").iterdir())
    assert len(list((inbox / ".Processed" / "new").iterdir())) == 3
    assert stored(app) == 3
    app.db.dispose()




@pytest.mark.postgres
def test_postgres_sessions_end_when_left_idle_in_a_transaction(pg_url: str) -> None:
    """Each PostgreSQL session carries the configured idle-in-transaction timeout, so a frozen
    instance's open transaction (and its row locks) is ended by the server; 0 sends none."""
    timed = Database(pg_url, Pool(idle_in_transaction_timeout=7))
    untimed = Database(pg_url, Pool(idle_in_transaction_timeout=0))
    show = text("SHOW idle_in_transaction_session_timeout")
    with timed.transaction() as session:
        assert session.connection().execute(show).scalar() == "7s"
    with untimed.transaction() as session:
        assert session.connection().execute(show).scalar() != "7s"  # the server default
    timed.dispose()
    untimed.dispose()
