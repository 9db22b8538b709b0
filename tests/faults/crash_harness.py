"""The SIGKILL soak, shared by tests/faults/test_crash_safety.py and bench/soak.py.

Customers' mail waits in a real dovecot; `python -m mailflow run --once` is started again and
again and killed with SIGKILL at random points of its *progress* (the test polls the
database: incoming messages stored, outbox rows sent), so kills land in intake and in
sending, not only in interpreter start-up. The sink relays mailflow's mail into dovecot, so
the specialists read their notifications in their own INBOX and answer them (a relay, a
status command, a note, an #assign, a bad command); their answers go through the same kills.
`audit` then counts, per category, what was lost and what was doubled.
"""

from __future__ import annotations

import json
import math
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import SMTP
from email.policy import default as default_policy
from email.utils import format_datetime
from pathlib import Path
from typing import cast

from sqlalchemy import create_engine, func
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from mailflow.app import App
from mailflow.config import load_settings
from mailflow.store.tables import ClaimRow, EventRow, MessageRow, OutboxRow, QuarantineRow
from tests import corpus
from tests.servers import Dovecot, SmtpSink, address, password

CLAIMS = address("claims")
CUSTOMER = address("customer")
ANNA, BORIS, MANAGER = address("specialist1"), address("specialist2"), address("manager")
MAILBOX_OF = {ANNA: "specialist1", BORIS: "specialist2", MANAGER: "manager"}
OTHER = {ANNA: BORIS, BORIS: ANNA}
TEAM = f"""
[[specialists]]
name = "Анна Смирнова"
position = "ведущий специалист по претензиям"
email = "{ANNA}"
languages = ["ru"]

[[specialists]]
name = "Boris Kuznetsov"
position = "Claims Specialist"
email = "{BORIS}"
languages = ["en"]

[[managers]]
name = "Мария Орлова"
position = "руководитель отдела"
email = "{MANAGER}"
"""
ENGLISH_TEXT = "Hello,\n\nMy order {n} arrived damaged: the box was crushed.\nPlease refund me.\n"
# What the specialists write, by claim (in claim-number order, cycling).
ACTIONS = ("relay", "waiting", "note", "assign", "bad")
ANSWER = "Здравствуйте!\n\nОтвет специалиста по претензии {number}: мы вернём деньги."
NOTE = "#note Внутренняя заметка {number}: клиент звонил."
BAD_COMMAND = "#срочно"
# The event each answer leaves (and a word its `why` holds), and the status it leads to.
EFFECT_EVENT = {"relay": ("status", "first answer"), "waiting": ("status", "command"),
                "note": ("note", ""), "assign": ("claim.assigned", "command"),
                "bad": ("commands.rejected", "")}
FINAL_STATUS = {"relay": "in_progress", "waiting": "waiting_customer", "note": "assigned",
                "assign": "assigned", "bad": "assigned"}
RUN_TIMEOUT = 600  # seconds one run of the daemon may take before the soak gives up
# Lines that must never reach a customer: command lines, notification wording, staff mail.
INTERNAL = ("#status", "#note", "#assign", BAD_COMMAND, "Внутренняя заметка",
            "Вам назначена", "Claim handed over", "Новое письмо клиента", "Команды не выполнены",
            "specialist1", "specialist2", "manager@", "claims+")


# -- the mail ------------------------------------------------------------------------------

def customer_mail(conversations: int) -> list[bytes]:
    """Openings (Russian, some with attachments; every fourth English), a follow-up to each,
    some auto-replies and broken messages. Every customer writes from customer@example.test
    (a dovecot user, so the relay delivers), told apart by name and subject."""
    raws: list[bytes] = []
    for n in range(conversations):
        sender = f"Customer {n} <{CUSTOMER}>"
        first = f"crash-open.{n}@example.org"
        raws.append(opening(n, sender, first))
        raws.append(corpus.reply(first, sender=sender, message_id=f"crash-reply.{n}@example.org",
                                 subject=f"Re: Претензия {n}"))
        if n % 7 == 0:
            raws.append(corpus.auto_reply("rfc3834", sender=f"ooo{n}@example.net",
                                          message_id=f"crash-ooo.{n}@example.net"))
        if n % 10 == 0:
            raws.append(corpus.malformed("garbage") + f"{n}".encode())
    return raws


