"""Crash soak: `python bench/soak.py [--conversations N] [--intake-kills K] [--sending-kills K]
[--startup-kills K] [--database sqlite|postgres] [--seed S]`.

The longer variant of tests/faults/test_crash_safety.py (same harness: tests/faults/soak_mail.py,
soak_kills.py, soak_audit.py): loads mixed customer mail into a private dovecot with two
specialists and a manager configured, SIGKILLs `mailflow run --once` at random points of
intake and of sending (and a few times early), finishes with a clean run; then the
specialists answer their notifications (relay, status command, note, #assign, bad command)
and the same kills run again. Prints where the kills landed and, per category (messages,
acknowledgements, relays, status updates, notifications, commands, outbox rows), how many
were expected, lost and doubled. Exits 1 when anything was lost, doubled or leaked.
"""

from __future__ import annotations

import argparse
import random
import secrets
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


from mailflow.app import App  # noqa: E402
from mailflow.config import load_settings  # noqa: E402
from tests.faults import soak_audit, soak_kills, soak_mail  # noqa: E402
from tests.servers import Dovecot, SmtpSink, dovecot_binary  # noqa: E402

PG = "postgresql://postgres@127.0.0.1:5432/test"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--conversations", type=int, default=150)
    parser.add_argument("--intake-kills", type=int, default=12)
    parser.add_argument("--sending-kills", type=int, default=8)
    parser.add_argument("--startup-kills", type=int, default=2)
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    binary = dovecot_binary()
    if binary is None:
        sys.exit("dovecot is not installed: run `bash scripts/test.sh` once first")
    server, sink = Dovecot(), SmtpSink()
    server.start(binary)
    sink.start()
    sink.relay_to(server)
    try:
        with tempfile.TemporaryDirectory() as folder:
            clean = soak(Path(folder), server, sink, args)
    finally:
        sink.stop()
        server.stop()
    sys.exit(0 if clean else 1)


def soak(folder: Path, server: Dovecot, sink: SmtpSink, args: argparse.Namespace) -> bool:
    url, drop = database(folder, args.database)
    started = time.monotonic()
    try:
        config = soak_mail.write_config(folder, url, server, sink)
        soak_mail.prepare_database(config)
        probe = soak_kills.Probe(url)
        killer = soak_kills.Killer(config, probe, random.Random(args.seed))
        kills = (args.intake_kills, args.sending_kills, args.startup_kills)
        try:
            raws = soak_mail.customer_mail(args.conversations)
            server.append("claims", raws)
            killer.phase_with_kills(len(raws), *kills)
            app = App(load_settings(config))
            made = soak_mail.answers(server, soak_mail.customer_claim_numbers(app))
            server.append("claims", [answer.raw for answer in made])
            everything = raws + [answer.raw for answer in made]
            killer.phase_with_kills(len(everything), *kills)
        finally:
            probe.close()
        tally = soak_audit.audit(app, everything, made, sink)
        app.db.engine.dispose()
    finally:
        drop()
    print(f"database: {args.database}; seed: {args.seed}; "
          f"run time: {time.monotonic() - started:.1f} s")
    print(f"messages injected: {len(everything)} ({len(raws)} from customers, "
          f"{len(made)} answers from specialists); crashes injected: {len(killer.kills)}")
    print(soak_kills.kill_summary(killer.kills))
    print("\n".join(tally.lines()))
    for problem in tally.problems[:30]:
        print(f"PROBLEM: {problem}")
    return not tally.problems


def database(folder: Path, kind: str) -> tuple[str, Callable[[], object]]:
    if kind == "sqlite":
        return f"sqlite:///{folder / 'soak.sqlite3'}", lambda: None
    name = f"mf_soak_{secrets.token_hex(4)}"
    admin = psycopg.connect(PG, autocommit=True)
    admin.execute(f'CREATE DATABASE "{name}"')
    return (f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}",
            lambda: admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)'))


if __name__ == "__main__":
    main()
