"""Group commit under SIGKILL (issue 13.2): a real `mailflow run --once` killed inside a
batch, before its commit, between its commit and its move out of the inbox, or after the
move, then run again cleanly, has stored every message once, queued and sent one
acknowledgement per claim, and left the inbox empty.

The kill points are mailflow/failpoints.py's (MAILFLOW_FAILPOINT=NAME@N: the N-th time the
process reaches NAME). Eleven customer letters and one unparsable message are read in
batches of four, so `@2` lands in the second batch; `batch-message-stored@6` after the
second message of the second batch was stored in its savepoint.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from email import message_from_bytes
from email.policy import default as default_policy
from pathlib import Path

import pytest
from sqlmodel import col, select

from mailflow.app import App
from mailflow.config import load_settings
from mailflow.failpoints import VARIABLE
from mailflow.store.tables import AttachmentRow, MessageRow, OutboxRow, QuarantineRow
from tests import corpus
from tests.integration import support
from tests.servers import Dovecot, SmtpSink, address, password

pytestmark = [pytest.mark.e2e]
LETTERS = 11
BATCH_SIZE = 4
RUN_TIMEOUT = 300
# Where each kill leaves the first run: (messages stored or quarantined, moved out of the
# inbox).
KILL_POINTS = {
    "batch-message-stored@6": (BATCH_SIZE, BATCH_SIZE),  # the second batch not committed
    "before-batch-commit@2": (BATCH_SIZE, BATCH_SIZE),  # nor here, its blobs synced
    "after-batch-commit@2": (2 * BATCH_SIZE, BATCH_SIZE),  # committed, not moved
    "after-batch-move@2": (2 * BATCH_SIZE, 2 * BATCH_SIZE),  # moved, drain not poked
}
GARBAGE = corpus.malformed("garbage") + b" batch kills"
MARK = "MAILFLOW_TEST_KILLED_RUN"


def mail() -> list[bytes]:
    """Eleven claims from eleven customers (every third with attachments), one unparsable."""
    raws = [(corpus.with_attachments if n % 3 == 0 else corpus.russian)(
        sender=f"Customer {n} <customer{n}@example.org>", message_id=f"kill.{n}@example.org",
        subject=f"Претензия {n}") for n in range(LETTERS)]
    raws.insert(5, GARBAGE)
    return raws


def write_config(folder: Path, db_url: str, dovecot: Dovecot | None,
                 sink: SmtpSink | None, parse_workers: int = 1) -> Path:
    if dovecot is None:
        mailbox = f'kind = "maildir"\npath = "{folder / "inbox"}"\n'
    else:
        mailbox = (f'kind = "imap"\nhost = "{dovecot.host}"\nport = {dovecot.imap_port}\n'
                   f'security = "none"\nusername = "{address("claims")}"\n'
                   f'password = "{password("claims")}"\nidle = false\n')
    if sink is None:
        outgoing = f'kind = "maildir"\npath = "{folder / "outbox"}"\n'
    else:
        outgoing = f'kind = "smtp"\nhost = "{sink.host}"\nport = {sink.port}\nsecurity = "none"\n'
    path = folder / "mailflow.toml"
    path.write_text(
        f'[database]\nurl = "{db_url}"\n'
        f'[mailbox]\n{mailbox}batch_size = {BATCH_SIZE}\nbatch_wait_ms = 60000\n'
        f'parse_workers = {parse_workers}\n'
        f'[outgoing]\n{outgoing}'
        f'[company]\nclaims_address = "{support.CLAIMS}"\n'
        f'[storage]\nattachments_dir = "{folder / "blobs"}"\n'
        '[security]\nsecret = "batch-kill-secret"\n', encoding="utf-8")
    return path


def run_once(config: Path, failpoint: str = "") -> int:
    """`mailflow run --once`, with the kill point `failpoint` if given; its return code.
    Its processes (parse workers too) carry MARK = the config's path in their environment."""
    environment = {key: value for key, value in os.environ.items() if key != VARIABLE}
    environment[MARK] = str(config)
    if failpoint:
        environment[VARIABLE] = failpoint
    with (config.parent / "run.log").open("ab") as log:
        process = subprocess.run(
            [sys.executable, "-m", "mailflow", "--config", str(config), "--log-level",
             "warning", "run", "--once"], stdout=subprocess.DEVNULL, stderr=log,
            env=environment, timeout=RUN_TIMEOUT, check=False)
    return process.returncode


def log_tail(config: Path) -> str:
    return (config.parent / "run.log").read_text(errors="replace")[-3000:]


def stored(app: App) -> Counter[str]:
    with app.db.transaction() as session:
        return Counter(session.exec(select(MessageRow.message_id).where(
            MessageRow.direction == "in")).all())


def acknowledgements(app: App) -> list[OutboxRow]:
    with app.db.transaction() as session:
        return list(session.exec(select(OutboxRow).where(
            col(OutboxRow.kind) == "acknowledgement")).all())


def quarantined(app: App) -> int:
    with app.db.transaction() as session:
        return len(session.exec(select(QuarantineRow)).all())


def kill_then_finish(config: Path, failpoint: str, in_inbox: Callable[[], int]) -> App:
    """The killed run, a check of where it landed, then one clean run."""
    code = run_once(config, failpoint)
    assert code == -signal.SIGKILL, f"{failpoint} not reached ({code}):\n{log_tail(config)}"
    app = App(load_settings(config))
    landed = (sum(stored(app).values()) + quarantined(app), len(mail()) - in_inbox())
    assert landed == KILL_POINTS[failpoint], failpoint
    assert run_once(config) == 0, log_tail(config)
    return app