def opening(n: int, sender: str, message_id: str) -> bytes:
    if n % 4 == 1:
        message = EmailMessage()
        message["From"], message["To"] = sender, CLAIMS
        message["Subject"], message["Message-ID"] = f"Damaged item {n}", f"<{message_id}>"
        message["Date"] = corpus.DATE
        message.set_content(ENGLISH_TEXT.format(n=n))
        return message.as_bytes(policy=SMTP)
    build = corpus.with_attachments if n % 3 == 0 else corpus.russian
    return build(sender=sender, message_id=message_id, subject=f"Претензия {n}")


def with_attachments_count(conversations: int) -> int:
    """How many openings customer_mail() gives the three corpus attachments."""
    return sum(1 for n in range(conversations) if n % 4 != 1 and n % 3 == 0)


def is_garbage(raw: bytes) -> bool:
    return raw.startswith(b"this is not")


def parse(raw: bytes) -> EmailMessage:
    return message_from_bytes(raw, policy=default_policy)


def message_id_of(raw: bytes) -> str:
    return str(parse(raw)["Message-ID"]).strip().strip("<>")


def text_of(message: EmailMessage) -> str:
    body = message.get_body(("plain",))
    return "" if body is None else cast(str, body.get_content()).replace("\r\n", "\n")


def staff_reply(notice: EmailMessage, sender: str, text: str, message_id: str,
                style: str) -> bytes:
    """A reply as Gmail or Outlook writes it: to the personal Reply-To, threaded, quoted."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = notice["Reply-To"] or notice["From"]
    message["Subject"] = f"Re: {notice['Subject']}"
    message["Date"] = format_datetime(datetime.now(UTC))
    message["Message-ID"] = f"<{message_id}>"
    message["In-Reply-To"] = notice["Message-ID"]
    message["References"] = " ".join(filter(None, (notice["References"], notice["Message-ID"])))
    original = text_of(notice)
    if style == "gmail":
        quoted = "\n".join(f"> {line}" if line else ">" for line in original.splitlines())
        history = f"пн, 5 янв. 2026 г. в 10:15, {notice['From']}:\n\n{quoted}\n"
    else:
        history = ("________________________________\n"
                   f"От: {notice['From']}\nОтправлено: 5 января 2026 г. 10:15\n"
                   f"Кому: {notice['To']}\nТема: {notice['Subject']}\n\n{original}")
    message.set_content(f"{text}\n\n{history}")
    return message.as_bytes(policy=SMTP)


@dataclass(frozen=True)
class Answer:
    """One specialist's reply to the notification of a claim, and what it should do."""

    number: str
    writer: str
    action: str
    message_id: str
    raw: bytes


def customer_claim_numbers(app: App) -> list[str]:
    with app.db.transaction() as session:
        return list(session.exec(select(ClaimRow.number).where(
            ClaimRow.origin == "customer")).all())


def answers(dovecot: Dovecot, numbers: Sequence[str]) -> list[Answer]:
    """Each claim's assignee answers the first notification they got about it."""
    first: dict[str, tuple[str, EmailMessage]] = {}
    for person in (ANNA, BORIS):
        for raw in dovecot.messages(MAILBOX_OF[person]):
            notice = parse(raw)
            number = next((n for n in numbers if f"[{n}]" in str(notice["Subject"])), None)
            if number is not None and number not in first:
                first[number] = (person, notice)
    made: list[Answer] = []
    for index, number in enumerate(sorted(first)):
        person, notice = first[number]
        action = ACTIONS[index % len(ACTIONS)]
        message_id = f"answer.{index}@mail.example.test"
        raw = staff_reply(notice, person, answer_text(action, number, person), message_id,
                          "gmail" if index % 2 else "outlook")
        made.append(Answer(number, person, action, message_id, raw))
    return made


