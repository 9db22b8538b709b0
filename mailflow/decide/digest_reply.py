"""What a manager's answer to the digest leads to: its `#assign` / `#note` lines carried out on
the claims they name, all of them or none, and a short reply saying which.

Trust first: only a manager from the config answering the digest mailflow sent to them (the
keyed reference checked by the adapter, `distrust`) acts. Someone else on the staff is told
why nothing happened; a sender who is not staff, and an automatic answer (out of office),
are answered nothing (no backscatter, no mail loop, nothing internal leaves the company).
Then every line is checked against the rules before any is applied: an unknown claim, someone
not on the staff, a claim merged into another, or a finished claim to hand over refuses
the whole reply. The actions are the email commands' and the CLI's own: `hand_over` (the new
owner gets the claim) and the internal note.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from mailflow.decide.effects import MailQueued, Recorded
from mailflow.decide.lifecycle import ClaimFile, hand_over
from mailflow.decide.state import ClaimState, Plan, Policy
from mailflow.decide.wording import language_for, not_staff
from mailflow.domain.digest_reply import BadLine, DigestOrder, LineProblem, read_digest_orders
from mailflow.domain.model import FINISHED_STATUSES, Address, ParsedMessage, Person
from mailflow.parse.quotes import split_reply

TEMPLATE = "digest_reply"
MAX_CLAIMS = 50  # claims one answer may name; more is refused whole (and not looked up)


@dataclass(frozen=True)
class NamedClaim:
    """A claim a reply's line names, as the rules need it."""

    state: ClaimState
    merged_into: str | None = None
    claim_file: ClaimFile = field(default_factory=ClaimFile)


@dataclass(frozen=True)
class DigestAnswer:
    """A reply to the digest: its writer (None: not staff), why it is not trusted (None: it
    is, as far as its reference goes), and the claims its lines name that exist."""

    msg: ParsedMessage
    person: Person | None
    distrust: str | None
    claims: Mapping[str, NamedClaim]
    automatic: bool = False  # an out-of-office or other machine answer: never answered


@dataclass(frozen=True)
class DigestDecision:
    """Plans to apply, one per claim (none when refused), the event to record without a
    claim, and the reply to the writer (None: nobody is answered)."""

    plans: tuple[Plan, ...]
    event: Recorded
    reply: MailQueued | None


def decide_digest_answer(answer: DigestAnswer, now: datetime, policy: Policy) -> DigestDecision:
    """Verify the writer, then carry out every command line, or none with the reasons."""
    msg, person = answer.msg, answer.person
    if person is None or answer.automatic:
        why = "automatic-reply" if answer.automatic else "not-staff"
        return DigestDecision((), _event("digest.refused", msg, why=why), None)
    language = language_for(person, "ru")
    distrust = answer.distrust or (None if person.manager else "not-a-manager")
    if distrust is not None:
        return DigestDecision((), _event("digest.refused", msg, why=distrust), _reply(
            answer, person, now, policy, "refused", reason=_trust_problem(distrust, language)))
    orders, problems = _checked_orders(answer, policy, language)
    if problems:
        return DigestDecision((), _event("digest.refused", msg, why="invalid-lines",
                                         lines=[p["line"] for p in problems]),
                              _reply(answer, person, now, policy, "errors", errors=problems))
    lines = [order.line for order in orders]
    return DigestDecision(_plans(orders, answer.claims, person, now, policy),
                          _event("digest.answered", msg, lines=lines),
                          _reply(answer, person, now, policy, "done" if orders else "empty",
                                 done=lines))


def _checked_orders(answer: DigestAnswer, policy: Policy, language: str
                    ) -> tuple[tuple[DigestOrder, ...], list[dict[str, str]]]:
    """The reply's command lines, and each line the rules refuse with the reason."""
    orders, bad = read_digest_orders(split_reply(answer.msg.text).own)
    problems = [{"line": line.line, "message": _line_problem(line, language)} for line in bad]
    if len({order.number for order in orders}) > MAX_CLAIMS:
        return (), [*problems, {"line": answer.msg.subject, "message": _say(
            "too-many", language, value=str(MAX_CLAIMS))}]
    problems += [{"line": order.line, "message": message} for order in orders
                 if (message := order_problem(order, answer.claims, policy, language))]
    return orders, problems


def order_problem(order: DigestOrder, claims: Mapping[str, NamedClaim], policy: Policy,
                  language: str) -> str | None:
    """Why the rules refuse one line (None: they allow it)."""
    claim = claims.get(order.number)
    if claim is None:
        return _say("unknown-claim", language, number=order.number)
    if claim.merged_into is not None:
        return _say("merged", language, number=order.number, into=claim.merged_into)
    if order.action == "note":
        return None
    if policy.person(order.argument) is None:
        return not_staff(order.argument, language)
    if claim.state.status in FINISHED_STATUSES:
        return _say("finished", language, number=order.number, status=claim.state.status.value)
    return None


