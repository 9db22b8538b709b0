"""Claim deadlines: first response, hard limit and resolution, in working days.

Each deadline is the end of working hours of the N-th working day after receipt (see
`WorkCalendar.add_working_days`). Waiting for the customer pauses the clock: `resume` moves
every deadline on by the working time spent paused, and that total is kept in `paused_for`,
so `recompute_for` (a new category or priority) starts again from receipt with the new terms
and still keeps the time the customer made us wait.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from types import MappingProxyType

from mailflow.domain.calendar import WorkCalendar


class DeadlineKind(StrEnum):
    """The deadlines of a claim: three by the company's policy, one by law."""

    FIRST_RESPONSE = "first_response"
    HARD_LIMIT = "hard_limit"
    RESOLUTION = "resolution"
    STATUTORY = "statutory"  # set only when the demand has a term in law (calendar days)


POLICY_KINDS = (DeadlineKind.FIRST_RESPONSE, DeadlineKind.HARD_LIMIT, DeadlineKind.RESOLUTION)


@dataclass(frozen=True)
class DeadlineOverride:
    """Terms for one category or priority; None keeps the term from the level below."""

    first_response_days: int | None = None
    hard_limit_days: int | None = None
    resolution_days: int | None = None


@dataclass(frozen=True)
class DeadlineTerms:
    """Working days allowed for each deadline of one claim."""

    first_response_days: int
    hard_limit_days: int
    resolution_days: int

    def __post_init__(self) -> None:
        if min(self.first_response_days, self.hard_limit_days, self.resolution_days) < 0:
            raise ValueError("deadline terms must not be negative")
        if self.first_response_days > self.hard_limit_days:
            raise ValueError("the first response term must not exceed the hard limit")

    def days(self, kind: DeadlineKind) -> int:
        """Working days allowed for deadline `kind`."""
        return int(getattr(self, f"{kind.value}_days"))

    def overridden(self, override: DeadlineOverride | None) -> DeadlineTerms:
        """These terms with the fields `override` sets replaced."""
        if override is None:
            return self
        return DeadlineTerms(*(_first_set(getattr(override, f"{kind.value}_days"), self.days(kind))
                               for kind in POLICY_KINDS))


@dataclass(frozen=True)
class DeadlinePolicy:
    """Default terms plus overrides keyed `category:<name>` or `priority:<name>`; a priority
    override beats a category override, field by field."""

    first_response_days: int = 3
    hard_limit_days: int = 5
    resolution_days: int = 10
    overrides: Mapping[str, DeadlineOverride] = field(default_factory=dict, hash=False)

    def __post_init__(self) -> None:
        unknown = [key for key in self.overrides if not key.startswith(("category:", "priority:"))]
        if unknown:
            raise ValueError(f"override keys must start with category: or priority:, got {unknown}")
        object.__setattr__(self, "overrides", MappingProxyType(dict(self.overrides)))
        self._check_every_combination()

    def terms_for(self, category: str | None, priority: str | None) -> DeadlineTerms:
        """The terms for a claim of `category` and `priority` (either may be unknown)."""
        base = DeadlineTerms(self.first_response_days, self.hard_limit_days, self.resolution_days)
        by_category = base.overridden(self._override("category", category))
        return by_category.overridden(self._override("priority", priority))

    def _override(self, prefix: str, name: str | None) -> DeadlineOverride | None:
        return None if name is None else self.overrides.get(f"{prefix}:{name}")

    def _check_every_combination(self) -> None:
        """Fail at configuration time, not on the first claim, when terms contradict."""
        categories = [None, *(key.split(":", 1)[1] for key in self.overrides
                              if key.startswith("category:"))]
        priorities = [None, *(key.split(":", 1)[1] for key in self.overrides
                              if key.startswith("priority:"))]
        for category in categories:
            for priority in priorities:
                self.terms_for(category, priority)