def answer_text(action: str, number: str, writer: str) -> str:
    answer = ANSWER.format(number=number)
    return {"relay": answer,
            "waiting": f"#status waiting_customer\n\n{answer}",
            "note": NOTE.format(number=number),
            "assign": f"#assign {OTHER[writer]}",
            "bad": f"{BAD_COMMAND}\n{answer}"}[action]


# -- the daemon and its kills ----------------------------------------------------------------

def write_config(folder: Path, db_url: str, dovecot: Dovecot, sink: SmtpSink) -> Path:
    path = folder / "mailflow.toml"
    path.write_text(
        f'[database]\nurl = "{db_url}"\n'
        f'[mailbox]\nkind = "imap"\nhost = "{dovecot.host}"\nport = {dovecot.imap_port}\n'
        f'security = "none"\nusername = "{CLAIMS}"\n'
        f'password = "{password("claims")}"\nbatch_size = 10\n'
        f'[outgoing]\nkind = "smtp"\nhost = "{sink.host}"\nport = {sink.port}\n'
        'security = "none"\n'
        f'[company]\nclaims_address = "{CLAIMS}"\n'
        f'[storage]\nattachments_dir = "{folder / "blobs"}"\n'
        '[security]\nsecret = "crash-secret"\n'
        '[acknowledgement]\nmax_per_sender_per_hour = 100000\n' + TEAM, encoding="utf-8")
    return path


def prepare_database(config: Path) -> None:
    """Bring the schema up to date before the kills (App.db migrates on first use).

    When `mailflow db upgrade` lands, this becomes that command, run as a subprocess.
    """
    App(load_settings(config)).db.engine.dispose()


@dataclass(frozen=True)
class Progress:
    """What the database shows of the work: incoming messages kept, outbox rows sent."""

    intake: int
    sent: int
    outbox: int


class Probe:
    """Reads Progress from the database while the daemon runs (its own connection)."""

    def __init__(self, db_url: str) -> None:
        self.engine: Engine = create_engine(db_url, pool_size=1)

    def __call__(self) -> Progress:
        with Session(self.engine) as session:
            stored = session.exec(select(func.count()).select_from(MessageRow).where(
                MessageRow.direction == "in")).one()
            parked = session.exec(select(func.count()).select_from(QuarantineRow)).one()
            sent = session.exec(select(func.count()).select_from(OutboxRow).where(
                OutboxRow.status == "sent")).one()
            queued = session.exec(select(func.count()).select_from(OutboxRow)).one()
        return Progress(int(stored) + int(parked), int(sent), int(queued))

    def close(self) -> None:
        self.engine.dispose()


@dataclass(frozen=True)
class Kill:
    """Where one SIGKILL landed: the aim, the progress before and at the kill, the phase."""

    aim: str
    before: Progress
    at: Progress
    phase: str
    seconds: float
    expected: int  # incoming messages of this phase

    @property
    def during_sending(self) -> bool:
        """Killed with every message kept: only then can a message be on the wire (run
        --once sends after its intake pass), so only such a kill can cause one re-send."""
        return self.phase != "finished" and self.at.intake >= self.expected


