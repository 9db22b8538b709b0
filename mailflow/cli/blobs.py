"""`mailflow blobs ...`: where raw messages and attachments are kept ([storage] backend)."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from mailflow.cli.context import CliState, describe, fail
from mailflow.cli.text import say
from mailflow.errors import MailflowError

if TYPE_CHECKING:
    from mailflow.config import Settings
    from mailflow.store.blobs import Blobs
    from mailflow.store.database import Database

app = typer.Typer(no_args_is_help=True,
                  help="Stored messages and attachments / Сохранённые письма и вложения.")


class Backend(StrEnum):
    directory = "directory"
    database = "database"


def store_for(backend: str, settings: Settings, database: Database) -> Blobs:
    """The blob store `backend` names, in the directory or the database of `settings`."""
    from mailflow.store.blobs import BlobStore
    from mailflow.store.db_blobs import DatabaseBlobStore

    if backend == Backend.database:
        return DatabaseBlobStore(database.engine)
    return BlobStore(settings.storage.attachments_dir)


@app.command()
def migrate(ctx: typer.Context, to: Annotated[Backend, typer.Option(
        "--to", help="The store to copy every blob into / Куда скопировать все файлы.")]) -> None:
    """Copy every stored message and attachment into the other store, each checked against
    its sha256; run it again to finish a broken-off run. Then set [storage] backend."""
    from mailflow.cli.db import _database
    from mailflow.config import load_settings
    from mailflow.store import blob_check

    state: CliState = ctx.obj
    database = _database(ctx)
    try:
        database.check()
        settings = load_settings(state.config_path)
        other = Backend.directory if to == Backend.database else Backend.database
        source, target = (store_for(other, settings, database),
                          store_for(to, settings, database))
        with database.transaction() as session:
            wanted = blob_check.referenced(session)
        done = blob_check.migrate(source, target, wanted)
    except MailflowError as error:
        fail(describe(error))
    finally:
        database.dispose()
    for problem in done.problems:
        typer.echo(say(f"blob_{problem.problem}", sha256=problem.sha256, table=problem.table,
                       path=source.location(problem.sha256)))
    typer.echo(say("blobs_migrated", copied=done.copied, present=done.present,
                   bad=len(done.problems), source=source.where, target=target.where))
    if done.problems:
        fail(say("blobs_not_migrated", bad=len(done.problems)))
