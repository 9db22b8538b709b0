"""Deadlines, reminders, escalations and chasers end to end, on a simulated clock.

Claims go through the real pipeline into SQLite and PostgreSQL on a Moscow working calendar
(Russian public holidays from the `holidays` package); the deadline watch runs at explicit
moments and its mail crosses the aiosmtpd sink. Nothing sleeps: time moves by passing `now`.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import SMTP
from email.policy import default as default_policy
from pathlib import Path
from typing import Any, cast
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import text
from sqlmodel import col, select

from mailflow.app import App
from mailflow.config import load_settings
from mailflow.domain.claims import format_claim_number
from mailflow.domain.deadlines import ClaimDeadlines, initial_deadlines, pause, resume
from mailflow.domain.model import ClaimStatus
from mailflow.domain.notices import ClaimClock, due_notices
from mailflow.pipeline import Outcome
from mailflow.runner import Runner
from mailflow.store.tables import ClaimRow, NoticeRow, OutboxRow
from tests import corpus
from tests.e2e.inprocess import mailflow as in_process
from tests.integration import support
from tests.servers import SmtpSink

pytestmark = pytest.mark.smtp

MOSCOW = ZoneInfo("Europe/Moscow")
STEP = timedelta(minutes=15)
ANNA, BORIS = "anna@example.test", "boris@example.test"
MARIA, PETR = "maria@example.test", "petr@example.test"
TEAM: list[dict[str, Any]] = [
    {"name": "Анна Смирнова", "position": "специалист", "email": ANNA, "languages": ["ru"],
     "categories": ["damage", "defect"]},
    {"name": "Борис Кузнецов", "position": "специалист", "email": BORIS, "languages": ["ru"],
     "categories": ["delay", "wrong_item", "shortage"]},
]
MANAGERS: list[dict[str, Any]] = [{"name": "Мария Орлова", "email": MARIA},
                                  {"name": "Пётр Иванов", "email": PETR}]
NOTICE_MAIL = frozenset({"deadline_reminder", "escalation", "customer_chaser", "auto_closed"})


def msk(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=MOSCOW)


class SimulatedClock:
    """The time the test says it is; the Runner reads it for draining the outbox."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@dataclass(frozen=True)
class Sent:
    """One message as it reached the sink, matched to the outbox row that queued it."""

    kind: str
    dedup_key: str
    recipients: tuple[str, ...]
    claim: str
    message: EmailMessage
    at: datetime


@dataclass
class Desk:
    """mailflow on a simulated clock: messages arrive and the deadline watch runs when told."""

    app: App
    sink: SmtpSink
    clock: SimulatedClock = field(default_factory=lambda: SimulatedClock(msk(2026, 1, 1)))
    seen: int = 0

    @property
    def runner(self) -> Runner:
        return Runner(self.app, self.app.source(), clock=self.clock)

    def receive(self, raw: bytes, at: datetime) -> Outcome:
        """Process one incoming message at `at` and send what it queued."""
        self.clock.now = at
        outcome = self.app.pipeline.process(raw, "test", at)
        assert outcome.status == "stored", outcome
        self.runner.drain()
        return outcome

    def tick(self, at: datetime) -> list[Sent]:
        """One pass of the deadline watch at `at`, then the outbox; returns what was sent."""
        self.clock.now = at
        self.runner.deadlines_pass(at)
        self.runner.drain()
        return self.new_mail()

    def new_mail(self) -> list[Sent]:
        """The messages that reached the sink since the last look."""
        fresh = self.sink.received[self.seen:]
        self.seen += len(fresh)
        return [self._match(m.content, tuple(m.rcpt_tos)) for m in fresh]

    def _match(self, raw: bytes, recipients: tuple[str, ...]) -> Sent:
        message = message_from_bytes(raw, policy=default_policy)
        message_id = str(message["Message-ID"]).strip("<> ")
        with self.app.db.transaction() as session:
            row = session.exec(select(OutboxRow).where(OutboxRow.message_id == message_id)).one()
        return Sent(row.kind, row.dedup_key, recipients, str(message["X-Mailflow-Claim"]),
                    message, self.clock.now)

    def claim(self, number: str) -> ClaimRow:
        with self.app.db.transaction() as session:
            return session.exec(select(ClaimRow).where(ClaimRow.number == number)).one()

    def set_status(self, number: str, status: ClaimStatus, at: datetime) -> None:
        """A status change made by a person (the CLI or a command), at `at`."""
        self.clock.now = at
        with self.app.db.transaction() as session:
            claim = session.exec(select(ClaimRow).where(ClaimRow.number == number)).one()
            if status == ClaimStatus.RESOLVED:  # resolving needs the decision (issue 11)
                self.app.workflow.resolve(session, claim, "outcome", "accepted", at,
                                          actor=ANNA, language="ru")
            self.app.workflow.set_status(session, claim, status, at, actor=ANNA,
                                         why="asked the customer for photos")
        self.runner.drain()


