"""Mail a decision queues: to the claim's customer or to a member of staff."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from mailflow.decide.effects import MailQueued
from mailflow.decide.state import ClaimState
from mailflow.decide.wording import language_for
from mailflow.domain.model import Address, AttachmentPart, Person


def to_customer(state: ClaimState, template: str, dedup_key: str, context: Mapping[str, Any],
                *, attachments: Sequence[AttachmentPart] = (),
                automatic: bool = True) -> MailQueued:
    """Mail to the claim's customer, in the claim's language."""
    return MailQueued(template=template, audience="customer", to=state.customer,
                      language=state.language, dedup_key=dedup_key, context=dict(context),
                      attachments=tuple(attachments), automatic=automatic)


def to_person(state: ClaimState, person: Person, template: str, dedup_key: str,
              context: Mapping[str, Any], *,
              attachments: Sequence[AttachmentPart] = ()) -> MailQueued:
    """Mail to a specialist or manager, in their language, replyable into the claim."""
    return MailQueued(template=template, audience="person",
                      to=Address(person.email, person.name),
                      language=language_for(person, state.language), dedup_key=dedup_key,
                      context=dict(context), attachments=tuple(attachments))


def customer_label(state: ClaimState) -> str:
    """The customer as staff mail shows them: "Name <address>" or the address."""
    return str(state.customer)
