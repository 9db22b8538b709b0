"""Approval where it meets merge and the customer's silence, on SQLite and PostgreSQL:
merging keeps a case's approvals with it; a customer is not chased or closed for silence
while our answer to them waits for approval."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import select

from mailflow.decide.approval import AnswerAwaitingApproval
from mailflow.domain.model import ClaimStatus
from mailflow.runner import Runner
from mailflow.store import approvals
from mailflow.store.database import Database
from mailflow.store.merge import move_claim
from mailflow.store.tables import ApprovalRow, ClaimRow
from tests import corpus
from tests.integration import support
from tests.integration.test_entry_and_merge import claims, open_two
from tests.integration.test_store import add_claim, message_row
from tests.integration.test_workflow import (
    ANNA,
    CUSTOMER,
    MANAGER,
    MANAGERS,
    TEAM,
    Desk,
    reply,
    text_of,
)
from tests.servers import Dovecot, SmtpSink

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
DRAFT = "Иван, мы вернём вам деньги за телевизор в течение пяти рабочих дней."


def test_merge_moves_the_merged_claims_approvals(db: Database) -> None:
    """B's decided approval moves to A with B's messages: B's draft counts as a
    specialist's words on A (not as mailflow's mail to staff, which a relay must not carry)."""
    with db.transaction() as session:
        a, b = add_claim(session), add_claim(session, "CLM-2026-000002")
        held = message_row(b, "answer@mail.example", "h1")
        session.add(held)
        session.flush()
        assert held.id is not None
        session.add(ApprovalRow(claim_id=b, message_row_id=held.id, author_email="anna@x.ru",
                                approver_email="director@x.ru", status="approved",
                                draft=DRAFT, final_text=DRAFT, created_at=NOW))
        source, target = session.get(ClaimRow, b), session.get(ClaimRow, a)
        assert source is not None
        assert target is not None

        move_claim(session, source, target, NOW)

        assert approvals.drafts_on(session, a) == (DRAFT, DRAFT)
        assert [row.claim_id for row in session.exec(select(ApprovalRow))] == [a]


def key_account_desk(tmp_path: Path, db_url: str, dovecot: Dovecot, sink: SmtpSink) -> Desk:
    """Ivan is a key account whose answers Maria approves; silent customers close in 3 days."""
    sink.relay_to(dovecot)
    app = support.app(tmp_path, db_url, dovecot, sink, specialists=TEAM,
                      managers=MANAGERS, approval={"enabled": True, "approver": MANAGER},
                      key_accounts=[{"match": "customer@example.test", "name": "Петров",
                                     "approver": MANAGER}],
                      reminders={"auto_close_after_days": 3})
    return Desk(app, dovecot, sink)


@pytest.mark.imap
@pytest.mark.smtp
def test_claim_whose_answer_waits_is_not_merged_until_it_is_decided(
        tmp_path: Path, db_url: str, clean_dovecot: Dovecot, smtp_sink: SmtpSink) -> None:
    """Anna's answer on B waits for Maria; her `#merge A` on B is refused with the reason and
    B stays; after Maria approves, the same `#merge` moves B under A."""
    desk = key_account_desk(tmp_path, db_url, clean_dovecot, smtp_sink)
    open_two(desk)
    first, second = claims(desk)
    notice_b = next(m for m in desk.inbox("specialist1") if second.number in m["Subject"])
    desk.send(reply(notice_b, ANNA, DRAFT))
    request = desk.one("manager")

    desk.send(reply(notice_b, ANNA, f"#merge {first.number}"))

    refusal = desk.one("specialist1")
    assert "ждёт согласования" in text_of(refusal)
    assert claims(desk)[1].merged_into_id is None

    desk.send(reply(request, MANAGER, "#approve"))
    assert text_of(desk.one("customer")).startswith(DRAFT)
    desk.inbox("specialist1")
    desk.send(reply(notice_b, ANNA, f"#merge {first.number}"))

    assert claims(desk)[1].merged_into_id == first.id


@pytest.mark.imap
@pytest.mark.smtp
def test_silent_customer_is_not_closed_while_our_answer_waits(
        tmp_path: Path, db_url: str, clean_dovecot: Dovecot, smtp_sink: SmtpSink) -> None:
    """Ivan (a key account) was asked for photos and is silent; Anna's next answer waits
    for Maria: the claim is back in our hands (in progress), weeks later nothing reached Ivan;
    once Maria approves, Ivan gets the answer."""
    desk = key_account_desk(tmp_path, db_url, clean_dovecot, smtp_sink)
    desk.send(corpus.with_attachments(sender=CUSTOMER, message_id="silent@mail.example.ru"))
    desk.one("customer")
    notice = desk.one("specialist1")
    desk.send(reply(notice, ANNA, "#status waiting_customer\nИван, пришлите фото упаковки."))
    desk.send(reply(desk.one("manager"), MANAGER, "#approve"))
    assert len(desk.inbox("customer")) == 2  # the question and the status
    assert desk.claim().status == "waiting_customer"
    desk.send(reply(notice, ANNA, DRAFT))
    request = desk.one("manager")

    weeks_later = datetime.now(UTC) + timedelta(days=21)
    Runner(desk.app, desk.app.source(), clock=lambda: weeks_later).run_once()

    assert desk.nothing_for("customer")
    assert desk.claim().status == "in_progress"
    desk.inbox("manager")  # the reminder and escalation of the waiting answer
    desk.send(reply(request, MANAGER, "#approve"))
    assert text_of(desk.one("customer")).startswith(DRAFT)


def test_cli_status_change_waits_for_the_held_answer(
        tmp_path: Path, db_url: str, clean_dovecot: Dovecot, smtp_sink: SmtpSink) -> None:
    """`claims status N closed` while Anna's answer waits for Maria is refused (as `#status`
    is), so the draft is never stranded on a closed claim; nothing reaches Ivan."""
    desk = key_account_desk(tmp_path, db_url, clean_dovecot, smtp_sink)
    desk.send(corpus.with_attachments(sender=CUSTOMER, message_id="cli@mail.example.ru"))
    desk.one("customer")
    desk.send(reply(desk.one("specialist1"), ANNA, f"#outcome accepted\n{DRAFT}"))
    desk.one("manager")

    with desk.app.db.transaction() as session:
        claim = session.exec(select(ClaimRow)).one()
        with pytest.raises(AnswerAwaitingApproval) as refused:
            desk.app.workflow.set_status(session, claim, ClaimStatus.CLOSED, datetime.now(UTC),
                                         actor="cli", why="closing from the shell")

    assert refused.value.approver == MANAGER
    assert desk.claim().status != "closed"
    assert desk.nothing_for("customer")
