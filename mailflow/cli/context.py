"""Shared CLI plumbing: loading the app once and failing with one clear line."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import typer

from mailflow.cli.text import say
from mailflow.errors import MailflowError, SchemaMismatch

if TYPE_CHECKING:
    from sqlmodel import Session

    from mailflow.app import App
    from mailflow.store.tables import ClaimRow


@dataclass
class CliState:
    config_path: Path | None


def fail(message: str, code: int = 1) -> NoReturn:
    """Print one line to stderr and exit; never a traceback for a user's error."""
    typer.echo(f"mailflow: {say('error')}: {message}", err=True)
    raise typer.Exit(code)


def load_app(ctx: typer.Context, exit_code: int = 2, *, reading: bool = False) -> App:
    """The app of the config; `reading`: the command only reads the database, so only the
    database is opened (schema checked), not the pipeline it does not use."""
    from mailflow import logs
    from mailflow.app import App
    from mailflow.config import load_settings, plaintext_warnings

    state: CliState = ctx.obj
    try:
        settings = load_settings(state.config_path)
        for warning in plaintext_warnings(settings):
            typer.echo(f"mailflow: {say('warning')}: {warning}", err=True)
        logs.configure(settings.logging.format)
        mailflow = App(settings)
        # Build it all now (schema checked, calendar, templates), so a problem is one
        # line here and never a traceback in the middle of the work.
        mailflow.db  # noqa: B018
        if not reading:
            mailflow.pipeline  # noqa: B018
            mailflow.deadlines  # noqa: B018
    except MailflowError as error:
        fail(describe(error), code=exit_code)
    return mailflow


def describe(error: MailflowError) -> str:
    """The one line for `error`, in the user's language where mailflow has the words."""
    if not isinstance(error, SchemaMismatch):
        return str(error)
    if error.ahead:
        return say("schema_ahead", current=error.current, needed=error.needed)
    if error.current is None:
        return say("schema_empty", needed=error.needed)
    return say("schema_behind", current=error.current, needed=error.needed)


def claim_or_fail(session: Session, number: str) -> ClaimRow:
    """The claim numbered `number` (any case, spaces around), or one line and exit 1."""
    from mailflow.store.claims import get_claim

    claim = get_claim(session, number.strip().upper())
    if claim is None:
        fail(say("no_claim", number=number))
    return claim
