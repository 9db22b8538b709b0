"""What autogenerate compares: every table but the one APScheduler owns."""

from __future__ import annotations


def ours(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
    """Leave alone `apscheduler_jobs` (APScheduler's old job store: made by 0003, dropped by 0006)."""
    return not (type_ == "table" and name == "apscheduler_jobs")
