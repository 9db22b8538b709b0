"""`mailflow run` under a service manager: the sd_notify protocol, reload, metrics, status."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from mailflow.store import outbox
from mailflow.store.database import Database
from tests import corpus
from tests.e2e.inprocess import mailflow as in_process
from tests.e2e.test_cli import mailflow, one_line_error
from tests.integration.support import upgrade_config
from tests.servers import free_ports

pytestmark = pytest.mark.e2e
WAIT = 90.0  # seconds before a wait gives up (a failure, never a measured duration)


def write_config(folder: Path, db_url: str, extra: str = "") -> Path:
    """A Maildir-in, Maildir-out config on `db_url`, polled every 0.2 s."""
    path = folder / "mailflow.toml"
    path.write_text(
        f'[database]\nurl = "{db_url}"\n'
        '[mailbox]\nkind = "maildir"\npath = "inbox"\nidle = false\npoll_interval = 0.2\n'
        '[outgoing]\nkind = "maildir"\npath = "outbox"\ndrain_interval = 0.5\n'
        '[company]\nclaims_address = "claims@example.test"\n'
        f'[security]\nsecret = "e2e-secret"\n{extra}', encoding="utf-8")
    return path


def deliver(folder: Path, raw: bytes, name: str) -> None:
    """Drop a message into the Maildir inbox as a delivery agent does (tmp/, then new/)."""
    for sub in ("tmp", "new", "cur"):
        (folder / "inbox" / sub).mkdir(parents=True, exist_ok=True)
    (folder / "inbox" / "tmp" / name).write_bytes(raw)
    os.rename(folder / "inbox" / "tmp" / name, folder / "inbox" / "new" / name)


def wait_for(condition: Callable[[], bool], what: str) -> None:
    end = time.monotonic() + WAIT
    while not condition():
        if time.monotonic() > end:
            pytest.fail(f"gave up waiting for {what}")
        time.sleep(0.1)


class Manager:
    """The service manager's end of $NOTIFY_SOCKET: a datagram socket the test owns."""

    def __init__(self) -> None:
        self.folder = tempfile.mkdtemp(prefix="mf-notify-")  # short: AF_UNIX paths are
        self.path = os.path.join(self.folder, "notify")      # limited to 107 bytes
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(self.path)
        self.sock.settimeout(WAIT)

    def next(self) -> dict[str, str]:
        """The next notification, as its KEY=VALUE fields."""
        data = self.sock.recv(4096).decode()
        return dict(line.split("=", 1) for line in data.splitlines())

    def until(self, key: str) -> tuple[dict[str, str], list[dict[str, str]]]:
        """Read up to the first notification with `key`; also what came before it."""
        before = []
        while True:
            fields = self.next()
            if key in fields:
                return fields, before
            before.append(fields)

    def close(self) -> None:
        self.sock.close()
        shutil.rmtree(self.folder, ignore_errors=True)


@pytest.fixture
def manager() -> Iterator[Manager]:
    manager = Manager()
    yield manager
    manager.close()


def start(config: Path, manager: Manager, watchdog_usec: int = 1_000_000,
          log: Path | None = None) -> subprocess.Popen[bytes]:
    env = {**os.environ, "MAILFLOW_LANG": "en", "NOTIFY_SOCKET": manager.path,
           "WATCHDOG_USEC": str(watchdog_usec)}
    return subprocess.Popen([sys.executable, "-m", "mailflow", "--config", str(config), "run"],
                            stdout=subprocess.DEVNULL,
                            stderr=log.open("wb") if log else subprocess.PIPE, env=env)


def stop(daemon: subprocess.Popen[bytes]) -> None:
    if daemon.poll() is None:
        daemon.send_signal(signal.SIGTERM)
    try:
        daemon.wait(timeout=WAIT)
    finally:
        if daemon.poll() is None:
            daemon.kill()
            daemon.wait()


def json_lines(log: Path) -> list[dict[str, object]]:
    """The JSON lines the daemon has written so far (a line still being written is left out)."""
    text = log.read_text(encoding="utf-8")
    complete = text[:text.rfind("\n") + 1].splitlines()
    return [json.loads(line) for line in complete if line.startswith("{")]


