"""The actions of the claim page go through the workflow like email commands: each changes
the claim, records an event with the viewer as actor and via web with the IP, and a
refusal by the rules is shown in the viewer's language with nothing changed."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from pathlib import Path

from sqlmodel import col, select

from mailflow.app import App
from mailflow.store.claims import get_claim
from mailflow.store.tables import EventRow, MessageRow, OutboxRow
from tests.web.staff_support import (
    ANNA,
    BORIS,
    MARIA,
    START,
    Clock,
    act,
    browser,
    customer,
    form_token,
    letter,
    mail_text,
    open_claim,
    seen,
    shared_desk,
    sign_in,
)


def _web_events(mailflow: App, number: str, kinds: set[str]) -> list[EventRow]:
    return [e for e in seen(mailflow, number).events
            if e.kind in kinds and json.loads(e.detail).get("via") == "web"]


def _outbox_kinds(mailflow: App, number: str) -> list[str]:
    """The kinds of `number`'s mail in the outbox, in the order queued."""
    claim_id = seen(mailflow, number).claim.id
    with mailflow.db.transaction() as session:
        return [row.kind for row in session.exec(select(OutboxRow).where(
            OutboxRow.claim_id == claim_id).order_by(col(OutboxRow.id))).all()]


def test_each_action_changes_the_claim_and_records_who_and_from_where(tmp_path: Path,
                                                                      shared_db: str) -> None:
    """Status, category, priority, note and assign each change the claim and leave an event
    with actor Anna, via web and the client's IP; the customer hears of the status."""
    mailflow, clock = shared_desk(tmp_path, shared_db), Clock()
    number = open_claim(mailflow, letter("Ваза разбита.", sender=customer()), ANNA)
    with browser(mailflow, clock) as client:
        sign_in(client, mailflow, ANNA)
        answers = [act(client, number, "status", status="in_progress",
                       note="Курьер приедет в четверг").status_code,
                   act(client, number, "category", category="delay").status_code,
                   act(client, number, "priority", priority="urgent").status_code,
                   act(client, number, "note", text="Позвонить клиенту").status_code,
                   act(client, number, "assign", email=BORIS).status_code]
    after = seen(mailflow, number).claim
    assert answers == [303] * 5
    assert (after.status, after.category, after.priority, after.assignee_email) == (
        "in_progress", "delay", "urgent", BORIS)
    events = _web_events(mailflow, number, {"status", "claim.category", "claim.priority",
                                            "note", "claim.assigned"})
    assert [e.kind for e in events] == ["status", "claim.category", "claim.priority", "note",
                                        "claim.assigned"]
    assert {e.actor for e in events} == {ANNA}
    assert {json.loads(e.detail)["ip"] for e in events} == {"testclient"}
    kinds = _outbox_kinds(mailflow, number)
    assert "status_update" in kinds
    assert kinds[-1] == "specialist_new_claim"


def test_an_answer_goes_to_the_customer_through_the_outbox_like_a_relay(
        tmp_path: Path, shared_db: str) -> None:
    """The answer is stored on the claim, relayed to the customer from the claims address
    (no staff address in it) and moves the claim to in progress, all by the mail rules."""
    mailflow, clock = shared_desk(tmp_path, shared_db), Clock()
    number = open_claim(mailflow, letter("Ваза разбита.", sender=customer()), ANNA)
    with browser(mailflow, clock) as client:
        sign_in(client, mailflow, ANNA)
        answer = act(client, number, "reply", text="Иван, новая ваза уже в пути.")
    assert answer.status_code == 303
    with mailflow.db.transaction() as session:
        claim_id = seen(mailflow, number).claim.id
        relay = session.exec(select(OutboxRow).where(OutboxRow.kind == "relay",
                                                     OutboxRow.claim_id == claim_id)).one()
        stored = session.exec(select(MessageRow).where(MessageRow.source == "web",
                                                       MessageRow.claim_id == claim_id)).one()
    text = mail_text(relay.raw)
    assert "новая ваза уже в пути" in text
    assert ANNA not in relay.raw.decode("utf-8", "replace")
    assert json.loads(relay.recipients) == [seen(mailflow, number).claim.customer_email]
    assert json.loads(relay.recipients)[0].startswith("ivan.")
    assert (stored.kind, stored.from_email) == ("relayed", ANNA)
    assert seen(mailflow, number).claim.status == "in_progress"
    assert [e.actor for e in _web_events(mailflow, number, {"message.relayed"})] == [ANNA]


