"""Issue 11, points 2 and 5, end to end through dovecot and aiosmtpd on both databases: the
specialist records the decision, compensation and cause by mail, a claim is not resolved
without a decision, bad arguments change nothing, and the customer's rating of the closed
claim is recorded without an answer and without reopening it."""

from __future__ import annotations

from typing import Any

import pytest
from sqlmodel import select

from mailflow.cli.claims import _claim_text
from mailflow.cli.output import claim_detail
from mailflow.store.tables import ClaimRow
from tests.integration.test_workflow import (
    ANNA,
    CUSTOMER,
    Desk,
    desk,
    open_claim,
    reply,
    text_of,
)

pytestmark = [pytest.mark.imap, pytest.mark.smtp]
__all__ = ["desk"]

ANSWER = "Иван, мы вернём часть стоимости телевизора."


def shown(desk: Desk) -> dict[str, Any]:
    """The claim as `mailflow claims show --format json` prints it."""
    with desk.app.db.transaction() as session:
        claim = session.exec(select(ClaimRow)).one()
        return claim_detail(session, claim)


def test_decision_compensation_and_cause_by_mail_show_in_the_claim(
        desk: Desk, monkeypatch: pytest.MonkeyPatch) -> None:
    """Anna's `#решение`, `#компенсация` and `#причина` above her answer are recorded as
    events with the earlier values, the answer alone reaches Ivan, and `claims show` (JSON
    and text) gives the amount as a decimal string with its currency, the text in words."""
    _, _, notice = open_claim(desk)

    desk.send(reply(notice, ANNA, "#решение частично: экран заменить нельзя\n"
                                  "#компенсация возврат 1 500,50 руб\n#причина перевозчик\n\n"
                                  + ANSWER))
    desk.send(reply(notice, ANNA, "#cause warehouse"))

    assert text_of(desk.one("customer")).startswith(ANSWER)
    detail = shown(desk)
    assert (detail["outcome"], detail["outcome_reason"], detail["cause"]) == (
        "partly", "экран заменить нельзя", "warehouse")
    assert detail["compensation"] == {"kind": "refund", "amount": "1500.50", "currency": "RUB"}
    assert desk.events("claim.cause") == [{"to": "carrier", "from": None},
                                          {"to": "warehouse", "from": "carrier"}]
    assert desk.events("claim.outcome") == [
        {"to": {"outcome": "partly", "reason": "экран заменить нельзя"}, "from": None}]
    monkeypatch.setenv("MAILFLOW_LANG", "ru")
    shown_text = _claim_text(detail).splitlines()
    assert "компенсация: возврат денег 1500.50 RUB" in shown_text
    assert "решение: частично принята" in shown_text
    assert "причина претензии: склад" in shown_text
    assert desk.nothing_for("specialist1")


@pytest.mark.parametrize(("command", "problem"), [
    ("#status resolved", "не указано решение (#решение принята|частично|отклонена)"),
    ("#outcome rejected\n#close", "не указана причина отклонения"),
    ("#compensation many", "вид компенсации 'many' неизвестен; допустимые: возврат, замена"),
    ("#outcome maybe", "решение 'maybe' неизвестно; допустимые: принята, частично, отклонена"),
])
def test_no_decision_or_a_bad_argument_is_refused_and_changes_nothing(
        desk: Desk, command: str, problem: str) -> None:
    """Resolving without a decision, closing a rejection without a reason, or an argument
    that cannot be read: the error reply says what is wrong, and neither the claim nor the
    customer hears anything of the reply."""
    _, _, notice = open_claim(desk)

    desk.send(reply(notice, ANNA, f"{command}\n{ANSWER}"))

    error = desk.one("specialist1")
    assert "Команды не выполнены" in error["Subject"]
    assert problem in text_of(error)
    detail = shown(desk)
    assert (detail["status"], detail["outcome"], detail["compensation"]) == (
        "assigned", None, None)
    assert desk.nothing_for("customer")


def test_rating_of_the_closed_claim_is_recorded_quietly(desk: Desk) -> None:
    """The closing note asks Ivan for a rating; his "5, всё отлично" and then "3 - долго" are
    recorded (the second replacing the first) with no answer and no reopening, Anna is told
    of each; a reply that does not start with a digit still reopens the claim."""
    _, _, notice = open_claim(desk)
    desk.send(reply(notice, ANNA, "#close\n#outcome accepted\n#compensation замена\n\n"
                                  "Иван, новый телевизор привезут завтра."))
    relayed, closing = desk.inbox("customer")
    assert text_of(relayed).startswith("Иван, новый телевизор привезут завтра.")
    assert "начав его с одной цифры от 1 до 5" in text_of(closing)

    desk.send(reply(closing, CUSTOMER, "5, всё отлично"))
    desk.send(reply(closing, CUSTOMER, "3 - долго везли"))

    assert desk.nothing_for("customer")
    told = desk.inbox("specialist1")
    assert [str(m["Subject"]).split("] ")[1] for m in told] == [
        "Оценка клиента: 5 из 5", "Оценка клиента: 3 из 5"]
    assert "долго везли" in text_of(told[1])
    detail = shown(desk)
    assert (detail["status"], detail["rating"], detail["rating_comment"]) == (
        "closed", 3, "долго везли")
    first, second = desk.events("claim.rated")
    assert (first["score"], first["previous"]) == (5, None)
    assert (second["previous"]["score"], second["previous"]["comment"]) == (5, "всё отлично")
    assert [m["kind"] for m in detail["messages"] if m["direction"] == "in"][-2:] == [
        "rating", "rating"]

    desk.send(reply(closing, CUSTOMER, "Телевизор тоже с трещиной."))

    assert desk.claim().status == "reopened"
    assert "Телевизор тоже с трещиной." in text_of(desk.one("specialist1"))
