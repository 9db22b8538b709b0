"""The workflow adapter: looks up the facts a decision needs, asks `decide`, applies the plan.

Mail intake, the CLI and the deadline watch all come in here, so a rule holds the same way
whichever way in asked for it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Literal

from sqlmodel import Session, col, select

from mailflow.classify.rules import is_automatic_reply
from mailflow.decide.acknowledge import choose_recipient
from mailflow.decide.approval import AnswerAwaitingApproval
from mailflow.decide.approval_answer import HeldAnswer, decide_approval_answer
from mailflow.decide.effects import AcknowledgementQueued, MailQueued, Recorded
from mailflow.decide.entry import Entry, decide_entered_claim
from mailflow.decide.intake import Arrival, IntakeFacts, decide_follow_up, decide_new_claim
from mailflow.decide.lifecycle import hand_over, move_status, set_field
from mailflow.decide.merge import (
    MergeProblem,
    MergeSide,
    decide_merge,
    decide_merge_failure,
    merge_problem,
)
from mailflow.decide.resolution import apply_resolution
from mailflow.decide.staff import (
    StaffReply,
    decide_relay_failure,
    decide_staff_reply,
    decide_web_reply,
)
from mailflow.decide.state import Plan, Policy
from mailflow.decide.wording import language_for, relay_failed
from mailflow.domain.approval import acting_approver, without_lines
from mailflow.domain.claims import CLAIM_NUMBER_PATTERN
from mailflow.domain.model import (
    FINISHED_STATUSES,
    ClaimStatus,
    Classification,
    MessageKind,
    ParsedMessage,
    Person,
    Priority,
)
from mailflow.domain.references import (
    PersonalReference,
    personal_references,
    reference_problem,
)
from mailflow.domain.trust import authentication_passed
from mailflow.extract.model import Extraction
from mailflow.store import approvals, outbox
from mailflow.store.blobs import Blobs
from mailflow.store.claims import get_claim, record_event
from mailflow.store.fields import current_fields
from mailflow.store.messages import find_stored, outgoing_texts, store_incoming
from mailflow.store.tables import ApprovalRow, ClaimRow, MessageRow
from mailflow.workflow.apply import Applier, state_of
from mailflow.workflow.attachments import claim_file, relayed_attachments
from mailflow.workflow.mailer import Mailer
from mailflow.workflow.staff import absent_on, open_claim_counts
from mailflow.workflow.web_answer import AnswerRefused, answer_bytes, web_answer

ACK_KIND = "acknowledgement"
# Where a change came from, put into each of its events (e.g. via "web" and the client's IP).
Origin = Mapping[str, str] | None
# What mailflow writes to staff: a relay must never carry these texts to a customer.
STAFF_TEMPLATES = frozenset({
    "specialist_new_claim", "specialist_follow_up", "bounce_notice", "unassigned_claim",
    "untrusted_message", "command_error", "relay_blocked", "deadline_reminder", "escalation",
    "entry_confirmed", "entry_confirm_request", "entry_error", "rating_notice",
    "digest_reply"})
# Mail about approvals holds the specialists' own answers: checked without those lines.
APPROVAL_TEMPLATES = frozenset({
    "approval_request", "approval_outcome", "approval_reminder"})


@dataclass(frozen=True)
class WorkflowConfig:
    secret: bytes
    require_authentication: bool = False
    authserv_id: str = ""
    reference_max_age: timedelta = timedelta(days=90)


class Workflow:
    """Feeds what happened to the decision layer and applies its plans."""

    def __init__(self, config: WorkflowConfig, policy: Policy, mailer: Mailer,
                 blobs: Blobs) -> None:
        self.config, self.policy, self.blobs = config, policy, blobs
        self.applier = Applier(mailer)

    # -- mail ------------------------------------------------------------------------

    def react(self, session: Session, claim: ClaimRow, msg: ParsedMessage, row: MessageRow,
              classification: Classification, is_new: bool, reopen: bool,
              now: datetime, extraction: Extraction | None = None) -> bool:
        """Apply the consequences of a stored message; True when it was acknowledged."""
        answers_us = self._answers_us(msg) or is_automatic_reply(msg, classification)
        arrival = Arrival(msg, classification, is_new, reopen, answers_us, row.created_at,
                          extraction)
        if classification.kind is MessageKind.SPECIALIST and not is_new:
            self._on_staff_reply(session, claim, msg, row, now)
            return False
        if is_new:
            plan = decide_new_claim(Plan(state_of(claim)), arrival,
                                    self._intake_facts(session, msg, now), self.policy)
        else:
            assert claim.id is not None
            known = tuple(current_fields(session, claim.id))
            plan = decide_follow_up(Plan(state_of(claim), actor=_sender(msg)), arrival,
                                    IntakeFacts(now, known_fields=known), self.policy)
        applied = self.applier.apply(session, claim, plan, now, message=row)
        return applied.queued(plan, AcknowledgementQueued)

    def _intake_facts(self, session: Session, msg: ParsedMessage,
                      now: datetime) -> IntakeFacts:
        team = self.policy.team
        recipient = choose_recipient(msg, self.policy.own_addresses)
        recent = 0 if recipient is None else outbox.count_recent(
            session, ACK_KIND, recipient.email, now - timedelta(hours=1))
        return IntakeFacts(
            now=now, away=absent_on(session, team, self.policy.local(now).date()),
            open_counts=open_claim_counts(session, [p.email for p in team.specialists]),
            recent_acks=recent)

    def _on_staff_reply(self, session: Session, claim: ClaimRow, msg: ParsedMessage,
                        row: MessageRow, now: datetime) -> None:
        person = self.policy.person(msg.from_.email if msg.from_ else None)
        assert person is not None
        assert claim.id is not None
        pending = approvals.pending_on(session, claim.id)
        approver = self._acting_approver(pending) if pending else None
        if pending is not None and approver == person.email:
            self._on_approval_answer(session, claim, msg, row, person, pending, now)
            return
        distrust = self._distrust(session, claim, msg, person, row.created_at)
        reply = StaffReply(msg, person, distrust, self._staff_texts(session, claim.id),
                           claim_file(session, self.blobs, claim.id), row.created_at,
                           awaiting_approval=approver,
                           merge_sides=merge_sides(session, claim, msg.text,
                                                   awaiting_approval=pending is not None))
        plan = decide_staff_reply(Plan(state_of(claim), actor=person.email), reply, now,
                                  self.policy)
        self._apply_reply(session, claim, row, reply, plan, now)

    def _on_approval_answer(self, session: Session, claim: ClaimRow, msg: ParsedMessage,
                            row: MessageRow, person: Person, pending: ApprovalRow,
                            now: datetime) -> None:
        """The approver's `#approve` / `#reject` on the answer held for them."""
        assert claim.id is not None
        assert pending.id is not None
        distrust = self._distrust(session, claim, msg, person, row.created_at,
                                  approving_since=pending.created_at)
        reply = StaffReply(msg, person, distrust, self._staff_texts(session, claim.id),
                           received_at=row.created_at)
        author = self.policy.person(pending.author_email) or Person(
            name=pending.author_email, email=pending.author_email)
        handed_over = claim.assigned_at is not None and claim.assigned_at >= pending.created_at
        held = HeldAnswer(pending.id, author, person.email, pending.draft,
                          ClaimStatus(pending.held_status) if pending.held_status else None,
                          relayed_attachments(session, self.blobs, pending.message_row_id),
                          self.policy.person(claim.assignee_email) if handed_over else None)
        plan = decide_approval_answer(Plan(state_of(claim), actor=person.email), reply, held,
                                      now, self.policy)
        self._apply_reply(session, claim, row, reply, plan, now)

    def _acting_approver(self, pending: ApprovalRow) -> str:
        """The held answer's approver, or who acts for them once they left the team."""
        return acting_approver(pending.approver_email, pending.author_email,
                               self.policy.approval, self.policy.team.addresses)

    def _staff_texts(self, session: Session, claim_id: int) -> tuple[str, ...]:
        """mailflow's mail to staff on the claim, which a relay must never carry; mail about
        approvals without the lines of the answers it holds (the specialists' own words)."""
        drafts = approvals.drafts_on(session, claim_id)
        about_approvals = [without_lines(text, drafts)
                           for text in outgoing_texts(session, claim_id, APPROVAL_TEMPLATES)]
        return (*outgoing_texts(session, claim_id, STAFF_TEMPLATES), *about_approvals)

    def _apply_reply(self, session: Session, claim: ClaimRow, row: MessageRow,
                     reply: StaffReply, plan: Plan, now: datetime,
                     origin: Origin = None) -> str | None:
        """Carry out a staff reply's plan; all of it or, if its relay fails, none of it (then
        the reason is returned, and its writer is told by mail)."""
        savepoint = session.begin_nested()
        applied = self.applier.apply(session, claim, plan, now, message=row, origin=origin)
        relay = next((e for e in plan.effects
                      if isinstance(e, MailQueued) and e.template == "relay"), None)
        if relay is None or relay.dedup_key not in applied.failed:
            savepoint.commit()
            self._merge_requested(session, claim, reply, plan, now)
            return None
        # The answer could not go out: none of the reply takes effect, as with a bad command.
        savepoint.rollback()
        session.refresh(claim)
        session.refresh(row)
        reason = applied.reasons[relay.dedup_key]
        self.applier.record_mail_failure(session, claim, relay, reason, now)
        failure = decide_relay_failure(Plan(state_of(claim), actor=reply.person.email), reply,
                                       reason)
        self.applier.apply(session, claim, failure, now, message=row)
        return reason

    def _merge_requested(self, session: Session, claim: ClaimRow, reply: StaffReply,
                         plan: Plan, now: datetime) -> None:
        """Carry out the `#merge` the reply's plan asked for (checked by the rules on the
        claims as they were; checked again now, and its writer told if it is refused)."""
        for effect in plan.effects:
            if isinstance(effect, Recorded) and effect.kind == "merge.requested":
                number = str(effect.detail["into"])
                target = get_claim(session, number)
                problem = MergeProblem.UNKNOWN if target is None else self.merge(
                    session, target, claim, now, actor=plan.actor)
                if problem is not None:
                    refused = decide_merge_failure(
                        Plan(state_of(claim), actor=plan.actor), reply.person, problem,
                        target=number, reference=reply.msg.content_hash)
                    self.applier.apply(session, claim, refused, now)

    def merge(self, session: Session, target: ClaimRow, source: ClaimRow, now: datetime, *,
              actor: str, force: bool = False) -> MergeProblem | None:
        """Merge `source` into `target` by the rules `#merge` follows (the problem if refused)."""
        problem = merge_problem(merge_side(session, target), merge_side(session, source),
                                force=force)
        if problem is not None:
            return problem
        plan = decide_merge(Plan(state_of(target), actor=actor), state_of(source))
        self.applier.apply(session, target, plan, now)
        return None

    def _distrust(self, session: Session, claim: ClaimRow, msg: ParsedMessage, person: Person,
                  received_at: datetime, approving_since: datetime | None = None) -> str | None:
        """Why a staff message is not trusted (None: it is), judged at its receipt; an
        approver's answer must name a reference issued to them since the draft was held."""
        ids = (*msg.in_reply_to, *msg.references)
        recipients = tuple(a.email for a in (*msg.to, *msg.cc))
        references = absorbed_references(
            session, claim, personal_references(ids, recipients, self.config.secret,
                                                person.email))
        assigned_at = claim.assigned_at if claim.assignee_email == person.email else None
        problem = reference_problem(references, claim.number, now=received_at,
                                    max_age=self.config.reference_max_age,
                                    not_before=approving_since or assigned_at)
        if problem == "reference-superseded" and approving_since is not None:
            return "reference-before-approval"
        if problem:
            return problem
        if self.config.require_authentication and not authentication_passed(
                msg, self.config.authserv_id):
            return "authentication-results-not-pass"
        if approving_since is None and not person.manager \
                and claim.assignee_email != person.email:
            return "not-assignee"  # handed over: only the current owner (or a manager) acts
        return None

    def _answers_us(self, msg: ParsedMessage) -> bool:
        """The message answers one of our own Message-IDs (an auto-reply to our mail)."""
        domains = {address.rpartition("@")[2] for address in self.policy.own_addresses}
        return any(ref.strip("<> ").lower().startswith("mf.")
                   and ref.strip("<> ").rpartition("@")[2].lower() in domains
                   for ref in (*msg.in_reply_to, *msg.references))

    # -- claims entered by staff ---------------------------------------------------------

    def vouched_for(self, msg: ParsedMessage) -> bool:
        """Our MX's Authentication-Results pass for the From domain (`[workflow] authserv_id`)."""
        return authentication_passed(msg, self.config.authserv_id)

    def open_entered(self, session: Session, claim: ClaimRow, entry: Entry,
                     row: MessageRow | None, now: datetime) -> None:
        """Open the claim `entry` stands for, as a customer's letter would open it."""
        facts = self._intake_facts(session, entry.letter, now)
        plan = decide_entered_claim(Plan(state_of(claim), actor=entry.actor), entry, facts,
                                    self.policy)
        self.applier.apply(session, claim, plan, now, message=row)

    def answer_unopened(self, session: Session, decision: tuple[Recorded, MailQueued],
                        answering: str, now: datetime, *,
                        entry_sha256: str | None = None) -> None:
        """Record a `#new` or `#confirm` that opened nothing and answer its writer only."""
        event, mail = decision
        record_event(session, None, now, event.kind, dict(event.detail), actor=mail.to.email)
        self.applier.mailer.queue_unclaimed(session, mail, now, answering=answering,
                                            entry_sha256=entry_sha256)

    # -- the command line --------------------------------------------------------------

    def assign(self, session: Session, claim: ClaimRow, person: Person, now: datetime, *,
               actor: str, why: str, origin: Origin = None) -> None:
        """Hand the claim to `person`; they get it with its attachments."""
        assert claim.id is not None
        plan = hand_over(Plan(state_of(claim), actor=actor), person, self.policy, now,
                         why=why, claim_file=claim_file(session, self.blobs, claim.id))
        self.applier.apply(session, claim, plan, now, origin=origin)

    def set_status(self, session: Session, claim: ClaimRow, target: ClaimStatus,
                   now: datetime, *, actor: str, why: str, note: str | None = None,
                   origin: Origin = None) -> None:
        """Move the claim to `target` by the same rules as `#status` (TransitionError,
        ResolutionMissing, AnswerAwaitingApproval while an answer waits for approval)."""
        pending = approvals.pending_on(session, claim.id) if claim.id is not None else None
        if pending is not None:
            raise AnswerAwaitingApproval(self._acting_approver(pending))
        plan = move_status(Plan(state_of(claim), actor=actor), target, self.policy, now,
                           why=why, note=note)
        self.applier.apply(session, claim, plan, now, origin=origin)

    def set_field(self, session: Session, claim: ClaimRow,
                  name: Literal["category", "priority"], value: str, now: datetime, *,
                  actor: str, origin: Origin = None) -> None:
        """A new category or priority, as `#category` / `#priority` sets it (ValueError for
        a category the config does not list or a priority that does not exist)."""
        if (value not in self.policy.categories if name == "category"
                else value not in {p.value for p in Priority}):
            raise ValueError(f"unknown {name}: {value!r}")
        plan = set_field(Plan(state_of(claim), actor=actor), name, value, self.policy)
        self.applier.apply(session, claim, plan, now, origin=origin)

    def resolve(self, session: Session, claim: ClaimRow, name: str, argument: str,
                now: datetime, *, actor: str, language: str) -> None:
        """Record the outcome, compensation or cause as `#outcome` / `#compensation` /
        `#cause` does (ResolutionRefused, worded in `language`, when it cannot)."""
        plan = apply_resolution(Plan(state_of(claim), actor=actor), name, argument,
                                self.policy, language)
        self.applier.apply(session, claim, plan, now)

    def add_note(self, session: Session, claim: ClaimRow, text: str, now: datetime, *,
                 actor: str, origin: Origin = None) -> None:
        """An internal note on the claim, as `#note` records it; never sent to anyone."""
        plan = Plan(state_of(claim), actor=actor).add(Recorded("note", {"text": text}))
        self.applier.apply(session, claim, plan, now, origin=origin)

    # -- the staff web page --------------------------------------------------------------

    def answer_from_web(self, session: Session, claim: ClaimRow, person: Person, text: str,
                        now: datetime, *, origin: Origin = None, once: str = "") -> None:
        """`person`'s answer to the customer, written on the staff page: stored on the claim
        as their mail reply would be, and relayed (or held for approval) by the same rules;
        AnswerRefused with the problems, worded for them, when the rules refuse it."""
        assert claim.id is not None
        msg = web_answer(person, claim, text, self.applier.mailer.of(claim).domain, now, once)
        if find_stored(session, msg.message_id, msg.content_hash) is not None:
            return  # the same form sent again: answered already, once
        row = store_incoming(session, self.blobs, claim.id, msg, answer_bytes(msg, now),
                             kind="specialist", rules=("web",), thread_reason="web",
                             source="web", now=now)
        pending = approvals.pending_on(session, claim.id)
        reply = StaffReply(msg, person, None, self._staff_texts(session, claim.id),
                           received_at=now,
                           awaiting_approval=self._acting_approver(pending) if pending else None)
        plan, problems = decide_web_reply(Plan(state_of(claim), actor=person.email), reply,
                                          now, self.policy)
        if problems:
            raise AnswerRefused(problems)
        failed = self._apply_reply(session, claim, row, reply, plan, now, origin)
        if failed is not None:  # the page must not say "sent": nothing of it is kept
            language = language_for(person, claim.language)
            raise AnswerRefused([{"line": "", "message": relay_failed(failed, language)}])


