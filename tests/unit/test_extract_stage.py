"""What the extract stage hands the extractor: the customer's evidence, not decoration."""

from __future__ import annotations

from mailflow.domain.model import Address, AttachmentPart, ParsedMessage
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
