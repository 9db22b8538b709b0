"""Connection, storage and company sections of the configuration."""

from __future__ import annotations

from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, SecretStr, field_validator

Security = Literal["tls", "starttls", "none"]


class Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DatabaseSettings(Section):
    url: str = "sqlite:///data/mailflow.sqlite3"


class MailboxSettings(Section):
    kind: Literal["imap", "maildir"] = "maildir"
    host: str = "localhost"
    port: int | None = Field(default=None, ge=1, le=65535)
    security: Security = "tls"
    username: str = ""
    password: SecretStr = SecretStr("")
    password_file: Path | None = None
    ca_file: Path | None = None
    folder: str = "INBOX"
    processed_folder: str = "Processed"
    quarantine_folder: str = "Quarantine"
    idle: bool = True
    poll_interval: float = Field(default=60.0, gt=0)
    batch_size: int = Field(default=50, ge=1, le=1000)
    timeout: float = Field(default=30.0, gt=0)
    path: Path = Path("data/inbox")

    def effective_port(self) -> int:
        return self.port or (993 if self.security == "tls" else 143)


class OutgoingSettings(Section):
    kind: Literal["smtp", "maildir"] = "maildir"
    host: str = "localhost"
    port: int | None = Field(default=None, ge=1, le=65535)
    security: Security = "starttls"
    username: str = ""
    password: SecretStr = SecretStr("")
    password_file: Path | None = None
    ca_file: Path | None = None
    timeout: float = Field(default=30.0, gt=0)
    max_attempts: int = Field(default=10, ge=1)
    path: Path = Path("data/outbox")

    def effective_port(self) -> int:
        return self.port or {"tls": 465, "starttls": 587, "none": 25}[self.security]


class CompanySettings(Section):
    name: str = "Example Company"
    claims_address: str = "claims@example.com"
    default_language: Literal["ru", "en"] = "ru"
    timezone: str = "UTC"

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {value!r} (use an IANA name such as "
                             "\"Europe/Moscow\")") from None
        return value


class StorageSettings(Section):
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