def test_daemon_speaks_the_notify_protocol_and_reloads_its_config(
        tmp_path: Path, db_url: str, manager: Manager) -> None:
    """READY=1 after start, WATCHDOG=1 from the loop, SIGHUP: RELOADING=1 (MONOTONIC_USEC)
    then READY=1 with the new config in force (JSON logs with claim and Message-ID),
    SIGTERM: STOPPING=1 and exit 0."""
    config = write_config(tmp_path, db_url)
    upgrade_config(config)
    log = tmp_path / "daemon.log"
    daemon = start(config, manager, log=log)
    try:
        ready, _ = manager.until("READY")
        assert ready["READY"] == "1"
        assert [manager.until("WATCHDOG")[0]["WATCHDOG"] for _ in range(3)] == ["1"] * 3

        config.write_text(config.read_text(encoding="utf-8")
                          + '[logging]\nformat = "json"\n', encoding="utf-8")
        daemon.send_signal(signal.SIGHUP)
        reloading, _ = manager.until("RELOADING")
        assert int(reloading["MONOTONIC_USEC"]) > 0
        again, _ = manager.until("READY")  # after RELOADING=1: the reload is done
        assert again["READY"] == "1"

        deliver(tmp_path, corpus.english(message_id="notify@example.org"), "1.notify")
        wait_for(lambda: any(entry.get("message_id") == "notify@example.org"
                             and entry.get("claim") for entry in json_lines(log)),
                 "a JSON log line about the message")
        daemon.send_signal(signal.SIGTERM)
        stopping, _ = manager.until("STOPPING")
        assert stopping["STOPPING"] == "1"
    finally:
        stop(daemon)
    assert daemon.returncode == 0, log.read_text(encoding="utf-8")
    [entry] = [entry for entry in json_lines(log) if entry.get("message_id")
               == "notify@example.org" and str(entry["message"]).startswith("message stored")]
    assert str(entry["claim"]).startswith("CLM-")
    assert entry["level"] == "info"


def test_a_broken_config_fails_before_ready_naming_key_and_file(
        tmp_path: Path, manager: Manager) -> None:
    """A typo in [metrics] stops the start with one line naming the key and file; no READY."""
    config = write_config(tmp_path, f"sqlite:///{tmp_path / 'db.sqlite3'}",
                          "[metrics]\nenabled = true\nprot = 9464\n")
    daemon = start(config, manager)
    _, stderr = daemon.communicate(timeout=WAIT)
    result = subprocess.CompletedProcess(daemon.args, daemon.returncode, "", stderr.decode())
    assert daemon.returncode == 2
    line = one_line_error(result)
    assert "metrics.prot" in line
    assert str(config) in line
    manager.sock.settimeout(0)
    with pytest.raises(BlockingIOError):
        manager.sock.recv(4096)


def test_a_missing_mailbox_password_fails_before_ready(tmp_path: Path, manager: Manager) -> None:
    """An IMAP mailbox without a password (none set, no credential) is one line naming
    mailbox.password, before any READY=1."""
    config = write_config(tmp_path, f"sqlite:///{tmp_path / 'db.sqlite3'}")
    config.write_text(config.read_text(encoding="utf-8").replace(
        'kind = "maildir"\npath = "inbox"', 'kind = "imap"\nusername = "claims"'),
        encoding="utf-8")
    upgrade_config(config)
    daemon = start(config, manager)
    _, stderr = daemon.communicate(timeout=WAIT)
    result = subprocess.CompletedProcess(daemon.args, daemon.returncode, "", stderr.decode())
    assert daemon.returncode == 2
    assert "mailbox.password" in one_line_error(result)
    manager.sock.settimeout(0)
    with pytest.raises(BlockingIOError):
        manager.sock.recv(4096)


