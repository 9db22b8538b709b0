"""Personal references: issued at a moment, refused when too old or from before the
person's latest assignment; references of the old format thread but are never trusted."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from mailflow.domain.references import (
    PersonalReference,
    claim_number_from_message_id,
    make_message_id,
    personal_references,
    personal_subaddress_in,
    reference_problem,
    reference_tag,
    reply_address,
)

SECRET = b"secret"
NUMBER = "CLM-2026-000007"
ANNA = "anna@company.example"
ISSUED = datetime(2026, 3, 2, 10, 0, 5, tzinfo=UTC)
MAX_AGE = timedelta(days=90)


def personal_id(issued: datetime = ISSUED, person: str = ANNA) -> str:
    return make_message_id(NUMBER, SECRET, "0123456789abcdef", "company.example",
                           person=person, issued_at=issued)


def old_format_id() -> str:
    """A personal Message-ID as mailflow wrote them before issue times."""
    return f"mf.{NUMBER}.{reference_tag(NUMBER, SECRET, ANNA)}.0123456789abcdef@company.example"


def problem(refs: tuple[PersonalReference, ...], now: datetime,
            not_before: datetime | None = None) -> str | None:
    return reference_problem(refs, NUMBER, now=now, max_age=MAX_AGE, not_before=not_before)


def test_message_id_and_subaddress_carry_the_issue_moment() -> None:
    """Both places a reference rides in give back the claim and the second it was issued."""
    address = reply_address("claims@company.example", NUMBER, SECRET, ANNA, issued_at=ISSUED)
    refs = personal_references((f"<{personal_id()}>",), (address.upper(),), SECRET, ANNA)
    assert refs == (PersonalReference(NUMBER, ISSUED), PersonalReference(NUMBER, ISSUED))


def test_reference_of_another_person_or_a_changed_moment_does_not_verify() -> None:
    """The tag binds the person and the moment: changing either breaks it."""
    assert personal_references((personal_id(),), (), SECRET, "boris@company.example") == ()
    issued = personal_id().split(".")[2]
    later = personal_id().replace(f".{issued}.", f".{issued[:-1]}z.")
    assert personal_references((later,), (), SECRET, ANNA) == ()


def test_fresh_reference_is_trusted() -> None:
    """A reference issued a day ago, after the assignment, makes the reply trusted."""
    refs = personal_references((personal_id(),), (), SECRET, ANNA)
    assert problem(refs, ISSUED + timedelta(days=1), not_before=ISSUED) is None


def test_reference_older_than_the_max_age_is_expired() -> None:
    """A reference issued more than the maximum age ago is refused."""
    refs = personal_references((personal_id(),), (), SECRET, ANNA)
    assert problem(refs, ISSUED + MAX_AGE + timedelta(seconds=1)) == "reference-expired"
    assert problem(refs, ISSUED + MAX_AGE) is None


def test_reference_from_before_the_latest_assignment_is_superseded() -> None:
    """After A to B and back to A, what A was sent before getting the claim back is void."""
    refs = personal_references((personal_id(),), (), SECRET, ANNA)
    reassigned = ISSUED + timedelta(hours=2)
    assert problem(refs, reassigned + timedelta(minutes=5), reassigned) == "reference-superseded"


def test_newest_reference_to_the_claim_counts() -> None:
    """A reply whose References hold an old and a new notification answers the new one."""
    reassigned = ISSUED + timedelta(hours=2)
    ids = (personal_id(), personal_id(reassigned))
    refs = personal_references(ids, (), SECRET, ANNA)
    assert problem(refs, reassigned + timedelta(minutes=5), reassigned) is None


def test_reference_to_another_claim_is_no_reference() -> None:
    """A valid reference to a different claim does not vouch for this one."""
    refs = (PersonalReference("CLM-2026-000008", ISSUED),)
    assert problem(refs, ISSUED) == "no-personal-reference"


def test_old_format_threads_but_is_expired() -> None:
    """A reference without an issue time still finds its claim but is never trusted."""
    assert claim_number_from_message_id(old_format_id(), SECRET, ANNA) == NUMBER
    refs = personal_references((old_format_id(),), (), SECRET, ANNA)
    assert refs == (PersonalReference(NUMBER, None),)
    assert problem(refs, ISSUED) == "reference-expired"


def test_new_personal_references_still_thread() -> None:
    """Threading finds the claim from a new personal Message-ID or sub-address, any age."""
    address = reply_address("claims@company.example", NUMBER, SECRET, ANNA, issued_at=ISSUED)
    assert claim_number_from_message_id(personal_id(), SECRET, ANNA) == NUMBER
    assert claim_number_from_message_id(personal_id(), SECRET) is None
    assert personal_subaddress_in((address,), SECRET, ANNA) == NUMBER