def test_a_refused_status_is_shown_in_the_viewers_language_and_changes_nothing(
        tmp_path: Path, shared_db: str) -> None:
    """Moving an assigned claim back to new is refused with the rule's Russian wording on the
    page (409), and the claim keeps its status; an empty note is a 400 with a message."""
    mailflow, clock = shared_desk(tmp_path, shared_db), Clock()
    number = open_claim(mailflow, letter("Ваза разбита.", sender=customer()), ANNA)
    before = seen(mailflow, number)
    with browser(mailflow, clock) as client:
        sign_in(client, mailflow, ANNA)
        closing = act(client, number, "status", status="new")
        empty = act(client, number, "note", text="   ")
    assert closing.status_code == 409
    assert 'id="action-error"' in closing.text
    assert "нельзя перевести претензию" in closing.text
    assert empty.status_code == 400
    assert "Текст пустой" in empty.text
    after = seen(mailflow, number)
    assert after.claim.status == before.claim.status
    assert len(after.events) == len(before.events)


def test_only_the_owner_or_a_manager_acts_as_with_commands_by_mail(tmp_path: Path,
                                                                   shared_db: str) -> None:
    """Boris sees his teammate Anna's claim but his action is refused (403) as a command
    by mail would be; Maria, a manager, may act on it."""
    mailflow, clock = shared_desk(tmp_path, shared_db), Clock()
    number = open_claim(mailflow, letter("Ваза разбита.", sender=customer()), ANNA)
    with browser(mailflow, clock) as client:
        sign_in(client, mailflow, BORIS)
        boris = act(client, number, "priority", priority="high")
    with browser(mailflow, clock) as client:
        sign_in(client, mailflow, MARIA)
        maria = act(client, number, "priority", priority="high")
    assert boris.status_code == 403
    assert "only the person now responsible" in boris.text
    assert maria.status_code == 303
    assert [e.actor for e in _web_events(mailflow, number, {"claim.priority"})] == [MARIA]


def test_an_answer_that_needs_approval_is_held_as_a_mailed_one_would_be(
        tmp_path: Path, shared_db: str) -> None:
    """On a category that needs approval the web answer goes to the approver, not to the
    customer; while it waits, another answer and a status change are refused on the page."""
    mailflow = shared_desk(tmp_path, shared_db, approval={
        "enabled": True, "approver": MARIA, "categories": ["shortage"]})
    clock = Clock()
    number = open_claim(mailflow, letter("Не хватает двух тарелок.", sender=customer()), ANNA)
    with mailflow.db.transaction() as session:
        claim = get_claim(session, number)
        assert claim is not None
        mailflow.workflow.set_field(session, claim, "category", "shortage", START,
                                    actor="test")
    with browser(mailflow, clock) as client:
        sign_in(client, mailflow, ANNA)
        held = act(client, number, "reply", text="Иван, тарелки отправим завтра.")
        again = act(client, number, "reply", text="Ещё одно письмо.")
        moved = act(client, number, "status", status="waiting_customer")
    kinds = _outbox_kinds(mailflow, number)
    assert held.status_code == 303
    assert "approval_request" in kinds
    assert "relay" not in kinds
    assert again.status_code == 409
    assert moved.status_code == 409
    assert "Мария Орлова" in again.text or MARIA in again.text
    assert [e.actor for e in _web_events(mailflow, number, {"approval.requested"})] == [ANNA]


