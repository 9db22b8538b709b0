"""Working days and working hours: which moments count towards a deadline.

A day is a working day unless it is a company day off; a moved working day (a working
Saturday) is always one; otherwise it must be a working weekday and not a public holiday.

Arithmetic is done on UTC instants of each local day's working period, built with
`datetime.combine(day, hour, tzinfo=zone)`: adding or subtracting aware datetimes that share
a tzinfo is wall-clock arithmetic in Python, which is wrong across a DST change.
Everything iterates days, never minutes. Results are in the calendar's time zone.

Public holidays are computed per year when a day of that year is first asked about, so a
daemon running across New Year, a claim from years ago and a deadline years ahead all see
the right ones; the `holidays` package derives them from rules, never from the clock.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any

import holidays as holidays_package

from mailflow.errors import ConfigError

MONDAY_TO_FRIDAY = frozenset(range(5))
_ONE_DAY = timedelta(days=1)
_NOTHING = timedelta(0)
_NO_DATES: tuple[frozenset[date], frozenset[date]] = (frozenset(), frozenset())


class PublicHolidays:
    """A country's (and region's) public holidays and moved working days, year by year."""

    def __init__(self, country: str, subdivision: str | None = None) -> None:
        self.country, self.subdivision = country, subdivision
        self.weekend = frozenset(self._table([]).weekend)
        self._years: dict[int, tuple[frozenset[date], frozenset[date]]] = {}

    def is_holiday(self, day: date) -> bool:
        return day in self.year(day.year)[0]

    def is_moved_working_day(self, day: date) -> bool:
        """A weekend day the government made a working day (a Russian working Saturday)."""
        return day in self.year(day.year)[1]

    def year(self, year: int) -> tuple[frozenset[date], frozenset[date]]:
        """The holidays and the moved working days of `year`."""
        found = self._years.get(year)
        if found is None:  # two threads may both compute a year: same answer, no harm
            table = self._table([year])
            found = (frozenset(table), frozenset(table.weekend_workdays))
            self._years[year] = found
        return found

    def _table(self, years: list[int]) -> Any:
        try:
            return holidays_package.country_holidays(self.country, subdiv=self.subdivision,
                                                     years=years)
        except NotImplementedError as error:
            raise ConfigError(str(error), key="calendar.country") from error


@dataclass(frozen=True)
class WorkCalendar:
    """Working weekdays, working hours, public holidays and company exceptions in one zone."""

    timezone: tzinfo
    working_weekdays: frozenset[int] = MONDAY_TO_FRIDAY
    day_start: time = time(9)
    day_end: time = time(18)
    holidays: frozenset[date] = frozenset()
    extra_working_days: frozenset[date] = frozenset()
    extra_days_off: frozenset[date] = frozenset()
    public: PublicHolidays | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if not self.working_weekdays or not self.working_weekdays <= set(range(7)):
            raise ValueError("working_weekdays must be a non-empty subset of 0 (Mon) .. 6 (Sun)")
        if self.day_start >= self.day_end:
            raise ValueError("day_start must be earlier than day_end")

    @classmethod
    def for_country(cls, country: str, timezone: tzinfo, subdivision: str | None = None,
                    **overrides: Any) -> WorkCalendar:
        """A calendar with the public holidays, substituted days off and moved working days
        the `holidays` package knows for `country`, in any year; `overrides` set other
        fields (`holidays` and `extra_working_days` add company days to the country's)."""
        public = PublicHolidays(country, subdivision)
        found: dict[str, Any] = {"working_weekdays": frozenset(range(7)) - public.weekend}
        return cls(timezone=timezone, public=public, **(found | overrides))

    def is_holiday(self, day: date) -> bool:
        """Whether `day` is a public holiday (or one given to this calendar)."""
        return day in self.holidays or (self.public is not None and self.public.is_holiday(day))

    def is_moved_working_day(self, day: date) -> bool:
        """Whether `day` was made a working day although it falls on a weekend or holiday."""
        return day in self.extra_working_days or (
            self.public is not None and self.public.is_moved_working_day(day))

    def is_working_day(self, day: date) -> bool:
        """Whether `day` is a working day of this calendar."""
        if day in self.extra_days_off:
            return False
        if day in self.extra_working_days:
            return True
        public, moved = self.public.year(day.year) if self.public else _NO_DATES
        if day in moved:
            return True
        return (day.weekday() in self.working_weekdays and day not in self.holidays
                and day not in public)

    def local_date(self, moment: datetime) -> date:
        """The calendar-local date of an aware `moment`."""
        return _aware(moment).astimezone(self.timezone).date()

    def day_start_at(self, day: date) -> datetime:
        """When working hours begin on `day`, in the calendar's zone."""
        return self._local(day, self.day_start)

    def day_end_at(self, day: date) -> datetime:
        """When working hours end on `day`, in the calendar's zone."""
        return self._local(day, self.day_end)

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after `day`."""
        day += _ONE_DAY
        while not self.is_working_day(day):
            day += _ONE_DAY
        return day

    def previous_working_day(self, day: date) -> date:
        """The last working day strictly before `day`."""
        day -= _ONE_DAY
        while not self.is_working_day(day):
            day -= _ONE_DAY
        return day

    def nth_working_day_after(self, day: date, n: int) -> date:
        """The `n`-th working day after `day`; for n=0, `day` itself or the next working day."""
        if n < 0:
            raise ValueError("n must not be negative")
        if n == 0:
            return day if self.is_working_day(day) else self.next_working_day(day)
        for _ in range(n):
            day = self.next_working_day(day)
        return day

    def nth_working_day_before(self, day: date, n: int) -> date:
        """The `n`-th working day before the working day of `day` (`day` itself, or the last
        working day before it when it is not one)."""
        if n < 0:
            raise ValueError("n must not be negative")
        if not self.is_working_day(day):
            day = self.previous_working_day(day)
        for _ in range(n):
            day = self.previous_working_day(day)
        return day

    def next_working_start(self, moment: datetime) -> datetime:
        """`moment` itself when inside working hours, else the start of the next working period."""
        day = self.local_date(moment)
        if self.is_working_day(day):
            start, end = self._window(day)
            if moment < end:
                return max(start, _aware(moment)).astimezone(self.timezone)
        return self.day_start_at(self.next_working_day(day))

    def add_working_days(self, moment: datetime, n: int) -> datetime:
        """The end of working hours of the `n`-th working day after the local day of `moment`
        (the deadline rule: received Mon 10:00 with n=3 gives Thu 18:00); n=0 gives the end
        of the working day on which `moment` can first be worked on."""
        if n == 0:
            return self.day_end_at(self.local_date(self.next_working_start(moment)))
        return self.day_end_at(self.nth_working_day_after(self.local_date(moment), n))

    def add_working_time(self, moment: datetime, delta: timedelta) -> datetime:
        """The moment `delta` of working time after `moment` (the end of a working period when
        the time runs out exactly there)."""
        if delta < _NOTHING:
            raise ValueError("delta must not be negative")
        if delta == _NOTHING:
            return _aware(moment).astimezone(self.timezone)
        remaining, instant = delta, _aware(moment).astimezone(UTC)
        for start, end in self._windows_from(self.local_date(moment)):
            begin = max(start, instant)
            if begin < end and remaining <= end - begin:
                return (begin + remaining).astimezone(self.timezone)
            remaining -= max(end - begin, _NOTHING)
        raise AssertionError("unreachable: working windows never run out")

    def working_time_between(self, start: datetime, end: datetime) -> timedelta:
        """How much of the interval [start, end) falls within working hours of working days."""
        begin, finish = _aware(start).astimezone(UTC), _aware(end).astimezone(UTC)
        total = _NOTHING
        if finish <= begin:
            return total
        for window_start, window_end in self._windows_from(self.local_date(begin)):
            if window_start >= finish:
                return total
            total += max(min(window_end, finish) - max(window_start, begin), _NOTHING)
        raise AssertionError("unreachable: working windows never run out")

    def working_days_between(self, first: date, last: date) -> int:
        """Working days after `first` up to and including `last` (negative when last < first)."""
        if last < first:
            return -self.working_days_between(last, first)
        days = (first + _ONE_DAY * step for step in range(1, (last - first).days + 1))
        return sum(1 for day in days if self.is_working_day(day))

    def _local(self, day: date, hour: time) -> datetime:
        # The UTC round trip normalises a wall time that does not exist (a DST gap).
        return datetime.combine(day, hour, tzinfo=self.timezone).astimezone(UTC).astimezone(
            self.timezone)

    def _window(self, day: date) -> tuple[datetime, datetime]:
        return (self.day_start_at(day).astimezone(UTC), self.day_end_at(day).astimezone(UTC))

    def _windows_from(self, day: date) -> Iterator[tuple[datetime, datetime]]:
        """The UTC working windows of `day` (if working) and every later working day."""
        if not self.is_working_day(day):
            day = self.next_working_day(day)
        while True:
            yield self._window(day)
            day = self.next_working_day(day)


def _aware(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"a timezone-aware datetime is required, got {moment!r}")
    return moment
