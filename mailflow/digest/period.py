"""Digest periods: local days, weeks and months of the company, as UTC instants (pure).

A daily digest at `time` on day X covers day X-1; a weekly one on Monday covers the week
before (Monday to Sunday); a monthly one on the 1st covers the month before. Periods are
whole local days, so a day is 23 or 25 hours long across a DST change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from enum import StrEnum

ONE_DAY = timedelta(days=1)
WINDOW_DAYS = 30


class PeriodKind(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"


@dataclass(frozen=True)
class Period:
    """The local days [first, last] of one digest, and their bounds in UTC."""

    kind: PeriodKind
    first: date
    last: date
    timezone: tzinfo

    @property
    def start(self) -> datetime:
        return local_midnight(self.first, self.timezone)

    @property
    def end(self) -> datetime:
        return local_midnight(self.last + ONE_DAY, self.timezone)

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    def previous(self) -> Period:
        """The period compared with: the same weekday a week earlier for a day, the week or
        month before otherwise."""
        if self.kind is PeriodKind.DAY:
            return Period(self.kind, self.first - 7 * ONE_DAY, self.last - 7 * ONE_DAY,
                          self.timezone)
        return period_of(self.kind, self.first - ONE_DAY, self.timezone)

    def window(self) -> tuple[datetime, datetime]:
        """The 30 local days ending with the period's last day (weak spots, charts)."""
        first = self.last - (WINDOW_DAYS - 1) * ONE_DAY
        return local_midnight(first, self.timezone), self.end

    def window_days(self) -> list[date]:
        return [self.last - (WINDOW_DAYS - 1 - n) * ONE_DAY for n in range(WINDOW_DAYS)]


def local_midnight(day: date, timezone: tzinfo) -> datetime:
    """The start of the local `day` in UTC."""
    return datetime.combine(day, time(0), tzinfo=timezone).astimezone(UTC)


def period_of(kind: PeriodKind, day: date, timezone: tzinfo) -> Period:
    """The day, week (Monday to Sunday) or calendar month holding `day`."""
    if kind is PeriodKind.DAY:
        return Period(kind, day, day, timezone)
    if kind is PeriodKind.WEEK:
        first = day - day.weekday() * ONE_DAY
        return Period(kind, first, first + 6 * ONE_DAY, timezone)
    first = day.replace(day=1)
    following = (first + 32 * ONE_DAY).replace(day=1)
    return Period(kind, first, following - ONE_DAY, timezone)


def send_moment(period: Period, at: time) -> datetime:
    """When the digest of `period` is due: at `at` local time on the day after it, in UTC."""
    return datetime.combine(period.last + ONE_DAY, at, tzinfo=period.timezone).astimezone(UTC)


def latest_due(kind: PeriodKind, now: datetime, at: time, timezone: tzinfo) -> Period:
    """The latest period of `kind` whose digest was due at or before `now`."""
    today = now.astimezone(timezone).date()
    candidate = period_of(kind, today - ONE_DAY, timezone)
    while send_moment(candidate, at) > now:
        candidate = period_of(kind, candidate.first - ONE_DAY, timezone)
    return candidate
