"""What the extract stage hands the extractor: the customer's evidence, not decoration."""

from __future__ import annotations

from mailflow.domain.model import Address, AttachmentPart, ParsedMessage
from mailflow.extract.config import default_extract_config
from mailflow.extract.fields import extract
from mailflow.extract.stage import claim_text

JPEG = b"\xff\xd8\xff\xe0" + bytes(20)


def test_inline_photo_counts_but_an_embedded_logo_does_not() -> None:
    """Apple Mail's inline photo is evidence; an Outlook signature logo shown by `cid:` is
    not, so the acknowledgement never asks again for photos already sent."""
    photo = AttachmentPart("IMG_0001.jpg", "image/jpeg", JPEG, inline=True,
                           content_id="<photo1@mac>")
    logo = AttachmentPart("image001.png", "image/png", JPEG, inline=True,
                          content_id="<image001.png@01DA>")
    msg = ParsedMessage(message_id="m@x", subject="Разбит", from_=Address("a@b.ru"),
                        text="Фото ниже.", html='<p>Фото</p><img src="cid:image001.png@01DA">',
                        attachments=(photo, logo))
    assert [a.filename for a in claim_text(msg, "ru").attachments] == ["IMG_0001.jpg"]


def _message(text: str) -> ParsedMessage:
    return ParsedMessage(message_id="m@x", subject="Разбит чайник", from_=Address("a@b.ru"),
                         text=text, language="ru")


def _read(text: str) -> list[tuple[str, str, str]]:
    extraction = extract(claim_text(_message(text), "ru"), default_extract_config())
    return [(f.name.value, f.value, f.source.value) for f in extraction.fields]


def test_a_phone_below_the_signature_delimiter_is_read() -> None:
    """A phone written only in the signature block is the customer's contact phone."""
    found = _read("Чайник пришёл разбитым, прошу заменить.\n\n-- \nИван Петров\n"
                  "тел. +7 (916) 800-12-34\nООО Ромашка, г. Тверь, ул. Лесная, 5")
    assert ("phone", "+79168001234", "signature") in found


def test_only_the_phone_is_read_from_the_signature() -> None:
    """The signature's address and amounts are decoration, not the claim's location."""
    found = _read("Чайник пришёл разбитым, прошу заменить.\n\n-- \nИван Петров\n"
                  "тел. +7 (916) 800-12-34\nСклад: г. Тверь, ул. Лесная, 5\n"
                  "Уставный капитал 10 000 руб.")
    assert {name for name, _, source in found if source == "signature"} == {"phone"}
    assert not [name for name, _, _ in found if name in ("location", "amount")]


def test_a_phone_in_the_text_wins_over_the_signature() -> None:
    """When the customer writes a phone in the letter, the signature's numbers are not added."""
    found = _read("Чайник разбит, звоните 8 999 203 44 55.\n\n-- \nИван\nтел. +7 916 800-12-34")
    assert [value for name, value, _ in found if name == "phone"] == ["+79992034455"]
