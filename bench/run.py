"""Benchmarks: `python bench/run.py [--messages N]`, prints figures, asserts nothing.

1. Ingest throughput: N mixed messages in a real dovecot INBOX on loopback, read by
   `Runner.intake_pass` into SQLite, each stored as a claim with its acknowledgement queued;
   once with short samples and once with the training letters of the labelled extraction
   set, each with and without extraction, and the extractor's own CPU inside the intake
   (warmed once before, as the daemon does at start-up).
2. Peak memory while processing one message with a 25 MB attachment (tracemalloc peak of
   Python allocations, and the growth of the process's peak RSS).
"""

from __future__ import annotations

import argparse
import email.policy
import os
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email import message_from_bytes
from email.message import EmailMessage
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mailflow.app import App  # noqa: E402
from mailflow.config import Settings  # noqa: E402
from mailflow.extract.model import ClaimText, Extraction  # noqa: E402
from mailflow.extract.stage import Extractor  # noqa: E402
from mailflow.runner import Runner  # noqa: E402
from tests.integration.support import upgrade  # noqa: E402
from tests.servers import Dovecot, address, dovecot_binary, password  # noqa: E402

TEXT_RU = "Здравствуйте! Заказ {n}: 3 коробки, одна пришла разбитой. Прошу замену.\n"
TEXT_EN = "Hello, order {n} arrived late and one of 2 items is damaged. Please refund.\n"


def sample(n: int, attachment: bytes = b"") -> bytes:
    message = EmailMessage()
    message["From"] = f"Customer {n} <customer{n % 97}@example.org>"
    message["To"] = "claims@example.test"
    message["Subject"] = f"Претензия по заказу {n}" if n % 2 else f"Claim for order {n}"
    message["Message-ID"] = f"<bench-{n}-{time.time_ns()}@example.org>"
    message["Date"] = "Mon, 23 Nov 2026 10:00:00 +0300"
    body = (TEXT_RU if n % 2 else TEXT_EN).format(n=n)
    message.set_content(body, charset="windows-1251" if n % 4 == 1 else "utf-8")
    if attachment:
        message.add_attachment(attachment, maintype="application", subtype="pdf",
                               filename="scan.pdf")
    elif n % 3 == 0:
        message.add_attachment(os.urandom(48_000), maintype="image", subtype="jpeg",
                               filename=f"photo-{n}.jpg")
    return message.as_bytes()


TEAM = {
    "specialists": [
        {"name": "Анна Смирнова", "position": "специалист", "email": "anna@example.test",
         "languages": ["ru", "en"], "categories": ["damage", "defect"]},
        {"name": "Oleg Petrov", "position": "specialist", "email": "oleg@example.test",
         "languages": ["en", "ru"], "categories": ["delay", "shortage"]}],
    "managers": [{"name": "Мария", "email": "maria@example.test"}],
}


def settings_for(folder: Path, dovecot: Dovecot | None, db_url: str = "",
                 extraction: bool = True) -> Settings:
    mailbox: dict[str, object] = {"kind": "maildir", "path": folder / "inbox"}
    if dovecot is not None:
        mailbox = {"kind": "imap", "host": dovecot.host, "port": dovecot.imap_port,
                   "security": "none", "username": address("claims"),
                   "password": password("claims"), "batch_size": 100}
    return Settings.model_validate({
        "database": {"url": db_url or f"sqlite:///{folder}/bench.sqlite3"},
        "mailbox": mailbox,
        "outgoing": {"kind": "maildir", "path": folder / "outbox"},
        "company": {"claims_address": "claims@example.test", "name": "Bench"},
        "storage": {"attachments_dir": folder / "blobs", "max_message_bytes": 64 * 2**20},
        "security": {"secret": "bench-secret"},
        "acknowledgement": {"max_per_sender_per_hour": 1000},
        "extraction": {"enabled": extraction}, **TEAM})


class TimedExtractor:
    """The app's extractor with the CPU time of every call added up."""

    def __init__(self, extractor: Extractor) -> None:
        self.extractor, self.seconds, self.calls = extractor, 0.0, 0

    def __call__(self, text: ClaimText) -> Extraction:
        started = time.process_time()
        try:
            return self.extractor(text)
        finally:
            self.seconds += time.process_time() - started
            self.calls += 1


def labelled_letters(count: int) -> Iterator[bytes]:
    """`count` letters cycled from the training part of the labelled extraction set (real
    claims: quotes, HTML, PDF/DOCX/XLSX attachments), each with a Message-ID of its own."""
    folder = ROOT / "tests/data/extraction/letters"
    paths = [p for p in sorted(folder.glob("*.eml"))
             if int(p.stem) % 5 and int(p.stem) <= 250]  # the held-out letters stay unread
    for n in range(count):
        message = message_from_bytes(paths[n % len(paths)].read_bytes(), policy=email.policy.SMTP)
        del message["Message-ID"]
        message["Message-ID"] = f"<bench-letter-{n}-{time.time_ns()}@example.org>"
        yield message.as_bytes()


