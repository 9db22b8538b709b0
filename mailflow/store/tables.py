"""The database schema (sqlmodel). Changes go through a migration in store/migrations.

A length-limited column holds only values bounded where they are made: generated
numbers, keys and hashes, enum values, addresses cleaned to 254 characters
(parse/clean.py, the config), Message-IDs cleaned to 500. Names, paths and anything else
a person or a mail client chooses are Text.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, Column, Index, LargeBinary, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from mailflow.store.types import UtcDateTime


def _utc(index: bool = False, nullable: bool = False) -> Column[datetime]:
    return Column(UtcDateTime(), index=index, nullable=nullable)


class ClaimCounter(SQLModel, table=True):
    """The last claim sequence number handed out in a year under one prefix: `year` is
    the year for `CLM` numbers, a negative key for other prefixes (`counter_key`)."""

    __tablename__ = "claim_counters"
    year: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    last_sequence: int = 0


class ClaimRow(SQLModel, table=True):
    """A claim: one customer's conversation about one problem."""

    __tablename__ = "claims"
    id: int | None = Field(default=None, primary_key=True)
    number: str = Field(unique=True, max_length=32)
    status: str = Field(index=True, max_length=32)
    customer_email: str = Field(index=True, max_length=320)
    customer_name: str = Field(default="", sa_type=Text)
    subject: str = Field(default="", sa_type=Text)
    language: str = Field(max_length=8)
    origin: str = Field(default="customer", max_length=32)
    related_claim_id: int | None = Field(default=None, foreign_key="claims.id")
    assignee_email: str | None = Field(default=None, index=True, max_length=320)
    # When the assignee got the claim: personal references issued to them before are void.
    assigned_at: datetime | None = Field(default=None, sa_column=_utc(nullable=True))
    category: str | None = Field(default=None, sa_type=Text)
    category_confidence: float | None = None
    priority: str = Field(default="normal", max_length=16)
    created_at: datetime = Field(sa_column=_utc(index=True))
    updated_at: datetime = Field(sa_column=_utc(index=True))
    first_response_at: datetime | None = Field(default=None,
                                               sa_column=_utc(index=True, nullable=True))
    resolved_at: datetime | None = Field(default=None,
                                               sa_column=_utc(index=True, nullable=True))
    first_response_due: datetime | None = Field(  # indexed: the deadline watch selects by it
        default=None, sa_column=_utc(index=True, nullable=True))
    hard_limit_due: datetime | None = Field(  # indexed: the deadline watch selects by it
        default=None, sa_column=_utc(index=True, nullable=True))
    resolution_due: datetime | None = Field(  # indexed: the deadline watch selects by it
        default=None, sa_column=_utc(index=True, nullable=True))
    statutory_due: datetime | None = Field(  # indexed: the deadline watch selects by it
        default=None, sa_column=_utc(index=True, nullable=True))
    paused_at: datetime | None = Field(default=None, sa_column=_utc(nullable=True))
    paused_seconds: float = 0.0
    waiting_since: datetime | None = Field(  # indexed: the deadline watch selects by it
        default=None, sa_column=_utc(index=True, nullable=True))
    overdue: bool = Field(default=False, index=True)
    # How the claim ended (mailflow.domain.outcome): decision, reason, cause, compensation.
    outcome: str | None = Field(default=None, max_length=16)
    outcome_reason: str = Field(default="", sa_type=Text)
    cause: str | None = Field(default=None, sa_type=Text)
    compensation_kind: str | None = Field(default=None, max_length=32)
    compensation_minor: int | None = Field(default=None, sa_type=BigInteger)
    compensation_currency: str = Field(default="", max_length=3)
    # The customer's rating after closing, 1..5.
    rating: int | None = None
    rating_comment: str = Field(default="", sa_type=Text)
    rated_at: datetime | None = Field(default=None,
                                               sa_column=_utc(index=True, nullable=True))
    # A claim merged into another is closed and points at the claim that absorbed it.
    merged_into_id: int | None = Field(default=None, foreign_key="claims.id")
    # Raised to revoke every customer link to the claim issued so far (mailflow.web.links).
    link_version: int = Field(default=0, sa_column_kwargs={"server_default": "0"})


