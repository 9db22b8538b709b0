"""The lines of a manager's answer to the digest: `#assign CLM-… address` (`#назначить`) and
`#note CLM-… text` (`#заметка`), each naming the claim it acts on.

Only the reply's own text counts (quotes stripped by the caller). A line that starts with
`#word` is a command: a known one must name a claim and its argument, an unknown one is an
error (a mistyped `#asign` must not pass silently). Every other line is the manager's own
words and is ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from mailflow.domain.claims import CLAIM_NUMBER_PATTERN

DIGEST_COMMANDS: dict[str, Literal["assign", "note"]] = {
    "assign": "assign", "назначить": "assign",
    "note": "note", "заметка": "note",
}

_COMMAND_LINE = re.compile(r"#(?P<name>[^\W\d_][\w-]*)(?P<rest>.*)")
_NUMBER_FIRST = re.compile(rf"(?P<number>{CLAIM_NUMBER_PATTERN})(?:[:\s]\s*(?P<rest>.*))?",
                           re.IGNORECASE)
_EMAIL = re.compile(r"[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+")


class LineProblem(StrEnum):
    UNKNOWN_COMMAND = "unknown-command"
    MISSING_NUMBER = "missing-number"
    BAD_ADDRESS = "bad-address"
    MISSING_TEXT = "missing-text"


@dataclass(frozen=True)
class DigestOrder:
    """One command line: what to do, to which claim, with what (an address or note text)."""

    line: str
    action: Literal["assign", "note"]
    number: str
    argument: str


@dataclass(frozen=True)
class BadLine:
    """A command line that cannot be carried out as written."""

    line: str
    problem: LineProblem
    value: str = ""


def read_digest_orders(own_text: str) -> tuple[tuple[DigestOrder, ...], tuple[BadLine, ...]]:
    """The command lines of a reply's own text, read, and those that cannot be read."""
    orders: list[DigestOrder] = []
    bad: list[BadLine] = []
    for raw in own_text.replace("\r\n", "\n").split("\n"):
        line = raw.strip()
        match = _COMMAND_LINE.fullmatch(line)
        if match is None:
            continue
        outcome = _read_line(line, match["name"].lower(),
                             match["rest"].strip().removeprefix(":").strip())
        if isinstance(outcome, DigestOrder):
            orders.append(outcome)
        else:
            bad.append(outcome)
    return tuple(orders), tuple(bad)


def _read_line(line: str, name: str, argument: str) -> DigestOrder | BadLine:
    action = DIGEST_COMMANDS.get(name)
    if action is None:
        return BadLine(line, LineProblem.UNKNOWN_COMMAND, f"#{name}")
    named = _NUMBER_FIRST.fullmatch(argument)
    if named is None:
        return BadLine(line, LineProblem.MISSING_NUMBER)
    number, rest = named["number"].upper(), (named["rest"] or "").strip()
    if action == "assign":
        address = rest.strip("<>").lower()
        if not _EMAIL.fullmatch(address):
            return BadLine(line, LineProblem.BAD_ADDRESS, rest)
        return DigestOrder(line, action, number, address)
    if not rest:
        return BadLine(line, LineProblem.MISSING_TEXT)
    return DigestOrder(line, action, number, rest)
