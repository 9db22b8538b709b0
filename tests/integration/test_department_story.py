"""Issue 11's "Done when", end to end through dovecot and aiosmtpd on both databases: a key
customer's claim goes from the first letter through an answer the director edits and
approves to a decided, closed and rated claim, entirely by email.

With MAILFLOW_STORY_OUT=DIR set, every mail of the story is also written to DIR as its
recipient sees it (From, To, Subject and the text part), one numbered file each."""

from __future__ import annotations

import os
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import select

from mailflow.cli.output import claim_detail
from mailflow.store.tables import ClaimRow
from tests import corpus
from tests.integration import support
from tests.integration.test_entry_and_merge import MX, PASS, entry
from tests.integration.test_workflow import (
    ANNA,
    CUSTOMER,
    MANAGER,
    MANAGERS,
    TEAM,
    Desk,
    parse,
    reply,
    text_of,
)
from tests.servers import Dovecot, SmtpSink, address

pytestmark = [pytest.mark.imap, pytest.mark.smtp]

DIRECTOR = address("director")
BOARD = [*MANAGERS, {"name": "Сергей Волков", "position": "генеральный директор",
                     "email": DIRECTOR}]
KEY_ACCOUNTS = [{"match": "customer@example.test", "name": "Петров и партнёры",
                 "approver": DIRECTOR}]
DRAFT = ("Иван, по вашей претензии: перевозчик повредил упаковку, экран заменить нельзя.\n"
         "Мы вернём вам 1500 рублей за повреждение.")
EDITED = ("Иван, добрый день!\n\nМы проверили вашу претензию: телевизор повредил перевозчик. "
          "Мы вернём вам 1 500 рублей на карту в течение пяти рабочих дней.\n\n"
          "Приносим извинения за доставку.")
ANNA_REPLY = ("#outcome partly\n#compensation refund 1500 RUB\n#cause carrier\n\n"
              f"{DRAFT}\n\n#status resolved")
RATING = "5 Спасибо, всё быстро"
# Words of mailflow's mail to staff, and of staff's own lines, that no customer may read.
INTERNAL = ("#outcome", "#compensation", "#cause", "#status", "#approve", "#согласовать",
            "Ответ на согласование", "Почему нужно согласование", "ключевой клиент",
            "экран заменить нельзя", DIRECTOR, MANAGER, ANNA)


class Story:
    """The desk, and every mail of the story in order, written out when asked."""

    def __init__(self, desk: Desk, out: str | None) -> None:
        self.desk = desk
        self.out = Path(out) if out else None
        self.count = 0
        if self.out:
            self.out.mkdir(parents=True, exist_ok=True)
            for old in self.out.glob("[0-9][0-9]-*.txt"):
                old.unlink()

    def send(self, raw: bytes, who: str) -> None:
        """`who` writes `raw` to the claims address; mailflow processes it."""
        self.keep(parse(raw), who, "claims")
        self.desk.send(raw)

    def one(self, user: str) -> EmailMessage:
        """The single new mail of `user`, kept for the story."""
        message = self.desk.one(user)
        self.keep(message, "mailflow", user)
        return message

    def inbox(self, user: str) -> list[EmailMessage]:
        messages = self.desk.inbox(user)
        for message in messages:
            self.keep(message, "mailflow", user)
        return messages

    def keep(self, message: EmailMessage, sender: str, recipient: str) -> None:
        self.count += 1
        if self.out is None:
            return
        name = f"{self.count:02d}-{sender}-to-{recipient}.txt"
        (self.out / name).write_text(
            f"From: {message['From']}\nTo: {message['To']}\nSubject: {message['Subject']}\n\n"
            f"{text_of(message)}", encoding="utf-8")


@pytest.fixture
def story(tmp_path: Path, db_url: str, clean_dovecot: Dovecot, smtp_sink: SmtpSink) -> Story:
    """Ivan's company is a key account whose answers the director approves; Maria (the head
    of the department) approves the rest; Anna handles damage claims."""
    smtp_sink.relay_to(clean_dovecot)
    app = support.app(tmp_path, db_url, clean_dovecot, smtp_sink, specialists=TEAM,
                      managers=BOARD, approval={"enabled": True, "approver": MANAGER},
                      key_accounts=KEY_ACCOUNTS, workflow={"authserv_id": MX})
    return Story(Desk(app, clean_dovecot, smtp_sink), os.environ.get("MAILFLOW_STORY_OUT"))


def recipient(message: EmailMessage) -> str:
    return str(message["To"].addresses[0].addr_spec)


def sender(message: EmailMessage) -> str:
    return str(message["From"].addresses[0].addr_spec)


def assert_nothing_internal(message: EmailMessage) -> None:
    """The customer's mail comes from the claims address and carries no staff-only words."""
    assert sender(message) == support.CLAIMS
    text = text_of(message)
    leaked = [word for word in INTERNAL if word in text]
    assert not leaked, leaked
    assert "+" not in str(message["Reply-To"] or "")  # no staff's personal reference


def shown(desk: Desk) -> dict[str, Any]:
    """The claim as `mailflow claims show --format json` prints it."""
    with desk.app.db.transaction() as session:
        return claim_detail(session, session.exec(select(ClaimRow)).one())


