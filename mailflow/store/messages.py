"""Stored messages and their attachments."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import insert
from sqlmodel import Session, col, select

from mailflow.domain.model import Address, OutgoingMail, ParsedMessage
from mailflow.store.blobs import Blobs
from mailflow.store.known import SENT, known
from mailflow.store.tables import AttachmentRow, MessageRow


def find_stored(session: Session, message_id: str, content_hash: str) -> MessageRow | None:
    """The stored copy of a message: same Message-ID and same content."""
    return session.exec(select(MessageRow).where(
        MessageRow.message_id == message_id, MessageRow.content_hash == content_hash)).first()


def _addresses(addresses: tuple[Address, ...]) -> str:
    return json.dumps([str(a) for a in addresses], ensure_ascii=False)


def store_incoming(session: Session, blobs: Blobs, claim_id: int, msg: ParsedMessage,
                   raw: bytes, *, kind: str, rules: tuple[str, ...], thread_reason: str,
                   source: str, now: datetime) -> MessageRow:
    """Save an incoming message, its raw bytes and its attachments on a claim."""
    row = MessageRow(
        claim_id=claim_id, direction="in", kind=kind, message_id=msg.message_id,
        content_hash=msg.content_hash, in_reply_to=" ".join(msg.in_reply_to),
        references=" ".join(msg.references),
        from_email=msg.from_.email if msg.from_ else "",
        from_name=msg.from_.name if msg.from_ else "",
        to_addrs=_addresses(msg.to), cc_addrs=_addresses(msg.cc), reply_to=_addresses(msg.reply_to),
        subject=msg.subject, date=msg.date, text_body=msg.text, html_body=msg.html,
        language=msg.language, raw_sha256=blobs.put(raw), raw_size=len(raw),
        thread_reason=thread_reason, rules=" ".join(rules), source=source, created_at=now)
    session.add(row)
    session.flush()
    assert row.id is not None
    for part in msg.attachments:
        session.add(AttachmentRow(
            message_row_id=row.id, filename=part.filename, content_type=part.content_type,
            size=len(part.payload), sha256=blobs.put(part.payload), inline=part.inline,
            content_id=part.content_id))
    return row


def remember_outgoing(session: Session, claim_id: int, mail: OutgoingMail) -> None:
    """Note `mail` as sent on the claim in this unit of work (`sent_on`), so that later mail
    to the same people threads under it."""
    remember_sent(session, claim_id, mail.message_id, _addresses(mail.to))


def outgoing_values(claim_id: int, mail: OutgoingMail, raw: bytes, digest: str,
                    now: datetime) -> dict[str, Any]:
    """The columns of the stored copy of a message mailflow sends, its bytes stored under
    `digest` (our own message: its identity is its bytes)."""
    return {"claim_id": claim_id, "direction": "out", "kind": mail.kind,
            "message_id": mail.message_id, "content_hash": digest,
            "in_reply_to": mail.in_reply_to or "", "references": " ".join(mail.references),
            "from_email": mail.sender.email, "from_name": mail.sender.name,
            "to_addrs": _addresses(mail.to), "cc_addrs": "[]", "reply_to": "[]",
            "subject": mail.subject, "date": now, "text_body": mail.text,
            "html_body": mail.html, "language": None, "raw_sha256": digest,
            "raw_size": len(raw), "thread_reason": "", "rules": "", "source": "",
            "created_at": now}


def insert_outgoing(session: Session, rows: Sequence[dict[str, Any]]) -> None:
    """Write stored copies (from `outgoing_values`) with one executemany, in their order."""
    if rows:
        session.execute(insert(MessageRow.__table__), list(rows))  # type: ignore[attr-defined]


def remember_sent(session: Session, claim_id: int, message_id: str, to_addrs: str) -> None:
    """Add a message to what this unit of work knows was sent on the claim (if it read that)."""
    sent: dict[int, list[tuple[str, str]]] = known(session, SENT)
    if claim_id in sent:
        sent[claim_id].append((message_id, to_addrs))


def preload_sent(session: Session, claim_ids: Sequence[int]) -> None:
    """Read what was sent on each of `claim_ids` in one query, for `sent_on`."""
    sent: dict[int, list[tuple[str, str]]] = known(session, SENT)
    wanted = [claim_id for claim_id in dict.fromkeys(claim_ids) if claim_id not in sent]
    if not wanted:
        return
    for claim_id in wanted:
        sent[claim_id] = []
    rows = session.exec(select(MessageRow.claim_id, MessageRow.message_id, MessageRow.to_addrs)
                        .where(col(MessageRow.claim_id).in_(wanted),
                               MessageRow.direction == "out")
                        .order_by(col(MessageRow.id))).all()
    for claim_id, message_id, to_addrs in rows:
        sent[claim_id].append((message_id, to_addrs))


def sent_on(session: Session, claim_id: int) -> list[tuple[str, str]]:
    """(Message-ID, To as stored) of each message mailflow sent on the claim, oldest first;
    read once per unit of work."""
    sent: dict[int, list[tuple[str, str]]] = known(session, SENT)
    if claim_id not in sent:
        sent[claim_id] = list(session.exec(
            select(MessageRow.message_id, MessageRow.to_addrs)
            .where(MessageRow.claim_id == claim_id, MessageRow.direction == "out")
            .order_by(col(MessageRow.id))).all())
    return sent[claim_id]


def attachments_by_message(session: Session, message_row_ids: Sequence[int]
                           ) -> dict[int, list[AttachmentRow]]:
    """The attachments of each of `message_row_ids` (in their order), in one query."""
    found: dict[int, list[AttachmentRow]] = {}
    if message_row_ids:
        for row in session.exec(select(AttachmentRow).where(
                col(AttachmentRow.message_row_id).in_(list(message_row_ids)))
                .order_by(col(AttachmentRow.id))):
            found.setdefault(row.message_row_id, []).append(row)
    return found


def outgoing_texts(session: Session, claim_id: int, kinds: frozenset[str]) -> list[str]:
    """The text of every message of `kinds` mailflow sent on the claim."""
    return list(session.exec(select(MessageRow.text_body).where(
        MessageRow.claim_id == claim_id, MessageRow.direction == "out",
        col(MessageRow.kind).in_(sorted(kinds)))).all())
