"""Rate limits counted in the database, so that every web process counts the same hits."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, func
from sqlmodel import Session, col, select

from mailflow.store.tables import WebHitRow

WINDOW = timedelta(hours=1)


def allow(session: Session, bucket: str, limit: int, now: datetime) -> bool:
    """Count one hit on `bucket`; False when it already had `limit` in the last hour."""
    since = now - WINDOW
    hits = session.exec(select(func.count()).select_from(WebHitRow)
                        .where(WebHitRow.bucket == bucket[:400],
                               col(WebHitRow.at) > since)).one()
    if hits >= limit:
        return False
    session.add(WebHitRow(bucket=bucket[:400], at=now))
    return True


def forget_old(session: Session, now: datetime) -> None:
    """Drop hits older than the window (they no longer count); run on each login request,
    so the table keeps about an hour of hits."""
    session.exec(delete(WebHitRow).where(col(WebHitRow.at) < now - WINDOW))