def test_key_customer_claim_from_first_letter_to_rated_close(story: Story) -> None:
    """Ivan writes; Anna decides and answers; the director edits and approves; Ivan gets only
    the director's text and the status, Anna closes, Ivan's "5" is recorded quietly."""
    desk = story.desk
    story.send(corpus.with_attachments(sender=CUSTOMER, to=support.CLAIMS,
                                       message_id="tv-story@mail.example.ru"),
               "customer")
    number = desk.claim().number

    ack = story.one("customer")
    assert recipient(ack) == "customer@example.test"
    assert f"[{number}]" in ack["Subject"]
    assert "Анна Смирнова" in text_of(ack)
    assert_nothing_internal(ack)
    notice = story.one("specialist1")
    assert (recipient(notice), sender(notice)) == (ANNA, support.CLAIMS)
    assert f"[{number}]" in notice["Subject"]
    assert "экран телевизора разбит" in text_of(notice)
    assert desk.nothing_for("director", "manager")

    story.send(reply(notice, ANNA, ANNA_REPLY), "specialist1")

    request = story.one("director")
    assert recipient(request) == DIRECTOR
    assert "Ответ на согласование" in request["Subject"]
    assert f"[{number}]" in request["Subject"]
    request_text = text_of(request)
    for line in ("Сергей Волков", "ключевой клиент «Петров и партнёры»", DRAFT,
                 "Решение: частично принята", "Компенсация: возврат денег 1500.00 RUB",
                 "Причина претензии: перевозчик", "Решена"):
        assert line in request_text, line
    assert "#outcome" not in request_text.split("==== Ответ клиенту ====")[1]
    assert desk.nothing_for("customer", "specialist1", "manager")
    assert desk.claim().status == "assigned"
    detail = shown(desk)
    assert (detail["outcome"], detail["cause"]) == ("partly", "carrier")

    story.send(reply(request, DIRECTOR, f"{EDITED}\n\n#approve"), "director")

    relayed, status = story.inbox("customer")
    assert recipient(relayed) == "customer@example.test"
    assert text_of(relayed).startswith(EDITED)
    assert "Мы вернём вам 1500 рублей за повреждение." not in text_of(relayed)
    assert "Анна Смирнова" in text_of(relayed)
    assert_nothing_internal(relayed)
    assert (recipient(status), status["Subject"]) == (
        "customer@example.test", f"[{number}] Статус претензии: Решена")
    assert "Решена" in text_of(status)
    assert_nothing_internal(status)
    told = story.one("specialist1")
    assert recipient(told) == ANNA
    assert told["Subject"] == f"[{number}] Ответ согласован с изменениями и отправлен"
    assert "Сергей Волков согласовал(а)" in text_of(told)
    assert EDITED.splitlines()[0] in text_of(told)
    assert desk.claim().status == "resolved"
    assert desk.nothing_for("director", "manager")

    story.send(reply(told, ANNA, "#close"), "specialist1")

    closing = story.one("customer")
    assert (recipient(closing), closing["Subject"]) == (
        "customer@example.test", f"[{number}] Статус претензии: Закрыта")
    assert "начав его с одной цифры от 1 до 5" in text_of(closing)
    assert_nothing_internal(closing)
    assert desk.claim().status == "closed"
    assert desk.nothing_for("specialist1", "director")

    story.send(reply(closing, CUSTOMER, RATING), "customer")

    assert desk.nothing_for("customer", "director", "manager")
    rated = story.one("specialist1")
    assert (recipient(rated), rated["Subject"]) == (ANNA, f"[{number}] Оценка клиента: 5 из 5")
    assert "Спасибо, всё быстро" in text_of(rated)
    detail = shown(desk)
    assert detail["status"] == "closed"
    assert (detail["outcome"], detail["cause"]) == ("partly", "carrier")
    assert detail["compensation"] == {"kind": "refund", "amount": "1500.00", "currency": "RUB"}
    assert (detail["rating"], detail["rating_comment"]) == (5, "Спасибо, всё быстро")
    to_ivan = [r for r in desk.sink.received if r.rcpt_tos == ["customer@example.test"]]
    assert len(to_ivan) == 4  # acknowledgement, the approved answer, resolved, closed
    assert [e["edited"] for e in desk.events("approval.approved")] == [True]


def test_key_customer_claim_entered_by_staff_waits_for_the_director(story: Story) -> None:
    """Ivan phoned; Anna enters his claim with `#new`: it is acknowledged to him at once,
    but her answer on it, a key account's, waits for the director like any other."""
    desk = story.desk
    desk.send(PASS + entry())
    assert desk.claim().origin == "staff"
    assert "Анна Смирнова" in text_of(desk.one("customer"))
    [registered] = [m for m in desk.inbox("specialist1")
                    if "Претензия зарегистрирована" in m["Subject"]]

    desk.send(reply(registered, ANNA, DRAFT))

    request = desk.one("director")
    assert "Ответ на согласование" in request["Subject"]
    assert DRAFT in text_of(request)
    assert desk.nothing_for("customer")

    desk.send(reply(request, DIRECTOR, "#согласовать"))

    assert text_of(desk.one("customer")).startswith(DRAFT)
