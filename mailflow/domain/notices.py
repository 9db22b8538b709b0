"""What to send when: reminders, escalations, customer chasers and auto-close.

The functions are stateless: given a claim's clock and `now` they list every notice that
is due (or coming). Each notice has a deterministic key; the caller records the keys it has
sent and skips them, so a notice goes out once even though it stays due for a while.

- Reminders go to the specialist at the start of the working day `before_working_days`
  before a deadline, while the deadline is still ahead. After a downtime only the latest
  due reminder of a deadline is listed.
- An escalation goes to the managers when a deadline has passed unmet, then every
  `escalation_repeat`; a repeat falling outside working hours moves to the next working
  start. Only the latest due repeat is listed, so a catch-up sends one escalation, not a pile.
  One series runs at a time: the latest passed open deadline's (the hard limit takes over
  from the first response, the resolution from the hard limit).
- Response deadlines count until the first response, the resolution deadline until the
  claim is finished; nothing is reminded or escalated while the claim waits for the customer.
- While waiting for the customer: a polite chaser `chase_customer_after_days` working days
  after waiting began, at day start, and an auto-close (if configured) likewise; a due
  auto-close makes the chaser moot.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from enum import StrEnum

from mailflow.domain.calendar import WorkCalendar
from mailflow.domain.deadlines import ClaimDeadlines, DeadlineKind
from mailflow.domain.model import FINISHED_STATUSES, ClaimStatus

_RESPONSE_KINDS = (DeadlineKind.FIRST_RESPONSE, DeadlineKind.HARD_LIMIT)
_KIND_ORDER = tuple(DeadlineKind)


class NoticeKind(StrEnum):
    """Who is told what."""

    REMINDER = "reminder"
    ESCALATION = "escalation"
    CUSTOMER_CHASER = "customer_chaser"
    AUTO_CLOSE = "auto_close"


@dataclass(frozen=True)
class ReminderPolicy:
    """When reminders, escalation repeats, chasers and auto-close happen (None turns off)."""

    before_working_days: tuple[int, ...] = (1, 0)
    escalation_repeat: timedelta | None = timedelta(hours=24)
    chase_customer_after_days: int | None = 5
    auto_close_after_days: int | None = None

    def __post_init__(self) -> None:
        if any(days < 0 for days in self.before_working_days):
            raise ValueError("before_working_days must not be negative")
        if self.escalation_repeat is not None and self.escalation_repeat <= timedelta(0):
            raise ValueError("escalation_repeat must be positive")
        for days in (self.chase_customer_after_days, self.auto_close_after_days):
            if days is not None and days < 1:
                raise ValueError("chaser and auto-close terms must be at least 1 working day")


@dataclass(frozen=True)
class ClaimClock:
    """What the notice rules need to know about one claim."""

    number: str
    status: ClaimStatus
    deadlines: ClaimDeadlines
    first_response_at: datetime | None = None
    waiting_since: datetime | None = None
    assignee: str | None = None
    answer_held: bool = False  # an answer to the customer waits for approval


@dataclass(frozen=True)
class Notice:
    """One thing to send; `key` is unique and the same on every call."""

    key: str
    kind: NoticeKind
    deadline_kind: DeadlineKind | None
    due_at: datetime
    repeat: int = 0


def due_notices(clock: ClaimClock, now: datetime, policy: ReminderPolicy,
                calendar: WorkCalendar) -> list[Notice]:
    """Every notice due at `now` (due_at <= now), collapsed to the latest of each series."""
    kinds = _open_kinds(clock)
    reminders = [_latest_due_reminder(clock, kind, now, policy, calendar) for kind in kinds]
    escalations = [_latest_due_escalation(clock, kind, now, policy, calendar) for kind in kinds]
    waiting = [n for n in _waiting_notices(clock, policy, calendar) if n.due_at <= now]
    if any(n.kind is NoticeKind.AUTO_CLOSE for n in waiting):
        waiting = [n for n in waiting if n.kind is NoticeKind.AUTO_CLOSE]
    return [n for n in (*reminders, *escalations, *waiting) if n is not None]


def upcoming_notices(clock: ClaimClock, now: datetime, policy: ReminderPolicy,
                     calendar: WorkCalendar, horizon: timedelta) -> list[Notice]:
    """Notices that will fall due after `now` and within `horizon` if nothing changes."""
    until, kinds = _utc(now) + horizon, _open_kinds(clock)
    found = [n for kind in kinds for n in _reminders(clock, kind, policy, calendar)]
    found += [n for kind in kinds
              for n in _escalations_between(clock, kind, now, until, policy, calendar)]
    found += _waiting_notices(clock, policy, calendar)
    return sorted((n for n in found if now < n.due_at <= until), key=lambda n: n.due_at)


def _open_kinds(clock: ClaimClock) -> tuple[DeadlineKind, ...]:
    """The deadlines somebody still has to meet; none while the customer has the ball."""
    waiting = clock.status is ClaimStatus.WAITING_CUSTOMER or clock.deadlines.paused
    statutory = (DeadlineKind.STATUTORY,) if clock.deadlines.statutory_due else ()
    if clock.status in FINISHED_STATUSES:
        return ()
    if waiting:  # the law does not wait for the customer
        return statutory
    response = _RESPONSE_KINDS if clock.first_response_at is None else ()
    return (*response, DeadlineKind.RESOLUTION, *statutory)


def _reminders(clock: ClaimClock, kind: DeadlineKind, policy: ReminderPolicy,
               calendar: WorkCalendar) -> list[Notice]:
    """The reminders of deadline `kind`, earliest first, each before the deadline."""
    deadline = clock.deadlines.due(kind)
    deadline_day = calendar.local_date(deadline)
    notices = []
    for days in sorted(set(policy.before_working_days), reverse=True):
        due_at = calendar.day_start_at(calendar.nth_working_day_before(deadline_day, days))
        key = f"reminder:{clock.number}:{kind.value}:{days}d:{_stamp(deadline)}"
        if due_at < deadline:
            notices.append(Notice(key, NoticeKind.REMINDER, kind, due_at))
    return notices


def _latest_due_reminder(clock: ClaimClock, kind: DeadlineKind, now: datetime,
                         policy: ReminderPolicy, calendar: WorkCalendar) -> Notice | None:
    if now >= clock.deadlines.due(kind):
        return None
    due = [n for n in _reminders(clock, kind, policy, calendar) if n.due_at <= now]
    return due[-1] if due else None


def _latest_due_escalation(clock: ClaimClock, kind: DeadlineKind, now: datetime,
                           policy: ReminderPolicy, calendar: WorkCalendar) -> Notice | None:
    deadline, superseded_at = clock.deadlines.due(kind), _superseded_at(clock, kind)
    if now < deadline or (superseded_at is not None and now >= superseded_at):
        return None
    repeat = _latest_repeat(deadline, now, policy, calendar)
    return _escalation(clock, kind, repeat, policy, calendar)


def _latest_repeat(deadline: datetime, now: datetime, policy: ReminderPolicy,
                   calendar: WorkCalendar) -> int:
    """The highest repeat index due at `now` (0 when repeats are off or not yet due)."""
    if policy.escalation_repeat is None or now < deadline:
        return 0
    repeat = (_utc(now) - _utc(deadline)) // policy.escalation_repeat
    while repeat > 0 and _repeat_due(deadline, repeat, policy, calendar) > now:
        repeat -= 1
    return repeat


def _escalations_between(clock: ClaimClock, kind: DeadlineKind, now: datetime,
                         until: datetime, policy: ReminderPolicy,
                         calendar: WorkCalendar) -> list[Notice]:
    """The escalations of `kind` due after `now` and by `until`; of repeats that share a
    moment, only the last (as `due_notices` would list it)."""
    first = _latest_repeat(clock.deadlines.due(kind), now, policy, calendar)
    by_moment: dict[datetime, Notice] = {}
    for notice in _escalation_series(clock, kind, first, policy, calendar):
        if notice.due_at > until:
            break
        by_moment[notice.due_at] = notice
    return list(by_moment.values())


def _escalation_series(clock: ClaimClock, kind: DeadlineKind, repeat: int,
                       policy: ReminderPolicy, calendar: WorkCalendar) -> Iterator[Notice]:
    superseded_at = _superseded_at(clock, kind)
    while True:
        notice = _escalation(clock, kind, repeat, policy, calendar)
        if superseded_at is not None and notice.due_at >= superseded_at:
            return
        yield notice
        if policy.escalation_repeat is None:
            return
        repeat += 1


def _escalation(clock: ClaimClock, kind: DeadlineKind, repeat: int, policy: ReminderPolicy,
                calendar: WorkCalendar) -> Notice:
    deadline = clock.deadlines.due(kind)
    key = f"escalation:{clock.number}:{kind.value}:{_stamp(deadline)}:{repeat}"
    due_at = _repeat_due(deadline, repeat, policy, calendar)
    return Notice(key, NoticeKind.ESCALATION, kind, due_at, repeat)


def _repeat_due(deadline: datetime, repeat: int, policy: ReminderPolicy,
                calendar: WorkCalendar) -> datetime:
    if repeat == 0 or policy.escalation_repeat is None:
        return deadline.astimezone(calendar.timezone)
    return calendar.next_working_start(_utc(deadline) + repeat * policy.escalation_repeat)


def _superseded_at(clock: ClaimClock, kind: DeadlineKind) -> datetime | None:
    """When a later open deadline passes and its escalation takes over from this one's."""
    def rank(other: DeadlineKind) -> tuple[datetime, int]:
        return _utc(clock.deadlines.due(other)), _KIND_ORDER.index(other)

    later = [rank(other)[0] for other in _open_kinds(clock) if rank(other) > rank(kind)]
    return min(later, default=None)


