"""What autogenerate compares: every table but the one APScheduler owns, and none of the
search objects migration 0017 builds outside the models (FTS5 tables, trigger-kept
documents, expression and GIN indexes)."""

from __future__ import annotations

# Named by migration 0017 (store/claim_search.py reads them).
SEARCH_PREFIXES = ("claim_search", "ix_claim_search_", "ix_claims_list_")


def ours(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
    """Leave alone `apscheduler_jobs` (the old job store: 0003 made it, 0006 drops it) and
    the search objects of 0017."""
    if type_ == "table" and name == "apscheduler_jobs":
        return False
    return not (type_ in ("table", "index") and (name or "").startswith(SEARCH_PREFIXES))
