"""The `[approval]` section and the `[[key_accounts]]` list of the configuration."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from pydantic import Field, model_validator

from mailflow.config.sections import Section
from mailflow.domain.approval import ApprovalPolicy, KeyAccount

_EMAIL = r"^[^@\s]+@[^@\s]+$"


class ApprovalSettings(Section):
    # Hold specialists' answers on the claims below until the approver approves them.
    enabled: bool = False
    # Who approves when a key account names nobody: a manager's address (from [[managers]]).
    approver: str = Field(default="", max_length=254)
    # Answers on every claim of a key account ([[key_accounts]]) need approval.
    key_accounts: bool = True
    # Answers on rejected claims (outcome "rejected", or moved to status rejected) need it.
    rejected: bool = True
    # Answers granting a compensation above this amount (in units of the currency, e.g.
    # 50000 = 50 000 RUB) need it; a compensation in another currency always does. Unset: off.
    compensation_above: Decimal | None = Field(default=None, ge=0)
    compensation_currency: str = Field(default="RUB", pattern=r"^[A-Z]{3}$")
    # Answers on claims of these categories need it.
    categories: tuple[str, ...] = ()
    # Working hours an answer may wait before the approver is reminded (0: never).
    remind_after_hours: float = Field(default=4, ge=0)
    # Working hours before the managers are told the answer still waits (0: never); repeated
    # every [reminders] escalation_repeat_hours.
    escalate_after_hours: float = Field(default=8, ge=0)

    @model_validator(mode="after")
    def _approver_when_enabled(self) -> ApprovalSettings:
        if self.enabled and not self.approver.strip():
            raise ValueError("key approval.approver: required when approval.enabled is true "
                             "(the address of the manager who approves answers)")
        return self

    def compensation_above_minor(self) -> int | None:
        """The limit in minor units (kopecks, cents), as compensations are kept."""
        if self.compensation_above is None:
            return None
        return int(self.compensation_above * 100)


class KeyAccountSettings(Section):
    # The customer's address ("buyer@bigshop.ru") or a whole domain ("bigshop.ru", with its
    # subdomains; no wildcards: "*.bigshop.ru" would match nobody).
    match: str = Field(min_length=3, max_length=254,
                       pattern=r"^[^@\s*]*@?[^@\s*]+\.[^@\s*]+$")
    name: str = Field(min_length=1)
    # Who approves this customer's answers (e.g. the director); empty: approval.approver.
    approver: str = Field(default="", max_length=254)


def check_approval(approval: ApprovalSettings, key_accounts: tuple[KeyAccountSettings, ...],
                   staff: set[str], categories: set[str]) -> None:
    """Approvers must be known staff or managers, categories known ones (ValueError naming
    the key)."""
    if approval.approver and approval.approver.lower() not in staff:
        raise ValueError(f"key approval.approver: {approval.approver} is not among "
                         "[[specialists]] or [[managers]]")
    for index, account in enumerate(key_accounts):
        if account.approver and account.approver.lower() not in staff:
            raise ValueError(f"key key_accounts[{index}].approver: {account.approver} is not "
                             "among [[specialists]] or [[managers]]")
    unknown = set(approval.categories) - categories
    if unknown:
        raise ValueError(f"key approval.categories: unknown category {sorted(unknown)[0]!r} "
                         f"(known: {', '.join(sorted(categories))})")


def approval_policy(approval: ApprovalSettings,
                    key_accounts: tuple[KeyAccountSettings, ...]) -> ApprovalPolicy:
    """The approval rules as the decisions read them."""
    return ApprovalPolicy(
        enabled=approval.enabled, approver=approval.approver.lower(),
        key_accounts=tuple(KeyAccount(a.match.lower().lstrip("@"), a.name,
                                      a.approver.lower() or None)
                           for a in key_accounts) if approval.key_accounts else (),
        rejected=approval.rejected,
        compensation_above_minor=approval.compensation_above_minor(),
        compensation_currency=approval.compensation_currency,
        categories=frozenset(approval.categories),
        remind_after=_hours(approval.remind_after_hours),
        escalate_after=_hours(approval.escalate_after_hours))


def _hours(value: float) -> timedelta | None:
    return timedelta(hours=value) if value else None
