"""People, categories, calendar, deadlines and reminders sections of the configuration."""

from __future__ import annotations

from datetime import date, time
from typing import Literal, get_args

import holidays
from holidays.registry import EntityLoader
from pydantic import Field, field_validator, model_validator

from mailflow.config.sections import Section

Language = Literal["ru", "en"]


class AbsenceSettings(Section):
    start: date
    end: date


class SpecialistSettings(Section):
    name: str = Field(min_length=1)
    position: str = ""
    email: str = Field(pattern=r"^[^@\s]+@[^@\s]+$", max_length=254)
    languages: tuple[Literal["ru", "en"], ...] = ("ru",)
    categories: tuple[str, ...] = ()
    max_open: int | None = Field(default=None, ge=1)
    # Specialists with the same team see each other's claims on the web pages.
    team: str = Field(default="", max_length=100)
    absences: tuple[AbsenceSettings, ...] = ()


class ManagerSettings(Section):
    name: str = Field(min_length=1)
    email: str = Field(pattern=r"^[^@\s]+@[^@\s]+$", max_length=254)
    position: str = ""
    language: Literal["ru", "en"] = "ru"


class WorkflowSettings(Section):
    # Attachments of the customer's message are forwarded to the specialist up to this total.
    forward_attachments_max_bytes: int = Field(default=15 * 1024 * 1024, ge=0)
    # Also require a DMARC, DKIM or SPF "pass" for the From domain in the Authentication-
    # Results of your own MX for specialist commands and relays (needs authserv_id).
    require_authentication_results: bool = False
    # The authserv-id your MX writes first in its Authentication-Results (its host name).
    authserv_id: str = ""
    # A reply is trusted only when the notification it answers is at most this old.
    reference_max_age_days: int = Field(default=90, ge=1)

    @model_validator(mode="after")
    def _authserv_id_when_required(self) -> WorkflowSettings:
        if self.require_authentication_results and not self.authserv_id.strip():
            raise ValueError("key workflow.authserv_id: required when "
                             "workflow.require_authentication_results is true (the host name "
                             "your MX writes first in its Authentication-Results)")
        return self


Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
WEEKDAYS: tuple[Weekday, ...] = get_args(Weekday)


class CalendarSettings(Section):
    # Public holidays of this country (ISO code, from the `holidays` package) and region.
    country: str = "RU"
    subdivision: str | None = None
    working_days: tuple[Weekday, ...] = (
        "mon", "tue", "wed", "thu", "fri")
    day_start: time = time(9, 0)
    day_end: time = time(18, 0)
    # Company days off beyond public holidays, and moved working days (e.g. a Saturday).
    extra_days_off: tuple[date, ...] = ()
    extra_working_days: tuple[date, ...] = ()

    @model_validator(mode="after")
    def _day_order(self) -> CalendarSettings:
        if self.day_end <= self.day_start:
            raise ValueError("key calendar.day_end: must be later than calendar.day_start")
        return self

    @model_validator(mode="after")
    def _known_country(self) -> CalendarSettings:
        # The codes, and a subdivision only when one is set: loading the countries'
        # holidays (as list_supported_countries does) costs a tenth of a second a start.
        if self.country not in set(EntityLoader.get_country_codes()):
            raise ValueError(f"key calendar.country: no public holidays are known for "
                             f"{self.country!r} (use an ISO 3166 code such as \"RU\")")
        if self.subdivision and \
                self.subdivision not in getattr(holidays, self.country).subdivisions:
            raise ValueError(f"key calendar.subdivision: {self.subdivision!r} is not a "
                             f"subdivision of {self.country}")
        return self


class DeadlineOverrideSettings(Section):
    first_response_days: int | None = Field(default=None, ge=0)
    hard_limit_days: int | None = Field(default=None, ge=0)
    resolution_days: int | None = Field(default=None, ge=0)


class DeadlineSettings(Section):
    first_response_days: int = Field(default=3, ge=0)
    hard_limit_days: int = Field(default=5, ge=0)
    resolution_days: int = Field(default=10, ge=0)
    category: dict[str, DeadlineOverrideSettings] = Field(default_factory=dict)
    priority: dict[Literal["low", "normal", "high", "urgent"], DeadlineOverrideSettings] = (
        Field(default_factory=dict))
    # Terms in law by the customer's demand, in calendar days from receipt (empty: none).
    statutory: dict[Literal["refund", "replacement", "repair", "price_reduction",
                            "compensation", "delivery_of_missing"], int] = Field(
        default_factory=dict)

    @field_validator("statutory")
    @classmethod
    def _positive_terms(cls, value: dict[str, int]) -> dict[str, int]:
        for demand, days in value.items():
            if days < 1:
                raise ValueError(f"key deadlines.statutory.{demand}: must be at least 1 day")
        return value


class ReminderSettings(Section):
    # Remind the specialist this many working days before each deadline (0 = on the day).
    before_working_days: tuple[int, ...] = (1, 0)
    # Escalate an overdue claim to the managers again after this many hours (0 = once).
    escalation_repeat_hours: float = Field(default=24, ge=0)
    # Working days a claim may wait for the customer before a polite reminder (0 = never).
    chase_customer_after_days: int = Field(default=5, ge=0)
    # Working days without the customer's answer before the claim is closed (0 = never).
    auto_close_after_days: int = Field(default=0, ge=0)
    # How often the daemon looks for due reminders and escalations, in seconds.
    check_interval: float = Field(default=60, gt=0)


DEFAULT_CATEGORIES: dict[str, dict[Language, tuple[str, ...]]] = {
    "damage": {"ru": ("поврежд", "разбит", "сломан", "трещин", "помят", "смят", "бой"),
               "en": ("damag", "broken", "crack", "dent", "smash", "crush")},
    "delay": {"ru": ("задерж", "опозда", "не пришл", "не доставл", "срок доставки"),
              "en": ("late", "delay", "not arrived", "not delivered", "overdue")},
    "shortage": {"ru": ("недостач", "не хватает", "недовложен", "меньше"),
                 "en": ("short", "missing", "fewer", "incomplete")},
    "wrong_item": {"ru": ("не тот", "пересорт", "перепут", "другой товар", "не соответств"),
                   "en": ("wrong", "instead of", "incorrect item", "mixed up")},
    "defect": {"ru": ("брак", "дефект", "не работает", "неисправ", "не включается"),
               "en": ("defect", "faulty", "does not work", "doesn't work", "malfunction")},
}
