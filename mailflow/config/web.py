"""The `[web]` section: the pages beside the daemon (`mailflow web`)."""

from __future__ import annotations

from pydantic import Field, field_validator

from mailflow.config.sections import Section


class WebSettings(Section):
    # The address people open, as the reverse proxy serves it (links in mail start with it).
    # Empty: no web pages, and mail carries no links to them.
    base_url: str = ""
    # Where `mailflow web` listens (behind the reverse proxy).
    host: str = "127.0.0.1"
    port: int = Field(default=8080, ge=1, le=65535)
    # The customer's personal link to a claim works this many days after the mail carrying it.
    link_days: int = Field(default=180, ge=1, le=3650)
    # A staff login link works once, for this many minutes.
    login_link_minutes: int = Field(default=15, ge=1, le=1440)
    # A staff session ends after this long without a request, and at most after max hours.
    session_idle_minutes: int = Field(default=60, ge=1, le=1440)
    session_max_hours: int = Field(default=12, ge=1, le=168)
    # Cookies only over HTTPS; turn off only for a plain-http loopback address (tests, demo).
    secure_cookies: bool = True
    # What a customer may upload: per file, per request, and which kinds (sniffed content).
    upload_max_bytes: int = Field(default=15 * 1024 * 1024, ge=1)
    upload_max_files: int = Field(default=10, ge=1, le=100)
    upload_types: tuple[str, ...] = ("image/jpeg", "image/png", "image/gif", "image/webp",
                                     "image/heic", "application/pdf", "text/plain",
                                     "application/vnd.openxmlformats-officedocument"
                                     ".wordprocessingml.document",
                                     "application/vnd.openxmlformats-officedocument"
                                     ".spreadsheetml.sheet")
    # Rate limits per hour: login links asked for one address / from one IP; customer
    # uploads and messages to one claim / from one IP.
    login_per_address: int = Field(default=5, ge=1)
    login_per_ip: int = Field(default=20, ge=1)
    uploads_per_claim: int = Field(default=20, ge=1)
    uploads_per_ip: int = Field(default=60, ge=1)
    # Claims on one page of the staff list.
    page_size: int = Field(default=50, ge=1, le=500)

    @field_validator("base_url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        if value and not value.startswith(("https://", "http://")):
            raise ValueError("key web.base_url: must start with https:// (or http:// on "
                             "loopback)")
        return value.rstrip("/")

    @property
    def enabled(self) -> bool:
        return bool(self.base_url)
