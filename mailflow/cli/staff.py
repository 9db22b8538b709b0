"""`mailflow claims assign|status|outcome|compensation|cause` and `mailflow specialists ...`:
the team's levers."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Annotated

import typer

from mailflow.cli.context import claim_or_fail, fail, load_app
from mailflow.cli.text import language, say

# The rules, the database and the output are imported by the commands that use them.
if TYPE_CHECKING:
    from mailflow.app import App

app = typer.Typer(no_args_is_help=True, help="Specialists: workload and absences.")
ACTOR = "cli"


def assign(ctx: typer.Context, number: str, email: str) -> None:
    """Make EMAIL responsible for claim NUMBER; they get the claim by mail."""
    mailflow = load_app(ctx)
    person = mailflow.team.find(email)
    if person is None:
        fail(say("unknown_person", email=email))
    with mailflow.db.transaction() as session:
        claim = claim_or_fail(session, number)
        mailflow.workflow.assign(session, claim, person, _now(), actor=ACTOR,
                                 why="assigned from the command line")
    typer.echo(say("assigned", number=claim.number, email=person.email))


def status(ctx: typer.Context, number: str, new_status: str,
           note: Annotated[str | None, typer.Option(help="A note for the customer.")] = None,
           ) -> None:
    """Change the status of claim NUMBER by the rules `#status` follows; the customer is told."""
    from mailflow.decide.approval import AnswerAwaitingApproval, status_waits
    from mailflow.decide.resolution import ResolutionMissing
    from mailflow.decide.wording import bad_transition, resolution_missing
    from mailflow.domain.commands import STATUS_WORDS
    from mailflow.domain.status import TransitionError

    mailflow = load_app(ctx)
    target = STATUS_WORDS.get(new_status.strip().lower().replace("ё", "е"))
    if target is None:
        fail(say("bad_status", status=new_status, known=", ".join(dict.fromkeys(
            s.value for s in STATUS_WORDS.values()))))
    with mailflow.db.transaction() as session:
        claim = claim_or_fail(session, number)
        try:
            mailflow.workflow.set_status(session, claim, target, _now(), actor=ACTOR,
                                         why=note or "changed from the command line",
                                         note=note)
        except TransitionError as error:
            fail(bad_transition(error.old, error.new, language()))
        except ResolutionMissing as missing:
            fail(resolution_missing(target, missing.missing, language()))
        except AnswerAwaitingApproval as waiting:
            fail(status_waits(waiting.approver, language()))
    typer.echo(say("status_changed", number=claim.number, status=target.value))


def outcome(ctx: typer.Context, number: str, decision: str,
            reason: Annotated[str, typer.Option(
                help="Why (required to close a rejected claim).")] = "") -> None:
    """Record the decision on claim NUMBER (accepted, partly, rejected) as `#outcome` does."""
    _resolve(ctx, number, "outcome", f"{decision} {reason}".strip())


def compensation(ctx: typer.Context, number: str, words: Annotated[list[str], typer.Argument(
        help="KIND [AMOUNT [CURRENCY]], e.g. refund 1500 RUB, or none")]) -> None:
    """Record the compensation on claim NUMBER as `#compensation` does."""
    _resolve(ctx, number, "compensation", " ".join(words))


def cause(ctx: typer.Context, number: str, found: str) -> None:
    """Record the cause of claim NUMBER (one of `[rules.causes]`) as `#cause` does."""
    _resolve(ctx, number, "cause", found)


def _resolve(ctx: typer.Context, number: str, name: str, argument: str) -> None:
    from mailflow.decide.resolution import ResolutionRefused

    mailflow = load_app(ctx)
    with mailflow.db.transaction() as session:
        claim = claim_or_fail(session, number)
        try:
            mailflow.workflow.resolve(session, claim, name, argument, _now(), actor=ACTOR,
                                      language=language())
        except ResolutionRefused as refused:
            fail(refused.problem)
    typer.echo(say("resolution_set", number=claim.number, name=name))


def note(ctx: typer.Context, number: str, text: str) -> None:
    """Add an internal note to claim NUMBER (never sent to the customer), as `#note` does."""
    mailflow = load_app(ctx)
    with mailflow.db.transaction() as session:
        claim = claim_or_fail(session, number)
        mailflow.workflow.add_note(session, claim, text, _now(), actor=ACTOR)
    typer.echo(say("noted", number=claim.number))


@app.command("list")
def list_specialists(ctx: typer.Context) -> None:
    """Specialists with their open claims and absences today."""
    from mailflow.cli.output import table
    from mailflow.workflow.staff import absent_on, open_claim_counts

    mailflow = load_app(ctx, reading=True)
    people = mailflow.team.specialists
    with mailflow.db.transaction() as session:
        counts = open_claim_counts(session, [p.email for p in people])
        away = absent_on(session, mailflow.team, _today(mailflow))
    rows = [{"email": p.email, "name": p.name, "position": p.position,
             "categories": ",".join(p.categories), "open": counts[p.email],
             "absent": "yes" if p.email in away else ""} for p in people]
    typer.echo(table(rows, ["email", "name", "position", "categories", "open", "absent"]))


@app.command()
def absent(ctx: typer.Context, email: str,
           start: Annotated[str, typer.Option("--from", help="First day away, YYYY-MM-DD.")],
           end: Annotated[str, typer.Option("--until", help="Last day away, YYYY-MM-DD.")],
           ) -> None:
    """Mark a specialist away: no new claims reach them on those days."""
    from mailflow.store.tables import AbsenceRow

    mailflow = load_app(ctx)
    if mailflow.team.find(email) is None:
        fail(say("unknown_person", email=email))
    first, last = _day(start), _day(end)
    with mailflow.db.transaction() as session:
        session.add(AbsenceRow(email=email.lower(), starts_on=first, ends_on=last,
                               created_at=_now()))
    typer.echo(say("absence_saved", email=email, start=first, end=last))


@app.command("reassign-open")
def reassign_open(ctx: typer.Context, email: str,
                  to: Annotated[str, typer.Option("--to", help="The new specialist.")]) -> None:
    """Hand every unfinished claim of EMAIL to another specialist in one go."""
    from sqlmodel import col, select

    from mailflow.domain.model import FINISHED_STATUSES
    from mailflow.store.tables import ClaimRow

    mailflow = load_app(ctx)
    target = mailflow.team.find(to)
    if target is None:
        fail(say("unknown_person", email=to))
    finished = [s.value for s in FINISHED_STATUSES]
    with mailflow.db.transaction() as session:
        claims = session.exec(select(ClaimRow).where(
            ClaimRow.assignee_email == email.lower(),
            col(ClaimRow.status).not_in(finished))).all()
        for claim in claims:
            mailflow.workflow.assign(session, claim, target, _now(), actor=ACTOR,
                                     why=f"reassigned from {email} (absence)")
    typer.echo(say("reassigned", count=len(claims), email=target.email))


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        fail(say("bad_date", value=value))


def _now() -> datetime:
    return datetime.now(UTC)


def _today(mailflow: App) -> date:
    return mailflow.mailer.local(_now()).date()
