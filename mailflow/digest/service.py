"""The digest as a job: who gets it, when it is due, and queuing it once per period.

Exactly once across daemons: each kind of digest (day, week, month) is a row in
`job_runs` whose `period_start` holds the moment its latest digest was due. A daemon claims
the latest due moment with the same compare-and-set UPDATE as the deadline pass, builds the
digest and queues it in the outbox in that one transaction: a crash before the commit
leaves the period unclaimed (the next check retries), after it the outbox sends the mail
(leased, retried, once per dedup key). A daemon that was down at the due moment claims it
when it is back and marks the digest late; digests missed by more than one period are
not sent one by one, only the latest.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta, tzinfo

from sqlmodel import Session

from mailflow.digest.charts import Chart, draw_charts
from mailflow.digest.figures import DigestInputs, build_figures
from mailflow.digest.model import DigestFigures
from mailflow.digest.period import Period, PeriodKind, latest_due, send_moment
from mailflow.digest.render import RenderedDigest, render_digest
from mailflow.domain.model import Address, AttachmentPart, OutgoingMail
from mailflow.domain.references import (
    digest_period,
    digest_reply_address,
    make_digest_message_id,
)
from mailflow.domain.resolution import DEFAULT_CAUSE_LABELS
from mailflow.send.compose import compose, envelope_recipients
from mailflow.send.render import TemplateRenderer
from mailflow.store import job_runs, outbox
from mailflow.store.database import Database

log = logging.getLogger(__name__)
LEASE = timedelta(minutes=10)
HEADERS = (("Auto-Submitted", "auto-generated"), ("X-Auto-Response-Suppress", "All"),
           ("X-Mailflow-Digest", "1"))


@dataclass(frozen=True)
class Recipient:
    address: Address
    language: str


@dataclass(frozen=True)
class DigestConfig:
    sender: Address
    company_name: str
    timezone: tzinfo
    at: time
    kinds: tuple[PeriodKind, ...]
    recipients: tuple[Recipient, ...]
    late_after: timedelta
    secret: bytes = b""  # keys each copy's reference, which a manager's reply must carry
    causes: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_CAUSE_LABELS))


class Digests:
    """Builds, renders and queues digests."""

    def __init__(self, db: Database, config: DigestConfig, inputs: DigestInputs,
                 renderer: TemplateRenderer) -> None:
        self.db, self.config, self.inputs, self.renderer = db, config, inputs, renderer

    def figures(self, session: Session, period: Period, now: datetime) -> DigestFigures:
        return build_figures(session, period, now, self.inputs)

    def render(self, figures: DigestFigures, language: str,
               late_since: datetime | None = None,
               images: tuple[Chart, ...] | None = None) -> RenderedDigest:
        return render_digest(self.renderer, figures, language, self.config.company_name,
                             late_since, images, self.config.causes)

    def run_due(self, now: datetime, holder: str) -> list[Period]:
        """Queue every digest due at `now` that no daemon queued yet; returns their periods."""
        sent = []
        for kind in self.config.kinds:
            period = latest_due(kind, now, self.config.at, self.config.timezone)
            due = send_moment(period, self.config.at)
            with self.db.transaction() as session:
                if not job_runs.claim(session, f"digest-{kind.value}", due, holder, now, LEASE):
                    continue
                late = due.astimezone(self.config.timezone) if (
                    now - due > self.config.late_after) else None
                self.queue(session, period, now, late_since=late)
                job_runs.finish(session, f"digest-{kind.value}", holder, now)
            log.info("digest of %s (%s) queued%s", period.first, kind.value,
                     ", late" if late else "")
            sent.append(period)
        return sent

    def queue(self, session: Session, period: Period, now: datetime, *,
              late_since: datetime | None = None, again: bool = False) -> int:
        """Queue the digest of `period` to every recipient in `session`; returns how many
        were queued (one per recipient and period; `again` sends a fresh copy)."""
        figures = self.figures(session, period, now)
        images = draw_charts(figures)  # one drawing for every language
        by_language: dict[str, RenderedDigest] = {}
        queued = 0
        for recipient in self.config.recipients:
            rendered = by_language.get(recipient.language)
            if rendered is None:
                rendered = self.render(figures, recipient.language, late_since, images)
                by_language[recipient.language] = rendered
            key = f"digest:{period.kind.value}:{period.first}:{recipient.address.email}"
            if again:
                key += f":{now.isoformat()}"
            queued += self._enqueue(session, rendered, recipient.address, key, now,
                                    reference=digest_period(period.kind.value, period.first))
        return queued

    def _enqueue(self, session: Session, rendered: RenderedDigest, to: Address, key: str,
                 now: datetime, *, reference: str) -> bool:
        domain = self.config.sender.email.rpartition("@")[2]
        message_id = make_digest_message_id(reference, self.config.secret, to.email, now,
                                            secrets.token_hex(3), domain)
        mail = OutgoingMail(kind="digest", sender=self.config.sender, to=(to,),
                            subject=rendered.subject, text=rendered.text, html=rendered.html,
                            message_id=message_id, reply_to=Address(digest_reply_address(
                                self.config.sender.email, reference, self.config.secret,
                                to.email, now), self.config.sender.name),
                            headers=HEADERS)
        raw = compose(mail, now, related=inline_parts(rendered))
        return outbox.enqueue(session, dedup_key=key, claim_id=None, kind="digest",
                              sender=mail.sender.email, recipients=envelope_recipients(mail),
                              message_id=mail.message_id, raw=raw, now=now)


def inline_parts(rendered: RenderedDigest) -> Sequence[AttachmentPart]:
    return [AttachmentPart(filename=chart.filename, content_type="image/png",
                           payload=chart.png, inline=True, content_id=chart.cid)
            for chart in rendered.charts]
