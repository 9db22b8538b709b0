"""What a decision starts from: the claim's state and the department's policy."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, tzinfo

from mailflow.decide.completeness import DEFAULT_REQUIRED
from mailflow.decide.effects import Effect
from mailflow.domain.approval import ApprovalPolicy
from mailflow.domain.calendar import WorkCalendar
from mailflow.domain.deadlines import ClaimDeadlines, DeadlinePolicy
from mailflow.domain.model import Address, ClaimStatus, Person
from mailflow.domain.notices import ReminderPolicy
from mailflow.domain.outcome import Rating, Resolution
from mailflow.domain.resolution import DEFAULT_CAUSE_LABELS
from mailflow.domain.team import Team
from mailflow.extract.model import FieldName


@dataclass(frozen=True)
class ClaimState:
    """The fields of a claim that the rules read and change."""

    number: str
    status: ClaimStatus
    customer: Address
    subject: str
    language: str
    created_at: datetime
    category: str | None = None
    category_confidence: float | None = None
    priority: str = "normal"
    assignee: str | None = None
    assigned_at: datetime | None = None
    deadlines: ClaimDeadlines | None = None
    first_response_at: datetime | None = None
    resolved_at: datetime | None = None
    waiting_since: datetime | None = None
    overdue: bool = False
    resolution: Resolution = field(default_factory=Resolution)
    rating: Rating | None = None
    rated_at: datetime | None = None


@dataclass(frozen=True)
class Policy:
    """The department's rules, built once from the settings."""

    team: Team
    keywords: Mapping[str, Mapping[str, Sequence[str]]]
    calendar: WorkCalendar
    deadlines: DeadlinePolicy
    reminders: ReminderPolicy
    timezone: tzinfo
    own_addresses: frozenset[str] = frozenset()
    max_acks_per_hour: int = 10
    forward_limit: int = 10 * 1024 * 1024
    required: Mapping[str, Sequence[FieldName]] = field(
        default_factory=lambda: dict(DEFAULT_REQUIRED))
    category_threshold: float = 0.3
    # Calendar days the law gives for a demand ("refund": 10 …); empty: no terms in law.
    statutory_days: Mapping[str, int] = field(default_factory=dict)
    # Warranty months by catalogue article (upper case); empty without a catalogue.
    warranty_months: Mapping[str, int] = field(default_factory=dict)
    # Which answers wait for a manager's approval before they reach the customer.
    approval: ApprovalPolicy = field(default_factory=ApprovalPolicy)
    # `[rules]`: the causes (code -> Russian label), the currency of an amount written
    # without one, and whether a claim needs an outcome to be resolved or closed.
    causes: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_CAUSE_LABELS))
    currency: str = "RUB"
    require_outcome: bool = True

    @property
    def categories(self) -> frozenset[str]:
        return frozenset(self.keywords)

    def local(self, moment: datetime) -> datetime:
        """`moment` in the company's time zone, as people read it."""
        return moment.astimezone(self.timezone)

    def person(self, email: str | None) -> Person | None:
        return self.team.find(email)


@dataclass(frozen=True)
class Plan:
    """The claim's next state and the effects, in order, that lead there."""

    state: ClaimState
    effects: tuple[Effect, ...] = ()
    actor: str = "mailflow"

    def add(self, *effects: Effect, state: ClaimState | None = None) -> Plan:
        return replace(self, state=state or self.state, effects=(*self.effects, *effects))

    def has(self, kind: type) -> bool:
        return any(isinstance(effect, kind) for effect in self.effects)
