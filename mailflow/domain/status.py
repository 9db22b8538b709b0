"""The claim lifecycle as an explicit state machine over ClaimStatus.

    from               allowed to
    ----------------   ------------------------------------------------------------
    new                assigned, rejected
    assigned           in_progress, waiting_customer, resolved, rejected
    in_progress        waiting_customer, resolved, rejected
    waiting_customer   in_progress, resolved, rejected, closed
    resolved           closed, reopened, in_progress
    rejected           closed, reopened
    closed             reopened
    reopened           assigned, in_progress, waiting_customer, resolved, rejected

Why these edges:
- A new claim gets an owner before any work happens; the one shortcut is `new -> rejected`,
  so a manager can turn away spam or a duplicate at triage without assigning it first.
- Closing archives a claim whose outcome is known (resolved or rejected), or one where the
  customer stopped answering (`waiting_customer -> closed`). A claim still being worked on
  cannot be closed directly, so every closed claim says how it ended.
- `resolved -> in_progress` lets a specialist take back a resolution the customer has not
  answered yet; after closing, only `reopened` brings a claim back, so reopenings are counted.
- Staying in the same status is not a transition: the caller treats `old == new` as nothing
  to do (and `check_transition` says "already ..." if asked).
- Reassigning a claim changes its owner, not its status, so it is not an edge here.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from mailflow.domain.model import FINISHED_STATUSES, ClaimStatus

_S = ClaimStatus

ALLOWED: Mapping[ClaimStatus, frozenset[ClaimStatus]] = MappingProxyType({
    _S.NEW: frozenset({_S.ASSIGNED, _S.REJECTED}),
    _S.ASSIGNED: frozenset({_S.IN_PROGRESS, _S.WAITING_CUSTOMER, _S.RESOLVED, _S.REJECTED}),
    _S.IN_PROGRESS: frozenset({_S.WAITING_CUSTOMER, _S.RESOLVED, _S.REJECTED}),
    _S.WAITING_CUSTOMER: frozenset({_S.IN_PROGRESS, _S.RESOLVED, _S.REJECTED, _S.CLOSED}),
    _S.RESOLVED: frozenset({_S.CLOSED, _S.REOPENED, _S.IN_PROGRESS}),
    _S.REJECTED: frozenset({_S.CLOSED, _S.REOPENED}),
    _S.CLOSED: frozenset({_S.REOPENED}),
    _S.REOPENED: frozenset({_S.ASSIGNED, _S.IN_PROGRESS, _S.WAITING_CUSTOMER, _S.RESOLVED,
                            _S.REJECTED}),
})


class TransitionError(ValueError):
    """A status change the lifecycle does not allow; carries the values to render a message."""

    def __init__(self, old: ClaimStatus, new: ClaimStatus) -> None:
        self.old = old
        self.new = new
        self.allowed = ALLOWED[old]
        super().__init__(_describe(old, new, self.allowed))


def _describe(old: ClaimStatus, new: ClaimStatus, allowed: frozenset[ClaimStatus]) -> str:
    if old == new:
        return f"the claim is already {old.value}"
    targets = ", ".join(sorted(status.value for status in allowed))
    return (f"a claim cannot go from {old.value} to {new.value}; "
            f"from {old.value} it can go to: {targets}")


def can_transition(old: ClaimStatus, new: ClaimStatus) -> bool:
    """Whether a claim in status `old` may move to status `new`."""
    return new in ALLOWED[old]


def check_transition(old: ClaimStatus, new: ClaimStatus) -> None:
    """Raise TransitionError unless a claim in status `old` may move to status `new`."""
    if not can_transition(old, new):
        raise TransitionError(old, new)


def steps_to(current: ClaimStatus, target: ClaimStatus) -> tuple[ClaimStatus, ...] | None:
    """The statuses a claim passes through to reach `target` (none when it is there already),
    or None when the rules forbid it. Closing may pass through `resolved`: a specialist's
    `#close` on a claim in progress settles it and closes it."""
    if current == target:
        return ()
    if can_transition(current, target):
        return (target,)
    if target == ClaimStatus.CLOSED and can_transition(current, ClaimStatus.RESOLVED):
        return (ClaimStatus.RESOLVED, ClaimStatus.CLOSED)
    return None


def is_finished(status: ClaimStatus) -> bool:
    """Whether the claim's outcome is settled (resolved, rejected or closed)."""
    return status in FINISHED_STATUSES
