"""Whether a claim is late right now."""

from __future__ import annotations

from datetime import datetime

from mailflow.domain.deadlines import DeadlineKind, is_overdue
from mailflow.domain.model import FINISHED_STATUSES, ClaimStatus
from mailflow.store.tables import ClaimRow
from mailflow.workflow.clock import deadlines_of


def is_late(claim: ClaimRow, now: datetime) -> bool:
    """Unfinished and past the first-response deadline without an answer, past resolution,
    or past the term in law for the customer's demand (never paused)."""
    deadlines = deadlines_of(claim)
    if deadlines is None or ClaimStatus(claim.status) in FINISHED_STATUSES:
        return False
    unanswered = claim.first_response_at is None
    statutory = deadlines.statutory_due is not None and deadlines.statutory_due <= now
    return (unanswered and is_overdue(deadlines, DeadlineKind.FIRST_RESPONSE, now)) or \
        is_overdue(deadlines, DeadlineKind.RESOLUTION, now) or statutory