class MessageRow(SQLModel, table=True):
    """One stored message, incoming or outgoing; the raw bytes live in the blob store."""

    __tablename__ = "messages"
    __table_args__ = (UniqueConstraint("message_id", "content_hash", name="uq_messages_identity"),)
    id: int | None = Field(default=None, primary_key=True)
    claim_id: int = Field(foreign_key="claims.id", index=True)
    direction: str = Field(max_length=8)
    kind: str = Field(max_length=32)
    message_id: str = Field(index=True, max_length=998)
    content_hash: str = Field(max_length=64)
    in_reply_to: str = Field(default="", sa_type=Text)
    references: str = Field(default="", sa_type=Text)
    from_email: str = Field(default="", max_length=320, index=True)
    from_name: str = Field(default="", sa_type=Text)
    to_addrs: str = Field(default="[]", sa_type=Text)
    cc_addrs: str = Field(default="[]", sa_type=Text)
    reply_to: str = Field(default="[]", sa_type=Text)
    subject: str = Field(default="", sa_type=Text)
    date: datetime | None = Field(default=None, sa_column=_utc(nullable=True))
    text_body: str = Field(default="", sa_type=Text)
    html_body: str | None = Field(default=None, sa_type=Text)
    language: str | None = Field(default=None, max_length=8)
    raw_sha256: str = Field(max_length=64)
    raw_size: int
    thread_reason: str = Field(default="", sa_type=Text)
    rules: str = Field(default="", sa_type=Text)
    source: str = Field(default="", sa_type=Text)
    created_at: datetime = Field(sa_column=_utc(index=True))


class AttachmentRow(SQLModel, table=True):
    """An attachment of a stored message; the bytes are a content-addressed blob."""

    __tablename__ = "attachments"
    id: int | None = Field(default=None, primary_key=True)
    message_row_id: int = Field(foreign_key="messages.id", index=True)
    filename: str = Field(sa_type=Text)
    content_type: str = Field(max_length=255)
    size: int
    sha256: str = Field(index=True, max_length=64)
    inline: bool = False
    content_id: str | None = Field(default=None, max_length=998)


class PartyRow(SQLModel, table=True):
    """A person taking part in a claim: customer, cc, specialist, manager."""

    __tablename__ = "parties"
    __table_args__ = (UniqueConstraint("claim_id", "email", "role", name="uq_parties_role"),)
    id: int | None = Field(default=None, primary_key=True)
    claim_id: int = Field(foreign_key="claims.id", index=True)
    email: str = Field(index=True, max_length=320)
    name: str = Field(default="", sa_type=Text)
    role: str = Field(max_length=32)


class EventRow(SQLModel, table=True):
    """Something that happened, with who and why: the audit trail of a claim."""

    __tablename__ = "events"
    # The digest counts status changes and first answers of a period (migration 0012).
    __table_args__ = (Index("ix_events_kind_at", "kind", "at"),)
    id: int | None = Field(default=None, primary_key=True)
    claim_id: int | None = Field(default=None, foreign_key="claims.id", index=True)
    at: datetime = Field(sa_column=_utc(index=True))
    kind: str = Field(max_length=64)
    actor: str = Field(default="mailflow", max_length=320)
    detail: str = Field(default="{}", sa_type=Text)


class OutboxRow(SQLModel, table=True):
    """A message waiting to be sent (or sent, or failed for good)."""

    __tablename__ = "outbox"
    id: int | None = Field(default=None, primary_key=True)
    dedup_key: str = Field(unique=True, max_length=255)
    claim_id: int | None = Field(default=None, foreign_key="claims.id", index=True)
    kind: str = Field(max_length=32)
    sender: str = Field(sa_type=Text)
    recipients: str = Field(sa_type=Text)
    message_id: str = Field(max_length=998)
    raw: bytes = Field(sa_type=LargeBinary)
    status: str = Field(default="pending", index=True, max_length=16)
    attempts: int = 0
    next_attempt_at: datetime = Field(sa_column=_utc(index=True))
    lease_owner: str | None = Field(default=None, max_length=255)
    last_error: str = Field(default="", sa_type=Text)
    created_at: datetime = Field(sa_column=_utc(index=True))
    sent_at: datetime | None = Field(default=None, sa_column=_utc(nullable=True))
    handed_over_at: datetime | None = Field(default=None, sa_column=_utc(nullable=True))


