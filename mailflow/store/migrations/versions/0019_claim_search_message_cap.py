"""claim search (PostgreSQL): each message adds at most its first 64 KiB of text

A letter of a few megabytes of text (a pasted log, a long thread) made every rebuild of
its claim's search document feed megabytes to the trigram index: storing one 25 MB text
letter took minutes on PostgreSQL, where SQLite's FTS5 took seconds. The document now
holds each message's first 65,536 characters; the message itself is stored whole. On
SQLite the document is unchanged (its trigram index handles such letters in seconds).

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-03 20:10:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NUMBER_FIELDS = "('order_number', 'invoice_number', 'waybill_number', 'contract_number')"
MESSAGE_TEXT_CAP = 65536


def _document_function(message_text: str) -> str:
    return f"""CREATE OR REPLACE FUNCTION claim_search_document(target integer) RETURNS text
    LANGUAGE sql VOLATILE AS $$
    SELECT lower(translate(concat_ws(E'\\n', c.number, c.customer_email, c.customer_name,
        c.subject,
        (SELECT string_agg(f.value, E'\\n' ORDER BY f.id) FROM claim_fields f
         WHERE f.claim_id = c.id AND f.name IN {NUMBER_FIELDS} AND f.replaced_at IS NULL),
        (SELECT string_agg({message_text}, E'\\n' ORDER BY m.id) FROM messages m
         WHERE m.claim_id = c.id)), 'ёЁ', 'ее'))
    FROM claims c WHERE c.id = target $$"""  # noqa: S608 (constant text only)


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_document_function(f"left(m.text_body, {MESSAGE_TEXT_CAP})"))


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_document_function("m.text_body"))