def test_an_unreachable_mailbox_fails_before_ready(tmp_path: Path, manager: Manager) -> None:
    """A mailbox server that refuses connections is one line with its host and port, exit 1,
    before any READY=1 (systemd then restarts the unit after RestartSec)."""
    port = free_ports(1)[0]
    config = write_config(tmp_path, f"sqlite:///{tmp_path / 'db.sqlite3'}")
    config.write_text(config.read_text(encoding="utf-8").replace(
        'kind = "maildir"\npath = "inbox"',
        f'kind = "imap"\nhost = "127.0.0.1"\nport = {port}\nsecurity = "none"\n'
        'username = "claims"\npassword = "x"'), encoding="utf-8")
    upgrade_config(config)
    daemon = start(config, manager)
    _, stderr = daemon.communicate(timeout=WAIT)
    result = subprocess.CompletedProcess(daemon.args, daemon.returncode, "", stderr.decode())
    assert daemon.returncode == 1
    assert f"127.0.0.1:{port}" in one_line_error(result)
    manager.sock.settimeout(0)
    with pytest.raises(BlockingIOError):
        manager.sock.recv(4096)


def scrape(port: int) -> dict[str, float]:
    """The endpoint's samples as {'name{labels}': value}."""
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10) as response:
        text = response.read().decode()
    samples = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            name, value = line.rsplit(" ", 1)
            samples[name] = float(value)
    return samples


def test_metrics_endpoint_counts_processed_mail(tmp_path: Path, db_url: str,
                                                manager: Manager) -> None:
    """Scraped over HTTP, the running daemon shows the claim in, its acknowledgement out, an
    empty outbox, a fresh poll and the mailbox connected."""
    port = free_ports(1)[0]
    config = write_config(tmp_path, db_url,
                          f'[metrics]\nenabled = true\naddress = "127.0.0.1"\nport = {port}\n')
    upgrade_config(config)
    daemon = start(config, manager, log=tmp_path / "daemon.log")
    try:
        manager.until("READY")
        deliver(tmp_path, corpus.english(message_id="metrics@example.org"), "1.metrics")
        sent = 'mailflow_mail_out_total{kind="acknowledgement",result="sent"}'
        wait_for(lambda: scrape(port).get(sent) == 1.0, "the acknowledgement counted as sent")
        samples = scrape(port)
    finally:
        stop(daemon)
    assert samples['mailflow_messages_in_total{kind="customer"}'] == 1.0
    assert samples["mailflow_outbox_backlog"] == 0.0
    assert samples["mailflow_quarantine_size"] == 0.0
    [connected] = [(name, value) for name, value in samples.items()
                   if name.startswith("mailflow_mailbox_connected{")]
    assert connected[0].startswith('mailflow_mailbox_connected{mailbox="maildir://')
    assert connected[1] == 1.0
    assert samples["mailflow_database_up"] == 1.0
    [poll] = [value for name, value in samples.items()
              if name.startswith("mailflow_seconds_since_last_poll{")]
    assert poll >= 0


def test_status_exit_code_follows_intake_and_outbox(tmp_path: Path, db_url: str) -> None:
    """`mailflow status` fails before any read, passes after one, fails on an old outbox row."""
    config = write_config(tmp_path, db_url)
    upgrade_config(config)
    never = mailflow(config, "status")  # a process: the exit code a monitoring check sees
    assert never.returncode == 1
    assert "intake stalled" in never.stdout

    assert in_process(config, "run", "--once").returncode == 0
    healthy = in_process(config, "status", "--format", "json")
    assert healthy.returncode == 0, healthy.stdout + healthy.stderr
    assert json.loads(healthy.stdout)["healthy"] is True

    old = datetime.now(UTC) - timedelta(hours=2)
    with Database(db_url).transaction() as session:
        outbox.enqueue(session, dedup_key="stuck", claim_id=None, kind="acknowledgement",
                       sender="claims@example.test", recipients=["c@example.org"],
                       message_id="stuck@example.test", raw=b"Subject: stuck\r\n\r\n", now=old)
    stuck = in_process(config, "status", "--format", "json")
    assert stuck.returncode == 1
    report = json.loads(stuck.stdout)
    assert report["problems"] == ["outbox_old"]
    assert report["outbox"]["backlog"] == 1
    text = in_process(config, "status", env={"MAILFLOW_LANG": "ru"})
    assert "исходящие застряли" in text.stdout
