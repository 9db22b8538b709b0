"""claim outcome: decision, reason, cause, compensation, rating, merged into

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03 12:30:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from mailflow.store.types import UtcDateTime

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.add_column(sa.Column("outcome", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("outcome_reason", sa.Text(), nullable=False,
                                      server_default=""))
        batch_op.add_column(sa.Column("cause", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("compensation_kind", sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column("compensation_minor", sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column("compensation_currency", sa.String(length=3),
                                      nullable=False, server_default=""))
        batch_op.add_column(sa.Column("rating", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("rating_comment", sa.Text(), nullable=False,
                                      server_default=""))
        batch_op.add_column(sa.Column("rated_at", UtcDateTime(), nullable=True))
        batch_op.add_column(sa.Column("merged_into_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key("fk_claims_merged_into_id_claims", "claims",
                                    ["merged_into_id"], ["id"])


def downgrade() -> None:
    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.drop_constraint("fk_claims_merged_into_id_claims", type_="foreignkey")
        for column in ("merged_into_id", "rated_at", "rating_comment", "rating",
                       "compensation_currency", "compensation_minor", "compensation_kind",
                       "cause", "outcome_reason", "outcome"):
            batch_op.drop_column(column)