_CLAIM_NUMBERS = re.compile(CLAIM_NUMBER_PATTERN, re.IGNORECASE)


def merge_sides(session: Session, claim: ClaimRow, text: str,
                awaiting_approval: bool) -> dict[str, MergeSide]:
    """The claim (`awaiting_approval` as already read) and those a reply's text names (the
    first 20), for `#merge`; nothing is read when the text names no other claim."""
    numbers = {n.upper() for n in _CLAIM_NUMBERS.findall(text)[:20]} - {claim.number}
    rows = list(session.exec(select(ClaimRow).where(col(ClaimRow.number).in_(numbers))).all()
                ) if numbers else []
    sides = {row.number: merge_side(session, row) for row in rows}
    sides[claim.number] = merge_side(session, claim, awaiting_approval)
    return sides


def absorbed_references(session: Session, claim: ClaimRow,
                        references: tuple[PersonalReference, ...]
                        ) -> tuple[PersonalReference, ...]:
    """References to claims merged into `claim` count as references to it: a specialist's
    answer to mail about a merged claim still acts on the claim that holds its case."""
    if not references:
        return references
    merged = set(session.exec(select(ClaimRow.number)
                              .where(ClaimRow.merged_into_id == claim.id)).all())
    return tuple(replace(ref, number=claim.number) if ref.number in merged else ref
                 for ref in references)


def merge_side(session: Session, claim: ClaimRow,
               awaiting_approval: bool | None = None) -> MergeSide:
    """What the merge rules need of `claim` (whether an answer on it awaits approval is read
    unless given)."""
    finished = ClaimStatus(claim.status) in FINISHED_STATUSES
    assert claim.id is not None
    waiting = (approvals.pending_on(session, claim.id) is not None
               if awaiting_approval is None else awaiting_approval)
    if claim.merged_into_id is None:
        return MergeSide(claim.number, claim.customer_email, finished=finished,
                         awaiting_approval=waiting)
    into = session.get(ClaimRow, claim.merged_into_id)
    return MergeSide(claim.number, claim.customer_email, into.number if into else "?",
                     finished, waiting)


def _sender(msg: ParsedMessage) -> str:
    return msg.from_.email if msg.from_ else ""
