"""Configuration: one TOML file plus `MAILFLOW_<SECTION>__<KEY>` environment overrides.

Every key is documented in `config/mailflow.example.toml`. Relative paths resolve
against the folder of the config file. Errors name the file and the key.
"""

from __future__ import annotations

import ipaddress
import os
import tomllib
from datetime import date
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

from mailflow.errors import ConfigError

CONFIG_ENV = "MAILFLOW_CONFIG"
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


class SecuritySettings(Section):
    secret: SecretStr | None = None
    secret_file: Path = Path("data/secret.key")


class AcknowledgementSettings(Section):
    max_per_sender_per_hour: int = Field(default=10, ge=0)


class AbsenceSettings(Section):
    start: date
    end: date


class SpecialistSettings(Section):
    name: str = Field(min_length=1)
    position: str = ""
    email: str = Field(pattern=r"^[^@\s]+@[^@\s]+$")
    languages: tuple[Literal["ru", "en"], ...] = ("ru",)
    categories: tuple[str, ...] = ()
    max_open: int | None = Field(default=None, ge=1)
    absences: tuple[AbsenceSettings, ...] = ()


class ManagerSettings(Section):
    name: str = Field(min_length=1)
    email: str = Field(pattern=r"^[^@\s]+@[^@\s]+$")
    position: str = ""
    language: Literal["ru", "en"] = "ru"


class WorkflowSettings(Section):
    # Attachments of the customer's message are forwarded to the specialist up to this total.
    forward_attachments_max_bytes: int = Field(default=15 * 1024 * 1024, ge=0)
    # Also require DKIM or SPF "pass" in Authentication-Results for specialist commands.
    require_authentication_results: bool = False
    # The host whose Authentication-Results header is trusted (your own MX).
    authserv_id: str = ""


Language = Literal["ru", "en"]
DEFAULT_CATEGORIES: dict[str, dict[Language, tuple[str, ...]]] = {
    "damage": {"ru": ("поврежд", "разбит", "сломан", "трещин", "помят", "смят", "бой"),
               "en": ("damag", "broken", "crack", "dent", "smash", "crush")},
    "delay": {"ru": ("задерж", "опозда", "не пришл", "не доставл", "срок доставки"),
              "en": ("late", "delay", "not arrived", "not delivered", "overdue")},
    "shortage": {"ru": ("недостач", "не хватает", "недовложен", "меньше"),
                 "en": ("short", "missing", "fewer", "incomplete")},
    "wrong_item": {"ru": ("не тот", "пересорт", "перепут", "другой товар", "не соответств"),
                   "en": ("wrong", "instead of", "incorrect item", "mixed up")},
    "defect": {"ru": ("брак", "дефект", "не работает", "неисправ", "не включается"),
               "en": ("defect", "faulty", "does not work", "doesn't work", "malfunction")},
}


class Settings(BaseSettings):
    """The whole configuration; see config/mailflow.example.toml."""

    model_config = SettingsConfigDict(
        env_prefix="MAILFLOW_", env_nested_delimiter="__", extra="forbid", frozen=True,
    )

    database: DatabaseSettings = DatabaseSettings()
    mailbox: MailboxSettings = MailboxSettings()
    outgoing: OutgoingSettings = OutgoingSettings()
    company: CompanySettings = CompanySettings()
    storage: StorageSettings = StorageSettings()
    security: SecuritySettings = SecuritySettings()
    acknowledgement: AcknowledgementSettings = AcknowledgementSettings()
    workflow: WorkflowSettings = WorkflowSettings()
    categories: dict[str, dict[Literal["ru", "en"], tuple[str, ...]]] = Field(
        default_factory=lambda: dict(DEFAULT_CATEGORIES))
    specialists: tuple[SpecialistSettings, ...] = ()
    managers: tuple[ManagerSettings, ...] = ()
    config_path: Path | None = Field(default=None, exclude=True)

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (env_settings, init_settings)  # the environment overrides the file

    @model_validator(mode="after")
    def _check_addresses(self) -> Settings:
        if "@" not in self.company.claims_address:
            raise ValueError("company.claims_address must be an email address")
        _check_people(self)
        return self


