"""Counting, per category, what the crash soak lost and what it doubled.

Messages by Message-ID in the store; acknowledgements, relays, status updates and staff
notifications by outbox row (one per dedup key) and by Message-ID at the SMTP sink; commands
by the events they left and the state of their claim; and nothing internal in any mail a
customer received.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlmodel import col, select

from mailflow.app import App
from mailflow.store.tables import ClaimRow, EventRow, MessageRow, OutboxRow
from tests.faults.soak_mail import (
    BAD_COMMAND,
    CUSTOMER,
    OTHER,
    Answer,
    is_garbage,
    message_id_of,
)
from tests.integration.test_workflow import everything_readable
from tests.servers import SmtpSink

# The event each answer leaves (and a word its `why` holds), and the status it leads to.
EFFECT_EVENT = {"relay": ("status", "first answer"), "waiting": ("status", "command"),
                "note": ("note", ""), "assign": ("claim.assigned", "command"),
                "bad": ("commands.rejected", "")}
FINAL_STATUS = {"relay": "in_progress", "waiting": "waiting_customer", "note": "assigned",
                "assign": "assigned", "bad": "assigned"}
# Lines that must never reach a customer: command lines, notification wording, staff mail.
INTERNAL = ("#status", "#note", "#assign", BAD_COMMAND, "Внутренняя заметка",
            "Вам назначена", "Claim handed over", "Новое письмо клиента", "Команды не выполнены",
            "specialist1", "specialist2", "manager@", "claims+")


@dataclass
class Tally:
    """Per category: how many expected, lost (never happened) and doubled (happened twice)."""

    expected: Counter[str] = field(default_factory=Counter)
    lost: Counter[str] = field(default_factory=Counter)
    doubled: Counter[str] = field(default_factory=Counter)
    resent: int = 0  # copies of one outbox row sent again (same Message-ID) after a kill
    uncertain: int = 0  # rows `unknown`: their sender was killed while handing them over
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
            f"re-sent copies with the same Message-ID: {self.resent}",
            f"outbox rows left `unknown` by a kill inside a hand-over: {self.uncertain}"]


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
    audit_outbox(tally, outbox, on_wire, uncertain_rows(events))
    by_number = {claim.number: claim for claim in claims.values()}
    audit_customer_mail(tally, claims, outbox, made, by_number)
    audit_staff_mail(tally, outbox, made, by_number)
    audit_commands(tally, events, made, by_number)
    audit_leaks(tally, sink)
    return tally


def uncertain_rows(events: Sequence[EventRow]) -> set[int]:
    """The outbox rows an event says may have been delivered (and were not resent)."""
    return {json.loads(event.detail)["outbox_id"] for event in events
            if event.kind == "mail.delivery_uncertain"}


def audit_outbox(tally: Tally, outbox: Sequence[OutboxRow], on_wire: Counter[str],
                 uncertain: set[int]) -> None:
    """Every outbox row was sent and reached the server, or (killed inside its hand-over)
    is `unknown` with an event and reached it at most once; nothing reached it twice as two
    rows."""
    known = {row.message_id for row in outbox}
    for row in outbox:
        if row.status == "unknown" and row.id in uncertain:
            tally.uncertain += 1
            if on_wire[row.message_id] > 1:
                tally.problems.append(f"outbox row {row.id} ({row.kind}) is `unknown` but "
                                      f"reached the server {on_wire[row.message_id]} times")
            continue
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
    """Every header and part of `raw`, decoded: where internal text would show."""
    return everything_readable(raw)
