"""Rendering templates and composing MIME: escaping, encoding and header safety."""

from __future__ import annotations

import email
import email.policy
from datetime import UTC, date, datetime, timedelta, timezone
from email.message import EmailMessage
from pathlib import Path

import pytest

from mailflow.domain.model import Address, AttachmentPart, OutgoingMail
from mailflow.errors import ConfigError, SendRejected
from mailflow.send.compose import clean_header_value, compose, envelope_recipients
from mailflow.send.render import TemplateRenderer, format_date, format_datetime

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
WHEN = datetime(2026, 12, 1, 14, 5, tzinfo=timezone(timedelta(hours=3)))
CONTEXT: dict[str, object] = {
    "claim_number": "CLM-2026-000001",
    "company_name": "ООО «Ромашка»",
    "customer_name": "Иван <b>Петров</b>",
    "original_subject": "Ваза <script>alert(1)</script>",
    "received_at": WHEN,
    "answer_by": date(2026, 12, 11),
    "specialist": None,
    "missing_items": [],
    "quoted_text": "> Ваза пришла разбитой\n> <script>alert('x')</script>",
    "customer_link": "",
}


def mail(**changes: object) -> OutgoingMail:
    values: dict[str, object] = {
        "kind": "acknowledgement",
        "sender": Address("claims@shop.example", "Отдел претензий"),
        "to": (Address("ivan@mail.example", "Иван Петров"),),
        "subject": "[CLM-2026-000001] Re: Разбитая ваза",
        "text": "Здравствуйте!\nВаша претензия зарегистрирована.\n",
        "html": "<p>Здравствуйте!</p>",
        "message_id": "mf.CLM-2026-000001.0123456789abcdef.u1@shop.example",
    }
    values.update(changes)
    return OutgoingMail(**values)  # type: ignore[arg-type]


def parsed(raw: bytes) -> EmailMessage:
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    return message


@pytest.fixture
def renderer() -> TemplateRenderer:
    return TemplateRenderer(TEMPLATES)


def test_russian_acknowledgement_is_rendered_in_russian(renderer: TemplateRenderer) -> None:
    """The Russian template names the claim, the dates in Russian and the company."""
    result = renderer.render_acknowledgement("ru", **CONTEXT)
    assert result.subject == "Ваша претензия зарегистрирована"
    assert "зарегистрирована под номером CLM-2026-000001" in result.text
    assert "Не позднее 11 декабря 2026 г. специалист" in result.text
    assert "1 декабря 2026 г. в 14:05" in result.text
    assert "ООО «Ромашка»" in result.text
    assert "CLM-2026-000001" in result.html


def test_english_acknowledgement_is_rendered_in_english(renderer: TemplateRenderer) -> None:
    """The English template names the claim and formats dates in English."""
    result = renderer.render_acknowledgement("en", **CONTEXT)
    assert result.subject == "Your claim has been registered"
    assert "registered under number CLM-2026-000001" in result.text
    assert "in writing by 11 December 2026" in result.text


def test_unknown_language_falls_back_to_english(renderer: TemplateRenderer) -> None:
    """A language without templates gets the English acknowledgement; `ru-RU` is Russian."""
    assert renderer.render_acknowledgement("de", **CONTEXT).subject.startswith("Your claim")
    assert renderer.render_acknowledgement("ru-RU", **CONTEXT).subject.startswith("Ваша")


@pytest.mark.parametrize("language", ["ru", "en"])
def test_html_escapes_customer_text(renderer: TemplateRenderer, language: str) -> None:
    """Customer-supplied `<script>` reaches the HTML only escaped; plain text keeps it as is."""
    result = renderer.render_acknowledgement(language, **CONTEXT)
    assert "<script>" not in result.html
    assert "&lt;script&gt;" in result.html
    assert "<b>Петров</b>" not in result.html
    assert "<script>alert('x')</script>" in result.text