@dataclass
class Killer:
    """Starts `mailflow run --once` and SIGKILLs it at a random point of its progress."""

    config: Path
    probe: Callable[[], Progress]
    chance: random.Random
    kills: list[Kill] = field(default_factory=list)
    poll: float = 0.01
    sending: tuple[int, int] | None = None  # this phase's outbox rows: sent, queued at start

    def phase_with_kills(self, expected: int, intake_kills: int, sending_kills: int,
                         startup_kills: int) -> None:
        """Kill at `intake_kills` random points of intake (of `expected` messages, in
        increasing order), then at `sending_kills` random points of sending, with
        `startup_kills` early kills put anywhere among them; then run to the end."""
        self.sending = None
        intake_targets = iter(sorted(self.chance.sample(
            range(self.probe().intake + 1, expected + 1), intake_kills)))
        sending_fractions = iter(sorted(self.chance.random() for _ in range(sending_kills)))
        aims = ["intake"] * intake_kills + ["sending"] * sending_kills
        for _ in range(startup_kills):
            aims.insert(self.chance.randrange(len(aims) + 1), "start-up")
        for aim in aims:
            if aim == "intake":
                self.kill_at_intake(next(intake_targets), expected)
            elif aim == "sending":
                self.kill_while_sending(next(sending_fractions), expected)
            else:
                self.kill_after(self.chance.uniform(0.05, 1.5), expected)
        run_to_end(self.config)

    def kill_at_intake(self, target: int, expected: int) -> None:
        """Kill once `target` messages are kept (or just after the next one, when an earlier
        run got that far already)."""
        target = max(target, self.probe().intake + 1)
        if target > expected:
            self.kill_while_sending(self.chance.random(), expected)
            return
        self._run("intake", expected, lambda p: p.intake >= target)

    def kill_while_sending(self, fraction: float, expected: int) -> None:
        """Kill once `fraction` of this phase's sending is done (at least one more row)."""

        def reached(progress: Progress) -> bool:
            if progress.intake < expected:
                return False
            if self.sending is None:  # intake is over: the outbox holds all there is to send
                self.sending = (progress.sent, progress.outbox)
            if not goal:
                first, last = self.sending
                goal.append(max(progress.sent + 1, first + math.ceil(fraction * (last - first))))
            return progress.sent >= goal[0]
        goal: list[int] = []
        now = self.probe()
        if now.intake >= expected and now.sent >= now.outbox:
            return  # nothing left to send in this phase: a kill would only hit start-up
        self._run("sending", expected, reached, jitter=0.005)

    def kill_after(self, seconds: float, expected: int) -> None:
        deadline = time.monotonic() + seconds
        self._run("start-up", expected, lambda _: time.monotonic() >= deadline)

    def _run(self, aim: str, expected: int, reached: Callable[[Progress], bool],
             jitter: float = 0.03) -> None:
        """Start the daemon, wait until `reached`, SIGKILL it up to `jitter` seconds later
        (a message takes tens of milliseconds to process, a few to send)."""
        before = self.probe()
        started = time.monotonic()
        process = start(self.config)
        while process.poll() is None and not reached(self.probe()):
            assert time.monotonic() - started < RUN_TIMEOUT, f"{aim} kill never reached"
            time.sleep(self.poll)
        time.sleep(self.chance.uniform(0, jitter))
        finished = process.poll() is not None
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        at = self.probe()
        if finished:
            assert process.returncode == 0, log_tail(self.config)
        phase = "finished" if finished else landed(before, at, expected)
        self.kills.append(Kill(aim, before, at, phase, time.monotonic() - started,
                               expected))


def landed(before: Progress, at: Progress, expected: int) -> str:
    """The phase a kill interrupted, from the progress before the run and at the kill."""
    if at.intake < expected:
        return "intake" if at.intake > before.intake else "start-up"
    if at.sent < at.outbox:
        return "sending" if at.sent > before.sent or at.intake > before.intake else "start-up"
    return "after-sending"


def start(config: Path) -> subprocess.Popen[bytes]:
    """`mailflow run --once`, its warnings appended to daemon.log next to the config (a
    pipe nobody reads while it runs could fill up and stall it)."""
    with (config.parent / "daemon.log").open("ab") as log:
        return subprocess.Popen(
            [sys.executable, "-m", "mailflow", "--config", str(config), "--log-level",
             "warning", "run", "--once"], stdout=subprocess.DEVNULL, stderr=log,
            env={**os.environ, "MAILFLOW_LANG": "en"})


