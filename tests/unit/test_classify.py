"""Classification rules: each fires on its sign and stays quiet without it."""

from __future__ import annotations

import pytest

from mailflow.classify.rules import (
    RULES,
    ClassifyContext,
    classify,
    is_automatic_reply,
    wants_no_ack,
)
from mailflow.domain.model import Address, AttachmentPart, MessageKind, ParsedMessage

CONTEXT = ClassifyContext(
    claims_address="claims@shop.example",
    own_addresses=frozenset({"claims@shop.example", "pretenzii@shop.example"}),
    specialist_addresses=frozenset({"anna@shop.example"}),
)


def message(*headers: tuple[str, str], sender: str = "ivan@mail.example",
            subject: str = "Разбитая ваза", **fields: object) -> ParsedMessage:
    values: dict[str, object] = {"message_id": "abc@mail.example", "subject": subject,
                                 "from_": Address(sender), "headers": headers}
    values.update(fields)
    return ParsedMessage(**values)  # type: ignore[arg-type]


def fired(msg: ParsedMessage) -> tuple[str, ...]:
    return classify(msg, CONTEXT).rules


def test_plain_customer_message_fires_nothing() -> None:
    """A customer's ordinary message fires no rule and is CUSTOMER."""
    result = classify(message(("x-auto-response-suppress", "All")), CONTEXT)
    assert result.kind is MessageKind.CUSTOMER
    assert result.rules == ()


def test_rule_names_are_unique() -> None:
    """Every rule has its own name, so the recorded hits are unambiguous."""
    names = [rule.name for rule in RULES]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("subject", [
    "Automatic reply: Разбитая ваза", "Out of Office: vase", "Автоответ: Re: Претензия",
    "Автоматический ответ: Претензия", "Out of office chair arrived broken",
])
def test_subject_words_alone_never_make_mail_automated(subject: str) -> None:
    """An auto-reply-looking subject is recorded, but without a machine's header the
    message is a customer's (issue 9: "Out of office chair arrived broken")."""
    result = classify(message(subject=subject), CONTEXT)
    assert result.rules == ("auto-reply-subject",)
    assert result.kind is MessageKind.CUSTOMER


def test_subject_words_join_a_machines_header() -> None:
    """With an RFC 3834 header the subject rule is recorded beside it and the mail is an
    auto-reply."""
    result = classify(message(("auto-submitted", "auto-replied"),
                              subject="Automatic reply: vase"), CONTEXT)
    assert result.rules == ("auto-submitted", "auto-reply-subject")
    assert result.kind is MessageKind.AUTO_REPLY


@pytest.mark.parametrize(("msg", "rule", "kind"), [
    (message(sender="claims@shop.example"), "from-own-address", MessageKind.SELF),
    (message(sender="Pretenzii@Shop.Example"), "from-own-address", MessageKind.SELF),
    (message(("x-mailflow-loop", "claims@shop.example")), "own-loop-stamp", MessageKind.SELF),
    (message(message_id="mf.CLM-2026-000001.0123456789abcdef.x1@shop.example"),
     "own-message-id", MessageKind.SELF),
    (message(sender="MAILER-DAEMON@mx.example"), "from-mailer-daemon", MessageKind.BOUNCE),
    (message(sender="postmaster@mx.example"), "from-mailer-daemon", MessageKind.BOUNCE),
    (message(("return-path", "<>")), "null-return-path", MessageKind.BOUNCE),
    (message(content_type="multipart/report"), "multipart-report", MessageKind.BOUNCE),
    (message(attachments=(AttachmentPart("status", "message/delivery-status", b""),)),
     "delivery-status-part", MessageKind.BOUNCE),
    (message(("auto-submitted", "auto-replied")), "auto-submitted", MessageKind.AUTO_REPLY),
    (message(("auto-submitted", "Auto-Generated")), "auto-submitted", MessageKind.AUTO_REPLY),
    (message(("x-autoreply", "yes")), "x-autoreply", MessageKind.AUTO_REPLY),
    (message(("x-autorespond", "Vacation")), "x-autorespond", MessageKind.AUTO_REPLY),
    (message(("precedence", "auto_reply")), "precedence-auto-reply", MessageKind.AUTO_REPLY),
    (message(("x-ms-exchange-inbox-rules-loop", "ivan@mail.example")),
     "exchange-inbox-rules-loop", MessageKind.AUTO_REPLY),
    (message(("list-id", "<news.shop.example>")), "list-id", MessageKind.BULK),
    (message(("list-unsubscribe", "<mailto:u@x.example>")), "list-unsubscribe", MessageKind.BULK),
    (message(("precedence", "bulk")), "precedence-bulk", MessageKind.BULK),
    (message(("precedence", "list")), "precedence-bulk", MessageKind.BULK),
    (message(("precedence", "junk")), "precedence-bulk", MessageKind.BULK),
    (message(sender="anna@shop.example"), "from-specialist", MessageKind.SPECIALIST),
])
def test_rule_fires_and_decides_kind(msg: ParsedMessage, rule: str, kind: MessageKind) -> None:
    """Each sign fires exactly its rule, and alone it decides the message's kind."""
    result = classify(msg, CONTEXT)
    assert result.rules == (rule,)
    assert result.kind is kind