def _plans(orders: tuple[DigestOrder, ...], claims: Mapping[str, NamedClaim], person: Person,
           now: datetime, policy: Policy) -> tuple[Plan, ...]:
    """One plan per named claim, its lines applied in the order written."""
    plans: dict[str, Plan] = {}
    for order in orders:
        claim = claims[order.number]
        plan = plans.get(order.number) or Plan(claim.state, actor=person.email)
        if order.action == "note":
            plan = plan.add(Recorded("note", {"text": order.argument, "via": "digest"}))
        else:
            target = policy.person(order.argument)
            assert target is not None  # checked by order_problem
            plan = hand_over(plan, target, policy, now, why=f"digest reply {order.line!r}",
                             claim_file=claim.claim_file)
        plans[order.number] = plan
    return tuple(plans.values())


def _event(kind: str, msg: ParsedMessage, **detail: object) -> Recorded:
    sender = msg.from_.email if msg.from_ else ""
    return Recorded(kind, {"from": sender, "message_id": msg.message_id, **detail})


def _reply(answer: DigestAnswer, person: Person, now: datetime, policy: Policy, outcome: str,
           *, reason: str = "", errors: list[dict[str, str]] | None = None,
           done: list[str] | None = None) -> MailQueued:
    msg = answer.msg
    return MailQueued(
        template=TEMPLATE, audience="person", to=Address(person.email, person.name),
        language=language_for(person, "ru"),
        dedup_key=f"digest-reply:{msg.message_id}:{msg.content_hash}",
        context={"manager_name": person.name, "subject": msg.subject,
                 "received_at": policy.local(now), "outcome": outcome, "reason": reason,
                 "errors": errors or [], "done": done or []})


def _line_problem(line: BadLine, language: str) -> str:
    return _say(line.problem.value, language, value=line.value)


def _trust_problem(code: str, language: str) -> str:
    return _say(code if code in _WORDS else "untrusted", language, value=code)


def _say(key: str, language: str, **values: str) -> str:
    words = _WORDS[key]
    return (words["ru"] if language == "ru" else words["en"]).format(**values)


_WORDS: dict[str, dict[str, str]] = {
    LineProblem.UNKNOWN_COMMAND.value: {
        "ru": "команда {value} не выполняется из ответа на сводку; здесь можно только "
              "#назначить и #заметка",
        "en": "{value} cannot be used in an answer to the digest; only #assign and #note can"},
    LineProblem.MISSING_NUMBER.value: {
        "ru": "после команды нужен номер претензии, например CLM-2026-000123",
        "en": "the command needs a claim number after it, e.g. CLM-2026-000123"},
    LineProblem.BAD_ADDRESS.value: {
        "ru": "после номера претензии нужен адрес специалиста, получено «{value}»",
        "en": "the claim number must be followed by the specialist's address, got '{value}'"},
    LineProblem.MISSING_TEXT.value: {
        "ru": "после номера претензии нужен текст заметки",
        "en": "the claim number must be followed by the note's text"},
    "too-many": {"ru": "в одном ответе можно назвать не больше {value} претензий",
                 "en": "one answer may name at most {value} claims"},
    "unknown-claim": {"ru": "претензии {number} нет", "en": "there is no claim {number}"},
    "merged": {"ru": "претензия {number} объединена с {into}; укажите её",
               "en": "claim {number} was merged into {into}; name that one"},
    "finished": {"ru": "претензия {number} уже завершена (статус {status}); сначала "
                       "переоткройте её",
                 "en": "claim {number} is already finished (status {status}); reopen it first"},
    "not-a-manager": {
        "ru": "распоряжаться претензиями из сводки могут только руководители",
        "en": "only managers can act on claims from the digest"},
    "no-personal-reference": {
        "ru": "письмо не является ответом на сводку, отправленную вам",
        "en": "the message does not answer a digest sent to you"},
    "reference-expired": {
        "ru": "сводка, на которую вы ответили, слишком старая; ответьте на свежую",
        "en": "the digest you answered is too old; answer a recent one"},
    "authentication-results-not-pass": {
        "ru": "наш почтовый сервер не подтвердил отправителя письма",
        "en": "our mail server did not vouch for the message's sender"},
    "untrusted": {"ru": "ответ не принят ({value})",
                  "en": "the answer was not accepted ({value})"},
}