def run_to_end(config: Path) -> None:
    process = start(config)
    process.wait(timeout=RUN_TIMEOUT)
    assert process.returncode == 0, log_tail(config)


def log_tail(config: Path) -> str:
    return (config.parent / "daemon.log").read_text(errors="replace")[-4000:]


def kill_summary(kills: Sequence[Kill]) -> str:
    phases = Counter(kill.phase for kill in kills)
    points = ", ".join(f"{k.aim}->{k.phase}@in{k.at.intake}/sent{k.at.sent}of{k.at.outbox}"
                       for k in kills)
    could_resend = sum(kill.during_sending for kill in kills)
    return (f"kills by phase: {dict(sorted(phases.items()))}; with every message kept (each "
            f"may re-send one): {could_resend}\nkill points: {points}")


# -- the audit -------------------------------------------------------------------------------

@dataclass
class Tally:
    """Per category: how many expected, lost (never happened) and doubled (happened twice)."""

    expected: Counter[str] = field(default_factory=Counter)
    lost: Counter[str] = field(default_factory=Counter)
    doubled: Counter[str] = field(default_factory=Counter)
    resent: int = 0  # copies of one outbox row sent again (same Message-ID) after a kill
    problems: list[str] = field(default_factory=list)

    def count(self, category: str, times: int, what: str) -> None:
        """Something that should have happened exactly once happened `times` times."""
        self.expected[category] += 1
        if times == 0:
            self.lost[category] += 1
            self.problems.append(f"{category} lost: {what}")
        elif times > 1:
            self.doubled[category] += 1
            self.problems.append(f"{category} x{times}: {what}")

    def lines(self) -> list[str]:
        return [f"{category}: {self.expected[category]} expected, "
                f"{self.lost[category]} lost, {self.doubled[category]} doubled"
                for category in sorted(self.expected)] + [
            f"re-sent copies with the same Message-ID: {self.resent}"]


def audit(app: App, raws: Sequence[bytes], made: Sequence[Answer], sink: SmtpSink) -> Tally:
    """Count lost and doubled messages, acknowledgements, relays, notifications, commands."""
    tally = Tally()
    with app.db.transaction() as session:
        stored = Counter(session.exec(select(MessageRow.message_id).where(
            MessageRow.direction == "in")).all())
        claims = {row.id: row for row in session.exec(select(ClaimRow)).all()}
        outbox = list(session.exec(select(OutboxRow)).all())
        events = list(session.exec(select(EventRow).order_by(col(EventRow.id))).all())
    for raw in raws:
        if not is_garbage(raw):
            message_id = message_id_of(raw)
            tally.count("messages", stored[message_id], message_id)
    on_wire = Counter(message_id_of(m.content) for m in sink.received)
    tally.resent = sum(count - 1 for count in on_wire.values() if count > 1)
    audit_outbox(tally, outbox, on_wire)
    by_number = {claim.number: claim for claim in claims.values()}
    audit_customer_mail(tally, claims, outbox, made, by_number)
    audit_staff_mail(tally, outbox, made, by_number)
    audit_commands(tally, events, made, by_number)
    audit_leaks(tally, sink)
    return tally


def audit_outbox(tally: Tally, outbox: Sequence[OutboxRow], on_wire: Counter[str]) -> None:
    """Every outbox row was sent and reached the server; nothing reached it twice as two rows."""
    known = {row.message_id for row in outbox}
    for row in outbox:
        if row.status != "sent":
            tally.problems.append(f"outbox row {row.id} ({row.kind}) is {row.status}")
        tally.count("outbox rows on the wire", min(on_wire[row.message_id], 1), row.message_id)
    strangers = [message_id for message_id in on_wire if message_id not in known]
    if strangers:
        tally.problems.append(f"mail on the wire that no outbox row holds: {strangers[:5]}")


