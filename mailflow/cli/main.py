"""The `mailflow` command line."""

from __future__ import annotations

import logging
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from mailflow import logs
from mailflow.cli import (
    auth,
    blobs,
    claims,
    db,
    digest,
    entry,
    quarantine,
    reminders,
    staff,
    status,
    web,
)
from mailflow.cli.context import CliState, describe, fail, load_app
from mailflow.cli.text import say
from mailflow.errors import MailflowError, TransientError

# Each command imports what it uses: `--help` and the reading commands start without the
# pipeline, SQLAlchemy, jinja2 or mail-parser (issue 13, start-up).
if TYPE_CHECKING:
    from mailflow.runner import Runner

EX_TEMPFAIL = 75
app = typer.Typer(no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False,
                  help="mailflow: an email-driven claims processor.")
app.add_typer(claims.app, name="claims")
app.add_typer(quarantine.app, name="quarantine")
app.add_typer(claims.outbox_app, name="outbox")
app.add_typer(staff.app, name="specialists")
app.add_typer(reminders.app, name="reminders")
app.add_typer(db.app, name="db")
app.add_typer(blobs.app, name="blobs")
app.add_typer(auth.app, name="auth")
app.command("status")(status.status)
claims.app.command("assign")(staff.assign)
claims.app.command("status")(staff.status)
claims.app.command("note")(staff.note)
claims.app.command("new")(entry.new)
claims.app.command("merge")(entry.merge)
claims.app.command("outcome")(staff.outcome)
claims.app.command("compensation")(staff.compensation)
claims.app.command("cause")(staff.cause)
app.command("digest")(digest.digest)
app.command("report")(digest.report)
app.command("web")(web.web)

ConfigOption = Annotated[Path | None, typer.Option(
    "--config", "-c", envvar="MAILFLOW_CONFIG", help="Config file (TOML).")]


class LogLevel(StrEnum):
    debug = "debug"
    info = "info"
    warning = "warning"


@app.callback()
def main(ctx: typer.Context, config: ConfigOption = None,
         log_level: Annotated[LogLevel, typer.Option(help="Log detail.")] = LogLevel.info) -> None:
    """Read the claims mailbox, keep claims, answer customers."""
    logging.basicConfig(level=log_level.upper(), stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logs.configure("plain")
    for noisy in ("alembic", "apscheduler", "pymorphy3"):
        logging.getLogger(noisy).setLevel(max(logging.WARNING, logging.getLogger().level))
    logging.getLogger("mailparser").setLevel(logging.ERROR)  # warns on every report part
    # imapclient logs whole fetched messages at debug level: customers' mail has no place
    # in logs, whatever the level asked for.
    logging.getLogger("imapclient").setLevel(max(logging.INFO, logging.getLogger().level))
    # MSAL's and google-auth's debug lines describe token requests and answers: no place
    # for them either.
    for tokens in ("msal", "google.auth", "google.oauth2"):
        logging.getLogger(tokens).setLevel(max(logging.INFO, logging.getLogger().level))
    ctx.obj = CliState(config_path=config)


@app.command()
def run(ctx: typer.Context,
        once: Annotated[bool, typer.Option("--once", help="One pass, then exit.")] = False) -> None:
    """Process the mailbox and send queued mail (a daemon unless --once)."""
    from mailflow.runner import Runner

    mailflow = load_app(ctx)
    try:
        runner = Runner.for_every_mailbox(mailflow)
    except MailflowError as error:  # a missing or unreadable password: one line
        fail(describe(error), code=2)
    if once:
        _run_once(runner)
        return
    _serve(runner, ctx.obj.config_path)


def _run_once(runner: Runner) -> None:
    try:
        intake, drained = runner.run_once()
    except MailflowError as error:
        fail(str(error), code=1)
    typer.echo(say("intake", source=runner.source.name, stored=intake.stored,
                   new=intake.new_claims, acked=intake.acknowledged, dups=intake.duplicates,
                   quarantined=intake.quarantined))
    typer.echo(say("outbox", sent=drained.sent, retried=drained.retried, failed=drained.failed,
                   uncertain=drained.uncertain))
    if drained.error:
        typer.echo(say("outbox_error", error=drained.error), err=True)


def _serve(runner: Runner, config_path: Path | None) -> None:
    """The daemon (mailflow.service): READY=1 once the mailbox is reached, or one line."""
    from mailflow.service import Service

    try:
        Service(runner, config_path).run()
    except MailflowError as error:
        fail(describe(error), code=1)


@app.command()
def ingest(ctx: typer.Context) -> None:
    """Read one message from standard input (for an MTA pipe): exit 0 accepted, 75 try later."""
    from mailflow.runner import utc_now

    raw = sys.stdin.buffer.read()
    try:
        mailflow = load_app(ctx, exit_code=EX_TEMPFAIL)
        delivered = utc_now()  # an MTA pipes the message at the moment of delivery
        outcome = mailflow.pipeline.process(raw, "stdin", delivered, received_at=delivered)
    except TransientError as error:
        fail(say("tempfail", error=error), code=EX_TEMPFAIL)
    except typer.Exit:  # load_app has said why in one line
        raise
    except Exception as error:
        fail(say("tempfail", error=f"{type(error).__name__}: {error}"), code=EX_TEMPFAIL)
    typer.echo(say("accepted", status=outcome.status, claim=outcome.claim_number or ""))


@app.command("check-config")
def check_config(ctx: typer.Context) -> None:
    """Validate the config and show the effective values (secrets hidden)."""
    from mailflow.config import load_settings, plaintext_warnings

    state: CliState = ctx.obj
    try:
        settings = load_settings(state.config_path)
    except MailflowError as error:
        fail(str(error), code=2)
    for warning in plaintext_warnings(settings):
        typer.echo(f"{say('warning')}: {warning}", err=True)
    typer.echo(settings.model_dump_json(indent=2, exclude={"config_path"}))
    typer.echo(say("config_ok"))


@app.command()
def demo(ctx: typer.Context) -> None:
    """Upgrade the database, put the sample claim emails into the embedded (Maildir) inbox
    and process them."""
    from mailflow.cli.demo import first_customer_link, load_samples, staff_login_line
    from mailflow.runner import Runner

    typer.echo(db.upgrade_schema(ctx))
    mailflow = load_app(ctx)
    count = load_samples(mailflow)
    typer.echo(say("demo_loaded", count=count, path=mailflow.settings.mailbox.path))
    _run_once(Runner.for_every_mailbox(mailflow))
    typer.echo(say("demo_outbox", path=mailflow.settings.outgoing.path))
    claims.print_claims(mailflow, fmt=claims.Format.table, status=None)
    link = first_customer_link(mailflow)
    if link is not None:
        config = ctx.obj.config_path or "config/demo.toml"
        typer.echo(say("demo_customer_link", number=link[0], url=link[1], config=config))
    if mailflow.settings.web.enabled:
        typer.echo(staff_login_line(mailflow))


def entry_point() -> None:
    """Console-script entry point: an error mailflow raises after start-up (the database
    gone in the middle of a command) is one line and an exit code, never a traceback."""
    try:
        app()
    except MailflowError as error:
        typer.echo(f"mailflow: {say('error')}: {describe(error)}", err=True)
        sys.exit(EX_TEMPFAIL if isinstance(error, TransientError) else 1)
