"""Mail between mailflow and the claims team: notifications, forwards, and staff replies."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta

from sqlmodel import Session

from mailflow.domain.commands import Command, ParsedCommands, parse_commands
from mailflow.domain.model import AttachmentPart, ClaimStatus, ParsedMessage, Person, Priority
from mailflow.domain.references import personal_references, reference_problem
from mailflow.domain.status import can_transition, steps_to
from mailflow.domain.trust import authentication_passed
from mailflow.parse.quotes import strip_reply
from mailflow.react.acknowledge import base_subject
from mailflow.store.claims import record_event
from mailflow.store.tables import ClaimRow, MessageRow
from mailflow.workflow.attachments import first_message_attachments, forwardable
from mailflow.workflow.mailer import Mailer, customer_of
from mailflow.workflow.staff import Staff
from mailflow.workflow.status import StatusChanger
from mailflow.workflow.wording import (
    bad_transition,
    command_problem,
    language_for,
    nobody_available,
    not_staff,
    untrusted_reason,
)

_DELIVERY_STATUS_TYPES = frozenset({"message/delivery-status",
                                    "message/global-delivery-status"})
# The value after the diagnostic type (`smtp; `), with its folded continuation lines.
_DIAGNOSTIC_CODE = re.compile(r"^Diagnostic-Code:[^;\n]*;\s*(.+(?:\r?\n[ \t].*)*)",
                              re.IGNORECASE | re.MULTILINE)


class TeamMessages:
    """Everything that goes to or comes from specialists and managers."""

    def __init__(self, secret: bytes, keywords: Mapping[str, Mapping[str, Sequence[str]]],
                 forward_limit: int, require_authentication: bool, authserv_id: str,
                 staff: Staff, mailer: Mailer, status: StatusChanger, *,
                 reference_max_age: timedelta = timedelta(days=90)) -> None:
        self.secret, self.categories = secret, frozenset(keywords)
        self.reference_max_age = reference_max_age
        self.forward_limit = forward_limit
        self.require_authentication, self.authserv_id = require_authentication, authserv_id
        self.staff, self.mailer, self.status = staff, mailer, status

    # -- to the team -------------------------------------------------------------------

    def notify_assignee(self, session: Session, claim: ClaimRow, person: Person,
                        attachments: Sequence[AttachmentPart], now: datetime, *,
                        reassigned_from: str | None, text: str) -> None:
        selection = forwardable(attachments, self.forward_limit)
        included, omitted = selection.listing()
        previous = self.staff.find(reassigned_from)
        self.mailer.to_person(
            session, claim, person, "specialist_new_claim",
            dedup_key=f"assigned:{claim.number}:{person.email}:{now.isoformat()}", now=now,
            attachments=selection.included, context={
                "specialist_name": person.name, "customer": customer_of(claim),
                "subject": claim.subject,
                "category": claim.category, "priority": claim.priority,
                "received_at": self.mailer.local(claim.created_at),
                "answer_by": self.status.timing.answer_by(claim), "text": text,
                "attachments": included,
                "omitted_attachments": omitted, "commands_help": True,
                "reassigned": reassigned_from is not None,
                "previous_specialist": previous.name if previous else reassigned_from})

    def notify_unassigned(self, session: Session, claim: ClaimRow, msg: ParsedMessage,
                          reason: str, now: datetime) -> None:
        """Tell every manager at once that a new claim has nobody responsible."""
        for manager in self.staff.managers:
            self.mailer.to_person(
                session, claim, manager, "unassigned_claim",
                dedup_key=f"unassigned:{claim.number}:{manager.email}", now=now, context={
                    "manager_name": manager.name,
                    "customer": customer_of(claim),
                    "subject": claim.subject, "category": claim.category,
                    "received_at": self.mailer.local(claim.created_at),
                    "answer_by": self.status.timing.answer_by(claim),
                    "reason": nobody_available(reason, language_for(manager, claim.language)),
                    "text": msg.text})

    def forward_follow_up(self, session: Session, claim: ClaimRow, msg: ParsedMessage,
                          now: datetime) -> None:
        person = self.staff.find(claim.assignee_email)
        if person is None:
            return
        selection = forwardable(msg.attachments, self.forward_limit)
        included, omitted = selection.listing()
        sender = str(msg.from_) if msg.from_ else ""
        self.mailer.to_person(
            session, claim, person, "specialist_follow_up",
            dedup_key=f"follow-up:{msg.message_id}:{msg.content_hash}", now=now,
            attachments=selection.included, context={
                "specialist_name": person.name, "customer": sender,
                "subject": base_subject(msg.subject),
                "received_at": self.mailer.local(now),
                "text": strip_reply(msg.text), "attachments": included,
                "omitted_attachments": omitted, "status": claim.status})

    def notify_bounce(self, session: Session, claim: ClaimRow, msg: ParsedMessage,
                      now: datetime) -> None:
        person = self.staff.find(claim.assignee_email)
        if person is None:
            return
        self.mailer.to_person(
            session, claim, person, "bounce_notice",
            dedup_key=f"bounce:{msg.message_id}:{msg.content_hash}", now=now, context={
                "specialist_name": person.name,
                "customer": customer_of(claim),
                "diagnostic": _diagnostic(msg),
                "received_at": self.mailer.local(now)})

    def reassign(self, session: Session, claim: ClaimRow, person: Person, now: datetime, *,
                 actor: str, why: str) -> None:
        """Hand the claim to `person` and send them the claim with its attachments."""
        previous = self.status.assign(session, claim, person, now, actor=actor, why=why)
        assert claim.id is not None
        text, parts = first_message_attachments(session, self.mailer.blobs, claim.id)
        self.notify_assignee(session, claim, person, parts, now, reassigned_from=previous,
                             text=text)

    # -- from the team -----------------------------------------------------------------

    def on_staff_message(self, session: Session, claim: ClaimRow, msg: ParsedMessage,
                         row: MessageRow, now: datetime) -> None:
        """A specialist's or manager's reply: verify it, apply commands, relay the rest."""
        person = self.staff.find(msg.from_.email if msg.from_ else None)
        assert person is not None
        reason = self._distrust(claim, msg, person, row.created_at)  # judged at receipt
        if reason:
            self._reject_untrusted(session, claim, msg, row, person, reason, now)
            return
        parsed = parse_commands(strip_reply(msg.text), self.categories)
        language = language_for(person, claim.language)
        problems = [{"line": e.line, "message": command_problem(e, language, self.categories)}
                    for e in parsed.errors]
        problems += self._check_plan(claim, parsed.commands, language)
        if problems:
            self._reply_errors(session, claim, msg, person, problems, now)
            return
        self._apply(session, claim, msg, row, person, parsed, now)

    def _distrust(self, claim: ClaimRow, msg: ParsedMessage, person: Person,
                  received_at: datetime) -> str | None:
        ids = (*msg.in_reply_to, *msg.references)
        recipients = tuple(a.email for a in (*msg.to, *msg.cc))
        references = personal_references(ids, recipients, self.secret, person.email)
        assigned_at = claim.assigned_at if claim.assignee_email == person.email else None
        problem = reference_problem(references, claim.number, now=received_at,
                                    max_age=self.reference_max_age, not_before=assigned_at)
        if problem:
            return problem
        if self.require_authentication and not authentication_passed(msg, self.authserv_id):
            return "authentication-results-not-pass"
        if not person.manager and claim.assignee_email != person.email:
            return "not-assignee"  # handed over: only the current owner (or a manager) acts
        return None

    def _reject_untrusted(self, session: Session, claim: ClaimRow, msg: ParsedMessage,
                          row: MessageRow, person: Person, reason: str, now: datetime) -> None:
        row.kind = "untrusted"
        session.add(row)
        record_event(session, claim.id, now, "message.untrusted",
                     {"from": person.email, "why": reason, "message_id": msg.message_id})
        self.mailer.to_person(
            session, claim, person, "untrusted_message",
            dedup_key=f"untrusted:{msg.message_id}:{msg.content_hash}", now=now, context={
                "specialist_name": person.name, "subject": msg.subject,
                "reason": untrusted_reason(reason, language_for(person, claim.language)),
                "received_at": self.mailer.local(now)})

    def _reply_errors(self, session: Session, claim: ClaimRow, msg: ParsedMessage,
                      person: Person, problems: list[dict[str, str]], now: datetime) -> None:
        record_event(session, claim.id, now, "commands.rejected",
                     {"from": person.email, "errors": problems}, actor=person.email)
        self.mailer.to_person(
            session, claim, person, "command_error",
            dedup_key=f"command-error:{msg.message_id}:{msg.content_hash}", now=now,
            context={"specialist_name": person.name, "errors": problems})

    def _check_plan(self, claim: ClaimRow, commands: Sequence[Command],
                    language: str) -> list[dict[str, str]]:
        """Dry-run the commands: any that would break a rule is reported, none applied."""
        status, problems = ClaimStatus(claim.status), []
        for command in commands:
            if command.name == "assign" and self.staff.find(command.argument) is None:
                problems.append({"line": command.line,
                                 "message": not_staff(command.argument, language)})
            if command.name != "status":
                continue
            target = ClaimStatus(command.argument)
            if steps_to(status, target) is None:
                problems.append({"line": command.line,
                                 "message": bad_transition(status, target, language)})
            status = target
        return problems

    def _apply(self, session: Session, claim: ClaimRow, msg: ParsedMessage, row: MessageRow,
               person: Person, parsed: ParsedCommands, now: datetime) -> None:
        relayed = self._relay_or_note(session, claim, msg, row, person, parsed, now)
        explicit_status = any(c.name == "status" for c in parsed.commands)
        for command in parsed.commands:
            self._apply_one(session, claim, command, person, now)
        if relayed and not explicit_status and can_transition(ClaimStatus(claim.status),
                                                              ClaimStatus.IN_PROGRESS):
            self.status.change(session, claim, ClaimStatus.IN_PROGRESS, now, actor=person.email,
                               why="first answer to the customer", notify_customer=False)

    def _apply_one(self, session: Session, claim: ClaimRow, command: Command, person: Person,
                   now: datetime) -> None:
        why = f"command {command.line.strip()!r}"
        if command.name == "status":
            self.status.move(session, claim, ClaimStatus(command.argument), now,
                             actor=person.email, why=why)
        elif command.name == "assign":
            target = self.staff.find(command.argument)
            assert target is not None
            self.reassign(session, claim, target, now, actor=person.email, why=why)
        elif command.name in ("category", "priority"):
            self._set_field(session, claim, command, person, now)

    def _set_field(self, session: Session, claim: ClaimRow, command: Command, person: Person,
                   now: datetime) -> None:
        if command.name == "priority":
            claim.priority = Priority(command.argument).value
        else:
            claim.category = command.argument
        self.status.timing.recompute(claim)
        session.add(claim)
        record_event(session, claim.id, now, f"claim.{command.name}",
                     {"to": command.argument}, actor=person.email)

    def _relay_or_note(self, session: Session, claim: ClaimRow, msg: ParsedMessage,
                       row: MessageRow, person: Person, parsed: ParsedCommands,
                       now: datetime) -> bool:
        if parsed.note is not None:
            row.kind = "note"
            session.add(row)
            record_event(session, claim.id, now, "note", {"text": parsed.note},
                         actor=person.email)
            return False
        if not parsed.body.strip():
            return False
        self.mailer.to_customer(
            session, claim, "relay", automatic=False,
            dedup_key=f"relay:{msg.message_id}:{msg.content_hash}", now=now,
            attachments=[a for a in msg.attachments if not a.inline], context={
                "customer_name": claim.customer_name, "specialist_name": person.name,
                "specialist_position": person.position, "body": parsed.body.strip(),
                "original_subject": base_subject(claim.subject)})
        if claim.first_response_at is None:
            claim.first_response_at = now
        row.kind = "relayed"
        session.add_all([row, claim])
        record_event(session, claim.id, now, "message.relayed",
                     {"from": person.email, "to": claim.customer_email}, actor=person.email)
        return True


def _diagnostic(msg: ParsedMessage) -> str:
    """The remote server's words: the DSN's Diagnostic-Code (RFC 3464), else a telling line."""
    for part in msg.attachments:
        if part.content_type.lower() in _DELIVERY_STATUS_TYPES:
            match = _DIAGNOSTIC_CODE.search(part.payload.decode("utf-8", errors="replace"))
            if match:
                return " ".join(match.group(1).split())[:300]
    for line in msg.text.splitlines():
        if any(word in line.lower() for word in ("diagnostic", "550", "5.1.1", "status:")):
            return line.strip()[:300]
    return msg.subject[:300]
