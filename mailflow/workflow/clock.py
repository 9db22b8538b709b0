"""The claim clock: deadlines stored on the claim row, paused while waiting for the customer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from zoneinfo import ZoneInfo

from mailflow.config import Settings
from mailflow.config.team import WEEKDAYS, DeadlineOverrideSettings
from mailflow.domain.calendar import WorkCalendar
from mailflow.domain.deadlines import (
    ClaimDeadlines,
    DeadlineOverride,
    DeadlinePolicy,
)
from mailflow.domain.notices import ReminderPolicy
from mailflow.store.tables import ClaimRow

WEEKDAY_NUMBERS = {name: number for number, name in enumerate(WEEKDAYS)}


@dataclass(frozen=True)
class Timing:
    """The calendar and the deadline and reminder rules, built once from the settings."""

    calendar: WorkCalendar
    policy: DeadlinePolicy
    reminders: ReminderPolicy

    @classmethod
    def from_settings(cls, settings: Settings) -> Timing:
        return cls(_calendar(settings), _policy(settings), _reminders(settings))


def deadlines_of(claim: ClaimRow) -> ClaimDeadlines | None:
    """The claim's deadlines as a domain value (None for claims without a clock)."""
    if claim.first_response_due is None or claim.hard_limit_due is None \
            or claim.resolution_due is None:
        return None
    return ClaimDeadlines(first_response_due=claim.first_response_due,
                          hard_limit_due=claim.hard_limit_due,
                          resolution_due=claim.resolution_due, paused_at=claim.paused_at,
                          paused_for=timedelta(seconds=claim.paused_seconds),
                          statutory_due=claim.statutory_due)


def _calendar(settings: Settings) -> WorkCalendar:
    section = settings.calendar
    return WorkCalendar.for_country(
        section.country, ZoneInfo(settings.company.timezone), section.subdivision,
        working_weekdays=frozenset(WEEKDAY_NUMBERS[d] for d in section.working_days),
        day_start=section.day_start, day_end=section.day_end,
        extra_days_off=frozenset(section.extra_days_off),
        extra_working_days=frozenset(section.extra_working_days))


def _policy(settings: Settings) -> DeadlinePolicy:
    section = settings.deadlines
    overrides = {f"category:{name}": _override(o) for name, o in section.category.items()}
    overrides |= {f"priority:{name}": _override(o) for name, o in section.priority.items()}
    return DeadlinePolicy(first_response_days=section.first_response_days,
                          hard_limit_days=section.hard_limit_days,
                          resolution_days=section.resolution_days, overrides=overrides)


def _override(section: DeadlineOverrideSettings) -> DeadlineOverride:
    return DeadlineOverride(first_response_days=section.first_response_days,
                            hard_limit_days=section.hard_limit_days,
                            resolution_days=section.resolution_days)


def _reminders(settings: Settings) -> ReminderPolicy:
    section = settings.reminders
    repeat = section.escalation_repeat_hours
    return ReminderPolicy(
        before_working_days=section.before_working_days,
        escalation_repeat=timedelta(hours=repeat) if repeat else None,
        chase_customer_after_days=section.chase_customer_after_days or None,
        auto_close_after_days=section.auto_close_after_days or None)