def notices_only(sent: list[Sent]) -> list[Sent]:
    return [s for s in sent if s.kind in NOTICE_MAIL]


def text_of(message: EmailMessage) -> str:
    body = message.get_body(("plain",))
    assert body is not None
    return cast(str, body.get_content()).replace("\r\n", "\n")


def desk_for(tmp_path: Path, db_url: str, sink: SmtpSink, **overrides: Any) -> Desk:
    return Desk(support.app(tmp_path, db_url, sink=sink, **team_settings(**overrides)), sink)


def team_settings(**overrides: Any) -> dict[str, Any]:
    """Two Russian-speaking specialists, two managers, the Moscow calendar."""
    return {"company": {"claims_address": support.CLAIMS, "name": "Test Company",
                        "timezone": "Europe/Moscow"},
            "specialists": TEAM, "managers": MANAGERS, **overrides}


def claim_mail(n: int, **fields: Any) -> bytes:
    """A Russian claim about a damaged TV from customer `n`."""
    return corpus.russian(sender=f"Покупатель {n} <customer{n}@example.org>",
                          message_id=f"claim.{n}@example.org", **fields)


def open_claim(desk: Desk, n: int, at: datetime) -> str:
    """Customer `n` writes a new claim at `at`; returns its number."""
    outcome = desk.receive(claim_mail(n), at)
    assert outcome.new_claim
    assert outcome.claim_number is not None
    return outcome.claim_number


def customer_answer(desk: Desk, number: str, n: int, at: datetime) -> Outcome:
    """Customer `n` answers the acknowledgement of claim `number`."""
    with desk.app.db.transaction() as session:
        claim_id = session.exec(select(ClaimRow.id).where(ClaimRow.number == number)).one()
        ack = session.exec(select(OutboxRow.message_id).where(
            OutboxRow.claim_id == claim_id, OutboxRow.kind == "acknowledgement")).one()
    return desk.receive(corpus.reply(ack, sender=f"Покупатель {n} <customer{n}@example.org>",
                                     message_id=f"answer.{n}.{at.timestamp()}@example.org"), at)


def specialist_answer(desk: Desk, number: str, at: datetime) -> Outcome:
    """The assignee answers the customer by replying to the new-claim notification."""
    claim = desk.claim(number)
    with desk.app.db.transaction() as session:
        notification = session.exec(select(OutboxRow).where(
            OutboxRow.claim_id == claim.id, OutboxRow.kind == "specialist_new_claim")).one()
    original = message_from_bytes(notification.raw, policy=default_policy)
    message = EmailMessage()
    message["From"] = str(claim.assignee_email)
    message["To"] = original["Reply-To"]
    message["Subject"] = f"Re: {original['Subject']}"
    message["Message-ID"] = f"<answer.{number}.{at.timestamp()}@example.test>"
    message["In-Reply-To"] = original["Message-ID"]
    message.set_content("Здравствуйте! Мы заменим телевизор, курьер приедет в пятницу.")
    return desk.receive(message.as_bytes(policy=SMTP), at)


# -- 1. the deadlines of a claim received before a holiday ---------------------------------

