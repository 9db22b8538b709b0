"""Commands in a specialist's reply: `#status resolved`, `#назначить a@b.ru`, ...

The text given is the specialist's own words (`mailflow.parse.quotes.own_text`: quotes and
signature already removed), so a command quoted from an earlier mail is never read. Grammar:

- a command line is `#` + a letter: `#name argument`, name case-insensitive, in English or
  Russian, an optional `:` after the name (`#status: resolved`);
- at the top of the text (blank lines skipped) every such line is a command, known or not;
  the top block ends at the first other line;
- below the top block, a line is a command only when its name is a known command
  (`COMMAND_NAMES`): a specialist who answers first and puts `#status in_progress` after the
  greeting, or between interleaved answers, is understood; `#hashtag` or `#1234` lines there
  stay text for the customer, and "order #12345" in prose is never a command;
- `#` followed by anything else (`#123` order number, `# heading`) is not a command: it ends
  the top block and stays in the body;
- `#note` / `#заметка` anywhere makes the whole message internal: the rest of its line, every
  line after it and any text above it form the note, and nothing is relayed (the help text
  promises "your text is kept on the claim and not sent to the customer");
- a mistyped or invalid command is reported in `errors` and dropped from the body, so a
  command line never reaches the customer;
- `#close` / `#закрыть` is read as `Command("status", "closed")`;
- `#field name value` / `#поле` corrects a claim field: `Command("field", "name value")`;
- `#approve` / `#согласовать` (no argument) and `#reject reason` / `#отклонить причина` are
  an approver's answer to an answer held for approval (mailflow.decide.approval).
- `#merge CLM-2026-000123` / `#объединить` merges this claim into that one:
  `Command("merge", "CLM-2026-000123")`.

Arguments are canonical: status and priority values are ClaimStatus / Priority values,
emails are lower-cased, categories are spelled as configured. Whether a status change is
allowed or an address belongs to a specialist is for the caller to check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from mailflow.domain.claims import CLAIM_NUMBER_PATTERN
from mailflow.domain.model import ClaimStatus, Priority
from mailflow.domain.resolution import (
    ArgumentError,
    compensation_args,
    read_compensation,
    read_outcome,
)


@dataclass(frozen=True)
class Command:
    """One parsed command: canonical name, canonical argument, and the line it came from."""

    name: str
    argument: str
    line: str = ""


class CommandErrorCode(StrEnum):
    """Why a command line was not understood; the caller renders it in ru or en."""

    UNKNOWN_COMMAND = "unknown_command"
    MISSING_ARGUMENT = "missing_argument"
    INVALID_ARGUMENT = "invalid_argument"
    UNEXPECTED_ARGUMENT = "unexpected_argument"


@dataclass(frozen=True)
class CommandError:
    """A command line that was dropped, with a reason code and an English message."""

    line: str
    code: CommandErrorCode
    message: str


@dataclass(frozen=True)
class ParsedCommands:
    """The commands of a reply, the text to relay, the internal note and any errors."""

    commands: tuple[Command, ...] = ()
    body: str = ""
    note: str | None = None
    errors: tuple[CommandError, ...] = ()


COMMAND_NAMES: dict[str, str] = {
    "status": "status", "статус": "status",
    "assign": "assign", "назначить": "assign",
    "category": "category", "категория": "category",
    "priority": "priority", "приоритет": "priority",
    "note": "note", "заметка": "note",
    "close": "close", "закрыть": "close",
    "field": "field", "поле": "field",
    "approve": "approve", "согласовать": "approve",
    "reject": "reject", "отклонить": "reject",
    "merge": "merge", "объединить": "merge",
    "outcome": "outcome", "решение": "outcome",
    "compensation": "compensation", "компенсация": "compensation",
    "cause": "cause", "причина": "cause",
}

_SETTABLE = (ClaimStatus.IN_PROGRESS, ClaimStatus.WAITING_CUSTOMER, ClaimStatus.RESOLVED,
             ClaimStatus.REJECTED, ClaimStatus.CLOSED, ClaimStatus.REOPENED)
STATUS_WORDS: dict[str, ClaimStatus] = {
    **{status.value: status for status in _SETTABLE},
    "waiting": ClaimStatus.WAITING_CUSTOMER,
    "в_работе": ClaimStatus.IN_PROGRESS,
    "ждем_клиента": ClaimStatus.WAITING_CUSTOMER,
    "ожидание": ClaimStatus.WAITING_CUSTOMER,
    "решена": ClaimStatus.RESOLVED,
    "отклонена": ClaimStatus.REJECTED,
    "закрыта": ClaimStatus.CLOSED,
    "переоткрыта": ClaimStatus.REOPENED,
}
PRIORITY_WORDS: dict[str, Priority] = {
    **{priority.value: priority for priority in Priority},
    "низкий": Priority.LOW,
    "обычный": Priority.NORMAL,
    "высокий": Priority.HIGH,
    "срочный": Priority.URGENT,
}

_COMMAND_LINE = re.compile(r"#(?P<name>[^\W\d_][\w-]*)(?P<rest>.*)")
_CLAIM_NUMBER = re.compile(CLAIM_NUMBER_PATTERN)
_EMAIL = re.compile(r"[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+")


def parse_commands(text: str, known_categories: frozenset[str]) -> ParsedCommands:
    """Split a reply's own text into commands, the body to relay and an internal note."""
    lines = text.replace("\r\n", "\n").split("\n")
    commands: list[Command] = []
    errors: list[CommandError] = []
    body: list[str] = []
    at_top = True
    for index, raw in enumerate(lines):
        match = _command_match(raw.strip(), at_top=at_top)
        if match is None:
            body.append(raw)
            at_top = at_top and not raw.strip()
            continue
        name = match["name"].lower()
        argument = match["rest"].strip().removeprefix(":").strip()
        if COMMAND_NAMES.get(name) == "note":
            return _with_note(commands, errors, raw.strip(),
                              [*body, argument, *lines[index + 1:]])
        outcome = _read_command(raw.strip(), name, argument, known_categories)
        if isinstance(outcome, Command):
            commands.append(outcome)
        else:
            errors.append(outcome)
        _drop_gap(body, lines, index)
    return _result(commands, errors, body)


