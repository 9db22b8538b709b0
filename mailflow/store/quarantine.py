"""Quarantine: messages kept whole with the reason they could not be processed."""

from __future__ import annotations

import hashlib
from datetime import datetime

from sqlmodel import Session, col, select

from mailflow.store.blobs import Blobs
from mailflow.store.tables import QuarantineRow


def hold(session: Session, blobs: Blobs, raw: bytes, reason: str, source: str,
         sender: str, subject: str, now: datetime) -> QuarantineRow:
    """Keep `raw` with `reason`; the same bytes quarantined again stay one entry."""
    digest = hashlib.sha256(raw).hexdigest()
    existing = session.exec(select(QuarantineRow).where(QuarantineRow.raw_sha256 == digest)).first()
    if existing is not None:
        return existing
    blobs.put(raw)
    row = QuarantineRow(raw_sha256=digest, raw_size=len(raw), reason=reason[:2000],
                        source=source, sender=sender[:998], subject=subject[:500], created_at=now)
    session.add(row)
    return row


def listing(session: Session, include_resolved: bool = False) -> list[QuarantineRow]:
    query = select(QuarantineRow).order_by(col(QuarantineRow.id))
    if not include_resolved:
        query = query.where(QuarantineRow.status == "held")
    return list(session.exec(query).all())


def get(session: Session, entry_id: int) -> QuarantineRow | None:
    return session.get(QuarantineRow, entry_id)