def check_stored_once(app: App) -> None:
    """Every letter stored once with its raw bytes and attachments in the blob store, the
    unparsable one quarantined once, one acknowledgement per claim, each sent."""
    assert stored(app) == Counter({f"kill.{n}@example.org": 1 for n in range(LETTERS)})
    with app.db.transaction() as session:
        digests = [*session.exec(select(MessageRow.raw_sha256)).all(),
                   *session.exec(select(AttachmentRow.sha256)).all(),
                   *session.exec(select(QuarantineRow.raw_sha256)).all()]
    assert all(hashlib.sha256(app.blobs.get(d)).hexdigest() == d for d in digests)
    assert quarantined(app) == 1
    acks = acknowledgements(app)
    assert len(acks) == len({row.claim_id for row in acks}) == LETTERS
    assert {row.status for row in acks} == {"sent"}


def recipients(raws: list[bytes]) -> Counter[str]:
    return Counter(str(message_from_bytes(raw, policy=default_policy)["To"]) for raw in raws)


def expected_recipients() -> Counter[str]:
    return Counter({f"Customer {n} <customer{n}@example.org>": 1 for n in range(LETTERS)})


def maildir_with_mail(inbox: Path) -> Path:
    """`inbox` made a Maildir holding the test's letters, delivered as an MDA does."""
    for folder in ("tmp", "new", "cur"):
        (inbox / folder).mkdir(parents=True, exist_ok=True)
    for n, raw in enumerate(mail()):
        (inbox / "new" / f"{1700000000 + n}.M{n}P1.test").write_bytes(raw)
    return inbox


def unread(inbox: Path) -> int:
    """How many messages the Maildir still holds unprocessed."""
    return sum(len(list((inbox / folder).iterdir())) for folder in ("new", "cur"))


@pytest.mark.parametrize("failpoint", sorted(KILL_POINTS))
def test_maildir_batch_killed_loses_and_doubles_nothing(
        tmp_path: Path, db_url: str, failpoint: str) -> None:
    """A kill at `failpoint` of a Maildir batch, then a clean run: every message stored or
    quarantined once, one acknowledgement delivered per customer, the inbox empty."""
    config = write_config(tmp_path, db_url, None, None)
    support.upgrade(db_url)
    inbox = maildir_with_mail(tmp_path / "inbox")
    app = kill_then_finish(config, failpoint, lambda: unread(inbox))
    try:
        check_stored_once(app)
        assert list((inbox / "new").iterdir()) == list((inbox / "cur").iterdir()) == []
        assert len(list((inbox / ".Processed" / "new").iterdir())) == LETTERS
        assert len(list((inbox / ".Quarantine" / "new").iterdir())) == 1
        delivered = [file.read_bytes() for file in (tmp_path / "outbox" / "new").iterdir()]
        assert recipients(delivered) == expected_recipients()
    finally:
        app.db.dispose()


@pytest.mark.imap
@pytest.mark.smtp
@pytest.mark.parametrize("failpoint", ["after-batch-commit@2", "batch-message-stored@6"])
def test_imap_batch_killed_before_its_move_loses_and_doubles_nothing(
        tmp_path: Path, db_url: str, clean_dovecot: Dovecot, smtp_sink: SmtpSink,
        failpoint: str) -> None:
    """With dovecot, a batch killed before its `UID MOVE` (committed or not) is read again
    and found stored: each message once in Processed, one acknowledgement each."""
    config = write_config(tmp_path, db_url, clean_dovecot, smtp_sink)
    support.upgrade(db_url)
    raws = mail()
    clean_dovecot.append("claims", raws)
    app = kill_then_finish(config, failpoint,
                           lambda: len(clean_dovecot.messages("claims", "INBOX")))
    try:
        check_stored_once(app)
        assert clean_dovecot.messages("claims", "INBOX") == []
        assert len(clean_dovecot.messages("claims", "Processed")) == LETTERS
        assert clean_dovecot.messages("claims", "Quarantine") == [GARBAGE]
        sent = Counter(r for message in smtp_sink.received for r in message.rcpt_tos)
        assert sent == Counter({f"customer{n}@example.org": 1 for n in range(LETTERS)})
    finally:
        app.db.dispose()


def processes_of(config: Path) -> list[int]:
    """The live processes started for `config` by `run_once` (the parse workers too)."""
    mark = f"{MARK}={config}".encode()
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and mark in (entry / "environ").read_bytes().split(b"\0"):
                found.append(int(entry.name))
        except OSError:
            continue  # gone meanwhile, or not ours to read
    return found


@pytest.mark.parametrize("failpoint", ["before-batch-commit@2", "after-batch-commit@2"])
def test_a_run_with_parse_workers_killed_loses_and_doubles_nothing(
        tmp_path: Path, db_url: str, failpoint: str) -> None:
    """With two parse workers (the next batch parsed ahead), a kill inside a batch, then a
    clean run: every message stored or quarantined once, one acknowledgement each, and the
    killed run's workers gone by themselves."""
    config = write_config(tmp_path, db_url, None, None, parse_workers=2)
    support.upgrade(db_url)
    inbox = maildir_with_mail(tmp_path / "inbox")
    app = kill_then_finish(config, failpoint, lambda: unread(inbox))
    try:
        check_stored_once(app)
        assert list((inbox / "new").iterdir()) == []
        assert len(list((inbox / ".Quarantine" / "new").iterdir())) == 1
    finally:
        app.db.dispose()
    for _second in range(60):  # a worker looks for its parent once a second
        if not processes_of(config):
            break
        time.sleep(1.0)
    assert processes_of(config) == []
