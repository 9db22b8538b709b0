"""Which answers to a customer need a manager's approval before they leave, and who gives it.

`[approval]` names the claims: those of key accounts (`[[key_accounts]]`, matched by address
or by domain with its subdomains, each with its own approver), rejected claims, compensation
above an amount, and chosen categories. A key account's approver approves its claims; every
other claim that needs approval goes to the default approver. Nobody approves their own
answer: a reply written by the approver goes out as it is.

An answer waiting for approval is reminded to its approver after `remind_after` of working
time and escalated to the other managers after `escalate_after`, then again every escalation
repeat; each notice has a deterministic key, so it is sent once (as `domain.notices`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from mailflow.domain.calendar import WorkCalendar
from mailflow.domain.notices import Notice, NoticeKind
from mailflow.domain.outcome import Compensation, Outcome


class ApprovalStatus(StrEnum):
    """Where a draft answer stands."""

    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


@dataclass(frozen=True)
class KeyAccount:
    """A customer whose answers need approval: `match` is an address or a bare domain."""

    match: str
    name: str
    approver: str | None = None  # None: the default approver

    def covers(self, email: str) -> bool:
        """The address, or any address of the domain or of its subdomains; domains compare
        in their ASCII (IDNA) form, so `пример.рф` covers `ivan@xn--e1afmkfd.xn--p1ai`."""
        local, _, domain = email.lower().rpartition("@")
        wanted_local, at, wanted_domain = self.match.lower().rpartition("@")
        domain, wanted_domain = _ascii_domain(domain), _ascii_domain(wanted_domain)
        if at and wanted_local:
            return (local, domain) == (wanted_local, wanted_domain)
        return domain == wanted_domain or domain.endswith(f".{wanted_domain}")


def _ascii_domain(domain: str) -> str:
    domain = domain.strip().rstrip(".")
    try:
        return domain.encode("idna").decode("ascii").lower()
    except UnicodeError:
        return domain


@dataclass(frozen=True)
class ApprovalPolicy:
    """The `[approval]` rules; disabled, nothing waits."""

    enabled: bool = False
    approver: str = ""
    key_accounts: tuple[KeyAccount, ...] = ()
    rejected: bool = True
    compensation_above_minor: int | None = None
    compensation_currency: str = ""
    categories: frozenset[str] = frozenset()
    remind_after: timedelta | None = timedelta(hours=4)
    escalate_after: timedelta | None = timedelta(hours=8)


@dataclass(frozen=True)
class ClaimFacts:
    """What the rules read about a claim when its answer is about to go out."""

    customer: str
    category: str | None
    outcome: Outcome | None
    compensation: Compensation | None
    rejecting: bool = False  # the same reply moves the claim to `rejected`


@dataclass(frozen=True)
class ApprovalNeed:
    """Who must approve the answer, and why (reason codes: key_account, rejected, …)."""

    approver: str
    reasons: tuple[str, ...]
    key_account: str | None = None


def approval_needed(policy: ApprovalPolicy, facts: ClaimFacts,
                    author: str) -> ApprovalNeed | None:
    """Who must approve an answer on a claim with `facts` written by `author` (None: nobody)."""
    if not policy.enabled:
        return None
    account = key_account_of(policy, facts.customer)
    reasons = tuple(reason for reason, applies in (
        ("key_account", account is not None),
        ("rejected", policy.rejected and (facts.outcome is Outcome.REJECTED or facts.rejecting)),
        ("compensation", _compensation_above(policy, facts.compensation)),
        ("category", facts.category is not None and facts.category in policy.categories),
    ) if applies)
    if not reasons:
        return None
    approver = (account.approver if account and account.approver else policy.approver).lower()
    if not approver or approver == author.lower():
        return None
    return ApprovalNeed(approver, reasons, account.name if account else None)


def acting_approver(approver: str, author: str, policy: ApprovalPolicy,
                    staff: frozenset[str]) -> str:
    """Who decides a held answer: its approver while they are staff; once the config no longer
    lists them, the default approver (unless that is the author), so the answer and the claim
    are not stuck for good."""
    if approver in staff or not policy.approver or policy.approver == author.lower():
        return approver
    return policy.approver


def key_account_of(policy: ApprovalPolicy, email: str) -> KeyAccount | None:
    """The key account the customer's address belongs to; an exact address wins over a
    domain, a subdomain over its parent."""
    matches = [account for account in policy.key_accounts if account.covers(email)]
    matches.sort(key=lambda account: ("@" not in account.match, -len(account.match)))
    return matches[0] if matches else None


def _compensation_above(policy: ApprovalPolicy, compensation: Compensation | None) -> bool:
    """Above the limit; a compensation in another currency cannot be compared, so it needs
    approval too (fails safe)."""
    limit = policy.compensation_above_minor
    if limit is None or compensation is None or compensation.amount_minor <= 0:
        return False
    if compensation.currency.upper() != policy.compensation_currency.upper():
        return True
    return compensation.amount_minor > limit


@dataclass(frozen=True)
class PendingApproval:
    """A draft waiting for its approver, as the notice rules see it."""

    approval_id: int
    number: str
    approver: str
    created_at: datetime
    author: str = ""
    draft: str = ""
    stand_in: bool = False  # `approver` acts for one who left the team (`acting_approver`)


def approval_notices(pending: PendingApproval, now: datetime, policy: ApprovalPolicy,
                     calendar: WorkCalendar,
                     escalation_repeat: timedelta | None) -> list[Notice]:
    """The reminder to the approver and the latest escalation to the managers due at `now`
    (the waiting time counts in working hours, as the claim's deadlines do)."""
    found: list[Notice] = []
    stem = f"{pending.number}:{pending.approval_id}"
    if policy.remind_after is not None:
        due_at = calendar.add_working_time(pending.created_at, policy.remind_after)
        if due_at <= now:
            key = f"approval-reminder:{stem}" + (":stand-in" if pending.stand_in else "")
            found.append(Notice(key, NoticeKind.REMINDER, None, due_at))
    if policy.escalate_after is not None:
        due_at = calendar.add_working_time(pending.created_at, policy.escalate_after)
        if due_at <= now:
            repeat = 0
            if escalation_repeat is not None:
                waited = calendar.working_time_between(due_at, now)
                repeat = waited // escalation_repeat
                due_at = calendar.add_working_time(due_at, repeat * escalation_repeat)
            found.append(Notice(f"approval-escalation:{stem}:{repeat}",
                                NoticeKind.ESCALATION, None, due_at, repeat))
    return found


def without_lines(text: str, drafts: tuple[str, ...]) -> str:
    """`text` without the lines that belong to one of `drafts`: mail about an approval holds
    the draft, which is the specialist's own answer, not internal wording."""
    own = {_normal(line) for draft in drafts for line in draft.splitlines() if _normal(line)}
    return "\n".join(line for line in text.splitlines() if _normal(line) not in own)


def _normal(line: str) -> str:
    return " ".join(line.strip(" >\t").lower().split())


_WORD = re.compile(r"[^\W_]+")
_ANCHOR = 3  # words that find the draft in a quote
_CLIENT_WORDS = frozenset({"mailto", "http", "https"})  # a client writing a link twice


def edited_in_quote(draft: str, quoted: str) -> bool:
    """The draft stands in the quoted request with words changed, removed or added: an edit
    made inside the quote, which is not the approver's own text and would be lost. A mail
    client writing a link twice (`a@b.ru<mailto:a@b.ru>`) and a quote cut short are no edit."""
    draft_words = _WORD.findall(draft.lower())
    quoted_words = _WORD.findall(quoted.lower())
    if len(draft_words) < _ANCHOR:
        return False
    forward = _edited(draft_words, quoted_words, allow_cut=True)
    if forward is not None:
        return forward
    return bool(_edited(draft_words[::-1], quoted_words[::-1], allow_cut=False))


def _edited(draft: list[str], quoted: list[str], *, allow_cut: bool) -> bool | None:
    """Whether `draft`, found in `quoted` by its first words, stands there changed (None: it
    does not start anywhere in the quote)."""
    start = next((index for index in range(len(quoted) - _ANCHOR + 1)
                  if quoted[index:index + _ANCHOR] == draft[:_ANCHOR]), None)
    if start is None:
        return None
    position = start
    for word in draft:
        try:
            position = quoted.index(word, position) + 1
        except ValueError:  # removed or changed, unless the quote simply ends here
            cut_short = allow_cut and position == len(quoted)
            return not cut_short or _added(quoted[start:position], draft)
    return _added(quoted[start:position], draft)


def _added(span: list[str], draft: list[str]) -> bool:
    known = set(draft) | _CLIENT_WORDS
    return any(word not in known for word in span)
