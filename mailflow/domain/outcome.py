"""How a claim ended: the decision, the compensation granted and the cause found.

These are what the department reports on (issue 11) and what the digest groups by (issue 12).
Amounts are kept in minor units (kopecks, cents) so that sums in SQL are exact.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Outcome(StrEnum):
    """The decision on a claim."""

    ACCEPTED = "accepted"
    PARTLY = "partly"
    REJECTED = "rejected"


class CompensationKind(StrEnum):
    """What the customer was given."""

    REFUND = "refund"
    REPLACEMENT = "replacement"
    DISCOUNT = "discount"
    REPAIR = "repair"
    DELIVERY = "delivery"  # delivery of the missing part


# The configurable list of causes starts from these (`[rules] causes`).
DEFAULT_CAUSES: tuple[str, ...] = (
    "supplier", "carrier", "warehouse", "production", "sales", "customer", "other")


@dataclass(frozen=True)
class Compensation:
    """A compensation: kind, amount in minor units and ISO 4217 currency (amount may be 0)."""

    kind: CompensationKind
    amount_minor: int = 0
    currency: str = ""


@dataclass(frozen=True)
class Resolution:
    """Everything recorded about how a claim ended; all optional until it is decided."""

    outcome: Outcome | None = None
    reason: str = ""  # required for a rejection
    cause: str | None = None
    compensation: Compensation | None = None


@dataclass(frozen=True)
class Rating:
    """The customer's rating of a closed claim, 1 to 5, with any words after it."""

    score: int
    comment: str = ""
