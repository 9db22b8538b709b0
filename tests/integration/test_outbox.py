"""The outbox drained through SMTP to a real aiosmtpd sink: sending, backoff, failure, leases."""

from __future__ import annotations

import asyncio
import json
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session, select

from mailflow.config import OutgoingSettings
from mailflow.send.drain import DrainReport, drain_outbox
from mailflow.send.smtp import SmtpTransport
from mailflow.store import outbox
from mailflow.store.database import Database
from mailflow.store.tables import EventRow, OutboxRow
from tests.servers import HOST, SmtpSink, free_ports

pytestmark = pytest.mark.smtp

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
SENDER = "claims@example.test"
CUSTOMER = "ivan@mail.example"


def raw_mail(key: str) -> bytes:
    return (f"From: {SENDER}\r\nTo: {CUSTOMER}\r\nMessage-ID: <{key}@example.test>\r\n"
            f"Subject: {key}\r\n\r\nWe got your claim.\r\n").encode()


def enqueue(db: Database, *keys: str) -> None:
    with db.transaction() as session:
        for key in keys:
            assert outbox.enqueue(session, dedup_key=key, claim_id=None, kind="acknowledgement",
                                  sender=SENDER, recipients=[CUSTOMER],
                                  message_id=f"{key}@example.test", raw=raw_mail(key), now=NOW)


def rows(db: Database) -> list[OutboxRow]:
    with db.transaction() as session:
        return outbox.listing(session)


def drain(db: Database, port: int, now: datetime = NOW, max_attempts: int = 10) -> DrainReport:
    settings = OutgoingSettings(kind="smtp", host=HOST, port=port, security="none", timeout=5)
    return asyncio.run(drain_outbox(db, lambda: SmtpTransport(settings, ""), lambda: now,
                                    max_attempts))


def subjects(sink: SmtpSink) -> list[str]:
    return [item.content.split(b"Subject: ")[1].split(b"\r\n")[0].decode()
            for item in sink.received]


def test_enqueue_is_once_per_dedup_key(db: Database) -> None:
    """Queuing the same dedup key again is refused and adds no row."""
    enqueue(db, "ack-1")
    with db.transaction() as session:
        again = outbox.enqueue(session, dedup_key="ack-1", claim_id=None, kind="acknowledgement",
                               sender=SENDER, recipients=[CUSTOMER], message_id="x@example.test",
                               raw=b"x", now=NOW)
    assert again is False
    assert len(rows(db)) == 1


def test_pending_message_is_sent_once(db: Database, smtp_sink: SmtpSink) -> None:
    """A due message reaches the server and is marked sent; a second drain sends nothing."""
    enqueue(db, "ack-1")
    assert drain(db, smtp_sink.port) == DrainReport(sent=1)
    assert drain(db, smtp_sink.port, NOW + timedelta(hours=1)) == DrainReport()
    [row] = rows(db)
    assert (row.status, row.attempts, row.sent_at, row.last_error) == ("sent", 1, NOW, "")
    assert [item.rcpt_tos for item in smtp_sink.received] == [[CUSTOMER]]
    assert smtp_sink.received[0].content.rstrip(b"\r\n").endswith(b"We got your claim.")


def test_temporary_refusal_backs_off_then_sends(db: Database, smtp_sink: SmtpSink) -> None:
    """A 4xx answer keeps the message pending with a later next attempt; a later drain sends it."""
    enqueue(db, "ack-1")
    smtp_sink.fail_next(451, "greylisted, try again later")
    assert drain(db, smtp_sink.port).retried == 1
    [row] = rows(db)
    assert (row.status, row.attempts) == ("pending", 1)
    assert row.next_attempt_at > NOW
    assert "451" in row.last_error
    assert drain(db, smtp_sink.port, NOW + timedelta(seconds=1)) == DrainReport()
    assert drain(db, smtp_sink.port, row.next_attempt_at) == DrainReport(sent=1)
    assert [(r.status, r.attempts) for r in rows(db)] == [("sent", 2)]
    assert len(smtp_sink.received) == 1


