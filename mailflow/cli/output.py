"""Turning claims, messages and quarantine entries into tables and JSON."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from mailflow.decide.completeness import DEFAULT_REQUIRED, missing_fields
from mailflow.decide.resolution import compensation_json
from mailflow.extract.model import FieldName, FoundField
from mailflow.store.fields import current_fields
from mailflow.store.messages import attachments_by_message
from mailflow.store.tables import (
    AttachmentRow,
    ClaimRow,
    EventRow,
    MessageRow,
    OutboxRow,
    QuarantineRow,
)
from mailflow.workflow.apply import resolution_of


def iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def claim_summary(claim: ClaimRow) -> dict[str, Any]:
    return {"number": claim.number, "status": claim.status, "customer": claim.customer_email,
            "customer_name": claim.customer_name, "subject": claim.subject,
            "language": claim.language, "origin": claim.origin,
            "assignee": claim.assignee_email, "category": claim.category,
            "priority": claim.priority, "created_at": iso(claim.created_at),
            "updated_at": iso(claim.updated_at),
            "first_response_at": iso(claim.first_response_at),
            "resolved_at": iso(claim.resolved_at),
            "deadlines": {"first_response": iso(claim.first_response_due),
                          "hard_limit": iso(claim.hard_limit_due),
                          "resolution": iso(claim.resolution_due),
                          "paused_since": iso(claim.paused_at)},
            "overdue": claim.overdue, **resolution_detail(claim)}


def resolution_detail(claim: ClaimRow) -> dict[str, Any]:
    """How the claim ended and what the customer thought of it (amount as "1500.00")."""
    return {"outcome": claim.outcome, "outcome_reason": claim.outcome_reason,
            "cause": claim.cause,
            "compensation": compensation_json(resolution_of(claim).compensation),
            "rating": claim.rating, "rating_comment": claim.rating_comment,
            "rated_at": iso(claim.rated_at)}


def claim_detail(session: Session, claim: ClaimRow,
                 required: Mapping[str, Sequence[FieldName]] = DEFAULT_REQUIRED
                 ) -> dict[str, Any]:
    """The claim with its whole timeline, as `mailflow claims show` prints it."""
    messages = session.exec(select(MessageRow).where(MessageRow.claim_id == claim.id)
                            .order_by(col(MessageRow.id))).all()
    events = session.exec(select(EventRow).where(EventRow.claim_id == claim.id)
                          .order_by(col(EventRow.id))).all()
    return {**claim_facts(session, claim, required),
            "messages": messages_detail(session, messages),
            "events": [event_detail(e) for e in events]}


def claim_facts(session: Session, claim: ClaimRow,
                required: Mapping[str, Sequence[FieldName]] = DEFAULT_REQUIRED
                ) -> dict[str, Any]:
    """The claim's detail without its timeline: summary, links, fields and what is missing."""
    related = session.get(ClaimRow, claim.related_claim_id) if claim.related_claim_id else None
    merged_into = session.get(ClaimRow, claim.merged_into_id) if claim.merged_into_id else None
    assert claim.id is not None
    fields = current_fields(session, claim.id)
    missing = missing_fields(claim.category, (f.name for f in fields), required)
    return {**claim_summary(claim), "related_claim": related.number if related else None,
            "category_confidence": claim.category_confidence,
            "merged_into": merged_into.number if merged_into else None,
            "fields": [field_detail(f) for f in fields],
            "missing": [name.value for name in missing]}


def field_detail(found: FoundField) -> dict[str, Any]:
    return {"name": found.name.value, "value": found.value, "source": found.source.value,
            "attachment": found.attachment, "span": [found.start, found.end],
            "confidence": found.confidence, "rule": found.rule, "item": found.item}


def messages_detail(session: Session, messages: Sequence[MessageRow]) -> list[dict[str, Any]]:
    """`messages` with their attachments (read in one query)."""
    files = attachments_by_message(session, [m.id for m in messages if m.id is not None])
    return [message_detail(m, files.get(m.id or 0, [])) for m in messages]


def message_detail(message: MessageRow, attachments: Sequence[AttachmentRow]
                   ) -> dict[str, Any]:
    return {"direction": message.direction, "kind": message.kind,
            "message_id": message.message_id, "from": message.from_email,
            "to": json.loads(message.to_addrs), "subject": message.subject,
            "date": iso(message.date), "thread_reason": message.thread_reason,
            "rules": message.rules.split(), "text": message.text_body,
            "raw_sha256": message.raw_sha256, "raw_size": message.raw_size,
            "attachments": [{"id": a.id, "filename": a.filename,
                             "content_type": a.content_type,
                             "size": a.size, "sha256": a.sha256, "inline": a.inline}
                            for a in attachments]}


def event_detail(event: EventRow) -> dict[str, Any]:
    return {"at": iso(event.at), "kind": event.kind, "actor": event.actor,
            "detail": json.loads(event.detail)}


def quarantine_detail(entry: QuarantineRow) -> dict[str, Any]:
    return {"id": entry.id, "status": entry.status, "reason": entry.reason,
            "from": entry.sender, "subject": entry.subject, "size": entry.raw_size,
            "sha256": entry.raw_sha256, "source": entry.source,
            "created_at": iso(entry.created_at)}


def outbox_detail(row: OutboxRow) -> dict[str, Any]:
    return {"id": row.id, "kind": row.kind, "status": row.status,
            "to": json.loads(row.recipients), "message_id": row.message_id,
            "attempts": row.attempts, "next_attempt_at": iso(row.next_attempt_at),
            "last_error": row.last_error, "sent_at": iso(row.sent_at)}


def to_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)


def table(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> str:
    """A plain aligned text table of the chosen columns."""
    cells = [[_cell(row.get(column)) for column in columns] for row in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    lines = ["  ".join(c.upper().ljust(w) for c, w in zip(columns, widths, strict=True))]
    lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)) for r in cells]
    return "\n".join(line.rstrip() for line in lines)


def _cell(value: Any) -> str:
    text = "" if value is None else str(value)
    text = " ".join(text.split())
    return text if len(text) <= 60 else text[:57] + "..."
