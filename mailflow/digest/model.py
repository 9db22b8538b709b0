"""The figures of one digest, as plain values (what the queries found, what is rendered)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from mailflow.digest.period import Period

# Time to the first answer, in hours: the histogram's upper bounds (the last is open).
ANSWER_BUCKETS_HOURS = (4, 8, 24, 48, 72, 120)


@dataclass(frozen=True)
class Activity:
    """What happened in the period, and what is open now."""

    new: int = 0
    answered: int = 0
    resolved: int = 0
    rejected: int = 0
    closed: int = 0
    reopened: int = 0  # claims reopened in the period
    reopenings: int = 0  # times, a claim reopened twice counts twice
    open_now: int = 0
    overdue_now: int = 0


@dataclass(frozen=True)
class SpecialistLine:
    email: str
    name: str
    open: int = 0
    overdue: int = 0
    answered: int = 0
    median_first_answer_hours: float | None = None
    away: bool = False


@dataclass(frozen=True)
class CategoryLine:
    category: str
    count: int
    previous: int

    @property
    def change(self) -> int:
        return self.count - self.previous


@dataclass(frozen=True)
class Timings:
    """Time to the first answer and to resolution (nearest-rank percentiles, in hours)."""

    answered: int = 0
    first_median: float | None = None
    first_p90: float | None = None
    within_policy: int = 0  # answered by the first-answer deadline (working days)
    within_limit: int = 0  # answered by the hard limit
    unanswered_past_policy: int = 0  # open, no answer yet, first-answer deadline passed
    resolved: int = 0
    resolution_median: float | None = None
    resolution_p90: float | None = None

    def share(self, count: int) -> float | None:
        return None if not self.answered else count / self.answered


@dataclass(frozen=True)
class OverdueLine:
    number: str
    customer: str
    specialist: str
    created_at: datetime
    overdue_since: datetime | None
    working_hours: float


@dataclass(frozen=True)
class WeakSpot:
    """Something claims keep naming in the last 30 days: count, the 30 days before, claims."""

    dimension: str  # product, product_sku, product_group, carrier, supplier, category, cause
    value: str
    count: int
    previous: int
    claims: tuple[str, ...] = ()


@dataclass(frozen=True)
class CauseOutcome:
    cause: str
    outcome: str
    count: int


@dataclass(frozen=True)
class CompensationTotal:
    cause: str
    currency: str
    claims: int
    amount_minor: int


@dataclass(frozen=True)
class Ratings:
    period_average: float | None = None
    period_count: int = 0
    window_average: float | None = None
    window_count: int = 0


@dataclass(frozen=True)
class Series:
    """Per local day of the 30-day window: new claims by category, open and overdue."""

    days: tuple[date, ...]
    by_category: dict[str, tuple[int, ...]]
    open: tuple[int, ...]
    overdue: tuple[int, ...]


@dataclass(frozen=True)
class DigestFigures:
    period: Period
    now: datetime
    activity: Activity
    specialists: tuple[SpecialistLine, ...]
    categories: tuple[CategoryLine, ...]
    timings: Timings
    overdue: tuple[OverdueLine, ...]
    overdue_total: int
    weak_spots: tuple[WeakSpot, ...]
    outcomes: tuple[CauseOutcome, ...]
    compensation: tuple[CompensationTotal, ...]
    ratings: Ratings
    series: Series
    answer_histogram: tuple[int, ...]  # one count per ANSWER_BUCKETS_HOURS bound, + over
    # Weak-spot kinds nothing feeds (no carrier configured, no supplier in the catalogue).
    missing: tuple[str, ...] = field(default=())
