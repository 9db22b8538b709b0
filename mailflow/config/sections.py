"""Connection, storage and company sections of the configuration."""

from __future__ import annotations

from pathlib import Path
from typing import Literal, Self
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationInfo, field_validator

from mailflow.config.oauth2 import OAuth2Settings

Security = Literal["tls", "starttls", "none"]
AuthMethod = Literal["password", "oauth2"]


class Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DatabaseSettings(Section):
    url: str = "sqlite:///data/mailflow.sqlite3"
    # Connection pool of each process (PostgreSQL only; SQLite opens what it needs).
    pool_size: int = Field(default=5, ge=1, le=1000)
    max_overflow: int = Field(default=5, ge=0, le=1000)
    pool_timeout: float = Field(default=30.0, gt=0)
    idle_in_transaction_timeout: float = Field(default=30.0, ge=0)


class ServerSettings(Section):
    """What the mailbox and outgoing sections share: a mail server and how to reach it."""

    host: str = "localhost"
    port: int | None = Field(default=None, ge=1, le=65535)
    username: str = ""
    password: SecretStr = SecretStr("")
    password_file: Path | None = None
    # "oauth2": log in with XOAUTH2 and a token from the `oauth2` subsection instead.
    auth: AuthMethod = "password"
    oauth2: OAuth2Settings | None = None
    ca_file: Path | None = None
    timeout: float = Field(default=30.0, gt=0)
    path: Path = Path("data")  # the local Maildir when kind = "maildir"

    def with_paths_under(self, base: Path) -> Self:
        """The section with its relative file paths resolved against `base`."""
        def resolve(value: Path | None) -> Path | None:
            return value if value is None or value.is_absolute() else base / value

        return self.model_copy(update={
            "path": resolve(self.path), "password_file": resolve(self.password_file),
            "ca_file": resolve(self.ca_file),
            "oauth2": self.oauth2.with_paths_under(base) if self.oauth2 else None})


class MailboxSettings(ServerSettings):
    kind: Literal["imap", "maildir"] = "maildir"
    security: Security = "tls"
    folder: str = "INBOX"
    processed_folder: str = "Processed"
    quarantine_folder: str = "Quarantine"
    idle: bool = True
    poll_interval: float = Field(default=60.0, gt=0)
    # A batch of at most batch_size messages is committed in one transaction; it closes
    # early once batch_wait_ms passed since its first message was taken up.
    batch_size: int = Field(default=50, ge=1, le=1000)
    batch_wait_ms: int = Field(default=200, ge=0, le=60_000)
    # Above 1: messages are parsed in that many worker processes, the next batch while
    # the current one is stored; a parse running past parse_timeout seconds is stopped.
    parse_workers: int = Field(default=1, ge=1, le=64)
    parse_timeout: float = Field(default=60.0, gt=0, le=3600)
    path: Path = Path("data/inbox")
    # Only one instance reads the mailbox: it holds a lease in the database for
    # lease_seconds and renews it every lease_renew_seconds; when it dies, another takes
    # the mailbox within lease_seconds + lease_renew_seconds.
    lease_seconds: float = Field(default=20.0, gt=0)
    lease_renew_seconds: float = Field(default=5.0, gt=0)

    @field_validator("lease_renew_seconds")
    @classmethod
    def _renewed_inside_the_lease(cls, value: float, info: ValidationInfo) -> float:
        lease = info.data.get("lease_seconds")
        if lease is not None and value * 2 > lease:
            raise ValueError(f"must be at most half of lease_seconds ({lease}), so that a "
                             "late renewal does not lose the mailbox")
        return value

    def effective_port(self) -> int:
        return self.port or (993 if self.security == "tls" else 143)


class OutgoingSettings(ServerSettings):
    kind: Literal["smtp", "maildir"] = "maildir"
    security: Security = "starttls"
    max_attempts: int = Field(default=10, ge=1)
    # How long a daemon's claim on a batch of outgoing mail lasts without renewal (it renews
    # every quarter of this while sending): a killed daemon's batch goes out after this long.
    lease_seconds: float = Field(default=60.0, gt=0)
    drain_interval: float = Field(default=15.0, gt=0)  # seconds between the daemon's drains
    # How many drains of the outbox a daemon runs side by side under load (each over its
    # own connection to the server); 1 sends one message at a time.
    parallel_drains: int = Field(default=2, ge=1, le=16)
    path: Path = Path("data/outbox")

    def effective_port(self) -> int:
        return self.port or {"tls": 465, "starttls": 587, "none": 25}[self.security]


class CompanySettings(Section):
    name: str = "Example Company"
    claims_address: str = Field(default="claims@example.com", max_length=254)
    default_language: Literal["ru", "en"] = "ru"
    timezone: str = "UTC"
    # The claim numbers' prefix (two to four Latin capitals) and a folder of templates that
    # replace the default ones file by file; [[mailboxes]] set their own.
    number_prefix: str = Field(default="CLM", pattern=r"^[A-Z]{2,4}$")
    templates: Path | None = None

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {value!r} (use an IANA name such as "
                             "\"Europe/Moscow\")") from None
        return value


BlobBackend = Literal["directory", "database"]


class StorageSettings(Section):
    backend: BlobBackend = "directory"
    attachments_dir: Path = Path("data/attachments")
    max_message_bytes: int = Field(default=50 * 1024 * 1024, ge=1024)
    max_attachments: int = Field(default=200, ge=1)
    max_mime_depth: int = Field(default=20, ge=1, le=200)
    max_decoded_bytes: int = Field(default=100 * 1024 * 1024, ge=1024)
    max_header_bytes: int = Field(default=256 * 1024, ge=1024)
    max_headers: int = Field(default=1000, ge=10)


class SecuritySettings(Section):
    secret: SecretStr | None = None
    secret_file: Path = Path("data/secret.key")


class AcknowledgementSettings(Section):
    max_per_sender_per_hour: int = Field(default=10, ge=0)
