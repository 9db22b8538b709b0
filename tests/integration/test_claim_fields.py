"""Issue 10 end to end, through dovecot and aiosmtpd on both databases: a damage claim
without photos or an order number is asked for exactly those, and the follow-up that brings
them completes the claim."""

from __future__ import annotations

from email.message import EmailMessage
from email.policy import SMTP
from email.utils import make_msgid

import pytest
from sqlmodel import select

from mailflow.cli.output import claim_detail
from mailflow.store.tables import ClaimRow
from tests.integration.test_workflow import CUSTOMER, Desk, desk, fresh_message, text_of

pytestmark = [pytest.mark.imap, pytest.mark.smtp]
__all__ = ["desk"]

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + bytes(200) \
    + b"\xff\xd9"
CLAIM = ("Здравствуйте!\n\nВчера СДЭКом привезли телевизор, экран разбит, коробка смята.\n"
         "Прошу заменить телевизор.\n\nИван Петров\n")


def answer_with_photos(ack: EmailMessage) -> bytes:
    """Ivan answers the acknowledgement with the order number and two photos."""
    reply = EmailMessage()
    reply["From"], reply["To"] = CUSTOMER, str(ack["From"])
    reply["Subject"] = f"Re: {ack['Subject']}"
    reply["Message-ID"] = make_msgid(domain="mail.example.ru")
    reply["In-Reply-To"] = reply["References"] = ack["Message-ID"]
    reply.set_content("Номер заказа ЗК-70011. Фотографии во вложении.\n")
    for name in ("экран.jpg", "коробка.jpg"):
        reply.add_attachment(JPEG, maintype="image", subtype="jpeg", filename=name)
    return reply.as_bytes(policy=SMTP)


def test_missing_photos_and_order_are_asked_for_and_then_complete_the_claim(
        desk: Desk) -> None:
    """The acknowledgement asks in Russian for the photos and the order number (not for the
    demand, which Ivan gave); his answer records them, the specialist is told the claim is
    completed, and the claim's JSON shows each field with its source and span; the carrier
    he names is in the specialist's field table."""
    desk.send(fresh_message(CUSTOMER, "Разбитый телевизор", CLAIM))
    ack_message = desk.one("customer")
    ack = text_of(ack_message)
    assert "фотографии повреждённого товара и упаковки" in ack
    assert "номер заказа, счёта или накладной" in ack
    assert "чего вы просите" not in ack
    new_claim = text_of(desk.one("specialist1"))
    assert any(f"{label}: СДЭК (" in new_claim for label in ("Перевозчик", "Carrier"))

    desk.send(answer_with_photos(ack_message))

    completed = desk.one("specialist1")
    assert "Претензия дополнена" in str(completed["Subject"])
    assert "номер заказа, счёта или накладной" in text_of(completed)
    with desk.app.db.transaction() as session:
        claim = session.exec(select(ClaimRow)).one()
        detail = claim_detail(session, claim)
    fields = {f["name"]: f for f in detail["fields"]}
    assert fields["order_number"]["value"] == "ЗК-70011"
    assert fields["order_number"]["source"] == "body"
    start, end = fields["order_number"]["span"]
    assert "Номер заказа ЗК-70011. Фотографии во вложении."[start:end] == "ЗК-70011"
    assert fields["photos"]["value"] == "2"
    assert (fields["carrier"]["value"], fields["carrier"]["source"]) == ("СДЭК", "body")
    assert detail["missing"] == []



TRANSLIT = ("Zdravstvuyte! Tovar prishel povrezhdennyi, korobka razbita. Zakaz 77-1203.\n"
            "Proshu zamenit.\n\n-- \nIvan Petrov\ntel. +7 916 800-12-34\n")


def test_a_transliterated_letter_is_answered_in_russian_with_the_signature_phone(
        desk: Desk) -> None:
    """Russian written in Latin letters gets the Russian acknowledgement, and the phone
    written only below the signature delimiter is the claim's contact phone."""
    desk.send(fresh_message(CUSTOMER, "povrezhdenie", TRANSLIT))
    ack = text_of(desk.one("customer"))
    assert "фотографии повреждённого товара и упаковки" in ack
    desk.one("specialist1")
    with desk.app.db.transaction() as session:
        detail = claim_detail(session, session.exec(select(ClaimRow)).one())
    fields = {f["name"]: f for f in detail["fields"]}
    assert (fields["phone"]["value"], fields["phone"]["source"]) == ("+79168001234", "signature")
    assert detail["category"] == "damage"