def _waiting_notices(clock: ClaimClock, policy: ReminderPolicy,
                     calendar: WorkCalendar) -> list[Notice]:
    """The chaser and auto-close of the current wait for the customer, if configured."""
    since = clock.waiting_since
    if clock.status is not ClaimStatus.WAITING_CUSTOMER or since is None or clock.answer_held:
        return []  # while our answer waits for approval, the customer waits for us
    terms = ((NoticeKind.CUSTOMER_CHASER, policy.chase_customer_after_days),
             (NoticeKind.AUTO_CLOSE, policy.auto_close_after_days))
    start_day = calendar.local_date(since)
    due = {kind: calendar.day_start_at(calendar.nth_working_day_after(start_day, days))
           for kind, days in terms if days is not None}
    closes_at = due.get(NoticeKind.AUTO_CLOSE)
    if closes_at is not None and due.get(NoticeKind.CUSTOMER_CHASER, closes_at) >= closes_at:
        del due[NoticeKind.CUSTOMER_CHASER]  # a chaser at or after the close is moot
    return [Notice(f"{kind.value}:{clock.number}:{_stamp(since)}", kind, None, at)
            for kind, at in due.items()]


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


def _stamp(moment: datetime) -> str:
    """The moment as UTC ISO text, so a key does not depend on the zone it was loaded in."""
    return _utc(moment).isoformat()