class QuarantineRow(SQLModel, table=True):
    """A message that could not be processed, kept whole with the reason."""

    __tablename__ = "quarantine"
    id: int | None = Field(default=None, primary_key=True)
    raw_sha256: str = Field(unique=True, max_length=64)
    raw_size: int
    reason: str = Field(sa_type=Text)
    source: str = Field(default="", sa_type=Text)
    sender: str = Field(default="", max_length=998)
    subject: str = Field(default="", sa_type=Text)
    status: str = Field(default="held", index=True, max_length=16)
    claim_id: int | None = Field(default=None, foreign_key="claims.id")
    created_at: datetime = Field(sa_column=_utc(index=True))
    resolved_at: datetime | None = Field(default=None, sa_column=_utc(nullable=True))


class MailboxStateRow(SQLModel, table=True):
    """How far a mailbox has been read (IMAP UIDVALIDITY and last committed UID)."""

    __tablename__ = "mailbox_state"
    source: str = Field(primary_key=True, sa_type=Text)
    uidvalidity: int = Field(sa_type=BigInteger)
    last_uid: int = Field(sa_type=BigInteger)
    updated_at: datetime = Field(sa_column=_utc())
    # When a daemon last read this mailbox without error (`mailflow status`, the metrics).
    polled_at: datetime | None = Field(default=None, sa_column=_utc(nullable=True))


class AbsenceRow(SQLModel, table=True):
    """A period a specialist is away (set from the CLI; the config can list more)."""

    __tablename__ = "absences"
    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(index=True, max_length=320)
    starts_on: date
    ends_on: date
    note: str = Field(default="", sa_type=Text)
    created_at: datetime = Field(sa_column=_utc())


class NoticeRow(SQLModel, table=True):
    """A reminder, escalation or chaser, claimed once by its unique key (exactly once)."""

    __tablename__ = "notices"
    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True, max_length=255)
    claim_id: int = Field(foreign_key="claims.id", index=True)
    kind: str = Field(max_length=32)
    due_at: datetime = Field(sa_column=_utc())
    created_at: datetime = Field(sa_column=_utc(index=True))


class JobRunRow(SQLModel, table=True):
    """The start of the last period a scheduled job ran for, and who runs it now: the job
    runs once per period across every daemon on the database (see mailflow.schedule)."""

    __tablename__ = "job_runs"
    job_id: str = Field(primary_key=True, max_length=64)
    period_start: datetime = Field(sa_column=_utc())
    holder: str | None = Field(default=None, max_length=255)
    lease_until: datetime | None = Field(default=None, sa_column=_utc(nullable=True))
    started_at: datetime | None = Field(default=None, sa_column=_utc(nullable=True))
    finished_at: datetime | None = Field(default=None, sa_column=_utc(nullable=True))


class ClaimFieldRow(SQLModel, table=True):
    """One value read from a claim (or corrected by a specialist), with where it stood.

    A newer value of the same field and item replaces an older one (`replaced_at` set), so
    the table keeps every earlier value beside the current ones.
    """

    __tablename__ = "claim_fields"
    # The digest groups the current values of one field (migration 0012).
    __table_args__ = (Index("ix_claim_fields_name_claim_id", "name", "claim_id"),)
    id: int | None = Field(default=None, primary_key=True)
    claim_id: int = Field(foreign_key="claims.id", index=True)
    message_row_id: int | None = Field(default=None, foreign_key="messages.id")
    name: str = Field(max_length=32)
    value: str = Field(sa_type=Text)
    source: str = Field(max_length=32)
    start: int = 0
    end: int = 0
    confidence: float = 1.0
    rule: str = Field(max_length=64)
    attachment: str | None = Field(default=None, sa_type=Text)
    item: int | None = None
    created_at: datetime = Field(sa_column=_utc())
    replaced_at: datetime | None = Field(default=None, sa_column=_utc(nullable=True))


