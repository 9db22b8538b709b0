"""`mailflow reminders list`: what the deadline watch will send, and when."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Annotated

import typer

from mailflow.cli.claims import Format, FormatOption, emit
from mailflow.cli.context import load_app

app = typer.Typer(no_args_is_help=True, help="Reminders, escalations and chasers.")


@app.command("list")
def list_reminders(ctx: typer.Context, fmt: FormatOption = Format.table,
                   days: Annotated[int, typer.Option(help="How far ahead to look.")] = 14,
                   ) -> None:
    """Reminders, escalations and customer chasers due within the next DAYS days."""
    from mailflow.cli.output import iso

    mailflow = load_app(ctx)
    upcoming = mailflow.deadlines.upcoming(datetime.now(UTC), timedelta(days=days))
    rows = [{"due_at": iso(mailflow.mailer.local(notice.due_at)),
             "claim": claim.number, "kind": notice.kind.value,
             "deadline": notice.deadline_kind.value if notice.deadline_kind else None,
             "to": _recipient(notice.kind.value, claim.assignee_email, claim.customer_email),
             "repeat": notice.repeat, "key": notice.key} for claim, notice in upcoming]
    emit(rows, fmt, ["due_at", "claim", "kind", "deadline", "to"])


def _recipient(kind: str, assignee: str | None, customer: str) -> str:
    return {"reminder": assignee or "", "escalation": "managers"}.get(kind, customer)
