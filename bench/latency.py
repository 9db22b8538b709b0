"""Latency bench: `python bench/latency.py [--seconds S] [--rate R] [--burst N] [--db URL]`.

Prints figures, asserts nothing. A real dovecot holds the claims INBOX, a real `mailflow run`
daemon reads it with IMAP IDLE and sends through an aiosmtpd sink (in this process). Claim
letters are appended to the INBOX, first at a steady rate (`--rate` a second for `--seconds`)
and then as one burst of `--burst` (MULTIAPPEND, 100 a command). For each letter the time
from the start of its APPEND to the sink accepting its acknowledgement (matched by
In-Reply-To) is measured; p50, p95, p99 and max are printed per phase, with the time from the
burst's first APPEND to its last acknowledgement. The run is on SQLite, and with
`--db postgresql+psycopg://...` also on a new PostgreSQL database next to that URL, with the
PostgreSQL/SQLite ratios of the same run. The issue's full run: `--seconds 120`.
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import EmailMessage
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from aiosmtpd.controller import Controller  # noqa: E402

from bench.run import postgres_database  # noqa: E402
from tests.integration.support import upgrade  # noqa: E402
from tests.servers import Dovecot, address, dovecot_binary, free_ports, password  # noqa: E402

WAIT_LIMIT = 600.0  # seconds: give up on a phase (prints what arrived), never a measure


@dataclass
class AckSink:
    """aiosmtpd hook: the monotonic time each acknowledgement arrived, by In-Reply-To."""

    arrived: dict[str, float] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)
    other: int = 0  # messages that answer no bench letter (notifications to specialists)

    async def handle_DATA(  # noqa: N802 (aiosmtpd's hook name)
            self, server: Any, session: Any, envelope: Any) -> str:
        now = time.monotonic()
        reply_to = message_from_bytes(envelope.original_content)["In-Reply-To"]
        key = str(reply_to or "").strip().strip("<>")
        external = any(not r.endswith("@example.test") for r in envelope.rcpt_tos)
        with self.lock:
            if key.startswith("lat-") and external and key not in self.arrived:
                self.arrived[key] = now
            else:
                self.other += 1
        return "250 Message accepted"

    def count(self, keys: list[str]) -> int:
        with self.lock:
            return sum(key in self.arrived for key in keys)


def letter(key: str, n: int) -> bytes:
    message = EmailMessage()
    message["From"] = f"Customer {n} <customer{n}@example.org>"
    message["To"] = "claims@example.test"
    message["Subject"] = f"Claim for order {n}" if n % 2 else f"Претензия по заказу {n}"
    message["Message-ID"] = f"<{key}>"
    message["Date"] = "Mon, 23 Nov 2026 10:00:00 +0300"
    body = (f"Hello, order {n} arrived late and one of 2 items is damaged. Please refund.\n"
            if n % 2 else f"Здравствуйте! Заказ {n}: 3 коробки, одна разбита. Прошу замену.\n")
    message.set_content(body)
    return message.as_bytes()


def config_text(folder: Path, db_url: str, server: Dovecot, sink_port: int) -> str:
    return f"""\
