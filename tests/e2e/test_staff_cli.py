"""The team's command line: assign, status, absences and handing over open claims.

The commands run in this process (tests/e2e/inprocess.py), a few seconds faster a call than
a subprocess; the first test runs its command as a real subprocess too.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests import corpus, migrated
from tests.e2e import test_cli
from tests.e2e.inprocess import mailflow
from tests.e2e.test_cli import one_line_error

pytestmark = pytest.mark.e2e

TEAM = """
[[specialists]]
name = "Анна Смирнова"
position = "ведущий специалист"
email = "anna@example.test"
categories = ["damage"]

[[specialists]]
name = "Boris Kuznetsov"
position = "claims specialist"
email = "boris@example.test"
languages = ["en", "ru"]
categories = ["delay"]
"""


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = tmp_path / "mailflow.toml"
    path.write_text(
        '[database]\nurl = "sqlite:///mailflow.sqlite3"\n[mailbox]\nkind = "maildir"\n'
        '[outgoing]\nkind = "maildir"\npath = "outbox"\n'
        '[company]\nclaims_address = "claims@example.test"\n'
        '[security]\nsecret = "cli-secret"\n' + TEAM, encoding="utf-8")
    migrated.upgrade(f"sqlite:///{tmp_path / 'mailflow.sqlite3'}")
    return path


def claims(config: Path) -> list[dict[str, object]]:
    result = mailflow(config, "claims", "list", "--format", "json")
    assert result.returncode == 0, result.stderr
    return list(json.loads(result.stdout))


def outbox_kinds(config: Path) -> list[str]:
    rows = json.loads(mailflow(config, "outbox", "list", "--format", "json").stdout)
    return [row["kind"] for row in rows]


def test_assign_hands_the_claim_over_with_a_notification(config: Path) -> None:
    """`claims assign` changes the assignee and queues the claim for the new specialist."""
    assert mailflow(config, "ingest", stdin=corpus.russian()).returncode == 0
    [claim] = claims(config)
    assert claim["assignee"] == "anna@example.test"

    result = test_cli.mailflow(config, "claims", "assign", str(claim["number"]),
                               "boris@example.test")  # as a process, as an operator runs it

    assert result.returncode == 0, result.stderr
    assert claims(config)[0]["assignee"] == "boris@example.test"
    assert outbox_kinds(config).count("specialist_new_claim") == 2


def test_status_change_tells_the_customer_and_bad_ones_are_one_line(config: Path) -> None:
    """`claims status` moves the claim and queues a note; a forbidden move is one clear line."""
    mailflow(config, "ingest", stdin=corpus.russian())
    number = str(claims(config)[0]["number"])

    moved = mailflow(config, "claims", "status", number, "in_progress", "--note", "Проверяем")
    refused = mailflow(config, "claims", "status", number, "new")
    unknown = mailflow(config, "claims", "status", number, "done")

    assert moved.returncode == 0, moved.stderr
    assert claims(config)[0]["status"] == "in_progress"
    assert "status_update" in outbox_kinds(config)
    assert refused.returncode == 1
    assert "in_progress" in one_line_error(refused)
    assert "done" in one_line_error(unknown)


def test_cli_closes_and_notes_by_the_rules_mail_commands_follow(config: Path) -> None:
    """`claims status N закрыта` on a claim in progress is refused until `claims outcome`
    records the decision, then closes it through resolved, as `#close` does (issues 9, 11);
    `claims note` records an internal note that nobody is sent."""
    mailflow(config, "ingest", stdin=corpus.russian())
    number = str(claims(config)[0]["number"])
    mailflow(config, "claims", "status", number, "in_progress")
    before = outbox_kinds(config)
    undecided = mailflow(config, "claims", "status", number, "закрыта")
    decided = mailflow(config, "claims", "outcome", number, "accepted")

    closed = mailflow(config, "claims", "status", number, "закрыта")
    noted = mailflow(config, "claims", "note", number, "Клиент звонил, всё в порядке")

    assert undecided.returncode == 1
    assert "no outcome is recorded" in one_line_error(undecided)
    assert decided.returncode == 0, decided.stderr
    assert closed.returncode == 0, closed.stderr
    assert noted.returncode == 0, noted.stderr
    shown = json.loads(mailflow(config, "claims", "show", number, "--format", "json").stdout)
    steps = [(e["detail"]["from"], e["detail"]["to"]) for e in shown["events"]
             if e["kind"] == "status"]
    assert steps[-2:] == [("in_progress", "resolved"), ("resolved", "closed")]
    assert [e["detail"]["text"] for e in shown["events"] if e["kind"] == "note"] == [
        "Клиент звонил, всё в порядке"]
    assert outbox_kinds(config).count("status_update") == before.count("status_update") + 1


def test_cli_records_the_decision_compensation_and_cause(config: Path) -> None:
    """`claims outcome|compensation|cause` record what `#outcome`, `#compensation` and
    `#cause` do, `claims show` lists them (JSON and Russian text), and a bad argument is one
    line in the user's language that changes nothing."""
    mailflow(config, "ingest", stdin=corpus.russian())
    number = str(claims(config)[0]["number"])

    steps = [mailflow(config, "claims", "outcome", number, "rejected", "--reason",
                      "нарушены условия эксплуатации"),
             mailflow(config, "claims", "compensation", number, "скидка", "1", "500", "₽"),
             mailflow(config, "claims", "cause", number, "клиент")]
    bad = mailflow(config, "claims", "compensation", number, "many",
                   env={"MAILFLOW_LANG": "ru"})

    assert [step.returncode for step in steps] == [0, 0, 0], [s.stderr for s in steps]
    assert bad.returncode == 1
    assert "вид компенсации 'many' неизвестен" in one_line_error(bad)
    shown = json.loads(mailflow(config, "claims", "show", number, "--format", "json").stdout)
    assert (shown["outcome"], shown["outcome_reason"], shown["cause"], shown["compensation"]) \
        == ("rejected", "нарушены условия эксплуатации", "customer",
            {"kind": "discount", "amount": "1500.00", "currency": "RUB"})
    text = mailflow(config, "claims", "show", number, env={"MAILFLOW_LANG": "ru"}).stdout
    assert "решение: отклонена" in text
    assert "компенсация: скидка 1500.00 RUB" in text