def _check_people(settings: Settings) -> None:
    seen: set[str] = {settings.company.claims_address.lower()}
    people: list[SpecialistSettings | ManagerSettings] = [*settings.specialists, *settings.managers]
    for person in people:
        email = person.email.lower()
        if email in seen:
            raise ValueError(f"key specialists/managers: the address {email} is given twice "
                             "among company.claims_address, specialists and managers")
        seen.add(email)
    for index, specialist in enumerate(settings.specialists):
        unknown = set(specialist.categories) - set(settings.categories)
        if unknown:
            raise ValueError(f"key specialists[{index}].categories: unknown category "
                             f"{sorted(unknown)[0]!r} (known: {', '.join(settings.categories)})")


def load_settings(path: Path | None = None) -> Settings:
    """Read the config file (or only defaults and environment), resolving relative paths."""
    path = path or _path_from_env()
    data = _read_toml(path) if path else {}
    base = path.parent.resolve() if path else Path.cwd()
    try:
        settings = Settings(**data, config_path=path)
    except ValidationError as error:
        raise _config_error(error, path) from None
    return _resolve_paths(settings, base)


def _path_from_env() -> Path | None:
    value = os.environ.get(CONFIG_ENV)
    return Path(value) if value else None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise ConfigError("config file not found", path=str(path)) from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"not valid TOML: {error}", path=str(path)) from None


def _config_error(error: ValidationError, path: Path | None) -> ConfigError:
    first = error.errors()[0]
    key = ".".join(str(part) for part in first["loc"]) or None
    message = "unknown key" if first["type"] == "extra_forbidden" else first["msg"]
    message = message.removeprefix("Value error, ")
    if len(error.errors()) > 1:
        message += f" (and {len(error.errors()) - 1} more problem(s))"
    return ConfigError(message, path=str(path) if path else "(defaults)", key=key)


def _resolve_paths(settings: Settings, base: Path) -> Settings:
    def resolve(value: Path | None) -> Path | None:
        return value if value is None or value.is_absolute() else base / value

    return settings.model_copy(update={
        "database": settings.database.model_copy(
            update={"url": _resolve_sqlite_url(settings.database.url, base)}),
        "mailbox": settings.mailbox.model_copy(update={
            "path": resolve(settings.mailbox.path),
            "password_file": resolve(settings.mailbox.password_file),
            "ca_file": resolve(settings.mailbox.ca_file)}),
        "outgoing": settings.outgoing.model_copy(update={
            "path": resolve(settings.outgoing.path),
            "password_file": resolve(settings.outgoing.password_file),
            "ca_file": resolve(settings.outgoing.ca_file)}),
        "storage": settings.storage.model_copy(
            update={"attachments_dir": resolve(settings.storage.attachments_dir)}),
        "security": settings.security.model_copy(
            update={"secret_file": resolve(settings.security.secret_file)}),
    })


def _resolve_sqlite_url(url: str, base: Path) -> str:
    prefix = "sqlite:///"
    if not url.startswith(prefix) or url == "sqlite:///:memory:":
        return url
    target = Path(url[len(prefix):])
    return url if target.is_absolute() else f"{prefix}{base / target}"


def read_secret(value: SecretStr, file: Path | None, key: str) -> str:
    """A password from the environment/config value, or from the file that holds it."""
    if value.get_secret_value():
        return value.get_secret_value()
    if file is None:
        return ""
    try:
        return file.read_text(encoding="utf-8").strip()
    except OSError as error:
        raise ConfigError(f"cannot read secret file {file}: {error.strerror}", key=key) from None


def is_loopback(host: str) -> bool:
    """True for localhost and loopback IP addresses."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def plaintext_warnings(settings: Settings) -> list[str]:
    """Warnings for unencrypted connections to hosts that are not on loopback."""
    warnings = []
    for name, section in (("mailbox", settings.mailbox), ("outgoing", settings.outgoing)):
        remote = section.kind in ("imap", "smtp") and not is_loopback(section.host)
        if remote and section.security == "none":
            warnings.append(f"{name}.security = \"none\" sends the password unencrypted to "
                            f"{section.host}; use \"tls\" or \"starttls\"")
    return warnings
