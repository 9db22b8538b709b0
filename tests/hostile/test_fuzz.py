"""Property-based fuzzing of the pure core: parsing, threading and composing never misbehave.

Sized (max_examples) to keep this file near 10 s: 400 examples for the parsers, fewer for
threading (200) and composing (150), whose examples cost several times more (compose alone
took about 2.5 times the rest of the file at 400); `database=None` keeps runs reproducible
from the seed alone and writes nothing to the checkout.
"""

from __future__ import annotations

import email
import email.policy
import re
from datetime import UTC, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mailflow.domain.model import Address, ClaimStatus, ClaimSummary, OutgoingMail, ParsedMessage
from mailflow.errors import MessageRejected, SendRejected
from mailflow.parse.parser import parse_message
from mailflow.send.compose import compose, envelope_recipients
from mailflow.thread.rules import ThreadLookup, decide_thread, thread_keys
from tests import corpus

SECRET = b"fuzz-secret"
WHEN = datetime(2026, 1, 5, 10, 0, tzinfo=UTC)
FUZZ = settings(max_examples=400, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow])
THREADING_FUZZ = settings(FUZZ, max_examples=200)
COMPOSE_FUZZ = settings(FUZZ, max_examples=150)
BASES = (
    corpus.english(), corpus.russian("windows-1251"), corpus.russian("koi8-r"),
    corpus.with_attachments(), corpus.html_only(), corpus.forwarded_message(),
    corpus.bounce("orig@example.com"), corpus.inline_image(), corpus.undeclared_charset_cp1251(),
)
HEADER_LINES = st.sampled_from([
    b"From: x", b"Content-Type: multipart/mixed; boundary=", b"Content-Type: text/plain; charset=",
    b"Content-Transfer-Encoding: base64", b"Content-Transfer-Encoding: quoted-printable",
    b"Subject: =?utf-8?b?", b"Message-ID: <", b"References: <a@b> <", b"From: <>,,@@",
    b"Content-Disposition: attachment; filename*0*=utf-8''%", b"\x00\xff", b" folded",
    b"Content-Type: message/rfc822", b"--", b"To: \"unterminated",
])
_UNSAFE_LINE = re.compile("[\x00-\x1f\x7f\u2028\u2029\ud800-\udfff]")
_UNSAFE_TEXT = re.compile("[\x00\ud800-\udfff]")
HOSTILE_TEXT = st.lists(st.one_of(
    st.characters(codec="utf-8"),
    st.sampled_from(["\r", "\n", "\r\n", "\x00", "\u2028", "\u2029", "\x0b", "\x0c", "\x85",
                     ":", "Bcc: x@evil.example", "=?utf-8?b?DQpCY2M6IHhAZXZpbC5leGFtcGxl?=",
                     "\u202e", "😀"])), max_size=40).map("".join)


def assert_parses_or_rejects(raw: bytes) -> None:
    """parse_message returns a clean ParsedMessage or raises MessageRejected, nothing else."""
    try:
        msg = parse_message(raw)
    except MessageRejected:
        return
    assert isinstance(msg, ParsedMessage)
    one_line = [msg.subject, msg.message_id, *msg.in_reply_to, *msg.references]
    one_line += [value for a in (*msg.to, *msg.cc, *msg.reply_to) for value in (a.email, a.name)]
    one_line += [value for _name, value in msg.headers]
    assert not any(_UNSAFE_LINE.search(value) for value in one_line)
    assert not _UNSAFE_TEXT.search(msg.text + (msg.html or ""))
    assert all(part.filename and "/" not in part.filename for part in msg.attachments)