def test_absent_specialist_gets_no_new_claims_and_hands_over_open_ones(config: Path) -> None:
    """While Anna is away her category goes to Boris, and her open claims move in one go."""
    mailflow(config, "ingest", stdin=corpus.russian(message_id="first@example.ru"))
    today = date.today()
    away = mailflow(config, "specialists", "absent", "anna@example.test", "--from",
                    (today - timedelta(days=1)).isoformat(), "--until",
                    (today + timedelta(days=7)).isoformat())
    assert away.returncode == 0, away.stderr

    mailflow(config, "ingest", stdin=corpus.russian(message_id="second@example.ru"))
    newest, oldest = claims(config)
    assert (newest["assignee"], oldest["assignee"]) == ("boris@example.test",
                                                         "anna@example.test")

    handed = mailflow(config, "specialists", "reassign-open", "anna@example.test", "--to",
                      "boris@example.test")
    assert handed.returncode == 0, handed.stderr
    assert {c["assignee"] for c in claims(config)} == {"boris@example.test"}
    listing = mailflow(config, "specialists", "list")
    assert "anna@example.test" in listing.stdout
    assert "yes" in listing.stdout


def test_unknown_people_and_dates_are_refused(config: Path) -> None:
    """An address outside the team or a malformed date is one line, nothing changes."""
    mailflow(config, "ingest", stdin=corpus.russian())
    number = str(claims(config)[0]["number"])
    assert "nobody@example.test" in one_line_error(
        mailflow(config, "claims", "assign", number, "nobody@example.test"))
    assert "tomorrow" in one_line_error(mailflow(
        config, "specialists", "absent", "anna@example.test", "--from", "tomorrow",
        "--until", "2026-12-31"))