@dataclass(frozen=True)
class DueWindow:
    """Bounds that every claim with a notice due at a moment is within, so the deadline watch
    can select those claims in SQL rather than read every open claim. Wider than exact (a
    claim inside may have nothing due; the rules above decide), never narrower."""

    deadline_by: datetime  # a deadline of the claim's open kinds falls at or before this
    waiting_since_before: datetime | None  # a wait for the customer began before this

    def may_be_due(self, clock: ClaimClock) -> bool:
        """Whether `clock` is within the window (what the SQL selects, in Python)."""
        if clock.status in FINISHED_STATUSES:
            return False
        if any(clock.deadlines.due(kind) <= self.deadline_by for kind in _open_kinds(clock)):
            return True
        return (self.waiting_since_before is not None
                and clock.status is ClaimStatus.WAITING_CUSTOMER
                and clock.waiting_since is not None
                and clock.waiting_since < self.waiting_since_before)


_SEARCH_DAYS = 800


def due_window(now: datetime, policy: ReminderPolicy, calendar: WorkCalendar) -> DueWindow:
    """The window of the claims that may have a notice due at `now`.

    A reminder of a deadline on local day d comes no earlier than the start of the
    `max(before_working_days)`-th working day before d, which never decreases with d; so
    from the first day d0 whose earliest reminder is after `now`, no later deadline has one
    due. An escalation needs its deadline passed. A chaser or auto-close comes at least its
    term in calendar days after the wait began."""
    return DueWindow(max(_reminder_horizon(now, policy, calendar), now),
                     _waiting_horizon(now, policy, calendar))


def _reminder_horizon(now: datetime, policy: ReminderPolicy,
                      calendar: WorkCalendar) -> datetime:
    if not policy.before_working_days:
        return now
    days = max(policy.before_working_days)
    day = calendar.local_date(now)
    for _ in range(_SEARCH_DAYS):
        if calendar.day_start_at(calendar.nth_working_day_before(day, days)) > now:
            return datetime.combine(day, time(0), tzinfo=calendar.timezone)
        day += timedelta(days=1)
    return datetime.max.replace(tzinfo=UTC)  # no working days ahead: select every claim


def _waiting_horizon(now: datetime, policy: ReminderPolicy,
                     calendar: WorkCalendar) -> datetime | None:
    terms = [t for t in (policy.chase_customer_after_days, policy.auto_close_after_days) if t]
    if not terms:
        return None
    first_day_too_late = calendar.local_date(now) - timedelta(days=min(terms) - 1)
    return datetime.combine(first_day_too_late, time(0), tzinfo=calendar.timezone)
