"""Changes to one claim from two ways in at the same moment are applied one after the other
(issue 15.4: a web action and a customer's letter serialise on the claim)."""

from __future__ import annotations

import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from mailflow.domain.model import ClaimStatus
from mailflow.pipeline import Outcome
from mailflow.store.claims import get_claim, lock_claim
from tests.integration import support
from tests.integration.test_statement_counts import NOW, TEAM, letter
from tests.servers import address

pytestmark = pytest.mark.postgres


def test_a_letter_waits_for_a_change_holding_its_claim_and_sees_its_result(
        tmp_path: Path, pg_url: str) -> None:
    """While a staff change holds the claim (status set to waiting for the customer), the
    customer's answer waits; it then resumes the claim from the new state, instead of
    overwriting it from the state it read before (a lost update)."""
    app = support.app(tmp_path, pg_url, specialists=TEAM,
                      managers=[{"name": "Мария", "email": address("manager")}])
    first = app.pipeline.process(letter("first@example.test"), "test", NOW)
    assert first.claim_number is not None
    answered: list[Outcome] = []
    answer = threading.Thread(target=lambda: answered.append(app.pipeline.process(
        letter("answer@example.test", references=("<first@example.test>",)), "test",
        NOW + timedelta(minutes=5))))
    with app.db.transaction() as session:
        found = get_claim(session, first.claim_number)
        assert found is not None
        assert found.id is not None
        claim = lock_claim(session, found.id)
        assert claim is not None
        app.workflow.set_status(session, claim, ClaimStatus.WAITING_CUSTOMER,
                                NOW + timedelta(minutes=1), actor="web", why="asked for photos")
        answer.start()
        _wait_until_blocked_on_a_lock(app.db.engine)
    answer.join(timeout=60)

    assert answered
    assert answered[0].status == "stored"
    with app.db.transaction() as session:
        final = get_claim(session, first.claim_number)
        assert final is not None
        assert final.status == ClaimStatus.IN_PROGRESS.value


def _wait_until_blocked_on_a_lock(engine: object, limit: float = 30.0) -> None:
    """Return once another session of the test database waits on a row lock."""
    from sqlalchemy.engine import Engine

    assert isinstance(engine, Engine)
    deadline = time.monotonic() + limit
    query = text("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                 "AND wait_event_type = 'Lock'")
    while time.monotonic() < deadline:
        with engine.connect() as connection:
            if connection.execute(query).scalar_one() > 0:
                return
        time.sleep(0.05)
    raise AssertionError("the letter never waited for the claim's lock")
