"""A new claim nobody can take is brought to the managers at once, in their language."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from email import message_from_bytes
from email.policy import default as default_policy
from pathlib import Path

from sqlmodel import select

from mailflow.store.tables import ClaimRow, OutboxRow
from tests import corpus
from tests.integration import support

NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)


def team(away: bool) -> dict[str, object]:
    absences = [{"start": date(2026, 11, 20), "end": date(2026, 12, 4)}] if away else []
    return {
        "specialists": [{"name": "Анна", "email": "anna@example.test", "absences": absences}],
        "managers": [{"name": "Мария Кузнецова", "email": "maria@example.test"},
                     {"name": "John Boss", "email": "john@example.test", "language": "en"}],
    }


def test_managers_hear_at_once_when_every_specialist_is_away(tmp_path: Path,
                                                             db_url: str) -> None:
    """With the only specialist away, each manager gets an "unassigned" mail in their language."""
    app = support.app(tmp_path, db_url, **team(away=True))
    app.pipeline.process(corpus.russian(), "test", NOW)

    with app.db.transaction() as session:
        claim = session.exec(select(ClaimRow)).one()
        mails = [r for r in session.exec(select(OutboxRow)).all()
                 if r.kind == "unassigned_claim"]
    assert claim.assignee_email is None
    assert {json.loads(r.recipients)[0] for r in mails} == {"maria@example.test",
                                                          "john@example.test"}
    by_person = {json.loads(r.recipients)[0]: message_from_bytes(r.raw, policy=default_policy)
                 for r in mails}
    russian = by_person["maria@example.test"].get_body(("plain",))
    english = by_person["john@example.test"].get_body(("plain",))
    assert russian is not None
    assert english is not None
    assert "все специалисты отсутствуют" in russian.get_content()
    assert "every specialist is away" in english.get_content()
    assert "#assign" in english.get_content()
    assert by_person["maria@example.test"]["Reply-To"].addresses[0].username.startswith(
        f"claims+{claim.number}.")


def test_no_unassigned_mail_when_someone_takes_the_claim(tmp_path: Path, db_url: str) -> None:
    """When a specialist is available the managers are not bothered."""
    app = support.app(tmp_path, db_url, **team(away=False))
    app.pipeline.process(corpus.russian(), "test", NOW + timedelta(minutes=1))
    with app.db.transaction() as session:
        kinds = {r.kind for r in session.exec(select(OutboxRow)).all()}
    assert "unassigned_claim" not in kinds
    assert "specialist_new_claim" in kinds
