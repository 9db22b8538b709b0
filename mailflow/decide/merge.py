"""Merging claim B into claim A (`#merge A` written on B, `mailflow claims merge A B`).

B's messages, attachments, parties, events and fields move under A; B is closed as merged
into A and later mail to B (replies to its Message-IDs, its number in a subject or a keyed
reference) lands on A. The customer of B is told once that the case continues as A.

Deadlines: A keeps its own (its clock, its statutory term); B's stop with B. A merge moves
history, it does not restart or shorten anyone's clock; a specialist who wants A's term
changed does it on A.

Refused, with the reason, and nothing changes: an unknown claim, a claim merged with
itself, a claim already merged (either side), an open claim into a finished one (its work
would vanish into a closed case), and claims of different customers unless forced (only
the CLI can force), and a claim whose answer waits for approval (until it is decided).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from mailflow.decide.effects import ClaimsMerged, MailQueued, Recorded
from mailflow.decide.mail import to_person
from mailflow.decide.state import ClaimState, Plan
from mailflow.decide.wording import language_for
from mailflow.domain.model import Person


class MergeProblem(StrEnum):
    """Why a merge is refused; `merge_refusal` words it."""

    UNKNOWN = "unknown"
    ITSELF = "itself"
    TARGET_MERGED = "target_merged"
    SOURCE_MERGED = "source_merged"
    TARGET_FINISHED = "target_finished"
    OTHER_CUSTOMER = "other_customer"
    SOURCE_AWAITING_APPROVAL = "source_awaiting_approval"


@dataclass(frozen=True)
class MergeSide:
    """What the rules need of one claim of a merge."""

    number: str
    customer: str
    merged_into: str | None = None
    finished: bool = False  # resolved, rejected or closed
    awaiting_approval: bool = False  # an answer on it waits for approval


def merge_problem(target: MergeSide | None, source: MergeSide, *,
                  force: bool = False) -> MergeProblem | None:
    """Why `source` cannot be merged into `target` (None: it can)."""
    if target is None:
        return MergeProblem.UNKNOWN
    if target.number == source.number:
        return MergeProblem.ITSELF
    if target.merged_into is not None:
        return MergeProblem.TARGET_MERGED
    if source.merged_into is not None:
        return MergeProblem.SOURCE_MERGED
    if source.awaiting_approval:  # its draft could be neither approved nor sent once merged
        return MergeProblem.SOURCE_AWAITING_APPROVAL
    if target.finished and not source.finished:  # open work must not vanish into a closed case
        return MergeProblem.TARGET_FINISHED
    if target.customer.lower() != source.customer.lower() and not force:
        return MergeProblem.OTHER_CUSTOMER
    return None


def decide_merge(plan: Plan, source: ClaimState) -> Plan:
    """Merge `source` into the plan's claim and tell `source`'s customer, once."""
    target = plan.state
    notice = MailQueued(
        template="claims_merged", audience="customer", to=source.customer,
        language=source.language, dedup_key=f"merged:{source.number}:{target.number}",
        context={"merged_number": source.number, "customer_name": source.customer.name})
    return plan.add(ClaimsMerged(source.number), notice)


_REFUSALS: dict[MergeProblem, dict[str, str]] = {
    MergeProblem.UNKNOWN: {"ru": "претензии {target} нет",
                           "en": "there is no claim {target}"},
    MergeProblem.ITSELF: {"ru": "претензию {target} нельзя объединить саму с собой",
                          "en": "claim {target} cannot be merged with itself"},
    MergeProblem.TARGET_MERGED: {
        "ru": "претензия {target} уже объединена с другой; укажите ту, в которую её объединили",
        "en": "claim {target} has already been merged into another; name that one"},
    MergeProblem.SOURCE_MERGED: {"ru": "претензия {source} уже объединена с другой",
                                 "en": "claim {source} has already been merged into another"},
    MergeProblem.TARGET_FINISHED: {
        "ru": "претензия {target} уже завершена, а {source} ещё нет; объедините наоборот "
              "или сначала переоткройте {target}",
        "en": "claim {target} is finished and {source} is not; merge the other way round "
              "or reopen {target} first"},
    MergeProblem.OTHER_CUSTOMER: {
        "ru": "претензии {target} и {source} от разных клиентов; объединение разных клиентов "
              "возможно только из командной строки с --force",
        "en": "claims {target} and {source} belong to different customers; only the command "
              "line can merge them, with --force"},
    MergeProblem.SOURCE_AWAITING_APPROVAL: {
        "ru": "ответ по претензии {source} ждёт согласования; объедините её с {target}, когда "
              "ответ согласуют или отклонят",
        "en": "an answer on claim {source} waits for approval; merge it into {target} once the "
              "answer is approved or rejected"},
}


def merge_refusal(problem: MergeProblem, language: str, *, target: str, source: str) -> str:
    """Why the merge of `source` into `target` was refused, in `language` (ru or en)."""
    words = _REFUSALS[problem]
    return words.get(language, words["en"]).format(target=target, source=source)


def decide_merge_failure(plan: Plan, person: Person, problem: MergeProblem, *,
                         target: str, reference: str) -> Plan:
    """A `#merge` the reply's rules accepted was refused when carried out (what the same reply
    did first, such as closing the claim, changed a side): its writer is told why, and the
    claim says so in its events; nothing is merged."""
    source = plan.state.number
    message = merge_refusal(problem, language_for(person, plan.state.language),
                            target=target, source=source)
    return plan.add(
        Recorded("merge.refused", {"into": target, "why": problem.value}),
        to_person(plan.state, person, "command_error", f"merge-refused:{reference}",
                  {"specialist_name": person.name,
                   "errors": [{"line": f"#merge {target}", "message": message}]}))