@pytest.mark.parametrize(("received", "first_response", "hard_limit", "answer_by"), [
    # Fri 8 May after hours; Sat 9 (Victory Day), Sun 10 and Mon 11 (observed) are off.
    (msk(2026, 5, 8, 18, 30), msk(2026, 5, 14, 18), msk(2026, 5, 18, 18), "14 мая 2026 г."),
    # Wed 30 Dec; 31 Dec is a moved day off, 1-8 Jan are the New Year holidays.
    (msk(2026, 12, 30, 15), msk(2027, 1, 13, 18), msk(2027, 1, 15, 18), "13 января 2027 г."),
])
def test_claim_before_a_holiday_gets_working_day_deadlines_and_a_russian_answer_by_date(
        tmp_path: Path, db_url: str, smtp_sink: SmtpSink, received: datetime,
        first_response: datetime, hard_limit: datetime, answer_by: str) -> None:
    """Holidays and weekends do not count: the acknowledgement promises the right date."""
    desk = desk_for(tmp_path, db_url, smtp_sink)

    number = open_claim(desk, 1, received)

    claim = desk.claim(number)
    assert (claim.first_response_due, claim.hard_limit_due) == (first_response, hard_limit)
    ack = next(s for s in desk.new_mail() if s.kind == "acknowledgement")
    assert ack.recipients == ("customer1@example.org",)
    assert f"Не позднее {answer_by} специалист рассмотрит претензию" in text_of(ack.message)


# -- 2. a simulated month ---------------------------------------------------------------------

MONTH_START, MONTH_END = msk(2026, 6, 1), msk(2026, 6, 27)
MONTH_TERMS = {"first_response_days": 1, "hard_limit_days": 2, "resolution_days": 4}


@dataclass(frozen=True)
class Plan:
    """One customer's claim in the simulated month and what people do with it."""

    arrives: datetime
    answered: datetime | None = None
    waits: datetime | None = None
    resumes: datetime | None = None

    def clock(self, number: str, deadlines: ClaimDeadlines, now: datetime,
              desk: Desk) -> ClaimClock:
        """The claim's clock at `now` as the pure rules see it (the oracle of this test)."""
        status, waiting_since = ClaimStatus.ASSIGNED, None
        if self.waits is not None and self.waits <= now:
            deadlines, status, waiting_since = pause(deadlines, self.waits), \
                ClaimStatus.WAITING_CUSTOMER, self.waits
        if self.resumes is not None and self.resumes <= now:
            deadlines = resume(deadlines, self.resumes, desk.app.timing.calendar)
            status, waiting_since = ClaimStatus.IN_PROGRESS, None
        answered = self.answered if self.answered is not None and self.answered <= now else None
        return ClaimClock(number, status, deadlines, answered, waiting_since)


MONTH = (
    Plan(msk(2026, 6, 1, 8, 10)),
    Plan(msk(2026, 6, 1, 9)),
    Plan(msk(2026, 6, 1, 13, 37), answered=msk(2026, 6, 1, 16, 37)),
    Plan(msk(2026, 6, 1, 18), waits=msk(2026, 6, 2, 11), resumes=msk(2026, 6, 4, 14)),
    Plan(msk(2026, 6, 1, 23, 50)),
    Plan(msk(2026, 6, 2, 10, 5)),
    Plan(msk(2026, 6, 3, 17, 59), answered=msk(2026, 6, 4, 19, 59)),
    Plan(msk(2026, 6, 4, 12), waits=msk(2026, 6, 4, 16)),  # never answers: chased Thu 11
    Plan(msk(2026, 6, 5, 19, 30)),
    Plan(msk(2026, 6, 6, 11), answered=msk(2026, 6, 8, 10)),  # a Saturday
    Plan(msk(2026, 6, 7, 15)),  # a Sunday
    Plan(msk(2026, 6, 8, 9, 1), waits=msk(2026, 6, 9, 10), resumes=msk(2026, 6, 17, 10)),
    Plan(msk(2026, 6, 10, 16, 45)),
    Plan(msk(2026, 6, 11, 18, 20), answered=msk(2026, 6, 15, 12, 7)),  # before Russia Day
    Plan(msk(2026, 6, 12, 10)),  # on Russia Day
    Plan(msk(2026, 6, 15, 7)),
    Plan(msk(2026, 6, 16, 14, 14)),
    Plan(msk(2026, 6, 17, 11, 11), answered=msk(2026, 6, 17, 12, 11)),
    Plan(msk(2026, 6, 18, 9, 30)),
    Plan(msk(2026, 6, 19, 16)),
)


