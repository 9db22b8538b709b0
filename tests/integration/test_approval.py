"""Answers that wait for a manager's approval, through real IMAP and SMTP on both databases:
a key account's answer is held, edited and sent; a rejected draft goes back; `#approve` from
the wrong person is refused; a restart between the answer and the approval loses nothing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from pathlib import Path

import pytest
from sqlmodel import select

from mailflow.domain.model import ClaimStatus
from mailflow.runner import Runner
from mailflow.store.approvals import pending_on_open_claims
from mailflow.store.tables import ApprovalRow, ClaimRow
from mailflow.workflow import reminders
from tests import corpus
from tests.integration import support
from tests.integration.test_workflow import (
    ANNA,
    BORIS,
    CUSTOMER,
    MANAGER,
    MANAGERS,
    TEAM,
    Desk,
    reply,
    text_of,
)
from tests.servers import Dovecot, SmtpSink

pytestmark = [pytest.mark.imap, pytest.mark.smtp]

APPROVAL = {"enabled": True, "approver": MANAGER}
KEY_ACCOUNTS = [{"match": "customer@example.test", "name": "Петров и партнёры",
                 "approver": MANAGER}]
DRAFT = "Иван, мы вернём вам деньги за телевизор."
EDITED = "Иван, мы заменим телевизор на новый в течение пяти дней."
DeskFactory = Callable[[], Desk]


@pytest.fixture
def make_desk(tmp_path: Path, db_url: str, clean_dovecot: Dovecot,
              smtp_sink: SmtpSink) -> DeskFactory:
    """mailflow where Ivan is a key account whose answers Maria (the manager) approves; each
    call builds a fresh App on the same database and mailboxes, as after a restart."""
    smtp_sink.relay_to(clean_dovecot)

    def make() -> Desk:
        app = support.app(tmp_path, db_url, clean_dovecot, smtp_sink, specialists=TEAM,
                          managers=MANAGERS, approval=APPROVAL, key_accounts=KEY_ACCOUNTS)
        return Desk(app, clean_dovecot, smtp_sink)
    return make


def held_answer(desk: Desk, text: str = DRAFT) -> tuple[EmailMessage, EmailMessage, bytes]:
    """Ivan's claim, Anna's answer to it held: Anna's notification, Maria's request, and
    Anna's answer as it was delivered."""
    desk.send(corpus.with_attachments(sender=CUSTOMER, message_id="tv@mail.example.ru"))
    desk.one("customer")
    notice = desk.one("specialist1")
    answer = reply(notice, ANNA, text)
    desk.send(answer)
    return notice, desk.one("manager"), answer


def approvals(desk: Desk) -> list[ApprovalRow]:
    with desk.app.db.transaction() as session:
        return list(session.exec(select(ApprovalRow)).all())


def test_key_account_answer_waits_and_the_edited_text_goes_out(
        make_desk: DeskFactory) -> None:
    """Anna's answer (with `#status resolved`) waits; Maria edits it in Outlook, the request
    quoted below; Ivan gets only her text, then the status; Anna learns what went out."""
    desk = make_desk()
    _, request, _ = held_answer(desk, f"#outcome accepted\n#status resolved\n{DRAFT}")

    assert "Ответ на согласование" in request["Subject"]
    assert DRAFT in text_of(request)
    assert "ключевой клиент" in text_of(request)
    assert desk.nothing_for("customer", "specialist1")
    assert desk.claim().status == "assigned"
    assert desk.claim().first_response_at is None

    desk.send(reply(request, MANAGER, f"{EDITED}\n\n#согласовать", style="outlook"))

    relayed, status = desk.inbox("customer")
    assert text_of(relayed).startswith(EDITED)
    for internal in (DRAFT, "Ответ на согласование", "Почему нужно согласование", "#согласовать",
                     MANAGER):
        assert internal not in text_of(relayed)
    assert relayed["From"].addresses[0].addr_spec == support.CLAIMS
    assert "Решена" in text_of(status)
    outcome = desk.one("specialist1")
    assert "согласован с изменениями" in outcome["Subject"]
    assert EDITED in text_of(outcome)
    assert desk.claim().status == "resolved"
    [edited] = desk.events("approval.edited")
    assert (edited["from"], edited["to"], edited["by"]) == (DRAFT, EDITED, MANAGER)
    assert [e["edited"] for e in desk.events("approval.approved")] == [True]
    [row] = approvals(desk)
    assert (row.status, row.final_text, row.decided_by) == ("approved", EDITED, MANAGER)


