"""Claim deadlines: terms and overrides, pausing while waiting, recomputing, overdue checks."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from mailflow.domain.calendar import WorkCalendar
from mailflow.domain.deadlines import (
    ClaimDeadlines,
    DeadlineKind,
    DeadlineOverride,
    DeadlinePolicy,
    answer_by_date,
    initial_deadlines,
    is_overdue,
    pause,
    recompute_for,
    resume,
)

MOSCOW = ZoneInfo("Europe/Moscow")
RU = WorkCalendar.for_country("RU", MOSCOW)
POLICY = DeadlinePolicy(overrides={
    "category:damaged": DeadlineOverride(first_response_days=2, resolution_days=15),
    "priority:urgent": DeadlineOverride(first_response_days=1, hard_limit_days=2),
})


def msk(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=MOSCOW)


def test_default_terms_are_three_five_and_ten_working_days() -> None:
    """Received Monday 2 March 2026, answers are due Thu 5, Tue 10 (9 March is off) and Tue 17."""
    deadlines = initial_deadlines(msk(2026, 3, 2, 10), None, None, DeadlinePolicy(), RU)
    assert deadlines == ClaimDeadlines(msk(2026, 3, 5, 18), msk(2026, 3, 10, 18),
                                       msk(2026, 3, 17, 18))


def test_category_override_replaces_only_the_terms_it_sets() -> None:
    """A category override changes first response and resolution but keeps the hard limit."""
    terms = POLICY.terms_for("damaged", None)
    assert (terms.first_response_days, terms.hard_limit_days, terms.resolution_days) == (2, 5, 15)


def test_priority_override_beats_category_override_field_by_field() -> None:
    """Priority sets first response over the category's, the category's resolution stays."""
    terms = POLICY.terms_for("damaged", "urgent")
    assert (terms.first_response_days, terms.hard_limit_days, terms.resolution_days) == (1, 2, 15)


def test_unknown_category_and_priority_use_the_defaults() -> None:
    """Names without an override get the default terms."""
    terms = POLICY.terms_for("other", "low")
    assert (terms.first_response_days, terms.hard_limit_days, terms.resolution_days) == (3, 5, 10)


def test_override_deadlines_follow_the_terms() -> None:
    """An urgent claim received Monday is due for a first answer on Tuesday evening."""
    deadlines = initial_deadlines(msk(2026, 3, 2, 10), "damaged", "urgent", POLICY, RU)
    assert deadlines.first_response_due == msk(2026, 3, 3, 18)
    assert deadlines.hard_limit_due == msk(2026, 3, 4, 18)


def test_contradicting_overrides_are_refused_when_the_policy_is_built() -> None:
    """A combination whose first response would exceed its hard limit fails at configuration."""
    with pytest.raises(ValueError, match="hard limit"):
        DeadlinePolicy(overrides={"category:slow": DeadlineOverride(first_response_days=4),
                                  "priority:urgent": DeadlineOverride(hard_limit_days=2)})


def test_override_keys_must_name_a_category_or_priority() -> None:
    """An override key without the category: or priority: prefix is refused."""
    with pytest.raises(ValueError, match="category: or priority:"):
        DeadlinePolicy(overrides={"damaged": DeadlineOverride(first_response_days=1)})


def test_pause_twice_keeps_the_first_pause_moment() -> None:
    """Pausing an already paused claim changes nothing."""
    deadlines = initial_deadlines(msk(2026, 3, 11, 10), None, None, POLICY, RU)
    paused = pause(deadlines, msk(2026, 3, 12, 10))
    assert pause(paused, msk(2026, 3, 12, 15)) == paused


def test_pause_across_a_weekend_adds_only_working_hours() -> None:
    """Paused Friday 17:00 and resumed Monday 10:00, every deadline moves by two hours."""
    deadlines = initial_deadlines(msk(2026, 3, 11, 10), None, None, POLICY, RU)
    assert deadlines.first_response_due == msk(2026, 3, 16, 18)
    resumed = resume(pause(deadlines, msk(2026, 3, 13, 17)), msk(2026, 3, 16, 10), RU)
    assert resumed.first_response_due == msk(2026, 3, 17, 11)
    assert resumed.hard_limit_due == msk(2026, 3, 19, 11)
    assert (resumed.paused_at, resumed.paused_for) == (None, timedelta(hours=2))


def test_resume_without_pause_changes_nothing() -> None:
    """Resuming a running clock leaves the deadlines alone."""
    deadlines = initial_deadlines(msk(2026, 3, 11, 10), None, None, POLICY, RU)
    assert resume(deadlines, msk(2026, 3, 12, 10), RU) == deadlines


def test_pauses_accumulate() -> None:
    """Two pauses of a working day each move the deadlines by two working days in total."""
    deadlines = initial_deadlines(msk(2026, 3, 2, 10), None, None, POLICY, RU)
    once = resume(pause(deadlines, msk(2026, 3, 3, 9)), msk(2026, 3, 3, 18), RU)
    twice = resume(pause(once, msk(2026, 3, 4, 9)), msk(2026, 3, 4, 18), RU)
    assert twice.first_response_due == msk(2026, 3, 10, 18)
    assert twice.paused_for == timedelta(hours=18)


def test_recompute_keeps_the_time_spent_paused() -> None:
    """A new priority restarts from receipt with new terms plus the earlier pause."""
    received = msk(2026, 3, 11, 10)
    deadlines = initial_deadlines(received, None, None, POLICY, RU)
    resumed = resume(pause(deadlines, msk(2026, 3, 13, 17)), msk(2026, 3, 16, 10), RU)
    urgent = recompute_for(resumed, received, None, "urgent", POLICY, RU)
    assert urgent.first_response_due == msk(2026, 3, 13, 11)
    assert urgent.paused_for == timedelta(hours=2)


def test_recompute_while_paused_stays_paused() -> None:
    """Recomputing a paused claim keeps the pause moment, so resume still counts it."""
    received = msk(2026, 3, 11, 10)
    paused = pause(initial_deadlines(received, None, None, POLICY, RU), msk(2026, 3, 12, 10))
    assert recompute_for(paused, received, "damaged", None, POLICY, RU).paused_at == \
        msk(2026, 3, 12, 10)


def test_overdue_from_the_deadline_moment() -> None:
    """A deadline is overdue at and after its moment, not before."""
    deadlines = initial_deadlines(msk(2026, 3, 2, 10), None, None, POLICY, RU)
    kind = DeadlineKind.FIRST_RESPONSE
    assert not is_overdue(deadlines, kind, msk(2026, 3, 5, 17, 59))
    assert is_overdue(deadlines, kind, msk(2026, 3, 5, 18))


def test_a_paused_claim_is_judged_at_its_pause_moment() -> None:
    """While paused, a deadline is overdue only if it had passed when the clock stopped."""
    deadlines = initial_deadlines(msk(2026, 3, 2, 10), None, None, POLICY, RU)
    paused = pause(deadlines, msk(2026, 3, 4, 12))
    assert not is_overdue(paused, DeadlineKind.FIRST_RESPONSE, msk(2026, 3, 20, 12))
    late = pause(deadlines, msk(2026, 3, 6, 12))
    assert is_overdue(late, DeadlineKind.FIRST_RESPONSE, msk(2026, 3, 6, 12))


def test_answer_by_date_is_the_local_date_of_the_first_response_deadline() -> None:
    """The promised date is read in the calendar zone even from a UTC-stored deadline."""
    vladivostok = WorkCalendar(ZoneInfo("Asia/Vladivostok"))
    deadlines = initial_deadlines(msk(2026, 3, 2, 10), None, None, POLICY, vladivostok)
    stored = replace(deadlines, first_response_due=deadlines.first_response_due.astimezone(UTC))
    assert answer_by_date(stored, vladivostok) == date(2026, 3, 5)
    late_in_day = replace(stored, first_response_due=datetime(2026, 3, 5, 20, tzinfo=UTC))
    assert answer_by_date(late_in_day, vladivostok) == date(2026, 3, 6)
