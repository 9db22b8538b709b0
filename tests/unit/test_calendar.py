"""The working-day calendar: holidays, moved working days, working hours, zones and DST."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mailflow.domain.calendar import WorkCalendar
from mailflow.errors import ConfigError

MOSCOW = ZoneInfo("Europe/Moscow")
VLADIVOSTOK = ZoneInfo("Asia/Vladivostok")
BERLIN = ZoneInfo("Europe/Berlin")
RU = WorkCalendar.for_country("RU", MOSCOW)
PLAIN = WorkCalendar(MOSCOW)
# Every day a working day and nearly the whole day working, so DST nights fall inside hours.
BERLIN_ALL_DAY = WorkCalendar(BERLIN, working_weekdays=frozenset(range(7)),
                              day_start=time(0, 30), day_end=time(23, 30))


def msk(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=MOSCOW)


def test_three_working_days_after_monday_morning_is_thursday_evening() -> None:
    """Received Monday 10:00 with three working days, the deadline is Thursday 18:00."""
    assert PLAIN.add_working_days(msk(2026, 3, 2, 10), 3) == msk(2026, 3, 5, 18)


def test_friday_evening_before_a_monday_holiday_skips_the_holiday() -> None:
    """Friday 20:00 before the observed 8 March holiday (Monday 9 March 2026) gives Thursday."""
    assert RU.is_holiday(date(2026, 3, 9))
    assert RU.add_working_days(msk(2026, 3, 6, 20), 3) == msk(2026, 3, 12, 18)


def test_friday_evening_before_unity_day_counts_around_it() -> None:
    """Received Friday 30 October 2026 evening, Wednesday 4 November (Unity Day) is skipped."""
    assert RU.add_working_days(msk(2026, 10, 30, 20), 3) == msk(2026, 11, 5, 18)


def test_new_year_holidays_push_the_deadline_past_them() -> None:
    """A claim of 30 December 2025 with one working day is due on 12 January 2026."""
    assert RU.add_working_days(msk(2025, 12, 30, 12), 1) == msk(2026, 1, 12, 18)


def test_package_moved_working_saturday_counts_as_a_working_day() -> None:
    """Saturday 1 November 2025 was a working day in Russia; 3 and 4 November were days off."""
    assert RU.is_moved_working_day(date(2025, 11, 1))
    assert RU.is_working_day(date(2025, 11, 1))
    assert not RU.is_working_day(date(2025, 11, 3))
    assert RU.add_working_days(msk(2025, 10, 31, 20), 3) == msk(2025, 11, 6, 18)


def test_extra_working_saturday_and_company_day_off_are_respected() -> None:
    """A configured working Saturday counts and a company day off (Tuesday) does not."""
    calendar = WorkCalendar(MOSCOW, extra_working_days=frozenset({date(2026, 3, 7)}),
                            extra_days_off=frozenset({date(2026, 3, 10)}))
    assert calendar.add_working_days(msk(2026, 3, 6, 10), 3) == msk(2026, 3, 11, 18)


def test_company_day_off_beats_a_moved_working_day() -> None:
    """A date that is both a moved working day and a company day off is a day off."""
    day = date(2026, 3, 7)
    calendar = WorkCalendar(MOSCOW, extra_working_days=frozenset({day}),
                            extra_days_off=frozenset({day}))
    assert not calendar.is_working_day(day)


def test_for_country_applies_overrides() -> None:
    """Keyword overrides replace what the package found, such as the working hours."""
    calendar = WorkCalendar.for_country("RU", MOSCOW, day_end=time(17))
    assert calendar.day_end == time(17)
    assert calendar.is_holiday(date(2026, 11, 4))


def test_for_country_takes_the_weekend_from_the_package() -> None:
    """A country with a Friday-Saturday weekend gets Sunday to Thursday as working weekdays."""
    calendar = WorkCalendar.for_country("IL", ZoneInfo("Asia/Jerusalem"))
    assert calendar.working_weekdays == frozenset({6, 0, 1, 2, 3})


def test_unknown_country_or_subdivision_is_a_config_error() -> None:
    """An unknown country or subdivision fails as a ConfigError, not a library exception."""
    with pytest.raises(ConfigError, match="XX"):
        WorkCalendar.for_country("XX", MOSCOW)
    with pytest.raises(ConfigError, match="ZZ"):
        WorkCalendar.for_country("RU", MOSCOW, subdivision="ZZ")


def test_inverted_working_hours_are_rejected() -> None:
    """A working day that ends before it starts is refused."""
    with pytest.raises(ValueError, match="day_start"):
        WorkCalendar(MOSCOW, day_start=time(18), day_end=time(9))


def test_naive_datetimes_are_rejected() -> None:
    """A datetime without a zone is refused rather than guessed."""
    with pytest.raises(ValueError, match="timezone-aware"):
        PLAIN.next_working_start(datetime(2026, 3, 2, 10))


@pytest.mark.parametrize(("moment", "expected"), [
    (msk(2026, 3, 2, 10), msk(2026, 3, 2, 10)),
    (msk(2026, 3, 2, 7), msk(2026, 3, 2, 9)),
    (msk(2026, 3, 2, 18), msk(2026, 3, 3, 9)),
    (msk(2026, 3, 6, 19), msk(2026, 3, 10, 9)),
    (msk(2026, 3, 7, 12), msk(2026, 3, 10, 9)),
])
def test_next_working_start(moment: datetime, expected: datetime) -> None:
    """Inside hours the moment itself, otherwise the start of the next working period."""
    assert RU.next_working_start(moment) == expected


def test_same_instant_gives_different_deadlines_in_moscow_and_vladivostok() -> None:
    """Monday 17:30 in Moscow is already Tuesday in Vladivostok, so its deadline is a day later."""
    received = msk(2026, 3, 2, 17, 30)
    vladivostok = WorkCalendar(VLADIVOSTOK)
    assert PLAIN.add_working_days(received, 3) == msk(2026, 3, 5, 18)
    assert vladivostok.add_working_days(received, 3) == datetime(2026, 3, 6, 18,
                                                                 tzinfo=VLADIVOSTOK)
    assert vladivostok.add_working_days(received, 3).tzinfo is VLADIVOSTOK


def test_working_hours_are_read_in_the_calendar_zone() -> None:
    """08:00 UTC is 11:00 in Moscow (working) but 18:00 in Vladivostok (after hours)."""
    moment = datetime(2026, 3, 2, 8, tzinfo=ZoneInfo("UTC"))
    assert PLAIN.next_working_start(moment) == moment
    assert WorkCalendar(VLADIVOSTOK).next_working_start(moment) == datetime(
        2026, 3, 3, 9, tzinfo=VLADIVOSTOK)


def test_spring_forward_day_has_one_working_hour_less() -> None:
    """On 29 March 2026 Berlin skips 02:00-03:00, so 00:30-23:30 holds 22 real hours."""
    day = date(2026, 3, 29)
    start, end = BERLIN_ALL_DAY.day_start_at(day), BERLIN_ALL_DAY.day_end_at(day)
    assert BERLIN_ALL_DAY.working_time_between(start, end) == timedelta(hours=22)


def test_fall_back_day_has_one_working_hour_more() -> None:
    """On 25 October 2026 Berlin repeats 02:00-03:00, so 00:30-23:30 holds 24 real hours."""
    day = date(2026, 10, 25)
    start, end = BERLIN_ALL_DAY.day_start_at(day), BERLIN_ALL_DAY.day_end_at(day)
    assert BERLIN_ALL_DAY.working_time_between(start, end) == timedelta(hours=24)


def test_adding_working_time_across_spring_forward_uses_real_hours() -> None:
    """22 working hours from the start of the DST day end exactly at its 23:30."""
    start = datetime(2026, 3, 29, 0, 30, tzinfo=BERLIN)
    assert BERLIN_ALL_DAY.add_working_time(start, timedelta(hours=22)) == datetime(
        2026, 3, 29, 23, 30, tzinfo=BERLIN)


def test_deadline_after_dst_change_keeps_local_end_of_day() -> None:
    """A Berlin deadline computed across the DST change is 18:00 local summer time."""
    berlin = WorkCalendar(BERLIN)
    due = berlin.add_working_days(datetime(2026, 3, 27, 10, tzinfo=BERLIN), 1)
    assert (due.hour, due.utcoffset()) == (18, timedelta(hours=2))


def test_working_time_across_a_weekend_counts_only_working_hours() -> None:
    """From Friday 17:00 to Monday 10:00 only two working hours pass."""
    assert PLAIN.working_time_between(msk(2026, 3, 13, 17), msk(2026, 3, 16, 10)) == \
        timedelta(hours=2)


def test_working_time_of_an_inverted_interval_is_zero() -> None:
    """An interval that ends before it starts holds no working time."""
    assert PLAIN.working_time_between(msk(2026, 3, 3, 12), msk(2026, 3, 3, 10)) == timedelta(0)


def test_working_time_that_runs_out_at_day_end_stops_there() -> None:
    """Adding the remaining hours of a day lands on its end, not the next morning."""
    assert PLAIN.add_working_time(msk(2026, 3, 2, 16), timedelta(hours=2)) == msk(2026, 3, 2, 18)
    assert PLAIN.add_working_time(msk(2026, 3, 2, 18), timedelta(hours=2)) == msk(2026, 3, 3, 11)


def test_working_days_between_counts_days_after_the_first_up_to_the_last() -> None:
    """Monday to Thursday is 3, the reverse is -3, and a holiday in between is not counted."""
    assert PLAIN.working_days_between(date(2026, 3, 2), date(2026, 3, 5)) == 3
    assert PLAIN.working_days_between(date(2026, 3, 5), date(2026, 3, 2)) == -3
    assert RU.working_days_between(date(2026, 3, 6), date(2026, 3, 12)) == 3


moments = st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2027, 10, 1),
                       timezones=st.sampled_from([MOSCOW, VLADIVOSTOK, BERLIN]),
                       allow_imaginary=False)


@settings(deadline=None)
@given(moment=moments, days=st.integers(min_value=0, max_value=15))
def test_deadline_is_end_of_a_working_day_after_receipt(moment: datetime, days: int) -> None:
    """add_working_days always ends a working day, in the calendar zone, after receipt."""
    due = RU.add_working_days(moment, days)
    assert due > moment
    assert due.tzinfo is MOSCOW
    assert RU.is_working_day(due.date())
    assert due.time() == RU.day_end


@settings(deadline=None)
@given(moment=moments, minutes=st.integers(min_value=1, max_value=60 * 24 * 20))
def test_added_working_time_is_measured_back_exactly(moment: datetime, minutes: int) -> None:
    """Working time added to a moment lands within working hours and measures back the same."""
    delta = timedelta(minutes=minutes)
    later = RU.add_working_time(moment, delta)
    assert RU.is_working_day(later.date())
    assert RU.day_start < later.time() <= RU.day_end
    assert RU.working_time_between(moment, later) == delta


@pytest.mark.parametrize(("day", "holiday"), [
    (date(2019, 1, 7), True),     # Orthodox Christmas, years before any "today"
    (date(2019, 1, 9), False),
    (date(2031, 6, 12), True),    # Russia Day, years ahead
    (date(2031, 5, 9), True),     # Victory Day
    (date(2031, 5, 13), False),
])
def test_public_holidays_are_known_for_any_year(day: date, holiday: bool) -> None:
    """The country's holidays come for whatever year is asked, not a window around today."""
    assert RU.is_holiday(day) is holiday


def test_deadline_across_new_year_of_a_far_year() -> None:
    """A claim of 31 December 2030 skips the 2031 New Year holidays computed on demand."""
    assert RU.add_working_days(msk(2030, 12, 31, 12), 1) == msk(2031, 1, 9, 18)


def test_company_dates_add_to_the_countrys() -> None:
    """Configured holidays and working days add to the package's, they do not replace them."""
    calendar = WorkCalendar.for_country("RU", MOSCOW,
                                        extra_working_days=frozenset({date(2026, 3, 14)}))
    assert calendar.is_working_day(date(2026, 3, 14))
    assert calendar.is_moved_working_day(date(2025, 11, 1))