@dataclass
class IntakeCost:
    """Per stored message: wall time and CPU of the whole intake, CPU of the extractor."""

    wall: float
    cpu: float
    extractor_cpu: float


def ingest_throughput(count: int, db_url: str, extraction: bool = True,
                      letters: bool = False) -> IntakeCost:
    binary = dovecot_binary()
    if binary is None:
        sys.exit("dovecot is not installed: run `bash scripts/test.sh` once first")
    server = Dovecot()
    server.start(binary)
    try:
        server.append("claims", labelled_letters(count) if letters
                      else (sample(n) for n in range(count)))
        with tempfile.TemporaryDirectory() as folder:
            app = App(settings_for(Path(folder), server, db_url, extraction))
            upgrade(app.settings.database.url)
            app.db  # noqa: B018 - connect before the clock starts
            warm_up(app)
            timed = TimedExtractor(app.extractor) if app.extractor is not None else None
            app.pipeline.extractor = timed
            runner = Runner(app, app.source())
            runner.source.open()
            started, cpu_started = time.perf_counter(), time.process_time()
            report = runner.intake_pass()
            elapsed = time.perf_counter() - started
            cpu = time.process_time() - cpu_started
            runner.source.close()
            started = time.perf_counter()
            due = runner.deadlines_pass(datetime.now(UTC) + timedelta(days=30))
            deadline_seconds = time.perf_counter() - started
    finally:
        server.stop()
    kind = (("PostgreSQL" if db_url else "SQLite") + ("" if extraction else ", no extraction")
            + (", labelled letters" if letters else ""))
    print(f"ingest ({kind}): {report.stored} messages, {report.new_claims} claims, "
          f"{report.acknowledged} acknowledgements and specialist notifications queued in "
          f"{elapsed:.2f} s = {report.stored / elapsed:.0f} messages/s (IMAP -> stored claim)")
    if timed is not None and timed.calls:
        per_message = timed.seconds / timed.calls * 1000
        print(f"extractor inside that intake ({kind}, warm): {per_message:.2f}"
              f" ms CPU per message over {timed.calls} messages = "
              f"{timed.seconds / elapsed:.1%} of the intake's wall time")
    print(f"deadline pass ({kind}) over {report.new_claims} open claims a month later: "
          f"{due} escalations and reminders queued in {deadline_seconds:.2f} s")
    stored = max(report.stored, 1)
    return IntakeCost(elapsed / stored, cpu / stored,
                      timed.seconds / stored if timed is not None else 0.0)


def warm_up(app: App) -> None:
    """Load the extractor's dictionaries before the clock starts, as `Runner.serve` does
    once at the daemon's start."""
    app.warm_up()


@contextmanager
def postgres_database(url: str, name: str) -> Iterator[str]:
    """A new empty database next to `url`, dropped afterwards."""
    import psycopg
    from sqlalchemy import make_url

    admin = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
        try:
            yield make_url(url).set(database=name).render_as_string(hide_password=False)
        finally:
            connection.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def peak_memory_25mb() -> None:
    # In a child process, so the RSS figure is not inflated by the throughput run.
    code = "import bench.run as b; b._measure_big()"
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)


def _measure_big() -> None:
    raw = sample(1, attachment=os.urandom(25 * 2**20))
    with tempfile.TemporaryDirectory() as folder:
        app = App(settings_for(Path(folder), None))
        upgrade(app.settings.database.url)
        app.db  # noqa: B018
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        tracemalloc.start()
        started = time.perf_counter()
        outcome = app.pipeline.process(raw, "bench", datetime.now(UTC))
        elapsed = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"25 MB attachment: message of {len(raw) / 2**20:.1f} MiB {outcome.status} in "
          f"{elapsed:.2f} s; peak Python allocations {peak / 2**20:.0f} MiB "
          f"({peak / len(raw):.1f}x the message), peak RSS growth "
          f"{(rss_after - rss_before) / 1024:.0f} MiB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--messages", type=int, default=500)
    parser.add_argument("--postgres", default="",
                        help="also measure on this PostgreSQL URL, e.g. "
                             "postgresql+psycopg://postgres@127.0.0.1:5432/test")
    args = parser.parse_args()
    for letters in (False, True):
        with_extraction = ingest_throughput(args.messages, "", letters=letters)
        without = ingest_throughput(args.messages, "", extraction=False, letters=letters)
        what = "labelled letters" if letters else "short samples"
        print(f"extraction against bare intake (SQLite, {what}, same run): the warm extractor "
              f"takes {with_extraction.extractor_cpu * 1000:.2f} ms CPU per message, intake "
              f"without extraction {without.cpu * 1000:.2f} ms CPU "
              f"({without.wall * 1000:.2f} ms wall) = "
              f"{with_extraction.extractor_cpu / without.cpu:.1%} of bare intake's CPU; wall "
              f"time with extraction {with_extraction.wall * 1000:.2f} ms per message")
    if args.postgres:
        name = f"mf_bench_{int(time.time())}"
        with postgres_database(args.postgres, name) as url:
            ingest_throughput(args.messages, url)
    peak_memory_25mb()


if __name__ == "__main__":
    main()