def test_backoff_grows_with_each_attempt(db: Database, smtp_sink: SmtpSink) -> None:
    """Each temporary failure waits longer than the one before."""
    enqueue(db, "ack-1")
    smtp_sink.fail_next(451, "try later", times=3)
    now, delays = NOW, []
    for _ in range(3):
        drain(db, smtp_sink.port, now)
        [row] = rows(db)
        delays.append(row.next_attempt_at - now)
        now = row.next_attempt_at
    assert delays[0] < delays[1] < delays[2]


def test_permanent_refusal_fails_without_retry(db: Database, smtp_sink: SmtpSink) -> None:
    """A 5xx answer marks the message failed with the server's text and it is never retried."""
    enqueue(db, "ack-1")
    smtp_sink.fail_next(554, "mailbox does not exist")
    assert drain(db, smtp_sink.port) == DrainReport(failed=1)
    [row] = rows(db)
    assert (row.status, row.attempts) == ("failed", 1)
    assert "554" in row.last_error
    assert "mailbox does not exist" in row.last_error
    assert drain(db, smtp_sink.port, NOW + timedelta(days=2)) == DrainReport()
    assert smtp_sink.received == []


def test_server_down_reschedules_everything(db: Database) -> None:
    """With nothing listening, every leased message waits for later without using an
    attempt (an outage of any length fails nothing), and the error is reported."""
    enqueue(db, "ack-1", "ack-2", "ack-3")
    report = drain(db, free_ports(1)[0])
    assert report.retried == 3
    assert (report.sent, report.failed) == (0, 0)
    assert "connection refused" in report.error
    assert [(r.status, r.attempts) for r in rows(db)] == [("pending", 0)] * 3
    assert all(r.next_attempt_at > NOW for r in rows(db))
    assert all("connection refused" in r.last_error for r in rows(db))


def test_messages_survive_an_outage(db: Database, smtp_sink: SmtpSink) -> None:
    """Messages queued while the server was down are all sent once it is back."""
    enqueue(db, "ack-1", "ack-2")
    drain(db, free_ports(1)[0])
    later = max(r.next_attempt_at for r in rows(db))
    assert drain(db, smtp_sink.port, later) == DrainReport(sent=2)
    assert sorted(subjects(smtp_sink)) == ["ack-1", "ack-2"]


def test_exhausted_attempts_mark_failed(db: Database, smtp_sink: SmtpSink) -> None:
    """After `max_attempts` temporary failures the message is failed for good."""
    enqueue(db, "ack-1")
    smtp_sink.fail_next(451, "try later", times=2)
    drain(db, smtp_sink.port, max_attempts=2)
    later = rows(db)[0].next_attempt_at
    assert drain(db, smtp_sink.port, later, max_attempts=2).failed == 1
    [row] = rows(db)
    assert (row.status, row.attempts) == ("failed", 2)
    assert "try later" in row.last_error


def test_one_temporary_refusal_does_not_fail_the_messages_behind_it(
        db: Database, smtp_sink: SmtpSink) -> None:
    """Messages never handed to the server use no attempt and go out on the next pass."""
    enqueue(db, "stuck", "ack-2", "ack-3")
    smtp_sink.fail_next(451, "try later")
    drain(db, smtp_sink.port, max_attempts=2)
    assert [(r.status, r.attempts) for r in rows(db)] == [("pending", 1), ("pending", 0),
                                                          ("pending", 0)]
    drain(db, smtp_sink.port, NOW + timedelta(seconds=1), max_attempts=2)
    assert [r.status for r in rows(db)] == ["pending", "sent", "sent"]
    assert sorted(subjects(smtp_sink)) == ["ack-2", "ack-3"]