[database]
url = "{db_url}"
[mailbox]
kind = "imap"
host = "{server.host}"
port = {server.imap_port}
security = "none"
username = "{address("claims")}"
password = "{password("claims")}"
idle = true
poll_interval = 60
[outgoing]
kind = "smtp"
host = "127.0.0.1"
port = {sink_port}
security = "none"
[company]
claims_address = "claims@example.test"
name = "Bench"
[storage]
attachments_dir = "{folder / "blobs"}"
[security]
secret = "bench-secret"
[acknowledgement]
max_per_sender_per_hour = 100000
[[specialists]]
name = "Oleg Petrov"
email = "oleg@example.test"
languages = ["en", "ru"]
categories = ["damage", "defect", "delay", "shortage"]
[[managers]]
name = "Maria"
email = "maria@example.test"
"""


@contextmanager
def daemon(config: Path, log: Path) -> Iterator[subprocess.Popen[bytes]]:
    process = subprocess.Popen(
        [sys.executable, "-m", "mailflow", "--config", str(config), "--log-level", "info",
         "run"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=log.open("wb"),
        env={**os.environ, "PYTHONPATH": str(ROOT), "MAILFLOW_LANG": "en"})
    try:
        yield process
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@dataclass
class Phase:
    name: str
    latencies: list[float]
    expected: int
    span: float  # first APPEND to last acknowledgement, seconds

    def line(self) -> str:
        got = sorted(self.latencies)
        if not got:
            return f"{self.name}: no acknowledgement arrived (0/{self.expected})"
        return (f"{self.name}: {len(got)}/{self.expected} acknowledged; APPEND -> ack accepted "
                f"p50 {pct(got, 50):.3f} s, p95 {pct(got, 95):.3f} s, p99 {pct(got, 99):.3f} s, "
                f"max {got[-1]:.3f} s, mean {statistics.fmean(got):.3f} s; first APPEND to last "
                f"ack {self.span:.2f} s")


def pct(values: list[float], p: float) -> float:
    index = max(0, min(len(values) - 1, round(p / 100 * len(values) + 0.5) - 1))
    return values[index]


def wait_for(sink: AckSink, keys: list[str], process: subprocess.Popen[bytes], log: Path,
             limit: float = WAIT_LIMIT) -> None:
    end = time.monotonic() + limit
    while sink.count(keys) < len(keys) and time.monotonic() < end:
        if process.poll() is not None:
            sys.exit(f"the daemon exited ({process.returncode}):\n{log.read_text()[-3000:]}")
        time.sleep(0.02)


def phase(name: str, sent: dict[str, float], sink: AckSink) -> Phase:
    keys = list(sent)
    with sink.lock:
        latencies = [sink.arrived[k] - sent[k] for k in keys if k in sink.arrived]
        last = max((sink.arrived[k] for k in keys if k in sink.arrived), default=0.0)
    return Phase(name, latencies, len(keys), last - min(sent.values()) if latencies else 0.0)


def steady(server: Dovecot, sink: AckSink, seconds: float, rate: float, run: str,
           process: subprocess.Popen[bytes], log: Path) -> Phase:
    sent: dict[str, float] = {}
    count = int(seconds * rate)
    with server.client("claims") as client:
        start = time.monotonic()
        for n in range(count):
            time.sleep(max(0.0, start + n / rate - time.monotonic()))
            key = f"lat-{run}-steady-{n}@example.org"
            raw = letter(key, 10_000 + n)
            sent[key] = time.monotonic()
            client.append("INBOX", raw)
    wait_for(sink, list(sent), process, log)
    return phase(f"steady {rate:g}/s for {seconds:g} s", sent, sink)


def burst(server: Dovecot, sink: AckSink, size: int, run: str,
          process: subprocess.Popen[bytes], log: Path) -> Phase:
    sent: dict[str, float] = {}
    raws = [(f"lat-{run}-burst-{n}@example.org", letter(f"lat-{run}-burst-{n}@example.org",
                                                        50_000 + n)) for n in range(size)]
    with server.client("claims") as client:
        for start in range(0, size, 100):
            chunk = raws[start:start + 100]
            now = time.monotonic()
            sent.update((key, now) for key, _ in chunk)
            client.multiappend("INBOX", [raw for _, raw in chunk])
    wait_for(sink, list(sent), process, log)
    return phase(f"burst of {size}", sent, sink)


def measure(db_url: str, label: str, args: argparse.Namespace) -> tuple[Phase, Phase]:
    binary = dovecot_binary()
    if binary is None:
        sys.exit("dovecot is not installed: run `bash scripts/test.sh` once first")
    server = Dovecot()
    server.start(binary)
    sink = AckSink()
    port = free_ports(1)[0]
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        with tempfile.TemporaryDirectory() as folder:
            url = db_url or f"sqlite:///{folder}/bench.sqlite3"
            upgrade(url)
            config = Path(folder) / "mailflow.toml"
            config.write_text(config_text(Path(folder), url, server, port), encoding="utf-8")
            log = Path(folder) / "daemon.log"
            with daemon(config, log) as process:
                warm = f"lat-{label}-warm@example.org"
                server.append("claims", [letter(warm, 1)])
                wait_for(sink, [warm], process, log)
                if warm not in sink.arrived:
                    sys.exit(f"no acknowledgement for the warm-up letter:\n{log.read_text()}")
                results = (steady(server, sink, args.seconds, args.rate, label, process, log),
                           burst(server, sink, args.burst, label, process, log))
            errors = [line for line in log.read_text().splitlines() if "ERROR" in line]
    finally:
        controller.stop()
        server.stop()
    print(f"[{label}]")
    for result in results:
        print(f"  {result.line()}")
    print(f"  other mail accepted by the sink (notifications): {sink.other}; "
          f"daemon log errors: {len(errors)}")
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=20.0, help="steady stream length")
    parser.add_argument("--rate", type=float, default=5.0, help="letters a second, steady")
    parser.add_argument("--burst", type=int, default=1000, help="letters in the burst")
    parser.add_argument("--db", default="", help="also run on a new PostgreSQL database next "
                        "to this URL, e.g. postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
    args = parser.parse_args()
    sqlite = measure("", "sqlite", args)
    if not args.db:
        return
    with postgres_database(args.db, f"mf_latency_{int(time.time())}") as url:
        postgres = measure(url, "postgresql", args)
    for lite, pg in zip(sqlite, postgres, strict=True):
        if lite.latencies and pg.latencies:
            a, b = sorted(lite.latencies), sorted(pg.latencies)
            print(f"PostgreSQL / SQLite, {lite.name}: p50 {pct(b, 50) / pct(a, 50):.2f}x, "
                  f"p95 {pct(b, 95) / pct(a, 95):.2f}x, first APPEND to last ack "
                  f"{pg.span / lite.span:.2f}x")


if __name__ == "__main__":
    main()
