"""The `[mailbox.oauth2]` and `[outgoing.oauth2]` sections: how to obtain XOAUTH2 tokens.

Which keys a provider needs is checked by `check_oauth2` once the whole file is read, so
that the error names the full key (`mailbox.oauth2.tenant`), not only the section.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal, Self

from pydantic import BaseModel, ConfigDict, Field, SecretStr, field_validator

Provider = Literal["microsoft", "google", "token_endpoint"]
Flow = Literal["client_credentials", "device_code"]

MICROSOFT_APP_SCOPE = "https://outlook.office365.com/.default"
MICROSOFT_USER_SCOPES = ("https://outlook.office365.com/IMAP.AccessAsUser.All",
                         "https://outlook.office365.com/SMTP.Send")  # msal adds offline_access
GOOGLE_MAIL_SCOPE = "https://mail.google.com/"


class OAuth2Settings(BaseModel):
    """Where the access token for one server comes from (see config/mailflow.example.toml)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    provider: Provider = "token_endpoint"
    flow: Flow = "client_credentials"  # microsoft only
    tenant: str = ""  # microsoft: directory (tenant) id or domain
    client_id: str = ""
    client_secret: SecretStr = SecretStr("")
    client_secret_file: Path | None = None
    scopes: tuple[str, ...] = ()  # empty: the provider's default
    token_cache_file: Path = Path("data/oauth2-token-cache.json")  # device_code only
    service_account_file: Path | None = None  # google: service account key (JSON)
    subject: str = ""  # google service account: the user to act as (default: username)
    authorized_user_file: Path | None = None  # google: a user's refresh token (JSON)
    token_url: str = ""  # token_endpoint: client-credentials grant URL
    refresh_before_seconds: float = Field(default=300.0, ge=0)
    timeout: float = Field(default=30.0, gt=0)

    @field_validator("token_url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        if value and not value.startswith(("https://", "http://")):
            raise ValueError("must be an https:// (or http:// on loopback) URL")
        return value

    def effective_scopes(self) -> tuple[str, ...]:
        if self.scopes:
            return self.scopes
        if self.provider == "microsoft":
            return (MICROSOFT_APP_SCOPE,) if self.flow == "client_credentials" \
                else MICROSOFT_USER_SCOPES
        return (GOOGLE_MAIL_SCOPE,) if self.provider == "google" else ()

    def with_paths_under(self, base: Path) -> Self:
        def resolve(value: Path | None) -> Path | None:
            return value if value is None or value.is_absolute() else base / value

        return self.model_copy(update={
            "client_secret_file": resolve(self.client_secret_file),
            "token_cache_file": resolve(self.token_cache_file),
            "service_account_file": resolve(self.service_account_file),
            "authorized_user_file": resolve(self.authorized_user_file)})


def missing_oauth2_key(section: OAuth2Settings) -> tuple[str, str] | None:
    """(key within the section, what is wrong) for the first key the provider needs but
    lacks; None when the section is complete. Secrets given outside the file (environment,
    systemd credential) are checked when the token is first needed."""
    if section.provider == "microsoft":
        for key in ("tenant", "client_id"):
            if not getattr(section, key):
                return key, "required for provider \"microsoft\""
    elif section.provider == "google":
        given = [k for k in ("service_account_file", "authorized_user_file")
                 if getattr(section, k) is not None]
        if len(given) != 1:
            return "service_account_file", ("give exactly one of service_account_file and "
                                            "authorized_user_file for provider \"google\"")
    else:
        for key in ("token_url", "client_id"):
            if not getattr(section, key):
                return key, "required for provider \"token_endpoint\""
    return None