@FUZZ
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_parse_or_are_rejected(raw: bytes) -> None:
    """Random bytes never raise anything but MessageRejected, and what parses is clean."""
    assert_parses_or_rejects(raw)


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    """A real message with header lines inserted or deleted, bytes flipped, or cut short."""
    lines = draw(st.sampled_from(BASES)).split(b"\r\n")
    for _ in range(draw(st.integers(1, 4))):
        action = draw(st.sampled_from(["insert", "delete", "flip", "truncate"]))
        at = draw(st.integers(0, max(len(lines) - 1, 0)))
        if action == "insert":
            lines.insert(at, draw(HEADER_LINES) + draw(st.binary(max_size=30)))
        elif action == "delete" and len(lines) > 1:
            del lines[at]
        elif action == "flip" and lines[at]:
            line = bytearray(lines[at])
            line[draw(st.integers(0, len(line) - 1))] = draw(st.integers(0, 255))
            lines[at] = bytes(line)
        elif action == "truncate":
            lines = lines[:at + 1]
    return b"\r\n".join(lines)


@FUZZ
@given(mutated())
def test_mutated_real_messages_parse_or_are_rejected(raw: bytes) -> None:
    """Structured damage to real claims never raises anything but MessageRejected."""
    assert_parses_or_rejects(raw)


ANY_ID = st.one_of(st.text(max_size=60), st.builds(lambda t: f"<{t}@x>", st.text(max_size=40)),
                   st.just("mf.CLM-2026-000001.00000000.abcdef@claims.example"))
CLAIM = ClaimSummary(id=1, number="CLM-2026-000001", status=ClaimStatus.NEW,
                     participants=frozenset({"a@example.org"}))


@THREADING_FUZZ
@given(subject=st.text(max_size=200), in_reply_to=st.lists(ANY_ID, max_size=5),
       references=st.lists(ANY_ID, max_size=20), sender=st.text(max_size=60),
       to=st.lists(st.text(max_size=60), max_size=3))
def test_threading_never_raises_on_any_header_values(
        subject: str, in_reply_to: list[str], references: list[str], sender: str,
        to: list[str]) -> None:
    """thread_keys and decide_thread accept any header values and always decide."""
    msg = ParsedMessage(message_id="m@x", subject=subject, from_=Address(sender),
                        to=tuple(map(Address, to)), in_reply_to=tuple(in_reply_to),
                        references=tuple(references))
    keys = thread_keys(msg, SECRET)
    lookup = ThreadLookup(by_message_id=dict.fromkeys(keys.message_ids[:1], CLAIM),
                          by_number=dict.fromkeys(keys.subject_numbers, CLAIM))
    decision = decide_thread(msg, keys, lookup)
    assert decision.reason
    assert decision.claim in (None, CLAIM)


EXPECTED_HEADERS = {"from", "to", "reply-to", "subject", "date", "message-id", "in-reply-to",
                    "references", "x-mailflow-claim", "mime-version", "content-type"}
RECIPIENT = "ivan.petrov@mail.example"


@COMPOSE_FUZZ
@given(subject=HOSTILE_TEXT, name=HOSTILE_TEXT, sender_name=HOSTILE_TEXT, body=HOSTILE_TEXT,
       claim=HOSTILE_TEXT, reference=HOSTILE_TEXT)
def test_compose_never_lets_a_value_become_a_header(subject: str, name: str, sender_name: str,
                                                    body: str, claim: str,
                                                    reference: str) -> None:
    """Composed mail parses back with exactly the intended headers and the one recipient."""
    mail = OutgoingMail(
        kind="fuzz", sender=Address("claims@shop.example", sender_name),
        to=(Address(RECIPIENT, name),), subject=subject, text=body, html=f"<p>{body}</p>",
        message_id="mf.1@shop.example", in_reply_to=reference, references=(reference, "r@x"),
        reply_to=Address("claims+1@shop.example", sender_name),
        headers=(("X-Mailflow-Claim", claim),))
    try:
        raw = compose(mail, WHEN)
    except SendRejected:
        return
    message = email.message_from_bytes(raw, policy=email.policy.default)
    names = [name.lower() for name in message]
    assert set(names) <= EXPECTED_HEADERS
    assert len(names) == len(set(names))
    assert [a.addr_spec for a in message["To"].addresses] == [RECIPIENT]
    assert envelope_recipients(mail) == [RECIPIENT]
    assert not message.defects