class ApprovalRow(SQLModel, table=True):
    """A specialist's answer held for a manager's approval (mailflow.domain.approval).

    One per held reply (`message_row_id` is unique: a reply processed twice holds one draft);
    `final_text` is what went to the customer, the draft or the approver's edit.
    """

    __tablename__ = "approvals"
    id: int | None = Field(default=None, primary_key=True)
    claim_id: int = Field(foreign_key="claims.id", index=True)
    message_row_id: int = Field(foreign_key="messages.id", unique=True)
    author_email: str = Field(max_length=320)
    approver_email: str = Field(index=True, max_length=320)
    status: str = Field(index=True, max_length=16)
    draft: str = Field(sa_type=Text)
    reasons: str = Field(default="", sa_type=Text)
    held_status: str | None = Field(default=None, max_length=32)
    created_at: datetime = Field(sa_column=_utc())
    decided_at: datetime | None = Field(default=None, sa_column=_utc(nullable=True))
    decided_by: str | None = Field(default=None, max_length=320)
    decision_message_row_id: int | None = Field(default=None, foreign_key="messages.id")
    final_text: str = Field(default="", sa_type=Text)
    reason: str = Field(default="", sa_type=Text)


class MailboxLeaseRow(SQLModel, table=True):
    """Which instance reads a mailbox now: the holder renews `lease_until` under its token
    (compare-and-set); another instance takes the mailbox only once the lease ran out
    (see mailflow.mailbox_lease)."""

    __tablename__ = "mailbox_leases"
    mailbox: str = Field(primary_key=True, sa_type=Text)
    holder: str | None = Field(default=None, sa_type=Text)
    token: str | None = Field(default=None, sa_type=Text)
    lease_until: datetime | None = Field(default=None, sa_column=_utc(nullable=True))
    acquired_at: datetime | None = Field(default=None, sa_column=_utc(nullable=True))


class BlobRow(SQLModel, table=True):
    """A content-addressed blob kept in the database ([storage] backend = "database"): its
    bytes are the `blob_chunks` rows in `seq` order (see mailflow.store.db_blobs)."""

    __tablename__ = "blobs"
    sha256: str = Field(primary_key=True, max_length=64)
    size: int = Field(sa_type=BigInteger)


class BlobChunkRow(SQLModel, table=True):
    """One piece (at most db_blobs.CHUNK bytes) of a blob, so no value is a whole 25 MB file."""

    __tablename__ = "blob_chunks"
    sha256: str = Field(primary_key=True, max_length=64, foreign_key="blobs.sha256")
    seq: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    data: bytes = Field(sa_type=LargeBinary)


class WebLoginRow(SQLModel, table=True):
    """A one-time login link sent to a member of staff: only its hash is kept; it works once,
    until `expires_at` (see mailflow.web.staff_auth)."""

    __tablename__ = "web_logins"
    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(unique=True, max_length=64)
    email: str = Field(index=True, max_length=320)
    ip: str = Field(default="", max_length=64)
    created_at: datetime = Field(sa_column=_utc(index=True))
    expires_at: datetime = Field(sa_column=_utc())
    used_at: datetime | None = Field(default=None, sa_column=_utc(nullable=True))


class WebSessionRow(SQLModel, table=True):
    """A signed-in member of staff: the cookie holds the session id, the table its hash; it
    ends on logout, after `[web] session_idle_minutes` without a request, or at its maximum."""

    __tablename__ = "web_sessions"
    id_hash: str = Field(primary_key=True, max_length=64)
    email: str = Field(index=True, max_length=320)
    ip: str = Field(default="", max_length=64)
    created_at: datetime = Field(sa_column=_utc())
    last_seen_at: datetime = Field(sa_column=_utc())
    ended_at: datetime | None = Field(default=None, sa_column=_utc(nullable=True))


class WebHitRow(SQLModel, table=True):
    """One counted request for a rate limit (`bucket`: e.g. "login-ip:203.0.113.5"), kept in
    the database so that every web process counts the same hits."""

    __tablename__ = "web_hits"
    __table_args__ = (Index("ix_web_hits_bucket_at", "bucket", "at"),)
    id: int | None = Field(default=None, primary_key=True)
    bucket: str = Field(max_length=400)
    at: datetime = Field(sa_column=_utc())
