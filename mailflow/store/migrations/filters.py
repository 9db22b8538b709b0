"""What autogenerate compares: every table but the one APScheduler owns."""

from __future__ import annotations


def ours(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
    """Leave alone `apscheduler_jobs` (the old job store: 0003 made it, 0006 drops it)."""
    return not (type_ == "table" and name == "apscheduler_jobs")
