"""names, senders and mailbox sources as text; long outbox keys hashed

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03 08:30:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from mailflow.store.outbox import MAX_READABLE_KEY, stored_key

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (table, column, old length): values chosen by people or mail clients, of any length.
WIDENED = (
    ("claims", "customer_name", 320),
    ("claims", "category", 64),
    ("messages", "from_name", 320),
    ("parties", "name", 320),
    ("outbox", "sender", 320),
    ("mailbox_state", "source", 512),
)


def upgrade() -> None:
    for table, column, length in WIDENED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column(column, existing_type=sa.String(length=length),
                                  type_=sa.Text())
    _shorten_outbox_keys()


def _shorten_outbox_keys() -> None:
    """SQLite never enforced VARCHAR(255): keys stored whole there get the form that
    `outbox.enqueue` looks up now."""
    connection = op.get_bind()
    long_keys = connection.execute(sa.text(
        "SELECT id, dedup_key FROM outbox WHERE length(dedup_key) > :limit"),
        {"limit": MAX_READABLE_KEY}).all()
    for row_id, key in long_keys:
        connection.execute(sa.text("UPDATE outbox SET dedup_key = :key WHERE id = :id"),
                           {"key": stored_key(key), "id": row_id})


def downgrade() -> None:
    for table, column, length in reversed(WIDENED):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column(column, existing_type=sa.Text(),
                                  type_=sa.String(length=length))