def test_rejected_draft_goes_back_with_the_reason(make_desk: DeskFactory) -> None:
    """`#отклонить` sends nothing to Ivan; Anna gets the reason and answers again; the old
    request cannot approve the new answer, the new request can."""
    desk = make_desk()
    _, request, _ = held_answer(desk)

    desk.send(reply(request, MANAGER, "#отклонить нельзя обещать возврат без экспертизы"))

    outcome = desk.one("specialist1")
    assert "не согласован" in outcome["Subject"]
    assert "нельзя обещать возврат без экспертизы" in text_of(outcome)
    assert desk.nothing_for("customer")
    assert [e["reason"] for e in desk.events("approval.rejected")] == [
        "нельзя обещать возврат без экспертизы"]
    assert desk.claim().first_response_at is None

    later = datetime.now(UTC) + timedelta(seconds=5)  # references count in whole seconds
    desk.dovecot.append("claims", [reply(outcome, ANNA, EDITED)])
    Runner(desk.app, desk.app.source(), clock=lambda: later).run_once()

    again = desk.one("manager")
    assert EDITED in text_of(again)
    assert desk.nothing_for("customer")
    assert [row.status for row in approvals(desk)] == ["rejected", "pending"]

    desk.send(reply(request, MANAGER, "#approve"))

    assert "отправленное до того, как ответ передали вам" in text_of(desk.one("manager"))
    assert desk.nothing_for("customer")

    desk.send(reply(again, MANAGER, "#approve"))

    assert text_of(desk.one("customer")).startswith(EDITED)
    assert [row.status for row in approvals(desk)] == ["rejected", "approved"]


@pytest.mark.parametrize("variant", ["other-sender", "other-reference"])
def test_approve_from_the_wrong_person_is_refused(make_desk: DeskFactory,
                                                  variant: str) -> None:
    """Anna answering Maria's request, or Maria answering Anna's notification: refused,
    nothing sent; Maria's own `#approve` then sends the answer once."""
    desk = make_desk()
    notice, request, _ = held_answer(desk)

    if variant == "other-sender":
        desk.send(reply(request, ANNA, "#approve"))
        refused = desk.one("specialist1")
    else:
        desk.send(reply(notice, MANAGER, "#approve"))
        refused = desk.one("manager")

    assert "не передано клиенту" in refused["Subject"]
    assert desk.events("message.untrusted")
    assert desk.nothing_for("customer")
    assert [row.status for row in approvals(desk)] == ["pending"]

    desk.send(reply(request, MANAGER, "#approve"))

    assert text_of(desk.one("customer")).startswith(DRAFT)


def test_restart_between_the_answer_and_the_approval_loses_and_sends_nothing(
        make_desk: DeskFactory) -> None:
    """After a restart (a fresh App, the held reply delivered again), the draft is still
    there, nothing went out, and one approval sends exactly one answer."""
    first = make_desk()
    _, request, answer = held_answer(first)

    desk = make_desk()
    desk.seen = first.seen
    desk.send(answer)

    assert desk.nothing_for("customer", "manager")
    [row] = approvals(desk)
    assert (row.status, row.draft) == ("pending", DRAFT)

    desk.send(reply(request, MANAGER, "#approve"))
    desk.send(reply(request, MANAGER, "#approve"))

    assert text_of(desk.one("customer")).startswith(DRAFT)
    to_ivan = [r for r in desk.sink.received if r.rcpt_tos == ["customer@example.test"]]
    assert len(to_ivan) == 2  # the acknowledgement and the one approved answer
    assert len(desk.events("approval.approved")) == 1


def test_waiting_approver_is_reminded_and_can_answer_the_reminder(
        make_desk: DeskFactory) -> None:
    """Past the reminder threshold Maria is reminded; `#approve` on the reminder sends it."""
    desk = make_desk()
    held_answer(desk)
    [row] = approvals(desk)
    later = desk.app.timing.calendar.add_working_time(row.created_at, timedelta(hours=5))

    Runner(desk.app, desk.app.source(), clock=lambda: later).run_once()

    reminders = [m for m in desk.inbox("manager") if "Напоминание" in m["Subject"]]
    assert len(reminders) == 1
    assert DRAFT in text_of(reminders[0])
    assert desk.nothing_for("customer")

    desk.send(reply(reminders[0], MANAGER, "#approve"))

    assert text_of(desk.one("customer")).startswith(DRAFT)


