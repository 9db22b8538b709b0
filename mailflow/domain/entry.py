"""A claim entered by staff: `#new ivan@example.com Иван Петров` (`#новая`) on the first line
of a new message to the claims address, the claim's text (a phone call written up, a paper
letter scanned as an attachment) below it; and `#confirm` (`#подтвердить`), the answer to
mailflow's request to confirm such a message when our mail server did not vouch for it.

Pure: the text given is the writer's own words (quotes and signature removed).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from mailflow.domain.addresses import is_valid_address
from mailflow.domain.model import Address

ENTRY_WORDS = frozenset({"new", "новая"})
CONFIRM_WORDS = frozenset({"confirm", "подтвердить"})
_COMMAND = re.compile(r"#(?P<name>[^\W\d_][\w-]*)\s*:?(?P<rest>.*)")
_ANGLED = re.compile(r"^(?P<name>.*?)<(?P<email>[^<>]*)>\s*$")


class EntryProblem(StrEnum):
    """Why a `#new` line opens nothing; the caller words it in ru or en."""

    NO_ADDRESS = "no_address"
    BAD_ADDRESS = "bad_address"
    OUR_ADDRESS = "our_address"
    NO_TEXT = "no_text"


@dataclass(frozen=True)
class EntryOrder:
    """What a `#new` message asks for: a claim of `customer` with `text`."""

    customer: Address
    text: str
    line: str


@dataclass(frozen=True)
class EntryRefusal:
    """A `#new` line that cannot open a claim, and why."""

    line: str
    problem: EntryProblem
    value: str = ""


def _first_line(text: str) -> tuple[str, str]:
    """The first non-blank line of `text`, stripped, and everything after it."""
    lines = text.replace("\r\n", "\n").split("\n")
    for index, line in enumerate(lines):
        if line.strip():
            return line.strip(), "\n".join(lines[index + 1:])
    return "", ""


def _top_command(text: str) -> tuple[str, str, str, str] | None:
    """(name, argument, line, rest of the text) of a command on the first line, if any."""
    line, rest = _first_line(text)
    match = _COMMAND.fullmatch(line)
    if match is None:
        return None
    return match["name"].lower(), match["rest"].strip(), line, rest


def is_entry(text: str) -> bool:
    """The text starts with `#new` / `#новая`."""
    command = _top_command(text)
    return command is not None and command[0] in ENTRY_WORDS


def is_confirmation(text: str) -> bool:
    """The text starts with `#confirm` / `#подтвердить` (nothing else on that line)."""
    command = _top_command(text)
    return command is not None and command[0] in CONFIRM_WORDS and not command[1]


def read_entry(text: str, own_addresses: frozenset[str]) -> EntryOrder | EntryRefusal | None:
    """The order of a `#new` message (None: the text does not start with `#new`).

    The customer is `#new ivan@example.com Иван Петров` or `#new Иван Петров <ivan@…>`;
    the address must be a plain valid one and not ours; the claim needs some text below.
    """
    command = _top_command(text)
    if command is None or command[0] not in ENTRY_WORDS:
        return None
    _name, argument, line, rest = command
    customer = parse_customer(argument)
    if customer is None:
        return EntryRefusal(line, EntryProblem.NO_ADDRESS)
    problem = customer_problem(customer.email, own_addresses)
    if problem is not None:
        return EntryRefusal(line, problem, customer.email)
    body = rest.strip("\n").rstrip()
    if not body.strip():
        return EntryRefusal(line, EntryProblem.NO_TEXT)
    return EntryOrder(customer, body, line)


def parse_customer(argument: str) -> Address | None:
    """`ivan@example.com Иван Петров` or `Иван Петров <ivan@example.com>` as an Address."""
    angled = _ANGLED.match(argument)
    if angled:
        return Address(angled["email"].strip().lower(), display_name(angled["name"]))
    words = argument.split()
    email = next((word for word in words if "@" in word), None)
    if email is None:
        return None
    name = " ".join(word for word in words if word is not email)
    return Address(email.strip("<>,;").lower(), display_name(name))


def customer_problem(email: str, own_addresses: frozenset[str]) -> EntryProblem | None:
    """Why `email` cannot be a customer's address (None: it can)."""
    if not email or len(email) > 254 or not is_valid_address(email):
        return EntryProblem.BAD_ADDRESS
    if email.lower() in own_addresses:
        return EntryProblem.OUR_ADDRESS
    return None


def display_name(text: str) -> str:
    """A display name without quotes or characters that could break a header."""
    cleaned = "".join(ch for ch in text if ch.isprintable()).strip().strip('"').strip()
    return cleaned[:200]