def lease_keys(db: Database, now: datetime) -> list[str]:
    with db.transaction() as session:
        return [key_of(leased) for leased in outbox.lease_due(session, now)]


def key_of(leased: outbox.Leased) -> str:
    return leased.message_id.split("@")[0]


def test_leased_rows_are_not_leased_again(db: Database) -> None:
    """A committed lease keeps rows from a second lease_due until the lease runs out."""
    enqueue(db, "ack-1", "ack-2")
    assert lease_keys(db, NOW) == ["ack-1", "ack-2"]
    assert lease_keys(db, NOW + timedelta(seconds=1)) == []
    assert lease_keys(db, NOW + outbox.LEASE) == ["ack-1", "ack-2"]


def test_lease_is_exclusive_while_the_first_sender_holds_it(db: Database) -> None:
    """A second sender leasing while the first lease is uncommitted gets none of its rows."""
    enqueue(db, "ack-1", "ack-2")
    with ThreadPoolExecutor(max_workers=1) as pool, db.transaction() as session:
        assert len(outbox.lease_due(session, NOW)) == 2
        second = pool.submit(lease_keys, db, NOW)
        if db.dialect == "postgresql":  # SKIP LOCKED answers at once; SQLite waits for us
            assert second.result(timeout=20) == []
    assert second.result(timeout=20) == []


def test_due_lists_pending_messages_whose_time_has_come(db: Database) -> None:
    """due() returns pending messages at or before `now`, oldest first, without leasing."""
    enqueue(db, "ack-1", "ack-2")
    with db.transaction() as session:
        assert [r.dedup_key for r in outbox.due(session, NOW)] == ["ack-1", "ack-2"]
        assert outbox.due(session, NOW - timedelta(seconds=1)) == []
    assert lease_keys(db, NOW) == ["ack-1", "ack-2"]


def test_count_recent_counts_per_kind_and_recipient(db: Database) -> None:
    """count_recent counts queued messages of one kind to one recipient since a moment."""
    enqueue(db, "ack-1", "ack-2")
    with db.transaction() as session:
        assert outbox.count_recent(session, "acknowledgement", CUSTOMER, NOW) == 2
        assert outbox.count_recent(session, "acknowledgement", "olga@mail.example", NOW) == 0
        assert outbox.count_recent(session, "acknowledgement", CUSTOMER,
                                   NOW + timedelta(seconds=1)) == 0
        assert session.exec(select(OutboxRow.kind)).all() == ["acknowledgement"] * 2


def test_a_lease_is_respected_until_it_runs_out_whoever_holds_it(db: Database) -> None:
    """Rows leased by a holder named after a process that no longer exists still wait for
    the lease to run out: expiry is the only rule (pids are reused, hosts share names)."""
    child = subprocess.Popen(["true"])
    child.wait()  # reaped: its pid no longer names a process
    enqueue(db, "ack-1", "ack-2")
    with db.transaction() as session:
        for row in session.exec(select(OutboxRow)).all():
            row.lease_owner = f"{socket.gethostname()}:{child.pid}:0000:1"
            row.next_attempt_at = NOW + outbox.LEASE
            session.add(row)
    assert lease_keys(db, NOW) == []
    assert lease_keys(db, NOW + outbox.LEASE) == ["ack-1", "ack-2"]


def lease_one(db: Database, now: datetime) -> outbox.Leased:
    with db.transaction() as session:
        [leased] = outbox.lease_due(session, now)
    return leased


def settle(db: Database, change: Callable[[Session], str | None]) -> str | None:
    with db.transaction() as session:
        return change(session)


