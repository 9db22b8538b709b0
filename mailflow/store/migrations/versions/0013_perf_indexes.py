"""perf indexes: the deadline watch selects only the claims that may have a notice due

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03 13:30:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The columns `store.deadlines.within` compares with the window's bounds.
COLUMNS = ("first_response_due", "hard_limit_due", "resolution_due", "statutory_due",
           "waiting_since")


def upgrade() -> None:
    with op.batch_alter_table("claims", schema=None) as batch_op:
        for column in COLUMNS:
            batch_op.create_index(batch_op.f(f"ix_claims_{column}"), [column], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("claims", schema=None) as batch_op:
        for column in reversed(COLUMNS):
            batch_op.drop_index(batch_op.f(f"ix_claims_{column}"))
