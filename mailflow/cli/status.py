"""`mailflow status`: the daemon's health at a glance, and a health check by its exit code."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any
from zoneinfo import ZoneInfo

import typer

from mailflow.cli.context import load_app
from mailflow.cli.text import say_in

if TYPE_CHECKING:  # the health checks read the database: imported when run
    from mailflow import health

UNHEALTHY = 1
WORDS: dict[str, dict[str, str]] = {
    "poll": {"en": "mailbox {source}: last read {when}",
             "ru": "ящик {source}: последнее чтение {when}"},
    "never": {"en": "never", "ru": "ни разу"},
    "ago": {"en": "{seconds:.0f} s ago ({local})", "ru": "{seconds:.0f} с назад ({local})"},
    "outbox": {"en": "outbox: {count} waiting, oldest {age}",
               "ru": "исходящие: ждут {count}, самое старое {age}"},
    "none": {"en": "none", "ru": "нет"},
    "seconds": {"en": "{seconds:.0f} s", "ru": "{seconds:.0f} с"},
    "quarantine": {"en": "quarantine: {count} held", "ru": "карантин: {count}"},
    "deadlines": {"en": "deadline pass: {lag}", "ru": "проверка сроков: {lag}"},
    "on_time": {"en": "on time", "ru": "вовремя"},
    "late": {"en": "{seconds:.0f} s late", "ru": "опаздывает на {seconds:.0f} с"},
    "not_run": {"en": "not run yet", "ru": "ещё не запускалась"},
    "ok": {"en": "status: OK", "ru": "состояние: в порядке"},
    "stalled": {"en": "status: intake stalled (no successful read for more than {bound:.0f} s)",
                "ru": "состояние: приём остановился (нет успешного чтения дольше {bound:.0f} с)"},
    "outbox_old": {"en": "status: outbox stuck (oldest message waits more than {bound:.0f} s)",
                   "ru": "состояние: исходящие застряли (старейшее письмо ждёт дольше "
                         "{bound:.0f} с)"},
}


class Format(StrEnum):
    text = "text"
    json = "json"


def word(key: str, **values: object) -> str:
    return say_in(WORDS, key, **values)


def status(ctx: typer.Context, fmt: Annotated[Format, typer.Option(
        "--format", help="text or json")] = Format.text) -> None:
    """Show intake, outbox, quarantine and deadline health; exit 1 when intake stalled or
    the outbox's oldest message is older than the bounds of [status]."""
    from mailflow import health

    mailflow = load_app(ctx, reading=True)
    bounds = mailflow.settings.status
    now = datetime.now(UTC)
    state = health.snapshot(mailflow.db, now, mailflow.settings.reminders.check_interval)
    source = mailflow.source_name()
    every_mailbox = tuple(app.source_name() for app in mailflow.mailboxes())
    found = health.problems(state, every_mailbox, bounds.max_poll_age, bounds.max_outbox_age)
    if fmt is Format.json:
        typer.echo(json.dumps(as_json(state, source, found), ensure_ascii=False, indent=2))
    else:
        zone = ZoneInfo(mailflow.settings.company.timezone)
        for line in as_text(state, source, zone):
            typer.echo(line)
        bound = {"stalled": bounds.max_poll_age, "outbox_old": bounds.max_outbox_age}
        for problem in found or ["ok"]:
            typer.echo(word(problem, bound=bound.get(problem, 0)))
    if found:
        raise typer.Exit(UNHEALTHY)


def as_text(state: health.Snapshot, source: str, zone: ZoneInfo) -> list[str]:
    poll = next((poll for poll in state.polls if poll.source == source), None)
    lines = [word("poll", source=source, when=_when(poll, zone))]
    oldest = state.outbox_oldest_age
    lines.append(word("outbox", count=state.outbox_backlog,
                      age=word("none") if oldest is None else word("seconds", seconds=oldest)))
    lines.append(word("quarantine", count=state.quarantine_size))
    lag = state.deadline_lag
    lines.append(word("deadlines", lag=word("not_run") if lag is None else
                      word("on_time") if lag == 0 else word("late", seconds=lag)))
    return lines


def as_json(state: health.Snapshot, source: str, found: list[str]) -> dict[str, Any]:
    return {"healthy": not found, "problems": found, "mailbox": source,
            "polls": [{"mailbox": poll.source, "polled_at": _iso(poll.polled_at),
                       "age_seconds": poll.age} for poll in state.polls],
            "outbox": {"backlog": state.outbox_backlog,
                       "oldest_age_seconds": state.outbox_oldest_age},
            "quarantine": {"held": state.quarantine_size},
            "deadline_lag_seconds": state.deadline_lag}


def _when(poll: health.Poll | None, zone: ZoneInfo) -> str:
    if poll is None or poll.polled_at is None or poll.age is None:
        return word("never")
    local = poll.polled_at.astimezone(zone).strftime("%Y-%m-%d %H:%M:%S %Z")
    return word("ago", seconds=poll.age, local=local)


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None
