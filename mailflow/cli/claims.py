"""`mailflow claims ...` and `mailflow outbox ...`."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, datetime, tzinfo
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any
from zoneinfo import ZoneInfo

import typer

from mailflow.cli.context import claim_or_fail, fail, load_app
from mailflow.cli.text import language, say
from mailflow.domain.labels import (
    category_label,
    cause_label,
    compensation_label,
    field_value,
    outcome_label,
)

# The database and output modules are imported by the commands that use them, so that
# `mailflow --help` and its neighbours start without SQLAlchemy (issue 13, start-up).
if TYPE_CHECKING:
    from mailflow.app import App

app = typer.Typer(no_args_is_help=True, help="Look at claims.")
outbox_app = typer.Typer(no_args_is_help=True, help="Look at queued, sent and failed mail.")


class Format(StrEnum):
    table = "table"
    json = "json"


FormatOption = Annotated[Format, typer.Option("--format", help="table or json")]
MAX_PAGE = 10_000
DEFAULT_PAGE = 50


def emit(rows: list[dict[str, Any]], fmt: Format, columns: list[str]) -> None:
    """Print `rows` as JSON (every field) or as a table of `columns`."""
    from mailflow.cli.output import table, to_json

    typer.echo(to_json(rows) if fmt is Format.json else table(rows, columns))


LimitOption = Annotated[int, typer.Option(
    "--limit", min=1, max=MAX_PAGE, help="At most this many rows (newest first).")]


@app.command("list")
def list_claims(ctx: typer.Context, fmt: FormatOption = Format.table,
                status: Annotated[str | None, typer.Option(help="Only this status.")] = None,
                overdue: Annotated[bool, typer.Option(
                    "--overdue", help="Only claims past a deadline now.")] = False,
                limit: LimitOption = DEFAULT_PAGE,
                before: Annotated[str | None, typer.Option(
                    "--before", help="Only claims older than this claim NUMBER.")] = None,
                ) -> None:
    """List claims, newest first, one page at a time."""
    print_claims(load_app(ctx, reading=True), fmt, status, overdue, limit, before)


def print_claims(mailflow: App, fmt: Format, status: str | None, overdue: bool = False,
                 limit: int = DEFAULT_PAGE, before: str | None = None) -> None:
    from mailflow.cli.output import claim_summary
    from mailflow.store.claim_list import claims_page

    with mailflow.db.transaction() as session:
        before_id = claim_or_fail(session, before).id if before else None
        found = claims_page(session, status=status, late=datetime.now(UTC) if overdue else None,
                            limit=limit + 1, before_id=before_id)
        rows = [claim_summary(c) for c in found[:limit]]
    if fmt is Format.table:
        zone = ZoneInfo(mailflow.settings.company.timezone)
        rows = [{**row, "created_at": local_time(row["created_at"], zone)} for row in rows]
    emit(rows, fmt, ["number", "status", "customer", "assignee", "language", "created_at",
                     "subject"])
    if len(found) > limit:
        typer.echo(say("more", count=limit, before=rows[-1]["number"]), err=True)


@app.command()
def show(ctx: typer.Context, number: str, fmt: FormatOption = Format.table) -> None:
    """Show one claim with its messages, attachments and events."""
    from mailflow.cli.output import claim_detail, to_json

    mailflow = load_app(ctx, reading=True)
    with mailflow.db.transaction() as session:
        claim = claim_or_fail(session, number)
        detail = claim_detail(session, claim, mailflow.settings.extraction.required_fields())
    if fmt is Format.json:
        typer.echo(to_json(detail))
        return
    zone = ZoneInfo(mailflow.settings.company.timezone)
    typer.echo(_claim_text(detail, zone, mailflow.settings.rules.causes))


def local_time(value: str | None, zone: tzinfo) -> str | None:
    """An ISO time (UTC when it has no offset) as `2026-12-03 17:05` in `zone`."""
    if not value:
        return value
    moment = datetime.fromisoformat(value)
    moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return f"{moment.astimezone(zone):%Y-%m-%d %H:%M}"


def _claim_text(detail: dict[str, Any], zone: tzinfo = UTC,
                causes: Mapping[str, str] | None = None) -> str:
    """The claim for people: codes in words of the user's language, times in `zone`."""
    lang = language()
    shown = {**detail, "category": category_label(detail["category"], lang)
             if detail["category"] else None,
             "created_at": local_time(detail["created_at"], zone),
             "first_response_at": local_time(detail["first_response_at"], zone)}
    head = [f"{key}: {shown[key]}" for key in
            ("number", "status", "customer", "assignee", "category", "priority", "subject",
             "language", "created_at", "first_response_at", "overdue", "related_claim",
             "merged_into")]
    head += [f"due {kind}: {local_time(when, zone)}"
             for kind, when in detail["deadlines"].items() if when]
    head += [f"field {f['name']}: {field_value(str(f['value']), f['name'], lang)}  "
             f"({f['source']} {f['span'][0]}-{f['span'][1]}, {f['rule']}, "
             f"{f['confidence']:.2f})" for f in detail["fields"]]
    if detail["missing"]:
        head.append("missing: " + ", ".join(detail["missing"]))
    head += _resolution_text(detail, lang, causes)
    body = []
    for message in detail["messages"]:
        arrow = "<-" if message["direction"] == "in" else "->"
        body.append(f"\n{arrow} {message['date']}  {message['from']}  [{message['kind']}]"
                    f"  {message['subject']}")
        if message["thread_reason"]:
            body.append(f"   thread: {message['thread_reason']}")
        body += [f"   + {a['filename']} ({a['size']} B, sha256 {a['sha256'][:12]})"
                 for a in message["attachments"]]
    events = [f"  {e['at']}  {e['actor']}  {e['kind']}  "
              f"{json.dumps(e['detail'], ensure_ascii=False)}" for e in detail["events"]]
    return "\n".join([*head, *body, "\nevents:", *events])


