"""Every length-limited column holds only values bounded where they are made (issue 9.2:
a Message-ID-derived key once overflowed VARCHAR(255) on PostgreSQL only)."""

from __future__ import annotations

from sqlmodel import SQLModel

import mailflow.store.tables  # noqa: F401  (registers the tables)
from mailflow.parse import clean
from mailflow.store import outbox

# (table, column): why no value can be longer than the column.
BOUNDED = {
    ("claims", "number"): "format_claim_number", ("claims", "status"): "ClaimStatus",
    ("claims", "customer_email"): "clean.MAX_ADDRESS", ("claims", "language"): "ru/en",
    ("claims", "origin"): "fixed words", ("claims", "assignee_email"): "config, 254",
    ("claims", "priority"): "Priority", ("events", "kind"): "fixed words",
    ("events", "actor"): "cleaned or config address, or mailflow/cli",
    ("messages", "direction"): "in/out", ("messages", "kind"): "fixed words",
    ("messages", "message_id"): "clean.MAX_MESSAGE_ID, or make_message_id",
    ("messages", "content_hash"): "sha256", ("messages", "from_email"): "clean.MAX_ADDRESS",
    ("messages", "language"): "ru/en", ("messages", "raw_sha256"): "sha256",
    ("notices", "key"): "claim number, kind, timestamp", ("notices", "kind"): "NoticeKind",
    ("outbox", "dedup_key"): "outbox.stored_key", ("outbox", "kind"): "template names",
    ("outbox", "message_id"): "make_message_id", ("outbox", "status"): "fixed words",
    ("outbox", "lease_owner"): "host name (64), pid, 8 hex",
    ("job_runs", "job_id"): "job names registered in code",
    ("claim_fields", "name"): "FieldName", ("claim_fields", "source"): "Source",
    ("claim_fields", "rule"): "extractor rule names and 'correction'",
    ("job_runs", "holder"): "host name (64), pid, 12 hex",
    ("parties", "email"): "clean.MAX_ADDRESS or config", ("parties", "role"): "fixed words",
    ("quarantine", "raw_sha256"): "sha256", ("quarantine", "sender"): "cut at 998 in hold",
    ("quarantine", "status"): "fixed words", ("attachments", "content_type"): "clean._MIME_TYPE",
    ("attachments", "sha256"): "sha256", ("attachments", "content_id"): "clean.MAX_CONTENT_ID",
    ("absences", "email"): "a configured specialist's address",
    ("claims", "outcome"): "Outcome", ("claims", "compensation_kind"): "CompensationKind",
    ("claims", "compensation_currency"): "ISO 4217 code, checked when parsed",
    ("approvals", "author_email"): "a configured person's address, 254",
    ("approvals", "approver_email"): "a configured person's address, 254",
    ("approvals", "decided_by"): "a configured person's address, 254",
    ("approvals", "status"): "ApprovalStatus", ("approvals", "held_status"): "ClaimStatus",
    ("blobs", "sha256"): "sha256", ("blob_chunks", "sha256"): "sha256",
    ("web_logins", "token_hash"): "sha256", ("web_logins", "email"): "a configured address",
    ("web_logins", "ip"): "cut at 64 where recorded", ("web_sessions", "id_hash"): "sha256",
    ("web_sessions", "email"): "a configured address",
    ("web_sessions", "ip"): "cut at 64 where recorded", ("web_hits", "bucket"): "cut at 400",
}


def limited_columns() -> dict[tuple[str, str], int]:
    return {(table.name, column.name): column.type.length
            for table in SQLModel.metadata.sorted_tables for column in table.columns
            if getattr(column.type, "length", None)}


def test_every_length_limited_column_has_a_known_bound() -> None:
    """A new VARCHAR(n) column fails here until someone shows where its values are bounded;
    anything a person or mail client chooses freely belongs in a Text column."""
    assert set(limited_columns()) == set(BOUNDED)


def test_the_cleaning_limits_fit_their_columns() -> None:
    """The caps parse/clean.py and the outbox apply are within the columns they fill."""
    columns = limited_columns()
    assert columns[("messages", "from_email")] >= clean.MAX_ADDRESS
    assert columns[("messages", "message_id")] >= clean.MAX_MESSAGE_ID
    assert columns[("attachments", "content_id")] >= clean.MAX_CONTENT_ID
    assert len(outbox.stored_key("k" * 10_000)) <= columns[("outbox", "dedup_key")]
    assert outbox.stored_key("ack:short:key") == "ack:short:key"
    assert outbox.stored_key("a" * 300) != outbox.stored_key("a" * 299 + "b")
