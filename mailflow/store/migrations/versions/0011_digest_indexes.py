"""digest indexes: the periods' first answers, resolutions, ratings, changes, status events
and field values are found by index, not by reading every claim

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03 13:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CLAIM_COLUMNS = ("first_response_at", "resolved_at", "rated_at", "updated_at")


def upgrade() -> None:
    for column in CLAIM_COLUMNS:
        op.create_index(f"ix_claims_{column}", "claims", [column])
    op.create_index("ix_events_kind_at", "events", ["kind", "at"])
    op.create_index("ix_claim_fields_name_claim_id", "claim_fields", ["name", "claim_id"])


def downgrade() -> None:
    op.drop_index("ix_claim_fields_name_claim_id", table_name="claim_fields")
    op.drop_index("ix_events_kind_at", table_name="events")
    for column in reversed(CLAIM_COLUMNS):
        op.drop_index(f"ix_claims_{column}", table_name="claims")
