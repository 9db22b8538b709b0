"""Carry out many simple plans together: the deadline watch's reminders, escalations,
chasers and auto-closes for a page of claims.

The effects are those `Applier.apply` carries out (the same rows, events and mail), written
with a few statements for the whole batch instead of a savepoint and flushes per plan: the
notice keys, the queued mail, its stored copies and the events each in one executemany,
the copies' bytes synced as one group (`send.queue.queue_mail_many`, which queues single
mail too), the claim rows in one flush; the mail is still rendered and composed one by one.
A plan with any other effect, or whose notice key another transaction holds, is left to the
caller to apply alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import delete
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, col

from mailflow.decide.effects import MailQueued, NoticeClaimed, Recorded, StatusChanged
from mailflow.decide.state import Plan
from mailflow.errors import StorageUnavailable
from mailflow.send.queue import ClaimMail, claim_mail, queue_mail_many
from mailflow.store.claims import event_values, insert_events
from mailflow.store.deadlines import claim_notices
from mailflow.store.messages import preload_sent, remember_outgoing
from mailflow.store.tables import ClaimRow, NoticeRow
from mailflow.workflow.apply import Applier, event_of, queued_event, write_state

BATCHED = (NoticeClaimed, MailQueued, Recorded, StatusChanged)
NoticeKey = tuple[int, str, str, datetime]  # claim id, key, kind, due at


@dataclass
class Written:
    """What the batch writes after carrying out its plans: events and mail, in order."""

    events: list[dict[str, Any]] = field(default_factory=list)
    mail: list[ClaimMail] = field(default_factory=list)


@dataclass
class Batch:
    """The indexes of the plans carried out, and of those left to apply one by one."""

    done: list[int] = field(default_factory=list)
    left: list[int] = field(default_factory=list)


def batchable(plan: Plan) -> bool:
    """Whether every effect of `plan` is one the batch writes."""
    return all(isinstance(effect, BATCHED) for effect in plan.effects)


class BatchApplier:
    """Carries out a batch of simple plans with the effects of `Applier.apply`."""

    def __init__(self, applier: Applier) -> None:
        self.applier = applier

    def apply(self, session: Session, plans: Sequence[tuple[ClaimRow, Plan]],
              now: datetime) -> Batch:
        """Carry out `plans` (claim, plan) in `session`; which were done and which are left."""
        batch = self._claim(session, plans, now)
        preload_sent(session, [_id(plans[i][0]) for i in batch.done])
        written = Written()
        for index in batch.done:
            claim, plan = plans[index]
            self._carry_out(session, claim, plan, now, written)
        insert_events(session, written.events)
        queue_mail_many(session, self.applier.mailer.blobs, written.mail, now)
        session.flush()
        return batch

    def _claim(self, session: Session, plans: Sequence[tuple[ClaimRow, Plan]],
               now: datetime) -> Batch:
        """Claim the notice keys of the batchable plans in one statement; a plan with a key
        held elsewhere gives back the keys it did get and is left."""
        batch = Batch(left=[i for i, (_, plan) in enumerate(plans) if not batchable(plan)])
        wanted = {i: _notice_keys(claim, plan) for i, (claim, plan) in enumerate(plans)
                  if batchable(plan)}
        held = claim_notices(session, [key for keys in wanted.values() for key in keys], now)
        given_back: list[str] = []
        for index, keys in wanted.items():
            mine = [key for _, key, _, _ in keys]
            if all(key in held for key in mine):
                batch.done.append(index)
            else:
                batch.left.append(index)
                given_back += [key for key in mine if key in held]
        if given_back:
            session.execute(delete(NoticeRow).where(col(NoticeRow.key).in_(given_back)))
        batch.left.sort()
        return batch

    def _carry_out(self, session: Session, claim: ClaimRow, plan: Plan, now: datetime,
                   written: Written) -> None:
        """The claim's new state for one plan; its events and mail added to `written`."""
        for effect in plan.effects:
            if isinstance(effect, MailQueued):
                self._compose(session, claim, effect, now, written)
            elif not isinstance(effect, NoticeClaimed):
                kind, detail = event_of(effect)
                written.events.append(event_values(_id(claim), now, kind, detail, plan.actor))
        write_state(claim, plan.state)
        if plan.effects:
            claim.updated_at = now
        session.add(claim)

    def _compose(self, session: Session, claim: ClaimRow, effect: MailQueued, now: datetime,
                 written: Written) -> None:
        """The mail of `effect` composed into `written` (and noted as sent on the claim, for
        the threading of later mail in the batch), or its failure recorded."""
        assert claim.id is not None
        try:
            mail = self.applier.mailer.outgoing(session, claim, effect, now)
            composed = claim_mail(mail, claim_id=claim.id, dedup_key=effect.dedup_key, now=now)
        except (OperationalError, StorageUnavailable):
            raise
        except Exception as error:
            self.applier.mail_failed(session, claim, effect, error, now)
            return
        remember_outgoing(session, claim.id, mail)
        kind, detail = queued_event(effect, mail.message_id)
        written.events.append(event_values(claim.id, now, kind, detail))
        written.mail.append(composed)


def _id(claim: ClaimRow) -> int:
    assert claim.id is not None
    return claim.id


def _notice_keys(claim: ClaimRow, plan: Plan) -> list[NoticeKey]:
    return [(_id(claim), e.key, e.kind, e.due_at) for e in plan.effects
            if isinstance(e, NoticeClaimed)]