def _command_match(line: str, *, at_top: bool) -> re.Match[str] | None:
    """The command on `line`: any `#word` at the top, only known names further down."""
    match = _COMMAND_LINE.fullmatch(line)
    if match is None or at_top or match["name"].lower() in COMMAND_NAMES:
        return match
    return None


def _drop_gap(body: list[str], lines: list[str], index: int) -> None:
    """A command removed between paragraphs leaves one blank line, not two."""
    next_blank = index + 1 < len(lines) and not lines[index + 1].strip()
    if body and not body[-1].strip() and next_blank:
        body.pop()


def _result(commands: list[Command], errors: list[CommandError], body: list[str]
            ) -> ParsedCommands:
    return ParsedCommands(tuple(commands), "\n".join(body).strip("\n").rstrip(), None,
                          tuple(errors))


def _with_note(commands: list[Command], errors: list[CommandError], line: str,
               note_lines: list[str]) -> ParsedCommands:
    note = "\n".join(note_lines).strip()
    if not note:
        errors.append(_error(line, CommandErrorCode.MISSING_ARGUMENT, "#note needs the note text"))
    return ParsedCommands(tuple(commands), "", note, tuple(errors))


def _read_command(line: str, name: str, argument: str, known_categories: frozenset[str]
                  ) -> Command | CommandError:
    canonical = COMMAND_NAMES.get(name)
    if canonical is None:
        return _error(line, CommandErrorCode.UNKNOWN_COMMAND, f"unknown command #{name}; known: "
                      + ", ".join(f"#{known}" for known in COMMAND_NAMES))
    if canonical == "close":
        return _read_close(line, argument)
    if canonical == "approve":
        return _read_approve(line, argument)
    if not argument:
        return _error(line, CommandErrorCode.MISSING_ARGUMENT, f"#{name} needs an argument")
    if canonical == "category":
        return _read_category(line, argument, known_categories)
    readers = {"status": _read_status, "assign": _read_assign, "priority": _read_priority,
               "field": _read_field, "outcome": _read_outcome,
               "compensation": _read_compensation, "cause": _read_cause,
               "reject": _read_reason, "merge": _read_merge}
    return readers[canonical](line, argument)


def _read_close(line: str, argument: str) -> Command | CommandError:
    if argument:
        return _error(line, CommandErrorCode.UNEXPECTED_ARGUMENT,
                      f"#close takes no argument, got {argument!r}")
    return Command("status", ClaimStatus.CLOSED.value, line)


