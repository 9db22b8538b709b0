"""`mailflow digest` (preview or send the managers' digest) and `mailflow report`."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated
from zoneinfo import ZoneInfo

import typer

from mailflow.cli.context import fail, load_app
from mailflow.cli.text import say_in
from mailflow.digest.period import ONE_DAY, Period, PeriodKind, period_of

# The digest, the report and the sender are imported by the commands that use them.
if TYPE_CHECKING:
    from mailflow.app import App

WORDS: dict[str, dict[str, str]] = {
    "preview": {"en": "digest of {first}..{last} written to {out} ({images} images beside it)",
                "ru": "сводка за {first}..{last} записана в {out} (изображений рядом: {images})"},
    "sent": {"en": "digest of {first}..{last}: {queued} queued, {sent} sent",
             "ru": "сводка за {first}..{last}: в очереди {queued}, отправлено {sent}"},
    "no_recipients": {"en": "no recipients: add [[managers]] or [[digest.recipients]]",
                      "ru": "нет получателей: добавьте [[managers]] или [[digest.recipients]]"},
    "one_mode": {"en": "give exactly one of --preview and --send",
                 "ru": "укажите ровно одно из --preview и --send"},
    "need_out": {"en": "--preview needs --out FILE.html",
                 "ru": "для --preview нужен --out FILE.html"},
    "report": {"en": "{count} claims written to {out}",
               "ru": "претензий записано: {count}, файл {out}"},
    "bad_span": {"en": "--since must not be after --until",
                 "ru": "--since не может быть позже --until"},
}


class PeriodChoice(StrEnum):
    day = "day"
    week = "week"
    month = "month"


class ReportFormat(StrEnum):
    csv = "csv"
    json = "json"
    xlsx = "xlsx"


class Language(StrEnum):
    ru = "ru"
    en = "en"


def _say(key: str, **values: object) -> str:
    return say_in(WORDS, key, **values)


PreviewOption = Annotated[bool, typer.Option("--preview", help="Write the HTML, send nothing.")]
SendOption = Annotated[bool, typer.Option("--send", help="Send it to every recipient now.")]
DateOption = Annotated[datetime | None, typer.Option(
    "--date", formats=["%Y-%m-%d"],
    help="A day of the period (default: yesterday, or the last whole week or month).")]
PeriodOption = Annotated[PeriodChoice, typer.Option(help="The period it covers.")]
OutOption = Annotated[Path | None, typer.Option(help="The preview's HTML file.")]
LanguageOption = Annotated[Language | None, typer.Option(
    "--language", help="The preview's language (default: the company's).")]


def digest(ctx: typer.Context, preview: PreviewOption = False, send: SendOption = False,
           day: DateOption = None, period: PeriodOption = PeriodChoice.day,
           out: OutOption = None, lang: LanguageOption = None) -> None:
    """The managers' digest: preview it as an HTML file, or send it now."""
    if preview == send:
        fail(_say("one_mode"))
    mailflow = load_app(ctx)
    zone = ZoneInfo(mailflow.settings.company.timezone)
    now = datetime.now(UTC)
    yesterday = now.astimezone(zone).date() - ONE_DAY
    span = period_of(PeriodKind(period.value), day.date() if day else yesterday, zone)
    if day is None and span.last > yesterday:  # the last whole week or month by default
        span = span.previous()
    if preview:
        if out is None:
            fail(_say("need_out"))
        language_code = (lang.value if lang else mailflow.settings.company.default_language)
        _preview(mailflow, span, now, language_code, out)
    else:
        _send(mailflow, span, now)


def _preview(mailflow: App, span: Period, now: datetime, language_code: str, out: Path) -> None:
    from mailflow.digest.preview import write_preview

    written = write_preview(mailflow.digests, span, now, language_code, out)
    typer.echo(_say("preview", first=span.first, last=span.last, out=out,
                    images=len(written) - 2))


def _send(mailflow: App, span: Period, now: datetime) -> None:
    from mailflow.send.drain import drain_outbox

    if not mailflow.digests.config.recipients:
        fail(_say("no_recipients"))
    with mailflow.db.transaction() as session:
        queued = mailflow.digests.queue(session, span, now, again=True)
    outgoing = mailflow.settings.outgoing
    report = asyncio.run(drain_outbox(mailflow.db, mailflow.transport,
                                      lambda: datetime.now(UTC), outgoing.max_attempts,
                                      lambda: True,
                                      lease=timedelta(seconds=outgoing.lease_seconds)))
    typer.echo(_say("sent", first=span.first, last=span.last, queued=queued, sent=report.sent))


def report(ctx: typer.Context,
           since: Annotated[datetime, typer.Option(formats=["%Y-%m-%d"],
                                                   help="First local day (received).")],
           until: Annotated[datetime, typer.Option(formats=["%Y-%m-%d"],
                                                   help="Last local day, included.")],
           fmt: Annotated[ReportFormat, typer.Option("--format")] = ReportFormat.csv,
           out: Annotated[Path | None, typer.Option(help="Output file.")] = None) -> None:
    """One row per claim received from SINCE to UNTIL: dates, customer, fields, specialist,
    status, outcome, compensation, cause, times to answer and resolve, overdue, rating."""
    from mailflow.digest.report import claim_rows, write_report

    first, last = since.date(), until.date()
    if first > last:
        fail(_say("bad_span"))
    mailflow = load_app(ctx, reading=True)
    target = out or Path(f"claims-{first}-{last}.{fmt.value}")
    rows = claim_rows(mailflow.db, first, last, ZoneInfo(mailflow.settings.company.timezone))
    count = write_report(rows, fmt.value, target)
    typer.echo(_say("report", count=count, out=target))
