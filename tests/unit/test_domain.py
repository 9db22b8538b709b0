"""Claim numbers, subject tokens and keyed Message-ID references."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mailflow.domain.claims import (
    format_claim_number,
    subject_claim_numbers,
    subject_token,
    subject_with_token,
)
from mailflow.domain.references import claim_number_from_message_id, make_message_id

SECRET = b"test-secret"
NUMBER = "CLM-2026-000123"


def test_claim_number_is_zero_padded_per_year() -> None:
    """Numbers are CLM-YYYY-NNNNNN, padded to six digits and growing past them."""
    assert format_claim_number(2026, 123) == NUMBER
    assert format_claim_number(2027, 1) == "CLM-2027-000001"
    assert format_claim_number(2026, 1234567) == "CLM-2026-1234567"


def test_subject_claim_numbers_in_order_without_repeats() -> None:
    """Bracketed tokens are found in order, each once; bare or malformed numbers are not."""
    subject = ("Re: [CLM-2026-000002] и [CLM-2025-000010] [CLM-2026-000002] "
               "CLM-2026-000003 [CLM-26-000004] [CLM-2026-00005]")
    assert subject_claim_numbers(subject) == ("CLM-2026-000002", "CLM-2025-000010")


def test_subject_with_token_prefixes_once() -> None:
    """The token is put in front once; adding it again changes nothing."""
    tagged = subject_with_token("Разбитая   ваза", NUMBER)
    assert tagged == f"{subject_token(NUMBER)} Разбитая ваза"
    assert subject_with_token(tagged, NUMBER) == tagged


def test_subject_with_token_keeps_a_token_already_inside() -> None:
    """A reply subject that already carries the token is only tidied, not re-tagged."""
    subject = f"Re: Fw: {subject_token(NUMBER)} broken vase"
    assert subject_with_token(subject, NUMBER) == subject


def test_subject_with_token_on_an_empty_subject() -> None:
    """An empty subject becomes just the token, without stray spaces."""
    assert subject_with_token("  ", NUMBER) == f"[{NUMBER}]"


@settings(database=None)  # no .hypothesis/ folder left in the checkout
@given(subject=st.text(), sequence=st.integers(min_value=1, max_value=10**9),
       year=st.integers(min_value=1000, max_value=9999))
def test_tagged_subject_always_yields_its_number(subject: str, sequence: int, year: int) -> None:
    """Whatever the subject text, the number added as a token is found again, idempotently."""
    number = format_claim_number(year, sequence)
    tagged = subject_with_token(subject, number)
    assert number in subject_claim_numbers(tagged)
    assert subject_with_token(tagged, number) == tagged


def our_id(number: str = NUMBER, secret: bytes = SECRET) -> str:
    return make_message_id(number, secret, "a1b2.c3", "claims.example.com")


def test_our_message_id_verifies_with_the_same_secret() -> None:
    """A Message-ID we made gives back its claim number, with or without angle brackets."""
    assert claim_number_from_message_id(our_id(), SECRET) == NUMBER
    assert claim_number_from_message_id(f"<{our_id()}>", SECRET) == NUMBER


def test_message_id_does_not_verify_with_another_secret() -> None:
    """Another installation's secret does not accept our references."""
    assert claim_number_from_message_id(our_id(), b"other-secret") is None


def test_tampered_number_fails() -> None:
    """Changing the claim number in a Message-ID breaks its tag."""
    forged = our_id().replace(NUMBER, "CLM-2026-000124")
    assert claim_number_from_message_id(forged, SECRET) is None


def test_tampered_tag_fails() -> None:
    """Changing one hex digit of the tag makes the reference invalid."""
    valid = our_id()
    tag = valid.split(".")[2]
    flipped = tag[:-1] + ("0" if tag[-1] != "0" else "1")
    assert claim_number_from_message_id(valid.replace(tag, flipped), SECRET) is None


@pytest.mark.parametrize("message_id", [
    "CAF=abc123@mail.gmail.com",
    "<20260101.1234@mx.example>",
    "mf.CLM-2026-000123@claims.example.com",
    "",
])
def test_foreign_message_id_gives_none(message_id: str) -> None:
    """Message-IDs not in our format name no claim."""
    assert claim_number_from_message_id(message_id, SECRET) is None
