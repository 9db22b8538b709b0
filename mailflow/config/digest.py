"""The `[digest]` section: the managers' digest, when it goes out and to whom."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from mailflow.config.sections import Section


class DigestRecipientSettings(Section):
    email: str = Field(pattern=r"^[^@\s]+@[^@\s]+$", max_length=254)
    name: str = ""
    language: Literal["ru", "en"] = "ru"


class DigestSettings(Section):
    enabled: bool = False
    # Local time (company time zone) the daily digest of the day before goes out.
    time: dt.time = dt.time(8, 0)
    # Also a weekly digest (on Mondays, of the week before) and a monthly one (on the 1st).
    weekly: bool = True
    monthly: bool = True
    # People beyond [[managers]] who get the digest, each in their language.
    recipients: tuple[DigestRecipientSettings, ...] = ()
    # A product, group, category or cause is a weak spot from this many claims in 30 days.
    weak_spot_threshold: int = Field(default=3, ge=1)
    # How often a daemon checks whether a digest is due (seconds).
    check_interval: float = Field(default=300.0, gt=0)
    # A digest sent this long after its time is marked as late (seconds).
    late_after: float = Field(default=3600.0, gt=0)
    # How many overdue claims the digest lists (the count is always complete).
    overdue_list_limit: int = Field(default=50, ge=1, le=1000)
