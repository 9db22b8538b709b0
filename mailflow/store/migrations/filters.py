"""What autogenerate compares: every table but the one APScheduler owns."""

from __future__ import annotations


def ours(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
    """Leave alone `apscheduler_jobs` (created by migration 0003 for APScheduler's job store)."""
    return not (type_ == "table" and name == "apscheduler_jobs")