def test_a_taken_over_lease_is_not_overwritten(db: Database) -> None:
    """A sender whose lease ran out and was taken over cannot retry, fail, release or
    postpone the message: the compare-and-set leaves the new holder's row alone."""
    enqueue(db, "ack-1")
    first = lease_one(db, NOW)
    later = NOW + outbox.LEASE
    second = lease_one(db, later)
    assert first.token != second.token
    for change in (lambda s: outbox.mark_retry(s, first, later, "451 later", 10),
                   lambda s: outbox.mark_failed(s, first, "554 no"),
                   lambda s: outbox.release(s, first, later),
                   lambda s: outbox.postpone(s, first, later, "down")):
        assert settle(db, change) is None
    [row] = rows(db)
    assert (row.status, row.lease_owner, row.attempts, row.last_error) == (
        "pending", second.token, 0, "")
    with db.transaction() as session:
        assert outbox.take(session, first) is None
        assert outbox.take(session, second) == raw_mail("ack-1")
    assert settle(db, lambda s: outbox.mark_retry(s, second, later, "451 later", 10)) == "pending"
    assert (rows(db)[0].attempts, rows(db)[0].lease_owner) == (1, None)


def test_a_delivery_settles_the_message_for_a_sender_that_took_it_over(db: Database) -> None:
    """When the first sender's message was accepted after its lease was taken over, it is
    recorded as sent and the new holder's check before sending finds nothing to send."""
    enqueue(db, "ack-1")
    first = lease_one(db, NOW)
    second = lease_one(db, NOW + outbox.LEASE)
    assert settle(db, lambda s: outbox.mark_sent(s, first, NOW + outbox.LEASE)) == "sent"
    with db.transaction() as session:
        assert outbox.take(session, second) is None
    assert settle(db, lambda s: outbox.mark_sent(s, second, NOW + outbox.LEASE)) is None
    [row] = rows(db)
    assert (row.status, row.attempts, row.lease_owner) == ("sent", 1, None)


def test_a_heartbeat_renews_every_message_of_the_lease(db: Database) -> None:
    """renew() pushes the lease of all pending messages of one token, and only those."""
    enqueue(db, "ack-1", "ack-2")
    leased = lease_one_batch(db, NOW)
    enqueue(db, "ack-3")
    later = NOW + outbox.LEASE - timedelta(seconds=1)
    with db.transaction() as session:
        assert outbox.renew(session, leased, later) == 2
    assert lease_keys(db, NOW + outbox.LEASE) == ["ack-3"]
    assert lease_keys(db, later + outbox.LEASE) == ["ack-1", "ack-2"]


def lease_one_batch(db: Database, now: datetime) -> str:
    with db.transaction() as session:
        return {leased.token for leased in outbox.lease_due(session, now)}.pop()


# -- an answer lost after DATA ------------------------------------------------------------

def test_a_message_whose_answer_was_lost_after_data_is_not_sent_twice(
        db: Database, smtp_sink: SmtpSink) -> None:
    """The server keeps a message but the connection dies before its answer: the message is
    marked `unknown` with the reason and an event, never resent; the next one still goes."""
    enqueue(db, "ack-1", "ack-2")
    smtp_sink.lose_answer_to_next()
    report = drain(db, smtp_sink.port)
    assert (report.sent, report.uncertain, report.retried, report.failed) == (1, 1, 0, 0)
    assert drain(db, smtp_sink.port, NOW + timedelta(days=1)) == DrainReport()
    assert sorted(subjects(smtp_sink)) == ["ack-1", "ack-2"]
    first, second = rows(db)
    assert (first.status, first.attempts, second.status) == ("unknown", 1, "sent")
    assert "may have been delivered" in first.last_error
    with db.transaction() as session:
        [event] = session.exec(select(EventRow)).all()
    assert event.kind == "mail.delivery_uncertain"
    assert json.loads(event.detail)["outbox_id"] == first.id


# -- a sender killed while it hands a message over ---------------------------------------

