"""`[[mailboxes]]`: further mailboxes served beside the default one (`[mailbox]` with
`[company]`), each with its own address, IMAP account, templates, team and number prefix.

Every other section is shared. A mailbox is run as the whole configuration with its own
parts put in place of the default ones (`mailbox_settings`), so the rest of mailflow sees
one mailbox at a time and never needs to know there are several.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Self

from pydantic import Field

from mailflow.config.sections import MailboxSettings, Section
from mailflow.config.team import ManagerSettings, SpecialistSettings

if TYPE_CHECKING:
    from mailflow.config import Settings

DEFAULT_MAILBOX = "default"  # the name of the mailbox of [mailbox] and [company]
_EMAIL = r"^[^@\s]+@[^@\s]+$"


class MailboxEntry(Section):
    name: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,39}$")
    claims_address: str = Field(pattern=_EMAIL, max_length=254)
    company_name: str | None = None  # default: company.name
    number_prefix: str = Field(pattern=r"^[A-Z]{2,4}$")
    templates: Path | None = None  # default: the default templates, file by file
    mailbox: MailboxSettings
    specialists: tuple[SpecialistSettings, ...] | None = None  # default: [[specialists]]
    managers: tuple[ManagerSettings, ...] | None = None  # default: [[managers]]

    def with_paths_under(self, base: Path) -> Self:
        """The entry with its relative paths resolved against `base`."""
        templates = self.templates
        if templates is not None and not templates.is_absolute():
            templates = base / templates
        return self.model_copy(update={"mailbox": self.mailbox.with_paths_under(base),
                                       "templates": templates})


def mailbox_settings(settings: Settings, entry: MailboxEntry) -> Settings:
    """The configuration as the mailbox `entry` sees it: its connection, address, company
    name, prefix, templates and team in place of the default ones."""
    company = settings.company.model_copy(update={
        "claims_address": entry.claims_address, "number_prefix": entry.number_prefix,
        "name": entry.company_name or settings.company.name, "templates": entry.templates})
    return settings.model_copy(update={
        "mailbox": entry.mailbox, "company": company, "mailboxes": (),
        "specialists": settings.specialists if entry.specialists is None else entry.specialists,
        "managers": settings.managers if entry.managers is None else entry.managers})


def claims_addresses(settings: Settings) -> frozenset[str]:
    """Every mailbox's address: mail from any of them is ours, never a customer's."""
    return frozenset(address.lower() for address in (
        settings.company.claims_address, *(e.claims_address for e in settings.mailboxes)))


def check_mailboxes(settings: Settings) -> None:
    """Names, addresses and prefixes unique across all mailboxes; no mailbox address is a
    person's; each mailbox's own team well formed. Errors name the key."""
    entries = settings.mailboxes
    _check_unique("name", DEFAULT_MAILBOX, (e.name for e in entries))
    _check_unique("claims_address", settings.company.claims_address.lower(),
                  (e.claims_address.lower() for e in entries))
    _check_unique("number_prefix", settings.company.number_prefix,
                  (e.number_prefix for e in entries))
    addresses = claims_addresses(settings)
    for index, entry in enumerate(entries):
        _check_team(f"mailboxes[{index}]", entry, addresses, set(settings.categories))
    for email in _emails(settings.specialists, settings.managers):
        if email in addresses:
            raise ValueError(f"key specialists/managers: {email} is also the address of a "
                             "mailbox")


def _emails(specialists: Iterable[SpecialistSettings],
            managers: Iterable[ManagerSettings]) -> list[str]:
    return [person.email.lower() for person in specialists] + [
        person.email.lower() for person in managers]


def _check_unique(key: str, default: str, values: Iterable[str]) -> None:
    seen = {default}
    for index, value in enumerate(values):
        if value in seen:
            raise ValueError(f"key mailboxes[{index}].{key}: {value} is already used by "
                             "another mailbox")
        seen.add(value)


def _check_team(where: str, entry: MailboxEntry, addresses: frozenset[str],
                categories: set[str]) -> None:
    seen = set(addresses)
    for email in _emails(entry.specialists or (), entry.managers or ()):
        if email in seen:
            raise ValueError(f"key {where}.specialists/managers: the address {email} is given "
                             "twice among the mailboxes' addresses, specialists and managers")
        seen.add(email)
    for index, specialist in enumerate(entry.specialists or ()):
        unknown = set(specialist.categories) - categories
        if unknown:
            raise ValueError(f"key {where}.specialists[{index}].categories: unknown category "
                             f"{sorted(unknown)[0]!r} (known: {', '.join(sorted(categories))})")
