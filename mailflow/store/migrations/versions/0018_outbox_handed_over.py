"""outbox: when a message's data began to be handed to the server

A sender records `handed_over_at` just before DATA and clears it when it settles the
message. A pending message whose lease ran out while it is set was being handed over when
its sender stopped (killed, cut off): it may have arrived, so it becomes `unknown` instead
of being sent again.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-03 18:45:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from mailflow.store.types import UtcDateTime

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.add_column(sa.Column("handed_over_at", UtcDateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.drop_column("handed_over_at")