DRAIN_ONCE = """
import asyncio, sys
from datetime import datetime
from mailflow.config import OutgoingSettings
from mailflow.send.drain import drain_outbox
from mailflow.send.smtp import SmtpTransport
from mailflow.store.database import Database
url, port, now = sys.argv[1], int(sys.argv[2]), datetime.fromisoformat(sys.argv[3])
settings = OutgoingSettings(kind="smtp", host="127.0.0.1", port=port, security="none",
                            timeout=60)
asyncio.run(drain_outbox(Database(url), lambda: SmtpTransport(settings, ""), lambda: now, 10))
"""


def test_a_sender_killed_while_handing_a_message_over_never_sends_it_twice(
        db: Database, db_url: str, smtp_sink: SmtpSink) -> None:
    """A `mailflow` sender SIGKILLed after the server got the message but before it heard
    the answer: once its lease runs out, the next sender marks the message `unknown` with an
    event instead of sending it again, and still sends the rest."""
    enqueue(db, "ack-1")
    smtp_sink.take_time(30)  # the server holds its answer: the sender is killed waiting
    sender = subprocess.Popen([sys.executable, "-c", DRAIN_ONCE, db_url, str(smtp_sink.port),
                               NOW.isoformat()])
    try:
        deadline = time.monotonic() + 60
        while not smtp_sink.received and sender.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert subjects(smtp_sink) == ["ack-1"]
    finally:
        sender.kill()
        sender.wait()
    smtp_sink.take_time(0)
    enqueue(db, "ack-2")
    report = drain(db, smtp_sink.port, NOW + outbox.LEASE + timedelta(seconds=1))
    assert (report.sent, report.uncertain) == (1, 1)
    assert subjects(smtp_sink) == ["ack-1", "ack-2"]
    first, second = rows(db)
    assert (first.status, first.handed_over_at, second.status) == ("unknown", None, "sent")
    assert "stopped while handing it to the server" in first.last_error
    with db.transaction() as session:
        [event] = session.exec(select(EventRow)).all()
    assert event.kind == "mail.delivery_uncertain"
    assert json.loads(event.detail)["outbox_id"] == first.id


def test_a_sender_killed_before_handing_a_message_over_leaves_it_to_be_sent(
        db: Database) -> None:
    """A sender that leased a message and stopped before DATA (no hand-over mark) leaves it
    pending: after the lease the next sender sends it as usual, nothing is made `unknown`."""
    enqueue(db, "ack-1")
    lease_one(db, NOW)
    with db.transaction() as session:
        assert outbox.settle_abandoned(session, NOW + outbox.LEASE) == []
    assert lease_keys(db, NOW + outbox.LEASE) == ["ack-1"]


def test_a_settled_message_carries_no_hand_over_mark(db: Database) -> None:
    """The mark made before DATA is cleared by every outcome, so a message retried after a
    4xx answer is not taken for an abandoned hand-over when its retry falls due."""
    enqueue(db, "ack-1")
    leased = lease_one(db, NOW)
    with db.transaction() as session:
        assert outbox.mark_handing_over(session, leased, NOW)
    assert rows(db)[0].handed_over_at is not None
    assert settle(db, lambda s: outbox.mark_retry(s, leased, NOW, "451 later", 10)) == "pending"
    assert rows(db)[0].handed_over_at is None
    with db.transaction() as session:
        assert outbox.settle_abandoned(session, NOW + timedelta(days=1)) == []


def test_a_sender_whose_lease_ran_out_cannot_start_a_hand_over(db: Database) -> None:
    """A sender that lost its lease without noticing (its heartbeat failed) cannot mark the
    message for DATA once the lease has run out, even before anyone took it over, so it never
    sends beside the sender that leases it next."""
    enqueue(db, "ack-1")
    stale = lease_one(db, NOW)
    with db.transaction() as session:
        assert not outbox.mark_handing_over(session, stale, NOW + outbox.LEASE)
    assert rows(db)[0].handed_over_at is None
    assert lease_keys(db, NOW + outbox.LEASE) == ["ack-1"]