def rows_of(outbox: Sequence[OutboxRow], claim_id: int | None, kind: str,
            recipient: str) -> int:
    return sum(1 for row in outbox if row.claim_id == claim_id and row.kind == kind
               and recipient in json.loads(row.recipients))


def audit_customer_mail(tally: Tally, claims: dict[int | None, ClaimRow],
                        outbox: Sequence[OutboxRow], made: Sequence[Answer],
                        by_number: dict[str, ClaimRow]) -> None:
    for claim in claims.values():
        if claim.origin == "customer":
            tally.count("acknowledgements", rows_of(outbox, claim.id, "acknowledgement",
                                                    CUSTOMER), claim.number)
    for answer in made:
        claim_id = by_number[answer.number].id
        relayed = answer.action in ("relay", "waiting")
        relays = rows_of(outbox, claim_id, "relay", CUSTOMER)
        if relayed:
            tally.count("relays", relays, answer.number)
        elif relays:
            tally.problems.append(f"{answer.action} on {answer.number} was relayed")
        if answer.action == "waiting":
            tally.count("status updates", rows_of(outbox, claim_id, "status_update", CUSTOMER),
                        answer.number)


def audit_staff_mail(tally: Tally, outbox: Sequence[OutboxRow], made: Sequence[Answer],
                     by_number: dict[str, ClaimRow]) -> None:
    """Per answered claim: one new-claim notification and one forwarded follow-up to its
    first assignee, one hand-over to the other specialist, one command error."""
    for answer in made:
        claim_id, writer = by_number[answer.number].id, answer.writer
        for kind in ("specialist_new_claim", "specialist_follow_up"):
            tally.count("notifications", rows_of(outbox, claim_id, kind, writer),
                        f"{kind} {answer.number}")
        if answer.action == "assign":
            tally.count("notifications", rows_of(outbox, claim_id, "specialist_new_claim",
                                                 OTHER[writer]), f"hand-over {answer.number}")
        if answer.action == "bad":
            tally.count("notifications", rows_of(outbox, claim_id, "command_error", writer),
                        f"command error {answer.number}")


def audit_commands(tally: Tally, events: Sequence[EventRow], made: Sequence[Answer],
                   by_number: dict[str, ClaimRow]) -> None:
    """Each answer took effect once (one status change, assignment, note or refusal) and
    left its claim in the state it asked for."""
    for answer in made:
        claim = by_number[answer.number]
        kind, why = EFFECT_EVENT[answer.action]
        found = [event for event in events if event.claim_id == claim.id and event.kind == kind
                 and why in str(json.loads(event.detail).get("why", why))]
        tally.count("commands", len(found), f"{answer.action} on {answer.number}")
        state = (claim.status, claim.assignee_email)
        wanted = (FINAL_STATUS[answer.action],
                  OTHER[answer.writer] if answer.action == "assign" else answer.writer)
        if state != wanted:
            tally.problems.append(f"{answer.action} left {answer.number} at {state}, "
                                  f"not {wanted}")


def audit_leaks(tally: Tally, sink: SmtpSink) -> None:
    """Nothing internal in any mail a customer received."""
    for received in sink.received:
        if received.rcpt_tos != [CUSTOMER]:
            continue
        readable = readable_text(received.content)
        for internal in INTERNAL:
            if internal in readable:
                tally.problems.append(f"customer mail {message_id_of(received.content)} "
                                      f"contains {internal!r}")


def readable_text(raw: bytes) -> str:
    message = parse(raw)
    pieces = [raw.decode("ascii", errors="replace")]
    for part in message.walk():
        pieces += [f"{name}: {value}" for name, value in part.items()]
        if not part.is_multipart():
            content = part.get_content()
            pieces.append(content if isinstance(content, str)
                          else content.decode("utf-8", errors="replace"))
    return "\n".join(pieces)