def test_answer_held_for_an_approver_who_left_is_decided_by_the_default_approver(
        tmp_path: Path, db_url: str, clean_dovecot: Dovecot, smtp_sink: SmtpSink) -> None:
    """Boris approved Ivan's answers and left the team while one waited: Maria, the default
    approver, is reminded, and her `#approve` sends it; the claim is not stuck for good."""
    smtp_sink.relay_to(clean_dovecot)
    with_boris = [{**KEY_ACCOUNTS[0], "approver": BORIS}]
    before = Desk(support.app(tmp_path, db_url, clean_dovecot, smtp_sink, specialists=TEAM,
                              managers=MANAGERS, approval=APPROVAL, key_accounts=with_boris),
                  clean_dovecot, smtp_sink)
    before.send(corpus.with_attachments(sender=CUSTOMER, message_id="tv@mail.example.ru"))
    before.one("customer")
    before.send(reply(before.one("specialist1"), ANNA, DRAFT))
    assert DRAFT in text_of(before.one("specialist2"))
    desk = Desk(support.app(tmp_path, db_url, clean_dovecot, smtp_sink,
                            specialists=[p for p in TEAM if p["email"] != BORIS],
                            managers=MANAGERS, approval=APPROVAL,
                            key_accounts=[{**KEY_ACCOUNTS[0], "approver": ""}]),
                clean_dovecot, smtp_sink, seen=before.seen)
    [row] = approvals(desk)
    assert row.approver_email == BORIS
    later = desk.app.timing.calendar.add_working_time(row.created_at, timedelta(hours=5))

    Runner(desk.app, desk.app.source(), clock=lambda: later).run_once()

    [reminder] = [m for m in desk.inbox("manager") if "Напоминание" in m["Subject"]]
    desk.send(reply(reminder, MANAGER, "#approve"))

    assert text_of(desk.one("customer")).startswith(DRAFT)
    assert [(r.status, r.decided_by) for r in approvals(desk)] == [("approved", MANAGER)]


def test_rejection_reaches_the_new_owner_of_a_claim_handed_over_while_it_waited(
        make_desk: DeskFactory) -> None:
    """The claim goes from Anna to Boris while her answer waits; Maria rejects it: Boris, who
    must now answer, gets the reason too, and his new answer goes for approval."""
    desk = make_desk()
    _, request, _ = held_answer(desk)
    boris = desk.app.policy.person(BORIS)
    assert boris is not None
    handed_at = datetime.now(UTC) + timedelta(seconds=2)  # references count in whole seconds
    with desk.app.db.transaction() as session:
        claim = session.exec(select(ClaimRow)).one()
        desk.app.workflow.assign(session, claim, boris, handed_at, actor="cli", why="away")
    Runner(desk.app, desk.app.source(), clock=lambda: handed_at).run_once()
    assert "CLM-2026-000001" in desk.one("specialist2")["Subject"]  # the claim, now his

    desk.send(reply(request, MANAGER, "#отклонить тон"))

    assert "не согласован" in desk.one("specialist1")["Subject"]
    to_boris = desk.one("specialist2")
    assert "Answer not approved" in to_boris["Subject"]  # in Boris's language
    assert "тон" in text_of(to_boris)
    assert "Анна Смирнова" in text_of(to_boris)
    assert desk.nothing_for("customer")

    later = datetime.now(UTC) + timedelta(seconds=5)
    desk.dovecot.append("claims", [reply(to_boris, BORIS, EDITED)])
    Runner(desk.app, desk.app.source(), clock=lambda: later).run_once()
    assert EDITED in text_of(desk.one("manager"))


def test_answer_waiting_on_a_rejected_claim_is_still_reminded(make_desk: DeskFactory) -> None:
    """A letter on a claim already rejected waits for approval; its approver is reminded
    as on any other claim (a finished status does not silence the wait)."""
    desk = make_desk()
    desk.send(corpus.with_attachments(sender=CUSTOMER, message_id="tv@mail.example.ru"))
    desk.one("customer")
    notice = desk.one("specialist1")
    with desk.app.db.transaction() as session:
        claim = session.exec(select(ClaimRow)).one()
        desk.app.workflow.resolve(session, claim, "outcome", "rejected not a warranty case",
                                  datetime.now(UTC), actor="cli", language="en")
        desk.app.workflow.set_status(session, claim, ClaimStatus.REJECTED, datetime.now(UTC),
                                     actor="cli", why="not a warranty case")
    desk.send(reply(notice, ANNA, DRAFT))
    assert DRAFT not in text_of(desk.one("customer"))  # the status note alone
    assert DRAFT in text_of(desk.one("manager"))
    [row] = approvals(desk)
    later = desk.app.timing.calendar.add_working_time(row.created_at, timedelta(hours=5))

    Runner(desk.app, desk.app.source(), clock=lambda: later).run_once()

    reminders = [m for m in desk.inbox("manager") if "Напоминание" in m["Subject"]]
    assert len(reminders) == 1
    assert desk.nothing_for("customer")


def test_answer_decided_while_reminders_run_is_not_reminded(
        make_desk: DeskFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """The reminder run read the answer as waiting just before Maria approved it: no reminder
    about an answer already sent goes out."""
    desk = make_desk()
    _, request, _ = held_answer(desk)
    with desk.app.db.transaction() as session:
        read_before = pending_on_open_claims(session)
    desk.send(reply(request, MANAGER, "#approve"))
    desk.one("customer")
    monkeypatch.setattr(reminders, "pending_on_open_claims", lambda session: read_before)
    [(row, _)] = read_before
    later = desk.app.timing.calendar.add_working_time(row.created_at, timedelta(hours=5))

    Runner(desk.app, desk.app.source(), clock=lambda: later).run_once()

    assert desk.nothing_for("manager")
    assert not desk.events("notice.approval_reminder")
