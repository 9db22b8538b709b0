"""Crash soak: `python bench/soak.py [--conversations N] [--kills K] [--database sqlite|postgres]`.

The longer variant of tests/faults/test_crash_safety.py: loads mixed mail into a private
dovecot, SIGKILLs `mailflow run --once` K times at random moments, finishes with one clean
run, and prints messages injected, crashes injected, and the counts lost and doubled.
"""

from __future__ import annotations

import argparse
import random
import secrets
import sys
import tempfile
from collections import Counter
from email import message_from_bytes
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlmodel import select  # noqa: E402

from mailflow.app import App  # noqa: E402
from mailflow.config import load_settings  # noqa: E402
from mailflow.store.tables import MessageRow, OutboxRow  # noqa: E402
from tests.faults import test_crash_safety as harness  # noqa: E402
from tests.integration.support import cli_upgrade  # noqa: E402
from tests.servers import Dovecot, SmtpSink, dovecot_binary  # noqa: E402

PG = "postgresql://postgres@127.0.0.1:5432/test"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--conversations", type=int, default=300)
    parser.add_argument("--kills", type=int, default=40)
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    harness.CONVERSATIONS = args.conversations
    binary = dovecot_binary()
    if binary is None:
        sys.exit("dovecot is not installed: run `bash scripts/test.sh` once first")
    server, sink = Dovecot(), SmtpSink()
    server.start(binary)
    sink.start()
    try:
        with tempfile.TemporaryDirectory() as folder:
            soak(Path(folder), server, sink, args)
    finally:
        sink.stop()
        server.stop()


def soak(folder: Path, server: Dovecot, sink: SmtpSink, args: argparse.Namespace) -> None:
    url, drop = database(folder, args.database)
    try:
        raws = harness.mailbox()
        server.append("claims", raws)
        config = harness.write_config(folder, url, server, sink)
        cli_upgrade(config)
        chance = random.Random(args.seed)
        for _ in range(args.kills):
            harness.run_and_kill(config, chance.uniform(0.3, 3.0))
        harness.run_and_kill(config, None)
        report(App(load_settings(config)), raws, sink, args.kills)
    finally:
        drop()


def database(folder: Path, kind: str) -> tuple[str, object]:
    if kind == "sqlite":
        return f"sqlite:///{folder / 'soak.sqlite3'}", lambda: None
    name = f"mf_soak_{secrets.token_hex(4)}"
    admin = psycopg.connect(PG, autocommit=True)
    admin.execute(f'CREATE DATABASE "{name}"')
    return (f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}",
            lambda: admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)'))


def report(app: App, raws: list[bytes], sink: SmtpSink, kills: int) -> None:
    expected = {message_from_bytes(r)["Message-ID"].strip("<>") for r in raws
                if not r.startswith(b"this is not")}
    with app.db.transaction() as session:
        stored = Counter(session.exec(select(MessageRow.message_id).where(
            MessageRow.direction == "in")).all())
        outbox = session.exec(select(OutboxRow)).all()
    acks = Counter((message_from_bytes(m.content)["To"], message_from_bytes(m.content)[
        "Message-ID"]) for m in sink.received)
    print(f"messages injected: {len(raws)}; crashes injected: {kills}")
    print(f"lost: {len(expected - set(stored))}; stored twice: "
          f"{sum(1 for c in stored.values() if c > 1)}; outbox rows not sent: "
          f"{sum(1 for r in outbox if r.status != 'sent')}")
    print(f"acknowledgements: {len(acks)} distinct for {harness.CONVERSATIONS} claims; "
          f"re-sent copies (same Message-ID): {sum(acks.values()) - len(acks)}")


if __name__ == "__main__":
    main()