@pytest.mark.parametrize("language", ["ru", "en"])
def test_optional_parts_appear_only_when_given(renderer: TemplateRenderer,
                                               language: str) -> None:
    """The specialist and missing items are mentioned only when present."""
    plain = renderer.render_acknowledgement(language, **CONTEXT)
    full = renderer.render_acknowledgement(language, **{
        **CONTEXT, "specialist": "Анна Смирнова, специалист по претензиям",
        "missing_items": ["номер заказа"], "answer_by": None})
    assert "Анна Смирнова" not in plain.text
    assert "Анна Смирнова" in full.text
    assert "номер заказа" in full.text
    assert "<li>номер заказа</li>" in full.html


def test_missing_variable_is_a_config_error(renderer: TemplateRenderer) -> None:
    """A template variable left out is reported as a ConfigError naming the template."""
    context = {key: value for key, value in CONTEXT.items() if key != "claim_number"}
    with pytest.raises(ConfigError, match=r"acknowledgement\.en"):
        renderer.render_acknowledgement("en", **context)


def test_date_formatting() -> None:
    """Dates read naturally in both languages, without locale data."""
    assert format_date(date(2026, 3, 8), "ru") == "8 марта 2026 г."
    assert format_date(date(2026, 3, 8), "en") == "8 March 2026"
    assert format_datetime(datetime(2026, 5, 1, 9, 7), "en") == "1 May 2026 at 09:07"


def test_compose_round_trip() -> None:
    """Composed bytes parse back to the same Russian subject, names, ids, date and bodies."""
    raw = compose(mail(in_reply_to="m1@mail.example", references=("r0@x", "m1@mail.example"),
                       headers=(("Auto-Submitted", "auto-replied"),)), WHEN)
    raw.decode("ascii")  # 7-bit clean: RFC 2047 headers, encoded bodies
    message = parsed(raw)
    assert message["Subject"] == "[CLM-2026-000001] Re: Разбитая ваза"
    assert message["From"].addresses[0].display_name == "Отдел претензий"
    assert message["To"].addresses[0].addr_spec == "ivan@mail.example"
    assert message["Message-ID"] == "<mf.CLM-2026-000001.0123456789abcdef.u1@shop.example>"
    assert message["In-Reply-To"] == "<m1@mail.example>"
    assert message["References"] == "<r0@x> <m1@mail.example>"
    assert message["Auto-Submitted"] == "auto-replied"
    assert message["Date"].datetime == WHEN
    assert message.get_content_type() == "multipart/alternative"
    text = message.get_body(("plain",))
    html = message.get_body(("html",))
    assert text is not None
    assert "Ваша претензия" in text.get_content()
    assert html is not None
    assert html.get_content().strip() == "<p>Здравствуйте!</p>"


def test_text_only_mail_is_single_part() -> None:
    """Without HTML the message is a single text/plain part."""
    assert parsed(compose(mail(html=None), WHEN)).get_content_type() == "text/plain"


def test_crlf_in_subject_name_and_extra_header_adds_no_header() -> None:
    """CR/LF smuggled into subject, display name or header value never starts a new header."""
    evil = mail(subject="Привет\r\nBcc: victim@evil.example",
                to=(Address("ivan@mail.example", "Ivan\r\nBcc: victim@evil.example"),),
                headers=(("X-Mailflow-Claim", "CLM\nBcc: victim@evil.example"),))
    message = parsed(compose(evil, WHEN))
    assert "Bcc" not in message
    assert len(message.get_all("To") or []) == 1
    assert message["Subject"] == "Привет Bcc: victim@evil.example"
    assert message["To"].addresses[0].display_name == "Ivan Bcc: victim@evil.example"
    assert message["X-Mailflow-Claim"] == "CLM Bcc: victim@evil.example"


def test_clean_header_value_replaces_every_line_breaker() -> None:
    """Control characters and Unicode line separators all become single spaces."""
    assert clean_header_value("a\rb\nc\x00d\x0be\x85f\u2028g\u2029h\x1bi") == "a b c d e f g h i"


