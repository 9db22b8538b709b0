"""`mailflow db ...`: the database schema, upgraded only here and under a lock."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from mailflow.cli.context import CliState, describe, fail
from mailflow.cli.text import say
from mailflow.errors import MailflowError

if TYPE_CHECKING:
    from mailflow.store.database import Database

app = typer.Typer(no_args_is_help=True, help="The database schema.")


def _database(ctx: typer.Context) -> Database:
    from mailflow.app import pool_of
    from mailflow.config import load_settings
    from mailflow.store.database import Database

    state: CliState = ctx.obj
    try:
        settings = load_settings(state.config_path)
        return Database(settings.database.url, pool_of(settings))
    except MailflowError as error:
        fail(describe(error), code=2)


def upgrade_schema(ctx: typer.Context) -> str:
    """Bring the schema to this mailflow's newest migration; the line to print."""
    database = _database(ctx)
    try:
        before, after = database.upgrade()
    except MailflowError as error:
        fail(describe(error))
    finally:
        database.dispose()
    if before == after:
        return say("schema_ok", current=after)
    return say("schema_upgraded", before=before or say("schema_none"), after=after)


@app.command()
def upgrade(ctx: typer.Context) -> None:
    """Create or upgrade the schema (safe to run from several processes at once)."""
    typer.echo(upgrade_schema(ctx))


@app.command()
def current(ctx: typer.Context) -> None:
    """Print the schema revision of the database (`none` when it is empty)."""
    database = _database(ctx)
    try:
        revision = database.revision()
    except MailflowError as error:
        fail(describe(error))
    finally:
        database.dispose()
    typer.echo(revision or say("schema_none"))


@app.command()
def check(ctx: typer.Context, blobs: Annotated[bool, typer.Option(
        "--blobs", help="Also check that every stored message and attachment the database "
                        "refers to is in the blob store ([storage] backend) with the right sha256 "
                        "(after a restore).")] = False) -> None:
    """Exit 0 when the schema is the one this mailflow needs, else 1 with the reason."""
    database = _database(ctx)
    try:
        database.check()
        revision = database.revision()
        typer.echo(say("schema_ok", current=revision))
        if blobs:
            _check_blobs(ctx, database)
    except MailflowError as error:
        fail(describe(error))
    finally:
        database.dispose()


def _check_blobs(ctx: typer.Context, database: Database) -> None:
    """Print every missing or corrupt blob; exit 1 when there is one."""
    from mailflow.cli.blobs import store_for
    from mailflow.config import load_settings
    from mailflow.store import blob_check

    state: CliState = ctx.obj
    settings = load_settings(state.config_path)
    store = store_for(settings.storage.backend, settings, database)
    with database.transaction() as session:
        wanted = blob_check.referenced(session)
    problems = blob_check.verify(store, wanted)
    for problem in problems:
        typer.echo(say(f"blob_{problem.problem}", sha256=problem.sha256, table=problem.table,
                       path=store.location(problem.sha256)))
    if problems:
        fail(say("blobs_bad", bad=len(problems), count=len(wanted), root=store.where))
    typer.echo(say("blobs_ok", count=len(wanted), root=store.where))
