"""Acknowledgement decisions and the acknowledgement mail itself."""

from __future__ import annotations

import pytest

from mailflow.decide.acknowledge import AckDecision, decide_acknowledgement, quote_text
from mailflow.domain.claims import acknowledgement_subject, base_subject
from mailflow.domain.model import Address, Classification, MessageKind, ParsedMessage
from mailflow.send.acknowledgement import build_acknowledgement
from mailflow.send.render import RenderedMail

OWN = frozenset({"claims@shop.example", "pretenzii@shop.example"})
CUSTOMER = Classification(MessageKind.CUSTOMER)
IVAN = Address("ivan@mail.example", "Иван Петров")
SENDER = Address("claims@shop.example", "Отдел претензий")
RENDERED = RenderedMail(subject="Ваша претензия зарегистрирована", text="текст", html="<p>html</p>")


def message(*headers: tuple[str, str], from_: Address | None = IVAN,
            reply_to: tuple[Address, ...] = (), cc: tuple[Address, ...] = (),
            subject: str = "Разбитая ваза", message_id: str = "m1@mail.example",
            references: tuple[str, ...] = ()) -> ParsedMessage:
    return ParsedMessage(message_id=message_id, subject=subject, from_=from_, reply_to=reply_to,
                         cc=cc, headers=headers, references=references)


def decide(msg: ParsedMessage, classification: Classification = CUSTOMER, new: bool = True,
           recent: int = 0, limit: int = 10) -> AckDecision:
    return decide_acknowledgement(msg, classification, new, OWN, recent, limit)


def test_customer_new_claim_is_acknowledged_to_from() -> None:
    """A customer's message opening a claim is acknowledged to its From address."""
    assert decide(message()) == AckDecision(send=True, recipient=IVAN, reason="new-claim")


def test_follow_up_is_not_acknowledged() -> None:
    """A message joining an existing claim gets no acknowledgement."""
    assert decide(message(), new=False) == AckDecision(False, None, "not-a-new-claim")


@pytest.mark.parametrize("kind", [MessageKind.AUTO_REPLY, MessageKind.BOUNCE, MessageKind.BULK,
                                  MessageKind.SELF])
def test_automated_mail_is_never_acknowledged(kind: MessageKind) -> None:
    """Machines and our own mail are never answered, even when they open a claim."""
    decision = decide(message(), Classification(kind))
    assert not decision.send
    assert decision.reason == f"automated:{kind}"


def test_specialist_is_not_acknowledged() -> None:
    """A specialist writing in gets no acknowledgement."""
    assert decide(message(), Classification(MessageKind.SPECIALIST)).reason == "specialist"


def test_x_ack_no_is_honoured() -> None:
    """`X-Ack: no` suppresses the acknowledgement."""
    decision = decide(message(("x-ack", "no")))
    assert (decision.send, decision.reason) == (False, "sender-asked-no-ack")


def test_reply_to_is_preferred_and_cc_is_never_a_recipient() -> None:
    """The first Reply-To gets the acknowledgement, alone; CC'd addresses are not answered."""
    office = Address("office@corp.example")
    msg = message(reply_to=(office, Address("second@corp.example")),
                  cc=(Address("boss@corp.example"),))
    assert decide(msg).recipient == office


def test_own_reply_to_falls_back_to_from() -> None:
    """A Reply-To pointing at our own mailbox is skipped in favour of From."""
    msg = message(reply_to=(Address("Claims@Shop.Example"),))
    assert decide(msg).recipient == IVAN


def test_own_from_without_other_address_is_not_acknowledged() -> None:
    """When every candidate address is ours there is nobody to acknowledge."""
    decision = decide(message(from_=Address("pretenzii@shop.example")))
    assert (decision.send, decision.reason) == (False, "no-recipient")


def test_missing_sender_is_not_acknowledged() -> None:
    """A message with neither From nor Reply-To has no recipient."""
    assert decide(message(from_=None)) == AckDecision(False, None, "no-recipient")


def test_malformed_recipient_is_not_acknowledged() -> None:
    """An address that could not be sent to safely is refused before any mail is built."""
    bad = Address("ivan@mail.example\r\nBcc: victim@x.example")
    assert decide(message(from_=bad)).reason == "invalid-recipient"


