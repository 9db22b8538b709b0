"""Digest periods: local days, weeks and months, and which digest is due when."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from mailflow.digest.period import PeriodKind, latest_due, period_of, send_moment

MOSCOW = ZoneInfo("Europe/Moscow")
BERLIN = ZoneInfo("Europe/Berlin")
EIGHT = time(8, 0)


def test_periods_are_local_days_weeks_and_months_with_their_comparisons() -> None:
    """A day starts at local midnight (UTC+3: 21:00 UTC the day before); a week runs Monday
    to Sunday; a month is the calendar month; a day compares with the same weekday a week
    earlier, a week and a month with the one before."""
    day = period_of(PeriodKind.DAY, date(2026, 11, 5), MOSCOW)
    assert (day.start, day.end) == (datetime(2026, 11, 4, 21, tzinfo=UTC),
                                    datetime(2026, 11, 5, 21, tzinfo=UTC))
    assert day.previous().first == date(2026, 10, 29)
    week = period_of(PeriodKind.WEEK, date(2026, 11, 5), MOSCOW)
    assert (week.first, week.last, week.previous().first) == (
        date(2026, 11, 2), date(2026, 11, 8), date(2026, 10, 26))
    month = period_of(PeriodKind.MONTH, date(2026, 2, 14), MOSCOW)
    assert (month.first, month.last, month.previous().first) == (
        date(2026, 2, 1), date(2026, 2, 28), date(2026, 1, 1))
    assert len(day.window_days()) == 30
    assert day.window_days()[-1] == date(2026, 11, 5)


def test_a_day_across_a_clock_change_is_25_hours_long() -> None:
    """The local day the clocks go back in Berlin (25 October 2026) lasts 25 hours."""
    day = period_of(PeriodKind.DAY, date(2026, 10, 25), BERLIN)
    assert (day.end - day.start).total_seconds() == 25 * 3600


def test_the_digest_due_is_yesterdays_from_its_time_on() -> None:
    """Before 08:00 local the latest due daily digest is the day before yesterday's; from
    08:00 it is yesterday's; the weekly one is due on Mondays for the week before."""
    before = datetime(2026, 11, 6, 4, 59, tzinfo=UTC)  # 07:59 in Moscow
    at = datetime(2026, 11, 6, 5, 0, tzinfo=UTC)
    assert latest_due(PeriodKind.DAY, before, EIGHT, MOSCOW).first == date(2026, 11, 4)
    due = latest_due(PeriodKind.DAY, at, EIGHT, MOSCOW)
    assert (due.first, send_moment(due, EIGHT)) == (date(2026, 11, 5), at)
    week = latest_due(PeriodKind.WEEK, at, EIGHT, MOSCOW)
    assert (week.first, week.last) == (date(2026, 10, 26), date(2026, 11, 1))
    month = latest_due(PeriodKind.MONTH, at, EIGHT, MOSCOW)
    assert (month.first, month.last) == (date(2026, 10, 1), date(2026, 10, 31))
