"""Bounded reads: claims and outbox listed a page at a time, overdue filtered in SQL, and the
deadline watch reading open claims page by page (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.exc import InvalidRequestError
from sqlalchemy.orm.exc import DetachedInstanceError
from typer.testing import CliRunner

from mailflow.cli.main import app as cli
from mailflow.store import outbox
from mailflow.store.claim_list import claims_page
from mailflow.store.database import Database
from mailflow.store.deadlines import open_claim_pages, taken_notice_keys
from mailflow.store.tables import ClaimRow, NoticeRow
from mailflow.workflow.overdue import is_late

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)


def claim(n: int, status: str = "in_progress", *, first: timedelta | None = -HOUR,
          resolution: timedelta = 10 * HOUR, answered: bool = False,
          paused: timedelta | None = None) -> ClaimRow:
    """Claim n with deadlines relative to NOW (None: no clock), answered or paused."""
    due = None if first is None else NOW + first
    return ClaimRow(number=f"CLM-2026-{n:06d}", status=status, customer_email=f"c{n}@example.org",
                    language="en", created_at=NOW - 48 * HOUR, updated_at=NOW,
                    first_response_due=due, hard_limit_due=due and due + 2 * HOUR,
                    resolution_due=due and NOW + resolution,
                    first_response_at=NOW - 30 * HOUR if answered else None,
                    paused_at=None if paused is None else NOW + paused)


def cases() -> list[ClaimRow]:
    """Every branch of `is_late`: finished, no clock, answered or not, paused before or
    after a deadline passed, resolution passed."""
    return [
        claim(1), claim(2, first=HOUR), claim(3, answered=True),
        claim(4, answered=True, resolution=-HOUR), claim(5, "resolved"), claim(6, "closed"),
        claim(7, first=None), claim(8, "waiting_customer", paused=-2 * HOUR),
        claim(9, "waiting_customer", paused=-HOUR / 2), claim(10, "new", first=-5 * HOUR),
        claim(11, "waiting_customer", answered=True, resolution=-HOUR, paused=-2 * HOUR),
        claim(12, "waiting_customer", answered=True, resolution=-HOUR, paused=-HOUR / 2),
    ]


def add(db: Database, claims: list[ClaimRow]) -> None:
    with db.transaction() as session:
        session.add_all(claims)


def test_the_overdue_filter_in_sql_is_is_late(db: Database) -> None:
    """`claims_page(late=now)` selects exactly the claims `is_late` calls late, paused
    claims judged when their clock stopped."""
    add(db, cases())
    with db.transaction() as session:
        selected = {c.number for c in claims_page(session, late=NOW, limit=100)}
    expected = {c.number for c in cases() if is_late(c, NOW)}
    assert selected == expected
    assert expected == {"CLM-2026-000001", "CLM-2026-000004", "CLM-2026-000009",
                        "CLM-2026-000010", "CLM-2026-000012"}


def test_claims_page_walks_newest_first_without_gaps(db: Database) -> None:
    """Pages of 5 with `before_id` cover every claim once, newest first."""
    add(db, [claim(n) for n in range(1, 13)])
    seen: list[str] = []
    before: int | None = None
    with db.transaction() as session:
        while page := claims_page(session, limit=5, before_id=before):
            seen += [c.number for c in page]
            before = page[-1].id
    assert seen == [f"CLM-2026-{n:06d}" for n in range(12, 0, -1)]


def test_open_claim_pages_read_only_clock_columns(db: Database) -> None:
    """The deadline watch's pages hold every unfinished claim with a clock once, by id,
    with only the clock's columns loaded."""
    add(db, cases())
    pages = list(open_claim_pages(db, page=3))
    numbers = [c.number for page in pages for c in page]
    assert max(len(page) for page in pages) == 3
    assert numbers == [c.number for c in cases()
                       if c.status not in ("resolved", "closed") and c.first_response_due]
    with pytest.raises(DetachedInstanceError):
        _ = pages[0][0].subject  # not loaded, and the row is detached


def test_taken_notice_keys_are_found_per_page(db: Database) -> None:
    """Only the asked keys that a notice holds come back."""
    add(db, [claim(1)])
    with db.transaction() as session:
        (first,) = claims_page(session)
        session.add(NoticeRow(key="reminder:a", claim_id=first.id, kind="reminder", due_at=NOW,
                              created_at=NOW))
    assert taken_notice_keys(db, ["reminder:a", "reminder:b"]) == {"reminder:a"}
    assert taken_notice_keys(db, []) == set()


def queue(db: Database, count: int) -> None:
    with db.transaction() as session:
        for n in range(count):
            outbox.enqueue(session, dedup_key=f"k{n}", claim_id=None, kind="acknowledgement",
                           sender="claims@example.test", recipients=[f"c{n}@example.org"],
                           message_id=f"m{n}@example.test", raw=b"x" * 10_000, now=NOW)


def test_outbox_page_leaves_the_raw_bytes_in_the_database(db: Database) -> None:
    """A page of the outbox is newest first and never loads the raw message."""
    queue(db, 4)
    with db.transaction() as session:
        rows = outbox.page(session, limit=3)
        with pytest.raises(InvalidRequestError):
            _ = rows[0].raw
        older = outbox.page(session, limit=3, before_id=rows[-1].id)
    assert [r.message_id for r in rows] == ["m3@example.test", "m2@example.test",
                                            "m1@example.test"]
    assert [r.message_id for r in older] == ["m0@example.test"]


def run_cli(tmp_path: Path, db_url: str, *args: str) -> tuple[list[dict[str, Any]], str]:
    config = tmp_path / "cli.toml"
    config.write_text(f'[database]\nurl = "{db_url}"\n[security]\nsecret = "s"\n'
                      f'[storage]\nattachments_dir = "{tmp_path / "blobs"}"\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["--config", str(config), *args, "--format", "json"],
                                env={"MAILFLOW_LANG": "en"})
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout), result.stderr


def test_cli_pages_claims_and_outbox_and_names_the_next_page(tmp_path: Path, db: Database,
                                                             db_url: str) -> None:
    """`--limit` bounds both lists; a full page says which `--before` shows the older rows,
    and following it reaches the rest."""
    add(db, [claim(n) for n in range(1, 6)])
    queue(db, 3)
    first, hint = run_cli(tmp_path, db_url, "claims", "list", "--limit", "3")
    assert [c["number"] for c in first] == [f"CLM-2026-{n:06d}" for n in (5, 4, 3)]
    assert "--before CLM-2026-000003" in hint
    rest, hint = run_cli(tmp_path, db_url, "claims", "list", "--before", "CLM-2026-000003")
    assert [c["number"] for c in rest] == ["CLM-2026-000002", "CLM-2026-000001"]
    assert hint == ""
    mail, hint = run_cli(tmp_path, db_url, "outbox", "list", "--limit", "2")
    assert len(mail) == 2
    assert f"--before {mail[-1]['id']}" in hint