def test_the_same_answer_form_sent_twice_reaches_the_customer_once(
        tmp_path: Path, shared_db: str) -> None:
    """A double click or a reload posts the reply form again: the answer is stored and relayed
    once; a new form with the same words is a new answer."""
    # A day of its own: the module's database keeps other tests' sign-ins (rate limits).
    mailflow, clock = shared_desk(tmp_path, shared_db), Clock(START + timedelta(days=20))
    number = open_claim(mailflow, letter("Ваза разбита.", sender=customer()), ANNA)
    with browser(mailflow, clock) as client:
        sign_in(client, mailflow, ANNA)
        page = client.get(f"/claims/{number}").text
        once = re.search(r'name="once" value="([0-9a-f]+)"', page)
        assert once is not None
        form = {"csrf": form_token(page), "once": once.group(1),
                "text": "Иван, новая ваза уже в пути."}
        first = client.post(f"/claims/{number}/reply", data=form)
        second = client.post(f"/claims/{number}/reply", data=form)
        again = act(client, number, "reply", text="Иван, новая ваза уже в пути.")
    assert (first.status_code, second.status_code, again.status_code) == (303, 303, 303)
    with mailflow.db.transaction() as session:
        relays = session.exec(select(OutboxRow).where(
            OutboxRow.kind == "relay", OutboxRow.claim_id == seen(mailflow, number).claim.id)).all()
    assert len(relays) == 2  # the double post once, the new form once


def _unanswerable_claim(mailflow: App) -> str:
    """A claim of Anna's whose customer's stored address is unusable: no answer can be
    queued for them; its number."""
    number = open_claim(mailflow, letter("Ваза разбита.", sender=customer()), ANNA)
    with mailflow.db.transaction() as session:
        claim = seen(mailflow, number).claim
        claim.customer_email = "no address here"
        session.add(claim)
    return number


def test_an_answer_that_cannot_go_out_is_not_reported_as_sent(
        tmp_path: Path, shared_db: str) -> None:
    """When the relay cannot be queued (here the customer's stored address is unusable), the
    page says the answer was not sent, in the viewer's language, and nothing of it is kept."""
    mailflow, clock = shared_desk(tmp_path, shared_db), Clock(START + timedelta(days=21))
    number = _unanswerable_claim(mailflow)
    with browser(mailflow, clock) as client:
        sign_in(client, mailflow, ANNA)
        answer = act(client, number, "reply", text="Иван, новая ваза уже в пути.")
    assert answer.status_code == 409
    assert "ответ не удалось подготовить к отправке клиенту" in answer.text
    with mailflow.db.transaction() as session:
        claim_id = seen(mailflow, number).claim.id
        relays = session.exec(select(OutboxRow).where(OutboxRow.kind == "relay",
                                                      OutboxRow.claim_id == claim_id)).all()
        stored = session.exec(select(MessageRow).where(MessageRow.source == "web",
                                                       MessageRow.claim_id == claim_id)).all()
    assert (relays, stored) == ([], [])


def test_a_refused_answer_keeps_its_text_in_the_form(tmp_path: Path, shared_db: str) -> None:
    """An answer refused on the page (409 by the rules, 400 when blank) comes back with the
    text still in the answer form, escaped, so that nothing written is lost."""
    mailflow, clock = shared_desk(tmp_path, shared_db), Clock(START + timedelta(days=22))
    number = _unanswerable_claim(mailflow)
    written = "Иван, ваза <b>уже</b> в пути & скоро будет.\n</textarea><script>x()</script>"
    with browser(mailflow, clock) as client:
        sign_in(client, mailflow, ANNA)
        refused = act(client, number, "reply", text=written)
        blank = act(client, number, "reply", text="   ")
    assert refused.status_code == 409
    reply_form = refused.text.split(f'action="/claims/{number}/reply"')[1]
    kept = re.search(r"<textarea[^>]*>\n?(.*?)</textarea>", reply_form, re.S)
    assert kept is not None
    assert kept.group(1) == (
        "Иван, ваза &lt;b&gt;уже&lt;/b&gt; в пути &amp; скоро будет.\n"
        "&lt;/textarea&gt;&lt;script&gt;x()&lt;/script&gt;")
    assert "<script>x()" not in refused.text
    assert blank.status_code == 400
    assert "&lt;b&gt;" not in blank.text