def _read_approve(line: str, argument: str) -> Command | CommandError:
    """`#approve`: the draft (or the text above the command) goes to the customer."""
    if argument:
        return _error(line, CommandErrorCode.UNEXPECTED_ARGUMENT,
                      f"#approve takes no argument, got {argument!r}; put a changed answer "
                      "above the #approve line")
    return Command("approve", "", line)


def _read_reason(line: str, argument: str) -> Command | CommandError:
    """`#reject the tone is wrong`: the reason goes back to the answer's author."""
    return Command("reject", argument, line)


def _read_status(line: str, argument: str) -> Command | CommandError:
    status = STATUS_WORDS.get(_word(argument))
    if status is None:
        return _error(line, CommandErrorCode.INVALID_ARGUMENT, f"unknown status {argument!r}; "
                      "known: " + ", ".join(status.value for status in _SETTABLE))
    return Command("status", status.value, line)


def _read_priority(line: str, argument: str) -> Command | CommandError:
    priority = PRIORITY_WORDS.get(_word(argument))
    if priority is None:
        return _error(line, CommandErrorCode.INVALID_ARGUMENT, f"unknown priority {argument!r}; "
                      "known: " + ", ".join(priority.value for priority in Priority))
    return Command("priority", priority.value, line)


def _read_assign(line: str, argument: str) -> Command | CommandError:
    email = argument.strip("<>").lower()
    if not _EMAIL.fullmatch(email):
        return _error(line, CommandErrorCode.INVALID_ARGUMENT,
                      f"#assign needs an email address, got {argument!r}")
    return Command("assign", email, line)


def _read_field(line: str, argument: str) -> Command | CommandError:
    """`#field order_number ЗК-70011`: a field name and its value (checked by the caller)."""
    name, _, value = argument.partition(" ")
    if not value.strip():
        return _error(line, CommandErrorCode.MISSING_ARGUMENT,
                      "#field needs a field name and a value, e.g. #field order_number 12345")
    return Command("field", f"{_word(name)} {value.strip()}", line)


def _read_merge(line: str, argument: str) -> Command | CommandError:
    """`#merge CLM-2026-000123`: this claim is merged into that one (checked by the caller)."""
    number = argument.strip().strip("[]").upper()
    if not _CLAIM_NUMBER.fullmatch(number):
        return _error(line, CommandErrorCode.INVALID_ARGUMENT,
                      f"#merge needs a claim number such as CLM-2026-000123, got {argument!r}")
    return Command("merge", number, line)


def _read_outcome(line: str, argument: str) -> Command | CommandError:
    """`#outcome rejected the seal is broken`: `Command("outcome", "rejected the seal …")`."""
    try:
        outcome, reason = read_outcome(argument)
    except ArgumentError as error:
        return _error(line, CommandErrorCode.INVALID_ARGUMENT, str(error))
    return Command("outcome", f"{outcome.value} {reason}".strip(), line)


def _read_compensation(line: str, argument: str) -> Command | CommandError:
    """`#компенсация возврат 1 500 руб`: `Command("compensation", "refund 1500.00 RUB")`;
    without a currency the claim's default applies later (the argument keeps none)."""
    try:
        compensation = read_compensation(argument, default_currency=None)
    except ArgumentError as error:
        return _error(line, CommandErrorCode.INVALID_ARGUMENT, str(error))
    return Command("compensation", compensation_args(compensation), line)


def _read_cause(line: str, argument: str) -> Command | CommandError:
    """`#причина перевозчик`: the word as typed; the configured list is checked later."""
    return Command("cause", argument.strip(), line)


def _read_category(line: str, argument: str, known: frozenset[str]) -> Command | CommandError:
    by_word = {_word(category): category for category in known}
    category = by_word.get(_word(argument))
    if category is None:
        return _error(line, CommandErrorCode.INVALID_ARGUMENT, f"unknown category {argument!r}; "
                      "known: " + ", ".join(sorted(known)))
    return Command("category", category, line)


def _word(argument: str) -> str:
    """`Ждём клиента` -> `ждем_клиента`: lower case, ё as е, spaces and hyphens as `_`."""
    return re.sub(r"[\s-]+", "_", argument.strip().lower().replace("ё", "е"))


def _error(line: str, code: CommandErrorCode, message: str) -> CommandError:
    return CommandError(line, code, message)
