"""A claim entered by staff (`#new` by mail, `mailflow claims new`): opened for the customer
as if they had written, and what mailflow answers the writer when it opens nothing yet.

Security: a From header can be forged, and a forged `#new` would make mailflow write to any
address. The adapter opens the claim only for a known member of staff whose message our MX
vouched for (Authentication-Results), or who answered mailflow's request to confirm it
(`#confirm` in reply to a Message-ID keyed to them and to that message); anything else
opens nothing and is answered only to the staff address itself.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Literal

from mailflow.decide.effects import AcknowledgementQueued, Effect, MailQueued, Recorded
from mailflow.decide.intake import Arrival, IntakeFacts, decide_new_claim
from mailflow.decide.mail import to_person
from mailflow.decide.state import Plan, Policy
from mailflow.decide.wording import language_for
from mailflow.domain.entry import EntryOrder, EntryProblem, EntryRefusal
from mailflow.domain.model import Address, Classification, MessageKind, ParsedMessage, Person
from mailflow.extract.model import Extraction

ENTERED = Classification(MessageKind.CUSTOMER, ("entered-by-staff",))
Via = Literal["email", "cli"]


@dataclass(frozen=True)
class Entry:
    """A customer's letter as staff entered it, and who entered it (None: the CLI)."""

    letter: ParsedMessage
    author: Person | None
    via: Via
    actor: str
    received_at: datetime | None = None
    extraction: Extraction | None = None


def entered_letter(msg: ParsedMessage, order: EntryOrder, language: str) -> ParsedMessage:
    """The customer's letter a staff message stands for: from the customer, with the claim's
    text and attachments, and nothing of the staff message's headers (its Message-ID, its
    addresses) that could reach the customer in the acknowledgement."""
    return replace(msg, message_id="", from_=order.customer, to=(), cc=(), reply_to=(),
                   in_reply_to=(), references=(), text=order.text, html=None, headers=(),
                   language=language)


def decide_entered_claim(plan: Plan, entry: Entry, facts: IntakeFacts, policy: Policy) -> Plan:
    """Open the claim as a customer's letter would (categorise, deadlines, assignment,
    acknowledgement), owned by its author when a specialist entered it; the author gets the
    claim's number."""
    author = entry.author
    plan = plan.add(Recorded("claim.entered", {"by": entry.actor, "via": entry.via}))
    preferred = author if author is not None and not author.manager else None
    arrival = Arrival(entry.letter, ENTERED, is_new=True, received_at=entry.received_at,
                      extraction=entry.extraction)
    plan = decide_new_claim(plan, arrival, replace(facts, preferred=preferred), policy)
    plan = replace(plan, effects=tuple(_unquoted(effect) for effect in plan.effects))
    if author is None:
        return plan
    state = plan.state
    return plan.add(to_person(state, author, "entry_confirmed", f"entry-confirmed:{state.number}", {
        "specialist_name": author.name, "customer": str(state.customer),
        "subject": state.subject, "assignee": state.assignee or "",
        "acknowledged": plan.has(AcknowledgementQueued)}))


def _unquoted(effect: Effect) -> Effect:
    """The acknowledgement quotes nothing: the customer did not write the text (staff did,
    perhaps with notes not meant for the customer), so it is not shown as "your message"."""
    if not isinstance(effect, AcknowledgementQueued):
        return effect
    return replace(effect, context={**effect.context, "quoted_text": ""})


_PROBLEMS: dict[str, dict[str, str]] = {
    EntryProblem.NO_ADDRESS: {
        "ru": "после #new нужен адрес клиента: #new ivan@example.com Иван Петров",
        "en": "#new needs the customer's address: #new ivan@example.com Ivan Petrov"},
    EntryProblem.BAD_ADDRESS: {
        "ru": "адрес клиента «{value}» недействителен",
        "en": "the customer's address {value!r} is not a valid address"},
    EntryProblem.OUR_ADDRESS: {
        "ru": "«{value}» — адрес самой системы претензий, а не клиента",
        "en": "{value!r} is the claims desk's own address, not a customer's"},
    EntryProblem.NO_TEXT: {
        "ru": "под строкой #new нет текста претензии",
        "en": "there is no claim text below the #new line"},
    "not-confirmable": {
        "ru": "это письмо не отвечает на запрос подтверждения, отправленный вам, или запрос "
              "устарел; отправьте претензию (#new) заново",
        "en": "this message does not answer a confirmation request sent to you, or the "
              "request is too old; send the claim (#new) again"},
    "not-authenticated": {
        "ru": "наш почтовый сервер не подтвердил подлинность отправителя (DMARC/DKIM/SPF)",
        "en": "our mail server did not vouch for the sender (DMARC/DKIM/SPF)"},
}


def entry_problem(code: str, language: str, value: str = "") -> str:
    """The reason a `#new` or `#confirm` opened nothing, in `language` (ru or en)."""
    words = _PROBLEMS[code]
    return words.get(language, words["en"]).format(value=value)


def decide_entry_refusal(msg: ParsedMessage, person: Person, refusal: EntryRefusal | str,
                         now: datetime, policy: Policy) -> tuple[Recorded, MailQueued]:
    """A `#new` (or `#confirm`) that opens nothing: the event, and the error to its writer."""
    language = language_for(person, "ru")
    code, line, value = ((refusal.problem.value, refusal.line, refusal.value)
                         if isinstance(refusal, EntryRefusal) else (refusal, msg.subject, ""))
    problem = {"line": line, "message": entry_problem(code, language, value)}
    event = Recorded("entry.refused", {"from": person.email, "why": code,
                                       "message_id": msg.message_id})
    return event, _to_staff(person, "entry_error", f"entry-error:{msg.message_id}:"
                            f"{msg.content_hash}", language, {
                                "specialist_name": person.name, "subject": msg.subject,
                                "errors": [problem],
                                "received_at": policy.local(now)})


def decide_entry_confirmation(msg: ParsedMessage, person: Person, order: EntryOrder,
                              now: datetime, policy: Policy) -> tuple[Recorded, MailQueued]:
    """A `#new` our MX did not vouch for: held, and its writer asked to confirm it."""
    language = language_for(person, "ru")
    event = Recorded("entry.held", {"from": person.email, "customer": order.customer.email,
                                    "message_id": msg.message_id,
                                    "why": "authentication-results-not-pass"})
    return event, _to_staff(person, "entry_confirm_request",
                            f"entry-confirm:{msg.message_id}:{msg.content_hash}", language, {
                                "specialist_name": person.name, "subject": msg.subject,
                                "customer": str(order.customer), "text": order.text,
                                "received_at": policy.local(now)})


def _to_staff(person: Person, template: str, dedup_key: str, language: str,
              context: dict[str, object]) -> MailQueued:
    return MailQueued(template=template, audience="person", to=Address(person.email, person.name),
                      language=language, dedup_key=dedup_key, context=context)
