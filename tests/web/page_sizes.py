"""The rendered size of the web pages on a realistic desk: the claims list with a full page of
rows, a long claim (customer letters and answers, with photos) on the staff page and on the
customer's page. Used by tests/web/test_page_sizes.py and bench/web_pages.py."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from sqlmodel import func, select

from mailflow.app import App
from mailflow.store.claims import get_claim
from mailflow.store.tables import ClaimRow, MessageRow
from mailflow.web.links import make_token
from tests.web.staff_support import (
    ANNA,
    MARIA,
    START,
    TEAM,
    Clock,
    browser,
    desk,
    letter,
    open_claim,
    sign_in,
)

LIMIT = 100 * 1024
PHOTO = b"\xff\xd8\xff\xe0" + b"\x00" * 2048 + b"\xff\xd9"
PARAGRAPH = ("Здравствуйте! Получили диван по заказу ЗК-{n}, упаковка была повреждена, на "
             "корпусе царапины и вмятина длиной около десяти сантиметров. Курьер привёз его "
             "с опозданием на три дня, коробка была мокрой. Прошу заменить товар или вернуть "
             "деньги, фотографии прилагаю. ")


ANSWER = ("Иван, спасибо за фотографии. Мы передали их в службу доставки и ждём её решения; "
          "новый диван со склада отправим, как только она подтвердит повреждение. Ответ {n}.")


def _text(n: int) -> str:
    """A customer's letter of about 1,500 characters."""
    return "\n\n".join(PARAGRAPH.format(n=70_000 + n) for _ in range(4)) + "\nИван Петров"


def fill_list(mailflow: App, rows: int) -> None:
    """`rows` claims of different customers, each with a long subject, spread over the team."""
    owners = [person["email"] for person in TEAM]
    for n in range(rows):
        subject = f"Претензия по заказу ЗК-{70_000 + n}: повреждённый диван и опоздание доставки"
        open_claim(mailflow, letter(_text(n), subject=subject, sender=f"client{n}@c.test"),
                   owners[n % len(owners)], at=START + timedelta(minutes=n))


def long_claim(mailflow: App, turns: int) -> str:
    """A claim of `turns` turns: the customer's letters (every third with a photo) and Anna's
    answers in turn; its number. Each letter also stores the follow-up mail to Anna (which
    quotes it) and each answer the relay to the customer, so the timeline holds about twice
    as many messages as turns."""
    number = open_claim(mailflow, letter(_text(0), sender="long@c.test", attachments=[
        ("photo-0.jpg", "image/jpeg", PHOTO)]), ANNA)
    add_turns(mailflow, number, range(1, turns))
    return number


def add_turns(mailflow: App, number: str, turns: range) -> None:
    """The turns numbered `turns` of the long claim `number` (see `long_claim`)."""
    anna = mailflow.team.find(ANNA)
    assert anna is not None
    for n in turns:
        at = START + timedelta(hours=n)
        if n % 2:
            with mailflow.db.transaction() as session:
                claim = get_claim(session, number)
                assert claim is not None
                mailflow.workflow.answer_from_web(session, claim, anna, ANSWER.format(n=n), at,
                                                  origin={"via": "web", "ip": "127.0.0.1"})
            continue
        photos = [(f"photo-{n}.jpg", "image/jpeg", PHOTO)] if n % 3 == 0 else []
        mailflow.pipeline.process(letter(_text(n), subject=f"Re: [{number}] Разбитая ваза",
                                         sender="long@c.test", attachments=photos), "test", at)


def measure(folder: Path, db_url: str, rows: int = 50, turns: int = 15) -> dict[str, int]:
    """Bytes of the claims list (`rows` rows), the staff page and the customer's page of a
    claim of `turns` turns, and how many messages that claim's timeline holds."""
    mailflow, clock = desk(folder, db_url, page_size=rows), Clock(START + timedelta(days=2))
    fill_list(mailflow, rows)
    number = long_claim(mailflow, turns)
    with mailflow.db.transaction() as session:
        claim = session.exec(select(ClaimRow).where(ClaimRow.number == number)).one()
        token = make_token(mailflow.secret, number, claim.customer_email, claim.link_version)
        messages = session.exec(select(func.count()).select_from(MessageRow).where(
            MessageRow.claim_id == claim.id)).one()
    with browser(mailflow, clock) as client:
        sign_in(client, mailflow, MARIA)
        listing = client.get("/claims")
        page = client.get(f"/claims/{number}")
        customer = client.get(f"/c/{token}")
    assert (listing.status_code, page.status_code, customer.status_code) == (200, 200, 200)
    assert listing.text.count("/claims/CLM-") >= rows
    return {"claims list": len(listing.content), "claim page": len(page.content),
            "customer page": len(customer.content), "messages": messages}
