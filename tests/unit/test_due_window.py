"""The deadline watch's SQL window never leaves out a claim with a notice due (issue 13)."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from mailflow.domain.calendar import WorkCalendar
from mailflow.domain.deadlines import ClaimDeadlines
from mailflow.domain.model import ClaimStatus
from mailflow.domain.notices import ClaimClock, ReminderPolicy, due_notices, due_window

MOSCOW = ZoneInfo("Europe/Moscow")
RU = WorkCalendar.for_country("RU", MOSCOW)
START = datetime(2026, 12, 20, tzinfo=MOSCOW)  # New Year holidays ahead: long gaps
POLICIES = [ReminderPolicy(), ReminderPolicy(before_working_days=(3, 1, 0)),
            ReminderPolicy(before_working_days=(), escalation_repeat=None),
            ReminderPolicy(chase_customer_after_days=2, auto_close_after_days=4),
            ReminderPolicy(chase_customer_after_days=None)]
STATUSES = [ClaimStatus.NEW, ClaimStatus.IN_PROGRESS, ClaimStatus.WAITING_CUSTOMER,
            ClaimStatus.CLOSED]


def random_clock(rng: random.Random, number: int) -> ClaimClock:
    """A claim with deadlines from a week before to a month after START, any status."""
    def moment() -> datetime:
        return START + timedelta(minutes=rng.randrange(-7 * 24 * 60, 30 * 24 * 60))

    first = moment()
    hard, resolution = first + timedelta(days=rng.randrange(0, 5)), first + \
        timedelta(days=rng.randrange(0, 15))
    status = rng.choice(STATUSES)
    waiting = status is ClaimStatus.WAITING_CUSTOMER
    deadlines = ClaimDeadlines(first, hard, resolution,
                               paused_at=moment() if waiting or rng.random() < 0.1 else None,
                               statutory_due=moment() if rng.random() < 0.3 else None)
    return ClaimClock(number=f"CLM-2026-{number:06d}", status=status, deadlines=deadlines,
                      first_response_at=moment() if rng.random() < 0.4 else None,
                      waiting_since=moment() - timedelta(days=3) if waiting else None,
                      assignee="anna@example.test")


@pytest.mark.parametrize("policy", POLICIES)
def test_every_claim_with_a_notice_due_is_inside_the_window(policy: ReminderPolicy) -> None:
    """For thousands of claims and moments (holidays, weekends, early mornings), a claim
    with any notice due at that moment is inside `due_window`, and most that have none are
    outside it."""
    rng = random.Random(13)
    inside_without_notice = outside = 0
    for number in range(3000):
        clock = random_clock(rng, number)
        now = START + timedelta(minutes=rng.randrange(0, 20 * 24 * 60))
        window = due_window(now, policy, RU)
        due = due_notices(clock, now, policy, RU)
        if due:
            assert window.may_be_due(clock), (clock, now, due, window)
        elif window.may_be_due(clock):
            inside_without_notice += 1
        else:
            outside += 1
    assert outside > inside_without_notice