def test_a_message_marked_for_hand_over_is_never_leased_again(db: Database) -> None:
    """A message whose hand-over began is not leased by another sender even when its lease
    has run out: only `settle_abandoned` may take it (as `unknown`), never a second send."""
    enqueue(db, "ack-1", "ack-2")
    first, _ = lease_both(db, NOW)
    with db.transaction() as session:
        assert outbox.mark_handing_over(session, first, NOW)
    later = NOW + outbox.LEASE + timedelta(seconds=1)
    with db.transaction() as session:
        assert [key_of(leased) for leased in outbox.lease_due(session, later)] == ["ack-2"]


def lease_both(db: Database, now: datetime) -> tuple[outbox.Leased, outbox.Leased]:
    with db.transaction() as session:
        first, second = outbox.lease_due(session, now)
    return first, second


# -- internationalised addresses (SMTPUTF8) -----------------------------------------------

UTF8_CUSTOMER = "иван@пример.рф"
IDN_CUSTOMER = "ivan@пример.рф"


@pytest.fixture(scope="module")
def ascii_only_sink() -> Iterator[SmtpSink]:
    """A sink that does not offer SMTPUTF8."""
    sink = SmtpSink(smtputf8=False)
    sink.start()
    yield sink
    sink.stop()


def enqueue_to(db: Database, key: str, recipient: str, to_header: str) -> None:
    raw = (f"From: {SENDER}\r\nTo: {to_header}\r\nMessage-ID: <{key}@example.test>\r\n"
           f"Subject: {key}\r\n\r\nWe got your claim.\r\n").encode()
    with db.transaction() as session:
        assert outbox.enqueue(session, dedup_key=key, claim_id=None, kind="acknowledgement",
                              sender=SENDER, recipients=[recipient],
                              message_id=f"{key}@example.test", raw=raw, now=NOW)


def queue_international(db: Database) -> None:
    enqueue(db, "ack-1")
    enqueue_to(db, "utf8", UTF8_CUSTOMER, UTF8_CUSTOMER)
    enqueue_to(db, "idn", IDN_CUSTOMER, "ivan@xn--e1afmkfd.xn--p1ai")
    enqueue(db, "ack-4")


def test_a_utf8_address_goes_out_with_smtputf8_to_a_server_offering_it(
        db: Database, smtp_sink: SmtpSink) -> None:
    """An address with a Cyrillic local part and domain is sent as it is, with SMTPUTF8;
    plain ASCII mail in the same batch goes without it."""
    queue_international(db)
    assert drain(db, smtp_sink.port) == DrainReport(sent=4)
    by_subject = dict(zip(subjects(smtp_sink), smtp_sink.received, strict=True))
    assert by_subject["utf8"].rcpt_tos == [UTF8_CUSTOMER]
    assert by_subject["utf8"].smtp_utf8
    assert UTF8_CUSTOMER.encode() in by_subject["utf8"].content
    assert by_subject["idn"].smtp_utf8
    assert not by_subject["ack-1"].smtp_utf8


def test_a_utf8_address_is_refused_with_the_reason_by_a_server_without_smtputf8(
        db: Database, ascii_only_sink: SmtpSink) -> None:
    """Without SMTPUTF8 a Unicode domain goes as IDNA, a Unicode local part is failed for
    good with a clear reason, and the rest of the batch is sent."""
    ascii_only_sink.clear()
    queue_international(db)
    assert drain(db, ascii_only_sink.port) == DrainReport(sent=3, failed=1)
    assert sorted(subjects(ascii_only_sink)) == ["ack-1", "ack-4", "idn"]
    idn = next(m for m in ascii_only_sink.received if b"Subject: idn" in m.content)
    assert idn.rcpt_tos == ["ivan@xn--e1afmkfd.xn--p1ai"]
    failed = next(r for r in rows(db) if r.status == "failed")
    assert failed.dedup_key == "utf8"
    assert UTF8_CUSTOMER in failed.last_error
    assert "SMTPUTF8" in failed.last_error
