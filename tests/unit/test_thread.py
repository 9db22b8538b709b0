"""Threading: which claim a message joins, and why."""

from __future__ import annotations

from mailflow.domain.model import Address, ClaimStatus, ClaimSummary, ParsedMessage
from mailflow.domain.references import make_message_id
from mailflow.thread.rules import (
    ThreadDecision,
    ThreadKeys,
    ThreadLookup,
    decide_thread,
    thread_keys,
)

SECRET = b"test-secret"
NUMBER = "CLM-2026-000001"
OTHER = "CLM-2026-000002"
CLAIM = ClaimSummary(id=1, number=NUMBER, status=ClaimStatus.IN_PROGRESS,
                     participants=frozenset({"ivan@mail.example"}))
OTHER_CLAIM = ClaimSummary(id=2, number=OTHER, status=ClaimStatus.NEW,
                           participants=frozenset({"olga@mail.example"}))
NOTHING = ThreadLookup(by_message_id={}, by_number={})


def message(sender: str = "ivan@mail.example", subject: str = "Разбитая ваза",
            in_reply_to: tuple[str, ...] = (), references: tuple[str, ...] = (),
            reply_to: tuple[Address, ...] = ()) -> ParsedMessage:
    return ParsedMessage(message_id="new@mail.example", subject=subject, from_=Address(sender),
                         in_reply_to=in_reply_to, references=references, reply_to=reply_to)


def decide(msg: ParsedMessage, lookup: ThreadLookup = NOTHING) -> ThreadDecision:
    return decide_thread(msg, thread_keys(msg, SECRET), lookup)


def test_keys_order_in_reply_to_then_references_newest_first() -> None:
    """Message ids come In-Reply-To first, then References from newest to oldest, once each."""
    msg = message(in_reply_to=("<c@x>",), references=("<a@x>", "<b@x>", "<c@x>"))
    assert thread_keys(msg, SECRET).message_ids == ("c@x", "b@x", "a@x")


def test_keys_keep_only_verified_reference_tags() -> None:
    """Only claim numbers whose keyed tag verifies with our secret become reference numbers."""
    ours = make_message_id(NUMBER, SECRET, "u1", "shop.example")
    forged = make_message_id(OTHER, b"guessed-secret", "u2", "shop.example")
    keys = thread_keys(message(references=(f"<{forged}>", f"<{ours}>")), SECRET)
    assert keys.reference_numbers == (NUMBER,)


def test_keys_read_subject_tokens() -> None:
    """Claim tokens in the subject become subject numbers, in order."""
    keys = thread_keys(message(subject=f"Re: [{NUMBER}] и [{OTHER}]"), SECRET)
    assert keys.subject_numbers == (NUMBER, OTHER)


def test_in_reply_to_a_stored_message_joins_its_claim() -> None:
    """A reply to a stored message joins that message's claim, naming In-Reply-To."""
    lookup = ThreadLookup(by_message_id={"old@mail.example": CLAIM}, by_number={})
    decision = decide(message(in_reply_to=("<old@mail.example>",)), lookup)
    assert decision.claim == CLAIM
    assert decision.reason == "in-reply-to:old@mail.example"
    assert not decision.reopen


def test_references_to_a_stored_message_joins_its_claim() -> None:
    """A References entry naming a stored message joins its claim, naming References."""
    lookup = ThreadLookup(by_message_id={"old@mail.example": CLAIM}, by_number={})
    msg = message(in_reply_to=("<unknown@x>",), references=("<old@mail.example>",))
    decision = decide(msg, lookup)
    assert decision.claim == CLAIM
    assert decision.reason == "references:old@mail.example"


def test_stored_message_outranks_reference_tag_and_subject() -> None:
    """A stored message id wins over a verified tag and a subject token of another claim."""
    tagged = make_message_id(OTHER, SECRET, "u1", "shop.example")
    lookup = ThreadLookup(by_message_id={"old@x": CLAIM}, by_number={OTHER: OTHER_CLAIM})
    msg = message(subject=f"[{OTHER}]", in_reply_to=("<old@x>",), references=(tagged,))
    assert decide(msg, lookup).claim == CLAIM


