"""The claim lifecycle: which status changes are allowed and how refusals read."""

from __future__ import annotations

import pytest

from mailflow.domain.model import ClaimStatus
from mailflow.domain.status import (
    ALLOWED,
    TransitionError,
    can_transition,
    check_transition,
    is_finished,
)

S = ClaimStatus


def test_every_status_has_outgoing_transitions() -> None:
    """Every status appears in the table with at least one way out."""
    assert set(ALLOWED) == set(ClaimStatus)
    assert all(ALLOWED[status] for status in ClaimStatus)


def test_no_status_transitions_to_itself() -> None:
    """Staying in the same status is never listed as a transition."""
    assert not any(status in ALLOWED[status] for status in ClaimStatus)


def test_nothing_returns_to_new() -> None:
    """A claim never goes back to new once it has left it."""
    assert not any(S.NEW in targets for targets in ALLOWED.values())


def test_every_status_is_reachable_from_new() -> None:
    """Walking the table from new reaches every status."""
    seen, frontier = {S.NEW}, [S.NEW]
    while frontier:
        for target in ALLOWED[frontier.pop()] - seen:
            seen.add(target)
            frontier.append(target)
    assert seen == set(ClaimStatus)


@pytest.mark.parametrize(("old", "new"), [
    (S.NEW, S.ASSIGNED),
    (S.NEW, S.REJECTED),
    (S.ASSIGNED, S.IN_PROGRESS),
    (S.ASSIGNED, S.WAITING_CUSTOMER),
    (S.IN_PROGRESS, S.RESOLVED),
    (S.WAITING_CUSTOMER, S.CLOSED),
    (S.RESOLVED, S.IN_PROGRESS),
    (S.RESOLVED, S.REOPENED),
    (S.REJECTED, S.CLOSED),
    (S.CLOSED, S.REOPENED),
    (S.REOPENED, S.ASSIGNED),
])
def test_allowed_transitions(old: ClaimStatus, new: ClaimStatus) -> None:
    """The everyday moves of the lifecycle are allowed and check without raising."""
    assert can_transition(old, new)
    check_transition(old, new)


@pytest.mark.parametrize(("old", "new"), [
    (S.NEW, S.IN_PROGRESS),
    (S.NEW, S.CLOSED),
    (S.IN_PROGRESS, S.CLOSED),
    (S.ASSIGNED, S.CLOSED),
    (S.CLOSED, S.IN_PROGRESS),
    (S.CLOSED, S.RESOLVED),
    (S.REJECTED, S.IN_PROGRESS),
    (S.RESOLVED, S.ASSIGNED),
])
def test_forbidden_transitions(old: ClaimStatus, new: ClaimStatus) -> None:
    """Skipping the owner, closing unfinished work and editing closed claims are refused."""
    assert not can_transition(old, new)
    with pytest.raises(TransitionError):
        check_transition(old, new)


def test_transition_error_names_both_statuses_and_the_way_out() -> None:
    """The refusal names the old and new status and lists where the claim can go instead."""
    with pytest.raises(TransitionError) as caught:
        check_transition(S.CLOSED, S.RESOLVED)
    assert caught.value.old is S.CLOSED
    assert caught.value.new is S.RESOLVED
    assert caught.value.allowed == frozenset({S.REOPENED})
    assert str(caught.value) == ("a claim cannot go from closed to resolved; "
                                 "from closed it can go to: reopened")


def test_transition_error_is_a_value_error() -> None:
    """Callers that catch ValueError also catch a refused transition."""
    with pytest.raises(ValueError, match="already in_progress"):
        check_transition(S.IN_PROGRESS, S.IN_PROGRESS)


@pytest.mark.parametrize(("status", "finished"), [
    (S.NEW, False), (S.ASSIGNED, False), (S.IN_PROGRESS, False), (S.WAITING_CUSTOMER, False),
    (S.REOPENED, False), (S.RESOLVED, True), (S.REJECTED, True), (S.CLOSED, True),
])
def test_is_finished(status: ClaimStatus, finished: bool) -> None:
    """Only resolved, rejected and closed claims count as finished."""
    assert is_finished(status) is finished