def _resolution_text(detail: dict[str, Any], lang: str,
                     causes: Mapping[str, str] | None) -> list[str]:
    """The outcome, cause, compensation and rating lines, in words of the user's language
    (the JSON output keeps the codes)."""
    compensation, outcome, cause = detail["compensation"], detail["outcome"], detail["cause"]
    paid = None if compensation is None else " ".join(
        str(part) for part in (compensation_label(compensation["kind"], lang),
                               compensation["amount"], compensation["currency"]) if part)
    values = {"show_outcome": outcome and outcome_label(outcome, lang),
              "show_reason": detail["outcome_reason"],
              "show_cause": cause and cause_label(cause, lang, causes),
              "show_compensation": paid,
              "show_rating": detail["rating"], "show_rating_comment": detail["rating_comment"]}
    return [f"{say(key)}: {value}" for key, value in values.items()
            if value is not None and value != ""]


@app.command("revoke-links")
def revoke_links(ctx: typer.Context, number: str) -> None:
    """Revoke every personal link to claim NUMBER sent to its customer so far (a link that
    reached the wrong person); mail sent from now on carries a new link."""
    from mailflow.web.revoke import revoke_links as revoke

    mailflow = load_app(ctx)
    version = revoke(mailflow, number, datetime.now(UTC))
    if version is None:
        fail(say("no_claim", number=number))
    typer.echo(say("links_revoked", number=number.strip().upper(), version=version))


@outbox_app.command("list")
def list_outbox(ctx: typer.Context, fmt: FormatOption = Format.table,
                status: Annotated[str | None, typer.Option(
                    help="pending, sent, failed or unknown (possibly delivered)")] = None,
                limit: LimitOption = DEFAULT_PAGE,
                before: Annotated[int | None, typer.Option(
                    "--before", help="Only messages with a smaller ID.")] = None) -> None:
    """List outgoing mail with its delivery state, newest first, one page at a time."""
    print_outbox(load_app(ctx, reading=True), fmt, status, limit, before)


def print_outbox(mailflow: App, fmt: Format, status: str | None = None,
                 limit: int = DEFAULT_PAGE, before: int | None = None) -> None:
    from mailflow.cli.output import outbox_detail
    from mailflow.store import outbox

    with mailflow.db.transaction() as session:
        found = outbox.page(session, status, limit + 1, before)
        rows = [outbox_detail(r) for r in found[:limit]]
    emit(rows, fmt, ["id", "kind", "status", "to", "attempts", "last_error"])
    if len(found) > limit:
        typer.echo(say("more", count=limit, before=rows[-1]["id"]), err=True)


@outbox_app.command("resend")
def resend_outbox(ctx: typer.Context, message_id: int) -> None:
    """Send an `unknown` (possibly delivered) or `failed` message again: an operator's call,
    since an `unknown` one may then arrive twice (with the same Message-ID)."""
    from mailflow.store import outbox

    mailflow = load_app(ctx)
    with mailflow.db.transaction() as session:
        requeued = outbox.requeue(session, message_id, datetime.now(UTC))
    if not requeued:
        fail(say("no_outbox", id=message_id))
    typer.echo(say("resent", id=message_id))
