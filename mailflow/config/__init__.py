"""Configuration: one TOML file plus `MAILFLOW_<SECTION>__<KEY>` environment overrides.

Every key is documented in `config/mailflow.example.toml`. Relative paths resolve
against the folder of the config file. Errors name the file and the key.
"""

from __future__ import annotations

import ipaddress
import os
import re
import tomllib
from pathlib import Path
from typing import Any

from pydantic import Field, SecretStr, ValidationError, model_validator
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

from mailflow.config.approval import ApprovalSettings, KeyAccountSettings, check_approval
from mailflow.config.digest import DigestSettings
from mailflow.config.extraction import ExtractionSettings
from mailflow.config.mailboxes import MailboxEntry, check_mailboxes
from mailflow.config.oauth2 import OAuth2Settings, missing_oauth2_key
from mailflow.config.operations import LoggingSettings, MetricsSettings, StatusSettings
from mailflow.config.rules import RulesSettings
from mailflow.config.sections import (
    AcknowledgementSettings,
    CompanySettings,
    DatabaseSettings,
    MailboxSettings,
    OutgoingSettings,
    Security,
    SecuritySettings,
    StorageSettings,
)
from mailflow.config.team import (
    DEFAULT_CATEGORIES,
    CalendarSettings,
    DeadlineSettings,
    Language,
    ManagerSettings,
    ReminderSettings,
    SpecialistSettings,
    WorkflowSettings,
)
from mailflow.config.web import WebSettings
from mailflow.errors import ConfigError

CONFIG_ENV = "MAILFLOW_CONFIG"
_NAMED_KEY = re.compile(r"key ([\w.\[\]/]+): ")
__all__ = ["CONFIG_ENV", "Language", "MailboxSettings", "OAuth2Settings", "OutgoingSettings",
           "Security", "Settings", "credential_file", "is_loopback", "load_settings",
           "plaintext_warnings", "read_secret"]


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
    calendar: CalendarSettings = CalendarSettings()
    deadlines: DeadlineSettings = DeadlineSettings()
    reminders: ReminderSettings = ReminderSettings()
    extraction: ExtractionSettings = ExtractionSettings()
    rules: RulesSettings = RulesSettings()
    digest: DigestSettings = DigestSettings()
    categories: dict[str, dict[Language, tuple[str, ...]]] = Field(
        default_factory=lambda: dict(DEFAULT_CATEGORIES))
    specialists: tuple[SpecialistSettings, ...] = ()
    managers: tuple[ManagerSettings, ...] = ()
    approval: ApprovalSettings = ApprovalSettings()
    key_accounts: tuple[KeyAccountSettings, ...] = ()
    logging: LoggingSettings = LoggingSettings()
    metrics: MetricsSettings = MetricsSettings()
    status: StatusSettings = StatusSettings()
    web: WebSettings = WebSettings()
    mailboxes: tuple[MailboxEntry, ...] = ()  # beside [mailbox]: see config/mailboxes.py
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
        _check_oauth2(self)
        check_mailboxes(self)
        check_approval(self.approval, self.key_accounts,
                       {person.email.lower() for person in self.specialists}
                       | {person.email.lower() for person in self.managers},
                       set(self.categories))
        return self


def _check_oauth2(settings: Settings) -> None:
    servers: dict[str, MailboxSettings | OutgoingSettings] = {
        "mailbox": settings.mailbox, "outgoing": settings.outgoing}
    for name, server in servers.items():
        if server.auth != "oauth2":
            continue
        if server.oauth2 is None:
            raise ValueError(f"key {name}.oauth2: the section is required when "
                             f"{name}.auth = \"oauth2\"")
        if not server.username:
            raise ValueError(f"key {name}.username: required when {name}.auth = \"oauth2\" "
                             "(the mailbox address the token logs in as)")
        missing = missing_oauth2_key(server.oauth2)
        if missing:
            raise ValueError(f"key {name}.oauth2.{missing[0]}: {missing[1]}")


def _check_people(settings: Settings) -> None:
    seen: set[str] = {settings.company.claims_address.lower()}
    people: list[SpecialistSettings | ManagerSettings] = [*settings.specialists, *settings.managers]
    for person in people:
        email = person.email.lower()
        if email in seen:
            raise ValueError(f"key specialists/managers: the address {email} is given twice "
                             "among company.claims_address, specialists and managers")
        seen.add(email)
    unknown_overrides = set(settings.deadlines.category) - set(settings.categories)
    if unknown_overrides:
        raise ValueError(f"key deadlines.category.{sorted(unknown_overrides)[0]}: unknown "
                         f"category (known: {', '.join(settings.categories)})")
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
    named = _NAMED_KEY.match(message)  # a cross-field check names its own, finer key
    if named:
        key, message = named.group(1), message[named.end():]
    if len(error.errors()) > 1:
        message += f" (and {len(error.errors()) - 1} more problem(s))"
    return ConfigError(message, path=str(path) if path else "(defaults)", key=key)


def _resolve_paths(settings: Settings, base: Path) -> Settings:
    def resolve(value: Path | None) -> Path | None:
        return value if value is None or value.is_absolute() else base / value

    return settings.model_copy(update={
        "database": settings.database.model_copy(
            update={"url": _resolve_sqlite_url(settings.database.url, base)}),
        "mailbox": settings.mailbox.with_paths_under(base),
        "mailboxes": tuple(entry.with_paths_under(base) for entry in settings.mailboxes),
        "company": settings.company.model_copy(
            update={"templates": resolve(settings.company.templates)}),
        "outgoing": settings.outgoing.with_paths_under(base),
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
    file = file or credential_file(key)
    if file is None:
        return ""
    try:
        return file.read_text(encoding="utf-8").strip()
    except OSError as error:
        raise ConfigError(f"cannot read secret file {file}: {error.strerror}", key=key) from None


def credential_file(key: str) -> Path | None:
    """The systemd credential named `key` (`LoadCredential=mailbox.password:...`), if the
    service manager passed one in $CREDENTIALS_DIRECTORY; an empty one counts as none (the
    units load every credential, so one that a site does not use is an empty file)."""
    folder = os.environ.get("CREDENTIALS_DIRECTORY")
    if not folder:
        return None
    path = Path(folder) / key
    try:
        return path if path.stat().st_size > 0 else None
    except OSError:
        return None


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
    sections: list[tuple[str, MailboxSettings | OutgoingSettings]] = [
        ("mailbox", settings.mailbox), ("outgoing", settings.outgoing), *(
        (f"mailboxes[{index}].mailbox", entry.mailbox)
        for index, entry in enumerate(settings.mailboxes))]
    for name, section in sections:
        remote = section.kind in ("imap", "smtp") and not is_loopback(section.host)
        if remote and section.security == "none":
            warnings.append(f"{name}.security = \"none\" sends the password unencrypted to "
                            f"{section.host}; use \"tls\" or \"starttls\"")
    return warnings