def test_rate_limit_stops_acknowledgements_at_the_limit() -> None:
    """With as many recent acknowledgements as the hourly limit, no more are sent."""
    assert decide(message(), recent=9, limit=10).send
    decision = decide(message(), recent=10, limit=10)
    assert (decision.send, decision.reason, decision.recipient) == (False, "rate-limited", IVAN)


@pytest.mark.parametrize(("original", "expected"), [
    ("Разбитая ваза", "Разбитая ваза"),
    ("Re: RE: Разбитая ваза", "Разбитая ваза"),
    ("Ответ: Re[2]: ваза", "ваза"),
    ("[CLM-2026-000009] Re: ваза", "ваза"),
    ("  ", ""),
])
def test_base_subject_strips_reply_prefixes_and_tokens(original: str, expected: str) -> None:
    """Reply prefixes and foreign claim tokens are removed so they never stack."""
    assert base_subject(original) == expected


def test_acknowledgement_subject_keeps_original_with_token() -> None:
    """The subject is the token, one `Re:` and the customer's subject."""
    subject = acknowledgement_subject("RE: Re: Разбитая ваза", "fallback", "CLM-2026-000001")
    assert subject == "[CLM-2026-000001] Re: Разбитая ваза"


def test_acknowledgement_subject_falls_back_to_template_subject() -> None:
    """Without an original subject the template's subject is used."""
    assert acknowledgement_subject("", "Претензия принята", "CLM-2026-000001") == (
        "[CLM-2026-000001] Претензия принята")


def test_quote_text_keeps_twenty_lines_and_marks_the_cut() -> None:
    """Only the first twenty lines are quoted, each with `> `, and a cut is marked."""
    quoted = quote_text("\n".join(f"line {n}" for n in range(30)) + "\n")
    lines = quoted.splitlines()
    assert lines[0] == "> line 0"
    assert lines[19] == "> line 19"
    assert lines[20:] == ["> …"]


def test_quote_text_short_text_is_quoted_whole() -> None:
    """A short text is quoted completely with no cut mark; blank lines become `>`."""
    assert quote_text("a\n\nb\n") == "> a\n>\n> b"


def test_build_acknowledgement_threads_and_stamps() -> None:
    """The acknowledgement answers the customer's message and is stamped as automatic."""
    msg = message(subject="Re: Разбитая ваза", references=("r0@x",))
    mail = build_acknowledgement("CLM-2026-000001", msg, IVAN, SENDER, RENDERED, "mf.id@shop")
    assert mail.to == (IVAN,)
    assert mail.sender == SENDER
    assert mail.subject == "[CLM-2026-000001] Re: Разбитая ваза"
    assert (mail.text, mail.html) == (RENDERED.text, RENDERED.html)
    assert mail.message_id == "mf.id@shop"
    assert mail.in_reply_to == "m1@mail.example"
    assert mail.references == ("r0@x", "m1@mail.example")
    headers = dict(mail.headers)
    assert headers["Auto-Submitted"] == "auto-replied"
    assert headers["X-Auto-Response-Suppress"] == "All"
    assert headers["X-Mailflow-Claim"] == "CLM-2026-000001"
    assert headers["X-Mailflow-Loop"] == "claims@shop.example"
    assert "Precedence" not in headers


def test_build_acknowledgement_without_original_message_id() -> None:
    """A customer message without a Message-ID gives an acknowledgement with no In-Reply-To."""
    mail = build_acknowledgement("CLM-2026-000001", message(message_id=""), IVAN, SENDER,
                                 RENDERED, "mf.id@shop")
    assert mail.in_reply_to is None
    assert mail.references == ()


def test_acknowledgement_coming_back_is_classified_as_self() -> None:
    """Our own stamps make a returning acknowledgement SELF, so it can never be answered."""
    from mailflow.classify.rules import ClassifyContext, classify

    mail = build_acknowledgement("CLM-2026-000001", message(), IVAN, SENDER, RENDERED, "x@y")
    echoed = ParsedMessage(message_id="echo@relay.example", subject=mail.subject,
                           from_=Address("relay@relay.example"),
                           headers=tuple((name.lower(), value) for name, value in mail.headers))
    context = ClassifyContext(claims_address="claims@shop.example", own_addresses=OWN)
    assert classify(echoed, context).kind is MessageKind.SELF