@pytest.mark.parametrize("msg", [
    message(("x-mailflow-loop", "claims@other.example")),
    message(("x-mailflow-loop", "claims@notshop.example")),
    message(("auto-submitted", "no")),
    message(("auto-submitted", "No; reason=test")),
    message(message_id="mf.CLM-2026-000001.0123456789abcdef.x1@other.example"),
    message(message_id="abc@shop.example"),
    message(sender="daemon-fan@mail.example"),
    message(("return-path", "<ivan@mail.example>")),
    message(content_type="multipart/mixed"),
    message(attachments=(AttachmentPart("photo.jpg", "image/jpeg", b"\xff"),)),
    message(("precedence", "first-class")),
    message(subject="Re: reply about my automatic washer"),
    message(subject="Заказ 123: автоответчик сломан"),
    message(sender="boris@shop.example"),
    message(sender=""),
])
def test_no_rule_fires_without_its_sign(msg: ParsedMessage) -> None:
    """Look-alikes of the signs (other domains, `no`, ordinary subjects) fire nothing."""
    assert fired(msg) == ()


def test_message_without_from_is_customer() -> None:
    """A message with no From at all is not mistaken for ours or a daemon's."""
    msg = ParsedMessage(message_id="a@b", subject="hi", from_=None)
    assert classify(msg, CONTEXT).kind is MessageKind.CUSTOMER


def test_null_return_path_with_auto_submitted_is_an_auto_reply() -> None:
    """RFC 3834 responders send from `<>` too, so that alone does not make a bounce."""
    result = classify(message(("return-path", "<>"), ("auto-submitted", "auto-replied")), CONTEXT)
    assert result.kind is MessageKind.AUTO_REPLY
    assert result.rules == ("auto-submitted",)


def test_all_fired_rules_are_recorded_and_precedence_decides() -> None:
    """A bounce that is also auto-submitted is a BOUNCE and both rule names are kept."""
    msg = message(("auto-submitted", "auto-replied"), sender="MAILER-DAEMON@mx.example",
                  content_type="multipart/report")
    result = classify(msg, CONTEXT)
    assert result.kind is MessageKind.BOUNCE
    assert result.rules == ("from-mailer-daemon", "multipart-report", "auto-submitted")


def test_auto_submitted_stamp_with_our_domain_is_self() -> None:
    """An Auto-Submitted stamp naming our domain marks our own auto-reply coming back."""
    result = classify(message(("auto-submitted", "auto-replied; by=shop.example")), CONTEXT)
    assert result.kind is MessageKind.SELF
    assert result.rules == ("own-loop-stamp", "auto-submitted")


def test_self_outranks_bounce() -> None:
    """Our own stamp wins over bounce signs: our mail coming back is SELF."""
    msg = message(("x-mailflow-loop", "claims@shop.example"), sender="postmaster@mx.example")
    assert classify(msg, CONTEXT).kind is MessageKind.SELF


def test_bulk_outranks_specialist() -> None:
    """A specialist's mailing-list post is BULK, not a specialist's message."""
    msg = message(("list-id", "<staff.shop.example>"), sender="anna@shop.example")
    assert classify(msg, CONTEXT).kind is MessageKind.BULK


def test_automated_kinds_are_automated() -> None:
    """An auto-reply is flagged automated, a customer's message is not."""
    assert classify(message(("x-autoreply", "yes")), CONTEXT).automated
    assert not classify(message(), CONTEXT).automated


@pytest.mark.parametrize(("headers", "expected"), [
    ((("x-ack", "no"),), True),
    ((("x-ack", "No"),), True),
    ((("x-ack", "yes"),), False),
    ((("x-auto-response-suppress", "All"),), True),
    ((("x-auto-response-suppress", "DR, AutoReply"),), True),
    ((("x-auto-response-suppress", "OOF"),), False),
    ((), False),
])
def test_wants_no_ack(headers: tuple[tuple[str, str], ...], expected: bool) -> None:
    """`X-Ack: no` and a suppress request covering auto-replies ask for no acknowledgement."""
    assert wants_no_ack(message(*headers)) is expected


@pytest.mark.parametrize(("headers", "expected"), [
    ((("auto-submitted", "auto-replied"),), True),
    ((("x-autoreply", "yes"),), True),
    ((("auto-submitted", "auto-generated"),), False),
    ((("auto-submitted", "auto-notified"),), False),
    ((("list-id", "<news.shop.example>"),), False),
])
def test_automatic_replies_are_told_from_machine_originated_mail(
        headers: tuple[tuple[str, str], ...], expected: bool) -> None:
    """An answering machine's reply (owner-less on a new claim) is told from a web form's or
    a notifier's own mail (which is worked like any claim)."""
    msg = message(*headers)
    assert is_automatic_reply(msg, classify(msg, CONTEXT)) is expected