def grid(start: datetime, end: datetime, step: timedelta = STEP) -> list[datetime]:
    return [start + i * step for i in range((end - start) // step + 1)]


def ceil_to_grid(moment: datetime) -> datetime:
    return MONTH_START + -((MONTH_START - moment) // STEP) * STEP


def month_number(index: int) -> str:
    return format_claim_number(2026, index + 1)


def expected_month(desk: Desk) -> dict[str, tuple[datetime, str]]:
    """(first 15-minute step, kind) of every notice key per the pure rules (the oracle),
    for the same story, stepping through every 15 minutes of the month."""
    timing = desk.app.timing
    expected: dict[str, tuple[datetime, str]] = {}
    for index, plan in enumerate(MONTH):
        start = initial_deadlines(plan.arrives, None, None, timing.policy, timing.calendar)
        for now in grid(ceil_to_grid(plan.arrives), MONTH_END):
            clock = plan.clock(month_number(index), start, now, desk)
            for notice in due_notices(clock, now, timing.reminders, timing.calendar):
                expected.setdefault(notice.key, (now, notice.kind.value))
    return expected


def month_steps(expected: dict[str, tuple[datetime, str]]) -> list[datetime]:
    """The steps the daemon runs: every 15 minutes over the first day, then each step
    where something falls due and the step before it (to see it is not early), and every
    six hours in between to catch anything sent when nothing should be."""
    dense = grid(MONTH_START, MONTH_START + timedelta(days=1))
    due = {moment + shift for moment, _ in expected.values() for shift in (-STEP, timedelta(0))}
    sparse = grid(MONTH_START, MONTH_END, timedelta(hours=6))
    return sorted(set(dense) | due | set(sparse))


def run_month(desk: Desk, steps: list[datetime]) -> list[Sent]:
    """At each step: what people did by then, then the deadline watch and the outbox."""
    actions = sorted(((m, i, kind) for i, plan in enumerate(MONTH)
                      for m, kind in ((plan.arrives, "arrives"), (plan.answered, "answered"),
                                      (plan.waits, "waits"), (plan.resumes, "resumes"))
                      if m is not None), key=lambda action: action[0])
    sent: list[Sent] = []
    for now in steps:
        while actions and actions[0][0] <= now:
            moment, index, kind = actions.pop(0)
            act(desk, index, kind, moment)
        sent += notices_only(desk.tick(now))
    return sent


def act(desk: Desk, index: int, kind: str, at: datetime) -> None:
    number = month_number(index)
    if kind == "arrives":
        assert open_claim(desk, index, at) == number
    elif kind == "answered":
        specialist_answer(desk, number, at)
    elif kind == "waits":
        desk.set_status(number, ClaimStatus.WAITING_CUSTOMER, at)
    else:
        customer_answer(desk, number, index, at)
    desk.new_mail()  # acknowledgements, notifications, relays: not under test here


def test_simulated_month_sends_each_notice_once_at_its_moment_to_the_right_people(
        tmp_path: Path, smtp_sink: SmtpSink) -> None:
    """Twenty claims over June: every reminder, escalation and chaser reaches the sink once,
    at the first 15-minute step at or after it falls due, and to the assignee, every manager
    or the customer; answered and waiting claims get nothing they should not (SQLite only:
    the month takes a few hundred passes)."""
    desk = desk_for(tmp_path, f"sqlite:///{tmp_path / 'month.sqlite3'}", smtp_sink,
                    deadlines=MONTH_TERMS)

    expected = expected_month(desk)

    sent = run_month(desk, month_steps(expected))

    assert_sent_once_as_the_rules_say(desk, expected, sent)
    assert_each_at_its_due_step(desk, sent)
    assert_quiet_while_answered_or_waiting(sent)


def month_index(number: str) -> int:
    return int(number.rsplit("-", 1)[1]) - 1


def notice_key(sent: Sent) -> str:
    """The notice behind a message: an escalation's dedup key adds the manager's address."""
    return sent.dedup_key.rsplit(":", 1)[0] if sent.kind == "escalation" else sent.dedup_key


def assert_sent_once_as_the_rules_say(desk: Desk, expected: dict[str, tuple[datetime, str]],
                                      sent: list[Sent]) -> None:
    assert len({s.dedup_key for s in sent}) == len(sent), "a message went out twice"
    assert {notice_key(s): s.at for s in sent} == {key: at for key, (at, _) in expected.items()}
    for key, (_, kind) in expected.items():
        copies = [s for s in sent if notice_key(s) == key]
        claim = desk.claim(copies[0].claim)
        assert all(key.startswith(f"{kind}:{claim.number}:") for s in copies)
        assert sorted(r for s in copies for r in s.recipients) == {
            "reminder": [claim.assignee_email], "escalation": [MARIA, PETR],
            "customer_chaser": [claim.customer_email]}[kind], key
    kinds = {kind for _, kind in expected.values()}
    assert kinds == {"reminder", "escalation", "customer_chaser"}
    assert any(key.startswith("escalation:") and not key.endswith(":0") for key in expected)
    with desk.app.db.transaction() as session:
        assert len(session.exec(select(NoticeRow)).all()) == len(expected)
        queued = session.exec(select(OutboxRow).where(col(OutboxRow.kind).in_(NOTICE_MAIL)))
        assert len(queued.all()) == len(sent)


def assert_each_at_its_due_step(desk: Desk, sent: list[Sent]) -> None:
    """Each message goes out at the first step at or after its due time, or, when it was
    already due as the claim arrived or the customer answered, at the step right after."""
    calendar = desk.app.timing.calendar
    with desk.app.db.transaction() as session:
        due = {row.key: row.due_at for row in session.exec(select(NoticeRow)).all()}
    for message in sent:
        due_at = due[notice_key(message)].astimezone(MOSCOW)
        plan = MONTH[month_index(message.claim)]
        became_possible = max(m for m in (plan.arrives, plan.resumes) if m and m <= message.at)
        assert message.at == ceil_to_grid(max(due_at, became_possible)), message.dedup_key
        assert calendar.is_working_day(due_at.date()), message.dedup_key
        if message.kind == "escalation":
            assert calendar.day_start <= due_at.time() <= calendar.day_end, message.dedup_key
        else:
            assert due_at.time() == calendar.day_start, message.dedup_key


def assert_quiet_while_answered_or_waiting(sent: list[Sent]) -> None:
    """No reminder or escalation while waiting for the customer; after the first answer only
    the resolution deadline is reminded or escalated."""
    for message in sent:
        plan = MONTH[month_index(message.claim)]
        waiting = plan.waits is not None and plan.waits <= message.at and (
            plan.resumes is None or message.at < plan.resumes)
        if waiting:
            assert message.kind == "customer_chaser", message.dedup_key
        if plan.answered is not None and message.at >= plan.answered:
            assert ":resolution:" in message.dedup_key, message.dedup_key


# -- 3. restarts ---------------------------------------------------------------------------

def restarted(desk: Desk) -> Desk:
    """The same database and sink seen by a new process: a fresh App and Runner."""
    return Desk(App(desk.app.settings), desk.sink, desk.clock, desk.seen)


def who_got_what(sent: list[Sent]) -> list[tuple[str, str, tuple[str, ...]]]:
    """(template, deadline (and repeat for an escalation), recipients) of each notice mail."""
    def about(message: Sent) -> str:
        parts = notice_key(message).split(":")
        return f"{parts[2]}:{parts[-1]}" if message.kind == "escalation" else parts[2]

    return sorted((s.kind, about(s), s.recipients) for s in notices_only(sent))


def test_restarts_send_nothing_twice_and_a_downtime_is_caught_up_once(
        tmp_path: Path, db_url: str, smtp_sink: SmtpSink) -> None:
    """A new process at the same moment sends nothing again; after two days down the missed
    escalation goes to each manager once, and after a week down only the latest repeat does."""
    desk = desk_for(tmp_path, db_url, smtp_sink)
    open_claim(desk, 1, msk(2026, 3, 2, 10))  # first response Thu 5, hard limit Tue 10 March
    desk.new_mail()

    assert who_got_what(desk.tick(msk(2026, 3, 4, 9))) == [
        ("deadline_reminder", "first_response", (ANNA,))]
    desk = restarted(desk)
    assert desk.tick(msk(2026, 3, 4, 9)) == []
    assert who_got_what(desk.tick(msk(2026, 3, 5, 17))) == [  # the same-day one, late
        ("deadline_reminder", "first_response", (ANNA,))]
    desk = restarted(desk)  # down from Thursday 17:00 to Saturday 17:00

    assert who_got_what(desk.tick(msk(2026, 3, 7, 17))) == [
        ("deadline_reminder", "hard_limit", (ANNA,)),
        ("escalation", "first_response:0", (MARIA,)), ("escalation", "first_response:0", (PETR,))]
    assert restarted(desk).tick(msk(2026, 3, 7, 17)) == []
    desk = restarted(desk)  # down until Friday 13 March, noon

    assert who_got_what(desk.tick(msk(2026, 3, 13, 12))) == [
        ("escalation", "hard_limit:2", (MARIA,)), ("escalation", "hard_limit:2", (PETR,))]
    desk = restarted(desk)
    assert desk.tick(msk(2026, 3, 13, 12)) + desk.tick(msk(2026, 3, 13, 17, 45)) == []


# -- 4. two daemons on one database ------------------------------------------------------

@pytest.mark.postgres
def test_two_daemons_on_one_postgres_database_send_each_notice_once(
        tmp_path: Path, pg_url: str, smtp_sink: SmtpSink) -> None:
    """Two processes running the deadline watch and the outbox at the same moments queue and
    send every notice once (PostgreSQL: the database two daemons would share)."""
    first = desk_for(tmp_path / "one", pg_url, smtp_sink)
    second = Desk(App(first.app.settings), smtp_sink, first.clock)
    received = [msk(2026, 3, 2, 10), msk(2026, 3, 2, 16), msk(2026, 3, 3, 11),
                msk(2026, 3, 4, 9, 30), msk(2026, 3, 5, 12), msk(2026, 3, 6, 17, 59)]
    for n, moment in enumerate(received):
        open_claim(first, n, moment)
    first.new_mail()

    queued = 0
    for now in (msk(2026, 3, 5, 9), msk(2026, 3, 11, 9), msk(2026, 3, 13, 12)):
        first.clock.now = now  # the clock both daemons read
        counts = both_at_once(lambda desk, at=now: desk.runner.deadlines_pass(at), first, second)
        both_at_once(lambda desk, at=now: desk.runner.drain(), first, second)
        queued += sum(counts)

    sent = notices_only(first.new_mail())
    with first.app.db.transaction() as session:
        notices = session.exec(select(NoticeRow)).all()
        mail = session.exec(select(OutboxRow).where(col(OutboxRow.kind).in_(NOTICE_MAIL))).all()
    assert queued == len(notices) > 10
    assert len({s.dedup_key for s in sent}) == len(sent) == len(mail)
    assert {notice_key(s) for s in sent} == {n.key for n in notices}


def both_at_once(work: Any, *desks: Desk) -> list[Any]:
    """Run `work(desk)` for every desk in its own thread, released at the same instant."""
    barrier, results = threading.Barrier(len(desks)), [None] * len(desks)

    def run(index: int) -> None:
        barrier.wait()
        results[index] = work(desks[index])

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(desks))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert None not in results, "a daemon thread failed"
    return results


# -- 5. waiting for the customer ---------------------------------------------------------

def test_waiting_for_the_customer_stops_the_clock_and_their_answer_restarts_it(
        tmp_path: Path, db_url: str, smtp_sink: SmtpSink) -> None:
    """No reminder or escalation while waiting; the customer is chased after five working
    days; their answer moves every deadline on by the 48 working hours spent waiting."""
    desk = desk_for(tmp_path, db_url, smtp_sink)
    number = open_claim(desk, 1, msk(2026, 3, 2, 10))
    desk.set_status(number, ClaimStatus.WAITING_CUSTOMER, msk(2026, 3, 3, 12))
    assert [s.kind for s in desk.new_mail()] == ["acknowledgement", "specialist_new_claim",
                                                 "status_update"]

    for now in (msk(2026, 3, 4, 9), msk(2026, 3, 5, 9), msk(2026, 3, 5, 18),
                msk(2026, 3, 10, 18), msk(2026, 3, 11, 8, 45)):
        assert desk.tick(now) == [], now
    chaser = desk.tick(msk(2026, 3, 11, 9))
    assert [(s.kind, s.recipients) for s in chaser] == [
        ("customer_chaser", ("customer1@example.org",))]
    assert "3 марта 2026 г. в 12:00 мы запросили у вас" in text_of(chaser[0].message)

    customer_answer(desk, number, 1, msk(2026, 3, 11, 15))
    claim = desk.claim(number)
    assert (claim.status, claim.paused_at, claim.paused_seconds) == ("in_progress", None,
                                                                     48 * 3600)
    assert (claim.first_response_due, claim.hard_limit_due, claim.resolution_due) == (
        msk(2026, 3, 16, 12), msk(2026, 3, 18, 12), msk(2026, 3, 25, 12))
    desk.new_mail()
    assert desk.tick(msk(2026, 3, 13, 8, 45)) == []
    assert who_got_what(desk.tick(msk(2026, 3, 13, 9))) == [
        ("deadline_reminder", "first_response", (ANNA,))]
    assert [s.kind for s in desk.tick(msk(2026, 3, 16, 11, 45))] == ["deadline_reminder"]
    assert who_got_what(desk.tick(msk(2026, 3, 16, 12))) == [
        ("escalation", "first_response:0", (MARIA,)), ("escalation", "first_response:0", (PETR,))]


def test_a_customer_who_never_answers_is_chased_then_the_claim_closes(
        tmp_path: Path, db_url: str, smtp_sink: SmtpSink) -> None:
    """With a chaser after 2 and auto-close after 4 working days, the customer gets both
    mails at 09:00 on those days, the claim is closed, and nothing follows."""
    desk = desk_for(tmp_path, db_url, smtp_sink,
                    reminders={"chase_customer_after_days": 2, "auto_close_after_days": 4})
    number = open_claim(desk, 1, msk(2026, 3, 2, 10))
    desk.set_status(number, ClaimStatus.WAITING_CUSTOMER, msk(2026, 3, 2, 15))
    desk.new_mail()

    assert desk.tick(msk(2026, 3, 4, 8, 45)) == []
    chaser = desk.tick(msk(2026, 3, 4, 9))
    assert [(s.kind, s.recipients) for s in chaser] == [
        ("customer_chaser", ("customer1@example.org",))]
    assert "6 марта 2026 г. претензия будет закрыта" in text_of(chaser[0].message)
    assert desk.tick(msk(2026, 3, 5, 18)) + desk.tick(msk(2026, 3, 6, 8, 45)) == []
    closed = desk.tick(msk(2026, 3, 6, 9))
    assert [(s.kind, s.recipients) for s in closed] == [
        ("auto_closed", ("customer1@example.org",))]
    assert desk.claim(number).status == "closed"
    assert desk.tick(msk(2026, 3, 20, 12)) == []


def test_a_claim_reopened_after_its_deadline_gets_a_new_clock_not_an_escalation(
        tmp_path: Path, db_url: str, smtp_sink: SmtpSink) -> None:
    """Answered and resolved in time, then reopened by the customer weeks later: no instant
    escalation; the resolution deadline counts ten working days from the reopening."""
    desk = desk_for(tmp_path, db_url, smtp_sink)
    number = open_claim(desk, 1, msk(2026, 3, 2, 10))
    specialist_answer(desk, number, msk(2026, 3, 3, 10))
    desk.set_status(number, ClaimStatus.RESOLVED, msk(2026, 3, 4, 10))

    customer_answer(desk, number, 1, msk(2026, 4, 1, 11))
    desk.new_mail()

    claim = desk.claim(number)
    assert (claim.status, claim.resolution_due, claim.overdue) == (
        "reopened", msk(2026, 4, 15, 18), False)
    assert desk.tick(msk(2026, 4, 1, 11, 15)) == []
    assert who_got_what(desk.tick(msk(2026, 4, 14, 9))) == [
        ("deadline_reminder", "resolution", (ANNA,))]


# -- 6. the daemon's scheduler -------------------------------------------------------------

def test_daemon_claims_its_deadline_runs_in_the_database_and_drains_the_outbox(
        tmp_path: Path, db_url: str, smtp_sink: SmtpSink) -> None:
    """`serve` claims each deadline run in `job_runs` (the schedule itself stays in memory),
    the drain job sends a queued acknowledgement, and setting the stop event ends the daemon."""
    desk = desk_for(tmp_path, db_url, smtp_sink,
                    mailbox={"kind": "maildir", "path": tmp_path / "inbox", "idle": False,
                             "poll_interval": 0.1},
                    reminders={"check_interval": 0.1})
    desk.app.pipeline.process(claim_mail(1), "test", datetime.now(UTC))  # queued, not sent
    stop = threading.Event()
    daemon = threading.Thread(target=Runner(desk.app, desk.app.source()).serve,
                              args=(stop, 0.1))
    daemon.start()
    jobs: set[str] = set()
    try:
        for _ in range(200):  # up to 20 s for the first drain and the first deadline run
            with desk.app.db.engine.connect() as connection:
                jobs = set(connection.execute(text("SELECT job_id FROM job_runs")).scalars())
            if smtp_sink.received and jobs:
                break
            stop.wait(0.1)
    finally:
        stop.set()
        daemon.join(timeout=10)
    assert not daemon.is_alive()
    assert jobs == {"deadlines"}
    assert [s.kind for s in desk.new_mail()] == ["acknowledgement", "specialist_new_claim"]


# -- 7. the command line ---------------------------------------------------------------------

def write_config(tmp_path: Path, db_url: str) -> Path:
    """A config file for the CLI: this database, Maildirs, the team, the Moscow calendar."""
    people = [("specialists", person) for person in TEAM] + [
        ("managers", person) for person in MANAGERS]
    tables = "".join(f"[[{section}]]\n" + "".join(
        f"{key} = {json.dumps(value, ensure_ascii=False)}\n" for key, value in person.items())
        for section, person in people)
    path = tmp_path / "mailflow.toml"
    path.write_text(
        f'[database]\nurl = "{db_url}"\n'
        f'[mailbox]\nkind = "maildir"\npath = "{tmp_path / "inbox"}"\n'
        f'[outgoing]\nkind = "maildir"\npath = "{tmp_path / "outbox"}"\n'
        f'[storage]\nattachments_dir = "{tmp_path / "blobs"}"\n'
        f'[company]\nclaims_address = "{support.CLAIMS}"\ntimezone = "Europe/Moscow"\n'
        f'[security]\nsecret = "{support.SECRET}"\n{tables}', encoding="utf-8")
    return path


def mailflow_cli(config: Path, *args: str) -> Any:
    """The JSON a `mailflow` command prints (run in this process: tests/e2e/inprocess.py)."""
    result = in_process(config, *args)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_cli_lists_overdue_claims_and_the_coming_escalations(tmp_path: Path,
                                                            db_url: str) -> None:
    """A claim received ten working days ago is listed as overdue with its escalations to the
    managers ahead; a claim received now is not overdue and only has reminders for Anna."""
    config = write_config(tmp_path, db_url)
    support.upgrade_config(config)
    app = App(load_settings(config))
    now = datetime.now(UTC)
    calendar = app.timing.calendar
    long_ago = calendar.day_start_at(calendar.nth_working_day_before(
        calendar.local_date(now), 10)) + timedelta(hours=1)
    late = app.pipeline.process(claim_mail(1), "test", long_ago).claim_number
    fresh = app.pipeline.process(claim_mail(2), "test", now).claim_number

    overdue = mailflow_cli(tmp_path / "mailflow.toml", "claims", "list", "--overdue",
                           "--format", "json")
    coming = mailflow_cli(tmp_path / "mailflow.toml", "reminders", "list", "--format", "json")

    assert [(c["number"], c["assignee"]) for c in overdue] == [(late, ANNA)]
    assert datetime.fromisoformat(overdue[0]["deadlines"]["first_response"]) < now
    assert {(row["claim"], row["kind"], row["to"]) for row in coming} >= {
        (late, "escalation", "managers"), (fresh, "reminder", ANNA)}
    with app.db.transaction() as session:
        answer_due = session.exec(select(ClaimRow.first_response_due).where(
            ClaimRow.number == fresh)).one()
    assert answer_due is not None
    assert all(datetime.fromisoformat(row["due_at"]) >= answer_due for row in coming
               if row["claim"] == fresh and row["kind"] == "escalation")
    due = [datetime.fromisoformat(row["due_at"]) for row in coming]
    assert due == sorted(due)
    assert all(now < moment <= now + timedelta(days=14) for moment in due)
