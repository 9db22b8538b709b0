"""Crash safety: SIGKILL the real daemon at random points of its work; nothing is lost or doubled.

Mixed customer mail waits in a real dovecot INBOX; two specialists and a manager are
configured, and the SMTP sink relays mailflow's mail into their dovecot mailboxes.
`mailflow run --once` is started again and again and SIGKILLed when the database shows it
has reached a random point of intake (messages kept) or of sending (outbox rows sent), plus a
few early kills, then one clean run finishes. The specialists then answer their
notifications (a relay, `#status waiting_customer`, `#note`, `#assign`, a bad command) and
the same kills run over those answers. At the end every message is stored once, every
acknowledgement, relay, notification and command happened exactly once, the customer saw
nothing internal, and every outbox row reached the server once, or (killed inside its
hand-over) is `unknown` and reached it at most once. The harness (soak_mail.py,
soak_kills.py, soak_audit.py) also drives bench/soak.py, the long run; MAILFLOW_CRASH_SEED
picks the kill points.
"""

from __future__ import annotations

import hashlib
import os
import random
from collections import Counter
from pathlib import Path

import pytest
from sqlmodel import col, select

from mailflow.app import App
from mailflow.config import load_settings
from mailflow.store.tables import AttachmentRow, ClaimRow, MessageRow
from tests import corpus
from tests.faults import soak_audit, soak_kills, soak_mail
from tests.servers import Dovecot, SmtpSink

pytestmark = [pytest.mark.imap, pytest.mark.smtp, pytest.mark.e2e]
CONVERSATIONS = 40
# Kills in each of the two phases (customers' mail, then the specialists' answers):
# at points of intake, at points of sending, and early ones.
INTAKE_KILLS, SENDING_KILLS, STARTUP_KILLS = 5, 4, 1
SEED = int(os.environ.get("MAILFLOW_CRASH_SEED", "20261126"))


def test_random_sigkills_lose_and_double_nothing(
        tmp_path: Path, db_url: str, clean_dovecot: Dovecot, smtp_sink: SmtpSink) -> None:
    """Kills during intake and sending, with specialists answering, lose and double nothing."""
    smtp_sink.relay_to(clean_dovecot)
    config = soak_mail.write_config(tmp_path, db_url, clean_dovecot, smtp_sink)
    soak_mail.prepare_database(config)
    probe = soak_kills.Probe(db_url)
    killer = soak_kills.Killer(config, probe, random.Random(SEED))
    try:
        raws = soak_mail.customer_mail(CONVERSATIONS)
        clean_dovecot.append("claims", raws)
        killer.phase_with_kills(len(raws), INTAKE_KILLS, SENDING_KILLS, STARTUP_KILLS)
        app = App(load_settings(config))
        made = soak_mail.answers(clean_dovecot, soak_mail.customer_claim_numbers(app))
        clean_dovecot.append("claims", [answer.raw for answer in made])
        everything = raws + [answer.raw for answer in made]
        killer.phase_with_kills(len(everything), INTAKE_KILLS, SENDING_KILLS, STARTUP_KILLS)
    finally:
        probe.close()

    print(f"\nseed {SEED}\n{soak_kills.kill_summary(killer.kills)}")
    tally = soak_audit.audit(app, everything, made, smtp_sink)
    print("\n".join(tally.lines()))
    assert tally.problems == []
    assert Counter(answer.action for answer in made) == Counter(
        {action: CONVERSATIONS // len(soak_mail.ACTIONS) for action in soak_mail.ACTIONS})
    check_kills_covered_the_work(killer.kills)
    # A kill inside a hand-over leaves that message `unknown`, never sent a second time.
    assert tally.resent == 0
    assert tally.uncertain <= sum(kill.during_sending for kill in killer.kills)
    check_claims_and_attachments(app)
    assert clean_dovecot.messages("claims", "INBOX") == []
    moved = clean_dovecot.messages("claims", "Processed") + clean_dovecot.messages(
        "claims", "Quarantine")
    assert len(moved) == len(everything)


def check_kills_covered_the_work(kills: list[soak_kills.Kill]) -> None:
    """The kills landed in intake and in sending, not only in start-up."""
    landed = Counter(kill.phase for kill in kills)
    assert landed["intake"] >= INTAKE_KILLS, landed
    assert landed["sending"] >= SENDING_KILLS, landed


def check_claims_and_attachments(app: App) -> None:
    """One claim per customer conversation, each message on its own customer's claim,
    every attachment stored intact."""
    with app.db.transaction() as session:
        names = session.exec(select(ClaimRow.customer_name).where(
            ClaimRow.origin == "customer")).all()
        rows = session.exec(select(MessageRow.message_id, ClaimRow.customer_name).join(
            ClaimRow, col(ClaimRow.id) == MessageRow.claim_id)).all()
        attachments = session.exec(select(AttachmentRow)).all()
    assert sorted(names) == sorted(f"Customer {n}" for n in range(CONVERSATIONS))
    for message_id, name in rows:
        if message_id.startswith(("crash-open.", "crash-reply.")):
            assert name == f"Customer {message_id.split('.')[1].split('@')[0]}", message_id
    expected = {hashlib.sha256(data).hexdigest() for data in corpus.ATTACHMENTS.values()}
    assert len(attachments) == len(corpus.ATTACHMENTS) * soak_mail.with_attachments_count(
        CONVERSATIONS)
    for row in attachments:
        assert row.sha256 in expected
        assert hashlib.sha256(app.blobs.get(row.sha256)).hexdigest() == row.sha256
