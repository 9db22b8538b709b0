"""Which reminders, escalations, chasers and auto-closes are due, and that each goes out once."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo

import pytest

from mailflow.domain.calendar import WorkCalendar
from mailflow.domain.deadlines import (
    ClaimDeadlines,
    DeadlineKind,
    DeadlinePolicy,
    initial_deadlines,
    pause,
    resume,
)
from mailflow.domain.model import ClaimStatus
from mailflow.domain.notices import (
    ClaimClock,
    Notice,
    NoticeKind,
    ReminderPolicy,
    due_notices,
    upcoming_notices,
)

MOSCOW = ZoneInfo("Europe/Moscow")
RU = WorkCalendar.for_country("RU", MOSCOW)
NUMBER = "CLM-2026-000001"
DEFAULT = ReminderPolicy()
FR, HL, RES = DeadlineKind.FIRST_RESPONSE, DeadlineKind.HARD_LIMIT, DeadlineKind.RESOLUTION


def msk(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=MOSCOW)


def deadlines_for(received: datetime) -> ClaimDeadlines:
    return initial_deadlines(received, None, None, DeadlinePolicy(), RU)


# Received Monday 2 March 2026: first response Thu 5, hard limit Tue 10 (Mon 9 is a holiday),
# resolution Tue 17, all at 18:00 Moscow time.
MONDAY_CLAIM = ClaimClock(NUMBER, ClaimStatus.IN_PROGRESS, deadlines_for(msk(2026, 3, 2, 10)),
                          assignee="anna")


def summary(notices: list[Notice]) -> list[tuple[str, str | None, int]]:
    return [(n.kind.value, n.deadline_kind and n.deadline_kind.value, n.repeat) for n in notices]


def waiting_clock(since: datetime,
                  status: ClaimStatus = ClaimStatus.WAITING_CUSTOMER) -> ClaimClock:
    deadlines = pause(MONDAY_CLAIM.deadlines, since)
    return ClaimClock(NUMBER, status, deadlines, waiting_since=since)


def test_reminder_comes_one_working_day_before_at_day_start() -> None:
    """The first reminder is due at 09:00 the working day before the deadline, not earlier."""
    assert due_notices(MONDAY_CLAIM, msk(2026, 3, 4, 8, 59), DEFAULT, RU) == []
    assert due_notices(MONDAY_CLAIM, msk(2026, 3, 4, 9), DEFAULT, RU) == [Notice(
        key=f"reminder:{NUMBER}:first_response:1d:2026-03-05T15:00:00+00:00",
        kind=NoticeKind.REMINDER, deadline_kind=FR, due_at=msk(2026, 3, 4, 9))]


def test_day_of_reminder_replaces_the_earlier_one() -> None:
    """On the deadline day only the same-day reminder is listed."""
    notices = due_notices(MONDAY_CLAIM, msk(2026, 3, 5, 9, 30), DEFAULT, RU)
    assert [n.key for n in notices] == [
        f"reminder:{NUMBER}:first_response:0d:2026-03-05T15:00:00+00:00"]


def test_hard_limit_reminder_skips_back_over_the_holiday() -> None:
    """The day before Tue 10 March is Fri 6 (Mon 9 is a holiday); the missed deadline escalates."""
    notices = due_notices(MONDAY_CLAIM, msk(2026, 3, 6, 9), DEFAULT, RU)
    assert summary(notices) == [("reminder", "hard_limit", 0), ("escalation", "first_response", 0)]
    assert notices[0].due_at == msk(2026, 3, 6, 9)


def test_no_response_reminders_or_escalations_after_the_first_response() -> None:
    """Once answered, only the resolution deadline can remind or escalate."""
    answered = ClaimClock(NUMBER, ClaimStatus.IN_PROGRESS, MONDAY_CLAIM.deadlines,
                          first_response_at=msk(2026, 3, 4, 12))
    assert due_notices(answered, msk(2026, 3, 11, 10), DEFAULT, RU) == []
    assert summary(due_notices(answered, msk(2026, 3, 17, 18), DEFAULT, RU)) == [
        ("escalation", "resolution", 0)]


def test_repeats_outside_working_hours_wait_for_the_next_working_start() -> None:
    """Over the long weekend the first escalation stands; on Tuesday morning one repeat follows."""
    assert summary(due_notices(MONDAY_CLAIM, msk(2026, 3, 9, 12), DEFAULT, RU)) == [
        ("reminder", "hard_limit", 0), ("escalation", "first_response", 0)]
    notices = due_notices(MONDAY_CLAIM, msk(2026, 3, 10, 9), DEFAULT, RU)
    assert summary(notices) == [("reminder", "hard_limit", 0), ("escalation", "first_response", 4)]
    assert notices[1].due_at == msk(2026, 3, 10, 9)


def test_catch_up_after_downtime_yields_one_escalation() -> None:
    """A daemon back on Friday 13 March lists one hard-limit escalation, not every missed one."""
    notices = due_notices(MONDAY_CLAIM, msk(2026, 3, 13, 12), DEFAULT, RU)
    assert summary(notices) == [("escalation", "hard_limit", 2)]
    assert notices[0].key == f"escalation:{NUMBER}:hard_limit:2026-03-10T15:00:00+00:00:2"


def test_escalation_without_repeats_stays_the_first_one() -> None:
    """With repeats off the escalation is listed with repeat 0 however late it is."""
    once = ReminderPolicy(escalation_repeat=None)
    assert summary(due_notices(MONDAY_CLAIM, msk(2026, 3, 13, 12), once, RU)) == [
        ("escalation", "hard_limit", 0)]


@pytest.mark.parametrize("status", [ClaimStatus.RESOLVED, ClaimStatus.REJECTED,
                                    ClaimStatus.CLOSED])
def test_finished_claims_get_nothing(status: ClaimStatus) -> None:
    """An overdue claim that is finished produces no notices."""
    finished = ClaimClock(NUMBER, status, MONDAY_CLAIM.deadlines)
    assert due_notices(finished, msk(2026, 3, 20, 12), DEFAULT, RU) == []


def test_waiting_claim_gets_a_chaser_after_five_working_days() -> None:
    """Waiting since Wed 4 March, the customer is chased at 09:00 on Thu 12 and nothing else."""
    clock = waiting_clock(msk(2026, 3, 4, 11))
    assert due_notices(clock, msk(2026, 3, 12, 8, 59), DEFAULT, RU) == []
    assert due_notices(clock, msk(2026, 3, 12, 9), DEFAULT, RU) == [Notice(
        key=f"customer_chaser:{NUMBER}:2026-03-04T08:00:00+00:00",
        kind=NoticeKind.CUSTOMER_CHASER, deadline_kind=None, due_at=msk(2026, 3, 12, 9))]


def test_paused_claim_in_another_status_gets_no_chaser() -> None:
    """Chasers belong to waiting_customer; a paused clock alone silences reminders only."""
    clock = waiting_clock(msk(2026, 3, 4, 11), status=ClaimStatus.IN_PROGRESS)
    assert due_notices(clock, msk(2026, 3, 20, 12), DEFAULT, RU) == []


def test_chaser_and_auto_close_only_when_configured() -> None:
    """No chaser when turned off; a configured auto-close replaces the chaser once due."""
    clock = waiting_clock(msk(2026, 3, 4, 11))
    silent = ReminderPolicy(chase_customer_after_days=None)
    assert due_notices(clock, msk(2026, 3, 31, 12), silent, RU) == []
    assert summary(due_notices(clock, msk(2026, 3, 31, 12), DEFAULT, RU)) == [
        ("customer_chaser", None, 0)]
    closing = ReminderPolicy(auto_close_after_days=10)
    assert summary(due_notices(clock, msk(2026, 3, 19, 8), closing, RU)) == [
        ("customer_chaser", None, 0)]
    assert summary(due_notices(clock, msk(2026, 3, 19, 9), closing, RU)) == [
        ("auto_close", None, 0)]


def test_a_moved_deadline_gets_fresh_reminder_keys() -> None:
    """After a pause moves the deadline, its reminders carry new keys."""
    moved = resume(pause(MONDAY_CLAIM.deadlines, msk(2026, 3, 3, 9)), msk(2026, 3, 3, 18), RU)
    clock = ClaimClock(NUMBER, ClaimStatus.IN_PROGRESS, moved)
    before = due_notices(MONDAY_CLAIM, msk(2026, 3, 5, 9), DEFAULT, RU)
    after = due_notices(clock, msk(2026, 3, 5, 9), DEFAULT, RU)
    assert summary(before) == summary(after) == [("reminder", "first_response", 0)]
    assert before[0].key != after[0].key


def test_upcoming_lists_future_notices_in_order() -> None:
    """From Monday noon, eight days ahead hold the reminders and the collapsed escalations."""
    notices = upcoming_notices(MONDAY_CLAIM, msk(2026, 3, 2, 12), DEFAULT, RU,
                               timedelta(days=8))
    assert [(n.due_at, *summary([n])[0]) for n in notices] == [
        (msk(2026, 3, 4, 9), "reminder", "first_response", 0),
        (msk(2026, 3, 5, 9), "reminder", "first_response", 0),
        (msk(2026, 3, 5, 18), "escalation", "first_response", 0),
        (msk(2026, 3, 6, 9), "reminder", "hard_limit", 0),
        (msk(2026, 3, 10, 9), "reminder", "hard_limit", 0),
        (msk(2026, 3, 10, 9), "escalation", "first_response", 4),
    ]


def test_every_upcoming_notice_is_due_at_its_moment() -> None:
    """Whatever upcoming_notices promises, due_notices lists at that moment."""
    for notice in upcoming_notices(MONDAY_CLAIM, msk(2026, 3, 2, 12), DEFAULT, RU,
                                   timedelta(days=25)):
        assert notice in due_notices(MONDAY_CLAIM, notice.due_at, DEFAULT, RU)


def test_policy_refuses_nonsense() -> None:
    """A zero escalation repeat or a negative reminder offset is refused."""
    with pytest.raises(ValueError, match="positive"):
        ReminderPolicy(escalation_repeat=timedelta(0))
    with pytest.raises(ValueError, match="negative"):
        ReminderPolicy(before_working_days=(-1,))


@dataclass(frozen=True)
class Scenario:
    """A claim whose state changes at fixed moments during the simulated month."""

    number: str
    received: datetime
    answered: datetime | None = None
    waiting: datetime | None = None
    resolved: datetime | None = None

    def clock(self, now: datetime) -> ClaimClock:
        deadlines = deadlines_for(self.received)
        status = ClaimStatus.IN_PROGRESS
        if self.waiting is not None and now >= self.waiting:
            deadlines, status = pause(deadlines, self.waiting), ClaimStatus.WAITING_CUSTOMER
        if self.resolved is not None and now >= self.resolved:
            status = ClaimStatus.RESOLVED
        answered = self.answered if self.answered is not None and now >= self.answered else None
        waiting = self.waiting if status is ClaimStatus.WAITING_CUSTOMER else None
        return ClaimClock(self.number, status, deadlines, answered, waiting)


SCENARIOS = (
    Scenario("CLM-2026-000001", msk(2026, 3, 2, 10)),
    Scenario("CLM-2026-000002", msk(2026, 3, 3, 14), answered=msk(2026, 3, 5, 10),
             resolved=msk(2026, 3, 18, 12)),
    Scenario("CLM-2026-000003", msk(2026, 3, 4, 11), waiting=msk(2026, 3, 5, 15)),
    Scenario("CLM-2026-000004", msk(2026, 3, 6, 20), answered=msk(2026, 3, 13, 11)),
    Scenario("CLM-2026-000005", msk(2026, 3, 14, 12), answered=msk(2026, 3, 17, 10)),
)


@cache
def simulate_march() -> dict[str, list[tuple[int, Notice]]]:
    """Every (tick index, notice) seen per key with the clock moving in 15-minute steps."""
    policy = ReminderPolicy(auto_close_after_days=15)
    seen: dict[str, list[tuple[int, Notice]]] = defaultdict(list)
    for index in range(31 * 96):
        now = msk(2026, 3, 1) + index * timedelta(minutes=15)
        for scenario in SCENARIOS:
            for notice in due_notices(scenario.clock(now), now, policy, RU):
                seen[notice.key].append((index, notice))
    return seen


def tick(index: int) -> datetime:
    return msk(2026, 3, 1) + index * timedelta(minutes=15)


def test_month_simulation_lists_each_key_once_at_its_moment() -> None:
    """Over a simulated March every key appears first at the tick it falls due, then stays
    the same notice in one unbroken run, so a caller remembering sent keys sends it once."""
    seen = simulate_march()
    for key, sightings in seen.items():
        indexes = [index for index, _ in sightings]
        assert indexes == list(range(indexes[0], indexes[0] + len(indexes))), key
        assert len({notice for _, notice in sightings}) == 1, key
        due_at = sightings[0][1].due_at
        assert tick(indexes[0] - 1) < due_at <= tick(indexes[0]), key


def test_month_simulation_sends_the_expected_series() -> None:
    """The never-answered claim gets all six reminders and one escalation series at a time;
    the waiting claim gets its chaser and then its auto-close."""
    seen = simulate_march()

    def repeats(number: str, kind: str) -> list[int]:
        return sorted(sightings[0][1].repeat for key, sightings in seen.items()
                      if key.startswith(f"escalation:{number}:{kind}:"))

    first = "CLM-2026-000001"
    assert len([key for key in seen if key.startswith(f"reminder:{first}:")]) == 6
    assert repeats(first, "first_response") == [0, 4]
    assert repeats(first, "hard_limit") == [0, 1, 2, 5, 6]
    assert repeats(first, "resolution") == [0, 1, 2, 5, 6, 7, 8, 9, 12, 13]
    waiting = sorted((sightings[0][1].due_at, sightings[0][1].kind.value)
                     for key, sightings in seen.items() if "CLM-2026-000003" in key
                     and not key.startswith("reminder:"))
    assert waiting == [(msk(2026, 3, 13, 9), "customer_chaser"),
                       (msk(2026, 3, 27, 9), "auto_close")]
    assert not any("CLM-2026-000002" in key and key.startswith("escalation:") for key in seen)


def test_auto_close_no_later_than_the_chaser_drops_the_chaser() -> None:
    """When auto-close comes first (or together), the customer is never chased."""
    clock = waiting_clock(msk(2026, 3, 4, 11))
    closing = ReminderPolicy(chase_customer_after_days=5, auto_close_after_days=3)
    assert summary(upcoming_notices(clock, msk(2026, 3, 4, 12), closing, RU,
                                    timedelta(days=30))) == [("auto_close", None, 0)]


def test_a_term_in_law_reminds_and_escalates_like_the_others() -> None:
    """An answered claim with a statutory deadline on Thu 12 March: the specialist is
    reminded the working day before, and the managers hear once it has passed."""
    statutory = replace(MONDAY_CLAIM.deadlines, statutory_due=msk(2026, 3, 12, 23, 59))
    answered = ClaimClock(NUMBER, ClaimStatus.IN_PROGRESS, statutory,
                          first_response_at=msk(2026, 3, 4, 12))
    assert summary(due_notices(answered, msk(2026, 3, 11, 10), DEFAULT, RU)) == [
        ("reminder", "statutory", 0)]
    assert summary(due_notices(answered, msk(2026, 3, 13, 10), DEFAULT, RU)) == [
        ("escalation", "statutory", 0)]


def test_the_term_in_law_escalates_while_waiting_for_the_customer() -> None:
    """Waiting for the customer pauses the company's deadlines, not the law's."""
    waiting = waiting_clock(msk(2026, 3, 3, 12))
    clock = replace(waiting, deadlines=replace(waiting.deadlines,
                                               statutory_due=msk(2026, 3, 12, 23, 59)))
    found = summary(due_notices(clock, msk(2026, 3, 16, 10), DEFAULT, RU))
    assert [kind for kind, deadline, _ in found if deadline == "statutory"] == ["escalation"]