def test_verified_reference_tag_joins_claim_when_message_is_gone() -> None:
    """Our keyed Message-ID finds the claim even when that message is not stored."""
    tagged = make_message_id(NUMBER, SECRET, "u1", "shop.example")
    lookup = ThreadLookup(by_message_id={}, by_number={NUMBER: CLAIM})
    decision = decide(message(sender="stranger@x.example", in_reply_to=(f"<{tagged}>",)), lookup)
    assert decision.claim == CLAIM
    assert decision.reason == f"reference-tag:{NUMBER}"


def test_forged_reference_tag_is_ignored() -> None:
    """A reference tag made without our secret does not join the claim it names."""
    forged = make_message_id(NUMBER, b"guessed-secret", "u1", "shop.example")
    lookup = ThreadLookup(by_message_id={}, by_number={NUMBER: CLAIM})
    decision = decide(message(sender="stranger@x.example", in_reply_to=(f"<{forged}>",)), lookup)
    assert decision.claim is None
    assert decision.reason == "new"


def test_subject_token_from_participant_joins_claim() -> None:
    """A participant quoting the claim number in the subject joins that claim."""
    lookup = ThreadLookup(by_message_id={}, by_number={NUMBER: CLAIM})
    decision = decide(message(sender="IVAN@mail.example", subject=f"Re: [{NUMBER}] ваза"), lookup)
    assert decision.claim == CLAIM
    assert decision.reason == f"subject-token:{NUMBER}"


def test_subject_token_from_participant_reply_to_joins_claim() -> None:
    """The sender counts as a participant when their Reply-To address is one."""
    lookup = ThreadLookup(by_message_id={}, by_number={NUMBER: CLAIM})
    msg = message(sender="ivan.work@corp.example", subject=f"[{NUMBER}]",
                  reply_to=(Address("ivan@mail.example"),))
    assert decide(msg, lookup).claim == CLAIM


def test_stranger_quoting_a_claim_number_opens_a_linked_claim() -> None:
    """A non-participant quoting a claim number gets a new claim related to the quoted one."""
    lookup = ThreadLookup(by_message_id={}, by_number={NUMBER: CLAIM})
    decision = decide(message(sender="stranger@x.example", subject=f"[{NUMBER}] моя тоже"), lookup)
    assert decision.claim is None
    assert decision.related == CLAIM
    assert decision.reason == f"new:stranger-quoted:{NUMBER}"
    assert not decision.reopen


def test_participant_token_wins_over_earlier_stranger_token() -> None:
    """With two tokens, the claim the sender takes part in is joined even if quoted second."""
    lookup = ThreadLookup(by_message_id={}, by_number={NUMBER: CLAIM, OTHER: OTHER_CLAIM})
    msg = message(sender="olga@mail.example", subject=f"[{NUMBER}] [{OTHER}]")
    decision = decide(msg, lookup)
    assert decision.claim == OTHER_CLAIM
    assert decision.related is None


def test_unknown_subject_token_opens_plain_new_claim() -> None:
    """A token naming no stored claim opens a new claim with nothing related."""
    decision = decide(message(subject=f"[{NUMBER}]"))
    assert decision.claim is None
    assert decision.related is None
    assert decision.reason == "new"


def test_joining_a_finished_claim_reopens_it() -> None:
    """A follow-up to a closed claim joins it and asks for it to be reopened."""
    closed = ClaimSummary(id=1, number=NUMBER, status=ClaimStatus.CLOSED,
                          participants=frozenset({"ivan@mail.example"}))
    lookup = ThreadLookup(by_message_id={"old@x": closed}, by_number={})
    decision = decide(message(in_reply_to=("old@x",)), lookup)
    assert decision.claim == closed
    assert decision.reopen


def test_decision_uses_given_keys() -> None:
    """decide_thread trusts the keys it is given rather than re-reading the message."""
    lookup = ThreadLookup(by_message_id={}, by_number={NUMBER: CLAIM})
    keys = ThreadKeys(reference_numbers=(NUMBER,))
    decision = decide_thread(message(), keys, lookup)
    assert decision.reason == f"reference-tag:{NUMBER}"
