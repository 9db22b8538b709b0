"""The adapter for a manager's answer to the digest: finds the facts (who wrote, the keyed
digest reference, the claims its lines name), asks decide/digest_reply.py, applies the plans
and answers the writer.

The reply itself is stored by the pipeline as every answer to the digest is: an ownerless
record (origin `self`, never acknowledged, never sent to anyone). It is not put on the claims
it names: it quotes the whole digest (other claims, customers), which must not travel with a
claim to its next owner.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, select

from mailflow.classify.rules import is_automatic_reply
from mailflow.decide.digest_reply import (
    MAX_CLAIMS,
    DigestAnswer,
    NamedClaim,
    decide_digest_answer,
)
from mailflow.decide.lifecycle import ClaimFile
from mailflow.domain.digest_reply import read_digest_orders
from mailflow.domain.model import Classification, ParsedMessage, Person
from mailflow.domain.references import digest_reference_in, digest_reference_problem
from mailflow.domain.trust import authentication_passed
from mailflow.parse.quotes import split_reply
from mailflow.store.claims import get_claim, record_event
from mailflow.store.tables import ClaimRow
from mailflow.workflow.apply import state_of
from mailflow.workflow.attachments import claim_file
from mailflow.workflow.engine import Workflow


class DigestReplies:
    """Carries out managers' `#assign` / `#note` lines answering the digest."""

    def __init__(self, workflow: Workflow) -> None:
        self.workflow = workflow

    def handle(self, session: Session, msg: ParsedMessage, classification: Classification,
               now: datetime, received_at: datetime) -> None:
        """Act on a reply to the digest (stored already), or refuse it, and say which."""
        workflow = self.workflow
        person = workflow.policy.person(msg.from_.email if msg.from_ else None)
        answer = DigestAnswer(msg, person, self._distrust(msg, person, received_at),
                              self._named_claims(session, msg),
                              automatic=is_automatic_reply(msg, classification))
        decision = decide_digest_answer(answer, now, workflow.policy)
        for plan in decision.plans:
            claim = get_claim(session, plan.state.number)
            assert claim is not None
            workflow.applier.apply(session, claim, plan, now)
        event = decision.event
        record_event(session, None, now, event.kind, dict(event.detail),
                     actor=person.email if person else str(event.detail.get("from", "")))
        if decision.reply is not None:
            workflow.applier.mailer.queue_unclaimed(session, decision.reply, now,
                                                    answering=msg.message_id)

    def _distrust(self, msg: ParsedMessage, person: Person | None,
                  received_at: datetime) -> str | None:
        """Why the reply does not prove it answers the digest sent to its writer (None: it
        does), judged at its receipt."""
        if person is None:
            return None  # not staff: refused without an answer (decide)
        config = self.workflow.config
        reference = digest_reference_in((*msg.in_reply_to, *msg.references), config.secret,
                                        person.email, tuple(a.email for a in (*msg.to, *msg.cc)))
        problem = digest_reference_problem(reference, now=received_at,
                                           max_age=config.reference_max_age)
        if problem is not None:
            return problem
        if config.require_authentication and not authentication_passed(msg,
                                                                       config.authserv_id):
            return "authentication-results-not-pass"
        return None

    def _named_claims(self, session: Session, msg: ParsedMessage) -> dict[str, NamedClaim]:
        """The existing claims the reply's command lines name, with what the rules need."""
        orders, _bad = read_digest_orders(split_reply(msg.text).own)
        numbers = {order.number for order in orders}
        if not numbers or len(numbers) > MAX_CLAIMS:
            return {}
        handed = {order.number for order in orders if order.action == "assign"}
        rows = session.exec(select(ClaimRow).where(col(ClaimRow.number).in_(numbers))).all()
        named = {}
        for row in rows:
            assert row.id is not None
            into = session.get(ClaimRow, row.merged_into_id) if row.merged_into_id else None
            named[row.number] = NamedClaim(
                state_of(row), into.number if into else None,
                claim_file(session, self.workflow.blobs, row.id) if row.number in handed
                else ClaimFile())
        return named