@dataclass(frozen=True)
class ClaimDeadlines:
    """When a claim must be answered and resolved; `paused_at` is set while waiting for the
    customer, `paused_for` sums the working time of earlier pauses."""

    first_response_due: datetime
    hard_limit_due: datetime
    resolution_due: datetime
    paused_at: datetime | None = None
    paused_for: timedelta = timedelta(0)
    # The term in law for the customer's demand: calendar days from receipt, never paused
    # or moved (the law does not stop the clock while the company waits).
    statutory_due: datetime | None = None

    def due(self, kind: DeadlineKind) -> datetime:
        """The deadline of `kind`."""
        if kind is DeadlineKind.STATUTORY:
            assert self.statutory_due is not None
            return self.statutory_due
        return self.first_response_due if kind is DeadlineKind.FIRST_RESPONSE else (
            self.hard_limit_due if kind is DeadlineKind.HARD_LIMIT else self.resolution_due)

    @property
    def paused(self) -> bool:
        return self.paused_at is not None


def initial_deadlines(received_at: datetime, category: str | None, priority: str | None,
                      policy: DeadlinePolicy, calendar: WorkCalendar) -> ClaimDeadlines:
    """The deadlines of a claim received at `received_at`."""
    terms = policy.terms_for(category, priority)
    due = {kind: calendar.add_working_days(received_at, terms.days(kind)) for kind in POLICY_KINDS}
    return ClaimDeadlines(first_response_due=due[DeadlineKind.FIRST_RESPONSE],
                          hard_limit_due=due[DeadlineKind.HARD_LIMIT],
                          resolution_due=due[DeadlineKind.RESOLUTION])


def pause(deadlines: ClaimDeadlines, at: datetime) -> ClaimDeadlines:
    """Stop the clock at `at` (nothing changes when it is already stopped)."""
    return deadlines if deadlines.paused else replace(deadlines, paused_at=at)


def resume(deadlines: ClaimDeadlines, at: datetime, calendar: WorkCalendar) -> ClaimDeadlines:
    """Restart the clock at `at`: every deadline moves on by the working time spent paused."""
    if deadlines.paused_at is None:
        return deadlines
    spent = calendar.working_time_between(deadlines.paused_at, at)
    return replace(_shifted(deadlines, spent, calendar), paused_at=None,
                   paused_for=deadlines.paused_for + spent)


def recompute_for(deadlines: ClaimDeadlines, received_at: datetime, category: str | None,
                  priority: str | None, policy: DeadlinePolicy,
                  calendar: WorkCalendar) -> ClaimDeadlines:
    """Deadlines under new terms (category or priority changed), counted from receipt, still
    moved on by the earlier pauses and still paused if the claim is paused now."""
    fresh = initial_deadlines(received_at, category, priority, policy, calendar)
    moved = _shifted(fresh, deadlines.paused_for, calendar)
    return replace(moved, paused_at=deadlines.paused_at, paused_for=deadlines.paused_for,
                   statutory_due=deadlines.statutory_due)


def is_overdue(deadlines: ClaimDeadlines, kind: DeadlineKind, now: datetime) -> bool:
    """Whether deadline `kind` has passed at `now`; while paused, whether it had passed when
    the clock stopped. Whether the claim was answered in time is the caller's question."""
    reference = deadlines.paused_at if deadlines.paused_at is not None else now
    return reference >= deadlines.due(kind)


def answer_by_date(deadlines: ClaimDeadlines, calendar: WorkCalendar) -> date:
    """The local date promised to the customer: the day of the first-response deadline."""
    return calendar.local_date(deadlines.first_response_due)


def _shifted(deadlines: ClaimDeadlines, spent: timedelta,
             calendar: WorkCalendar) -> ClaimDeadlines:
    def moved(kind: DeadlineKind) -> datetime:
        return calendar.add_working_time(deadlines.due(kind), spent)

    return replace(deadlines, first_response_due=moved(DeadlineKind.FIRST_RESPONSE),
                   hard_limit_due=moved(DeadlineKind.HARD_LIMIT),
                   resolution_due=moved(DeadlineKind.RESOLUTION))


def _first_set(value: int | None, fallback: int) -> int:
    return fallback if value is None else value


def statutory_deadline(received_at: datetime, days: int, calendar: WorkCalendar) -> datetime:
    """The end of the local day `days` calendar days after the day of receipt (consumer law
    counts calendar days; a term ending on a day off still ends then)."""
    day = calendar.local_date(received_at) + timedelta(days=days)
    return datetime.combine(day, time(23, 59, 59), tzinfo=calendar.timezone)
