"""mailbox leases: exactly one instance reads a mailbox at a time

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-03 13:20:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from mailflow.store.types import UtcDateTime

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "mailbox_leases",
        sa.Column("mailbox", sa.Text(), nullable=False),
        sa.Column("holder", sa.Text(), nullable=True),
        sa.Column("token", sa.Text(), nullable=True),
        sa.Column("lease_until", UtcDateTime(), nullable=True),
        sa.Column("acquired_at", UtcDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("mailbox"),
    )


def downgrade() -> None:
    op.drop_table("mailbox_leases")
