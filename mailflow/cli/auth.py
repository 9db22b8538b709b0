"""`mailflow auth login|check mailbox|outgoing`: OAuth2 sign-in and a token check."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any
from zoneinfo import ZoneInfo

import typer

from mailflow.cli.context import CliState, describe, fail
from mailflow.cli.text import say_in
from mailflow.errors import MailflowError

if TYPE_CHECKING:
    from mailflow.config import MailboxSettings, OAuth2Settings, OutgoingSettings, Settings

WORDS: dict[str, dict[str, str]] = {
    "not_oauth2": {
        "en": "{section}.auth is not \"oauth2\": nothing to sign in to",
        "ru": "{section}.auth не равно \"oauth2\": входить не нужно"},
    "no_login_needed": {
        "en": "{section}.oauth2: provider {provider} ({flow}) needs no interactive sign-in; "
              "`mailflow auth check {section}` tests it",
        "ru": "{section}.oauth2: провайдеру {provider} ({flow}) интерактивный вход не нужен; "
              "проверка: `mailflow auth check {section}`"},
    "device_code": {
        "en": "Sign in as {user}: open {url} in a browser and enter the code {code}. "
              "Waiting for the sign-in...",
        "ru": "Войдите как {user}: откройте {url} в браузере и введите код {code}. "
              "Ждём входа..."},
    "provider_says": {"en": "Microsoft's instructions: {message}",
                      "ru": "Инструкция Microsoft: {message}"},
    "signed_in": {
        "en": "signed in as {account}; the refresh token is stored in {path} (mode 0600)",
        "ru": "вход выполнен как {account}; токен обновления сохранён в {path} (права 0600)"},
    "other_account": {
        "en": "warning: signed in as {account}, but {section}.username is {user}",
        "ru": "предупреждение: вход выполнен как {account}, а {section}.username — {user}"},
    "token_ok": {
        "en": "{section}: token obtained from {provider}, valid until {until}",
        "ru": "{section}: токен получен от {provider}, действует до {until}"},
}

app = typer.Typer(no_args_is_help=True, help="OAuth2 sign-in for the mailbox and outgoing mail.")


class Server(StrEnum):
    mailbox = "mailbox"
    outgoing = "outgoing"


ServerArgument = Annotated[Server, typer.Argument(help="Which server's [*.oauth2] section.")]


@app.command()
def login(ctx: typer.Context, server: ServerArgument) -> None:
    """Sign in by device code (Microsoft, flow = "device_code"); stores the refresh token."""
    from mailflow.auth.microsoft import device_code_login

    section, oauth2, username = _oauth2_section(ctx, server)
    if oauth2.provider != "microsoft" or oauth2.flow != "device_code":
        fail(say_in(WORDS, "no_login_needed", section=section, provider=oauth2.provider,
                    flow=oauth2.flow if oauth2.provider == "microsoft" else "-"), code=2)

    def show(flow: dict[str, Any]) -> None:
        typer.echo(say_in(WORDS, "device_code", user=username, url=flow["verification_uri"],
                          code=flow["user_code"]))
        typer.echo(say_in(WORDS, "provider_says", message=flow.get("message", "")))

    try:
        account = device_code_login(oauth2, username, f"{section}.oauth2", show)
    except MailflowError as error:
        fail(describe(error))
    typer.echo(say_in(WORDS, "signed_in", account=account, path=oauth2.token_cache_file))
    if account.lower() != username.lower():
        typer.echo(say_in(WORDS, "other_account", account=account, section=section,
                          user=username), err=True)


@app.command()
def check(ctx: typer.Context, server: ServerArgument) -> None:
    """Obtain a token now and say until when it is valid (the token itself is not shown)."""
    from mailflow.auth.sources import token_source

    section, oauth2, username = _oauth2_section(ctx, server)
    try:
        token = token_source(oauth2, username, f"{section}.oauth2").fetch()
    except MailflowError as error:
        fail(describe(error))
    zone = ZoneInfo(_settings(ctx).company.timezone)
    until = datetime.fromtimestamp(token.expires_at, UTC).astimezone(zone)
    typer.echo(say_in(WORDS, "token_ok", section=section, provider=oauth2.provider,
                      until=until.strftime("%Y-%m-%d %H:%M %Z")))


def _oauth2_section(ctx: typer.Context, server: Server) -> tuple[str, OAuth2Settings, str]:
    settings = _settings(ctx)
    section: MailboxSettings | OutgoingSettings = getattr(settings, server.value)
    if section.auth != "oauth2" or section.oauth2 is None:
        fail(say_in(WORDS, "not_oauth2", section=server.value), code=2)
    return server.value, section.oauth2, section.username


def _settings(ctx: typer.Context) -> Settings:
    from mailflow.config import load_settings

    state: CliState = ctx.obj
    try:
        return load_settings(state.config_path)
    except MailflowError as error:
        fail(describe(error), code=2)
