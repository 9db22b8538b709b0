"""`mailflow quarantine list|retry|release`: operate on parked messages without a shell."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Annotated

import typer

from mailflow.cli.claims import Format, FormatOption, emit
from mailflow.cli.context import fail, load_app
from mailflow.cli.text import say

if TYPE_CHECKING:
    from mailflow.app import App
    from mailflow.pipeline import Outcome
    from mailflow.store.tables import QuarantineRow

app = typer.Typer(no_args_is_help=True, help="Messages that could not be processed.")


@app.command("list")
def list_entries(ctx: typer.Context, fmt: FormatOption = Format.table,
                 all_entries: Annotated[bool, typer.Option(
                     "--all", help="Include retried and released entries.")] = False) -> None:
    """List quarantined messages with the reason."""
    from mailflow.cli.output import quarantine_detail
    from mailflow.store import quarantine

    mailflow = load_app(ctx, reading=True)
    with mailflow.db.transaction() as session:
        rows = [quarantine_detail(e) for e in quarantine.listing(session, all_entries)]
    emit(rows, fmt, ["id", "status", "created_at", "from", "subject", "reason"])


@app.command()
def retry(ctx: typer.Context, entry_id: int) -> None:
    """Run a quarantined message through the pipeline again (after a fix or a config change)."""
    mailflow = load_app(ctx)
    entry, raw = _entry(mailflow, entry_id)
    # The mailbox time is not kept in quarantine; the moment it was parked is the closest.
    outcome = mailflow.pipeline.process(raw, f"quarantine:{entry_id}", datetime.now(UTC),
                                        received_at=entry.created_at)
    if outcome.status == "quarantined":
        fail(say("still_bad", id=entry_id, reason=outcome.reason))
    _resolve(mailflow, entry_id, "retried", outcome)
    typer.echo(say("retried", id=entry_id, status=outcome.status, claim=outcome.claim_number))


@app.command()
def release(ctx: typer.Context, entry_id: int) -> None:
    """Store a quarantined message as a claim as it is, even if it does not parse."""
    mailflow = load_app(ctx)
    entry, raw = _entry(mailflow, entry_id)
    outcome = mailflow.pipeline.release(raw, f"quarantine:{entry_id}", datetime.now(UTC),
                                        received_at=entry.created_at)
    _resolve(mailflow, entry_id, "released", outcome)
    typer.echo(say("released", id=entry_id, claim=outcome.claim_number))


def _entry(mailflow: App, entry_id: int) -> tuple[QuarantineRow, bytes]:
    from mailflow.store import quarantine

    with mailflow.db.transaction() as session:
        entry = quarantine.get(session, entry_id)
    if entry is None or entry.status != "held":
        fail(say("no_entry", id=entry_id))
    return entry, mailflow.blobs.get(entry.raw_sha256)


def _resolve(mailflow: App, entry_id: int, status: str, outcome: Outcome) -> None:
    from sqlmodel import select

    from mailflow.store.tables import ClaimRow, QuarantineRow

    with mailflow.db.transaction() as session:
        entry = session.get(QuarantineRow, entry_id)
        assert entry is not None
        claim = None
        if outcome.claim_number:
            claim = session.exec(
                select(ClaimRow)
                .where(ClaimRow.number == outcome.claim_number)).first()
        entry.status, entry.resolved_at = status, datetime.now(UTC)
        entry.claim_id = claim.id if claim else None
        session.add(entry)