@pytest.mark.parametrize("address", [
    "ivan@mail.example\r\nBcc: x@y", "ivan smith@mail.example", "a@b@c.example", "no-at-sign",
    "@mail.example", "ivan@", "ivan@-bad-.example", "иван\u200b@mail.example",
    "ив ан@mail.example",
])
def test_unsafe_addresses_are_rejected(address: str) -> None:
    """An address with line breaks, spaces, several @ or no parts raises SendRejected."""
    with pytest.raises(SendRejected):
        compose(mail(to=(Address(address),)), WHEN)


def test_structural_extra_header_is_rejected() -> None:
    """Extra headers may not replace structural ones such as Bcc or From."""
    with pytest.raises(SendRejected):
        compose(mail(headers=(("Bcc", "x@evil.example"),)), WHEN)


def test_bad_extra_header_name_is_rejected() -> None:
    """A header name with a colon or space is refused."""
    with pytest.raises(SendRejected):
        compose(mail(headers=(("X-Evil: yes\r\nBcc", "x"),)), WHEN)


def test_mail_without_recipients_is_rejected() -> None:
    """A mail with no To address cannot be sent."""
    with pytest.raises(SendRejected):
        compose(mail(to=()), WHEN)


def test_attachments_are_included() -> None:
    """Attachments keep their bytes, type and a Russian filename."""
    photo = AttachmentPart("фото повреждений.jpg", "image/jpeg", b"\xff\xd8\xff\xe0")
    message = parsed(compose(mail(attachments=(photo,)), datetime(2026, 1, 1, tzinfo=UTC)))
    assert message.get_content_type() == "multipart/mixed"
    [attachment] = list(message.iter_attachments())
    assert attachment.get_filename() == "фото повреждений.jpg"
    assert attachment.get_content_type() == "image/jpeg"
    assert attachment.get_content() == b"\xff\xd8\xff\xe0"


def test_envelope_recipients_are_checked_unique_and_idna() -> None:
    """RCPT TO lists each To address once, with a Unicode domain in IDNA form."""
    recipients = envelope_recipients(mail(to=(
        Address("ivan@mail.example"), Address("ivan@mail.example"), Address("info@почта.рф"))))
    assert recipients == ["ivan@mail.example", "info@xn--80a1acny.xn--p1ai"]


def test_malformed_thread_ids_are_dropped_not_fatal() -> None:
    """A customer's malformed In-Reply-To/References id is left out instead of failing the mail."""
    message = parsed(compose(mail(in_reply_to="bad id@x", references=("<ok@x>", "a b@x")), WHEN))
    assert "In-Reply-To" not in message
    assert message["References"] == "<ok@x>"


def test_long_reference_chain_keeps_first_and_newest() -> None:
    """Over twenty references keep the first id and the nineteen newest."""
    ids = tuple(f"r{n}@x" for n in range(30))
    message = parsed(compose(mail(references=ids), WHEN))
    kept = message["References"].split()
    assert kept == ["<r0@x>", *(f"<r{n}@x>" for n in range(11, 30))]


def test_invalid_own_message_id_is_rejected() -> None:
    """Our own Message-ID must be well formed; a broken one raises SendRejected."""
    with pytest.raises(SendRejected):
        compose(mail(message_id="two words@x"), WHEN)


def test_utf8_local_part_is_written_as_utf8_headers() -> None:
    """`иван@пример.рф` (RFC 6531) goes into a UTF-8 To header with an IDNA domain, never
    into an encoded word, which an address may not contain (RFC 2047 section 5)."""
    mail = OutgoingMail(kind="relay", sender=Address("claims@shop.example", "Claims"),
                        to=(Address("иван@пример.рф", "Иван"),), subject="Тема",
                        text="текст", message_id="m1@shop.example")
    raw = compose(mail, datetime(2026, 12, 3, tzinfo=UTC))
    assert "Иван <иван@xn--e1afmkfd.xn--p1ai>".encode() in raw
    assert b"=?utf-8?b?0LjQstCw0L0=?=@" not in raw
