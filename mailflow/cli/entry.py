"""`mailflow claims new` and `mailflow claims merge`: a claim taken by phone or on paper, and
two claims about one case made one. The command line is trusted local access: it goes the
same way as `#new` and `#merge` by mail, without the sender checks."""

from __future__ import annotations

import mimetypes
from datetime import UTC, datetime
from email.headerregistry import Address as HeaderAddress
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, make_msgid
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from mailflow.cli.claims import Format, FormatOption
from mailflow.cli.context import claim_or_fail, fail, load_app
from mailflow.cli.text import language, say
from mailflow.domain.entry import customer_problem, display_name
from mailflow.domain.model import Address

ACTOR = "cli"


class Language(StrEnum):
    ru = "ru"
    en = "en"


def new(ctx: typer.Context,
        customer: Annotated[str, typer.Option("--customer", help="The customer's address.")],
        subject: Annotated[str, typer.Option("--subject", help="The claim's subject.")],
        text_file: Annotated[Path, typer.Option(
            "--text-file", help="The claim's text (UTF-8): a call written up, a letter typed.")],
        name: Annotated[str, typer.Option("--name", help="The customer's name.")] = "",
        attach: Annotated[list[Path] | None, typer.Option(
            "--attach", help="A file to attach (a scanned letter); repeatable.")] = None,
        claim_language: Annotated[Language | None, typer.Option(
            "--language", help="ru or en (default: detected from the text).")] = None,
        by: Annotated[str | None, typer.Option(
            "--by", help="The specialist or manager who took the claim: recorded, told the "
                         "number, and (a specialist) its owner.")] = None,
        fmt: FormatOption = Format.table) -> None:
    """Open a claim for CUSTOMER as if they had written: acknowledged, assigned, read."""
    from mailflow.cli.output import to_json

    mailflow = load_app(ctx)
    author = mailflow.team.find(by) if by else None
    if by and author is None:
        fail(say("unknown_person", email=by))
    address = Address(customer.strip().strip("<>").lower(), display_name(name))
    if customer_problem(address.email, mailflow.own_addresses) is not None:
        fail(say("bad_customer", email=customer))
    text = _read_text(text_file)
    files = [(path.name, _read_bytes(path)) for path in attach or ()]
    raw = _letter(address, mailflow.claims_address, subject, text, files)
    number = mailflow.pipeline.entries.from_cli(
        raw, address, language=claim_language.value if claim_language else None,
        actor=f"{ACTOR}:{author.email}" if author else ACTOR, now=datetime.now(UTC),
        author=author)
    if fmt is Format.json:
        typer.echo(to_json({"number": number, "customer": address.email, "origin": "staff"}))
    else:
        typer.echo(say("entered", number=number, customer=address.email))


def merge(ctx: typer.Context, target: str, source: str,
          force: Annotated[bool, typer.Option(
              "--force", help="Merge even when the two claims have different customers.")]
          = False) -> None:
    """Merge claim SOURCE into claim TARGET: its mail, files and history move to TARGET."""
    from mailflow.decide.merge import merge_refusal

    mailflow = load_app(ctx)
    with mailflow.db.transaction() as session:
        into, merged = claim_or_fail(session, target), claim_or_fail(session, source)
        problem = mailflow.workflow.merge(session, into, merged, datetime.now(UTC),
                                          actor=ACTOR, force=force)
        if problem is not None:  # nothing was changed: the transaction ends empty
            fail(merge_refusal(problem, language(), target=into.number, source=merged.number))
        numbers = {"source": merged.number, "target": into.number}
    typer.echo(say("merged", **numbers))


def _read_text(path: Path) -> str:
    text = _read_bytes(path).decode("utf-8", errors="replace").replace("\r\n", "\n")
    if not text.strip():
        fail(say("empty_claim", path=path))
    return text


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        fail(say("unreadable", path=path, error=error.strerror or error))


def _letter(customer: Address, claims: Address, subject: str, text: str,
            files: list[tuple[str, bytes]]) -> bytes:
    """The customer's letter as the CLI enters it: an ordinary message, so that it is
    stored, shown and read like any other."""
    message = EmailMessage()
    local, _, domain = customer.email.partition("@")
    message["From"] = HeaderAddress(customer.name, local, domain)
    message["To"] = claims.email
    message["Subject"] = " ".join(subject.split())
    message["Date"] = format_datetime(datetime.now(UTC))
    message["Message-ID"] = make_msgid("entered", domain=claims.email.rpartition("@")[2])
    message["X-Mailflow-Entered-By"] = ACTOR
    message.set_content(text)
    for filename, payload in files:
        kind = mimetypes.guess_type(filename)[0] or "application/octet-stream"
        maintype, _, subtype = kind.partition("/")
        message.add_attachment(payload, maintype=maintype, subtype=subtype, filename=filename)
    return message.as_bytes(policy=SMTP)
