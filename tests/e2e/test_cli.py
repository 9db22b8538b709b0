"""The `mailflow` command as a user runs it: a subprocess, real servers, real files."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests import corpus
from tests.e2e.inprocess import mailflow as in_process
from tests.integration.support import upgrade_config
from tests.servers import Dovecot, SmtpSink, address, free_ports, password

pytestmark = pytest.mark.e2e


def write_config(folder: Path, mailbox: str, outgoing: str = "") -> Path:
    """A config file with the embedded defaults and the given [mailbox]/[outgoing] bodies."""
    path = folder / "mailflow.toml"
    outgoing = outgoing or 'kind = "maildir"'
    path.write_text(
        f'[database]\nurl = "sqlite:///mailflow.sqlite3"\n'
        f"[mailbox]\n{mailbox}\n"
        f"[outgoing]\n{outgoing}\n"
        '[company]\nclaims_address = "claims@example.test"\n'
        '[security]\nsecret = "e2e-secret"\n', encoding="utf-8")
    return path


def imap_mailbox(dovecot: Dovecot, user_password: str, port: int | None = None) -> str:
    return (f'kind = "imap"\nhost = "{dovecot.host}"\nport = {port or dovecot.imap_port}\n'
            f'security = "none"\nusername = "{address("claims")}"\n'
            f'password = "{user_password}"\nidle = true\npoll_interval = 1\n')


def mailflow(config: Path, *args: str, stdin: bytes = b"",
             env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "mailflow", "--config", str(config), *args],
        input=stdin, capture_output=True, timeout=120,
        env={**os.environ, "MAILFLOW_LANG": "en", **(env or {})})
    return subprocess.CompletedProcess(result.args, result.returncode,
                                       result.stdout.decode(), result.stderr.decode())


def one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    lines = [line for line in result.stderr.splitlines() if "alembic" not in line]
    assert "Traceback" not in result.stderr
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_unknown_config_key_names_key_and_file(tmp_path: Path) -> None:
    """A typo in the config is one line naming the file and the dotted key, exit code 2."""
    config = write_config(tmp_path, 'kind = "maildir"\nprot = 993')
    result = mailflow(config, "claims", "list")
    assert result.returncode == 2
    line = one_line_error(result)
    assert str(config) in line
    assert "mailbox.prot" in line


def test_wrong_password_is_one_line(tmp_path: Path, dovecot: Dovecot) -> None:
    """A rejected login says so in one line and exits non-zero."""
    config = write_config(tmp_path, imap_mailbox(dovecot, "not-the-password"))
    upgrade_config(config)
    result = mailflow(config, "run", "--once")
    assert result.returncode == 1
    assert "wrong username or password" in one_line_error(result)


def test_unreachable_server_names_host_and_port(tmp_path: Path, dovecot: Dovecot) -> None:
    """A closed port gives one line with host, port and cause."""
    port = free_ports(1)[0]
    config = write_config(tmp_path, imap_mailbox(dovecot, password("claims"), port=port))
    upgrade_config(config)
    result = mailflow(config, "run", "--once")
    assert result.returncode == 1
    assert f"127.0.0.1:{port}" in one_line_error(result)


def test_check_config_hides_secrets(tmp_path: Path) -> None:
    """check-config shows the effective config but never a password from the environment."""
    config = write_config(tmp_path, 'kind = "maildir"')
    result = mailflow(config, "check-config",
                      env={"MAILFLOW_MAILBOX__PASSWORD": "hunter2-very-secret"})
    assert result.returncode == 0
    assert "hunter2-very-secret" not in result.stdout + result.stderr
    assert "e2e-secret" not in result.stdout
    assert '"claims_address": "claims@example.test"' in result.stdout


def test_ingest_then_list_show_and_quarantine(tmp_path: Path) -> None:
    """An MTA pipe stores a claim shown in JSON (UTC) and in the text list (the company's
    time); garbage lands in quarantine and can be released. (The MTA pipe runs as a process,
    the reading commands in this process.)"""
    config = write_config(tmp_path, 'kind = "maildir"')
    config.write_text(config.read_text().replace(
        "[company]\n", '[company]\ntimezone = "Asia/Vladivostok"\n'))
    upgrade_config(config)
    assert mailflow(config, "ingest", stdin=corpus.with_attachments()).returncode == 0
    assert mailflow(config, "ingest", stdin=corpus.malformed("garbage")).returncode == 0

    [claim] = json.loads(in_process(config, "claims", "list", "--format", "json").stdout)
    assert claim["status"] == "new"
    assert claim["customer"] == "ivan.petrov@example.ru"
    created = datetime.fromisoformat(claim["created_at"])
    assert created.utcoffset() == timedelta(0)
    local = created.astimezone(ZoneInfo("Asia/Vladivostok"))
    assert f"{local:%Y-%m-%d %H:%M}" in in_process(config, "claims", "list").stdout
    shown = json.loads(in_process(config, "claims", "show", claim["number"], "--format",
                                "json").stdout)
    incoming = shown["messages"][0]
    assert {a["filename"] for a in incoming["attachments"]} == set(corpus.ATTACHMENTS)
    assert all(len(a["sha256"]) == 64 for a in incoming["attachments"])

    [entry] = json.loads(in_process(config, "quarantine", "list", "--format", "json").stdout)
    assert "cannot parse" in entry["reason"]
    released = in_process(config, "quarantine", "release", str(entry["id"]))
    assert released.returncode == 0
    assert "CLM-" in released.stdout
    assert json.loads(in_process(config, "quarantine", "list", "--format", "json").stdout) == []


def test_ingest_exits_75_when_the_database_is_down(tmp_path: Path) -> None:
    """With the database unreachable the MTA is told to try later (EX_TEMPFAIL)."""
    config = write_config(tmp_path, 'kind = "maildir"')
    port = free_ports(1)[0]
    result = mailflow(config, "ingest", stdin=corpus.english(), env={
        "MAILFLOW_DATABASE__URL": f"postgresql+psycopg://nobody@127.0.0.1:{port}/none"})
    assert result.returncode == 75
    assert "Traceback" not in result.stderr


def test_demo_shows_claims_and_acknowledgements(tmp_path: Path) -> None:
    """The README's demo command processes the samples into claims and three acknowledgements."""
    config = write_config(tmp_path, 'kind = "maildir"\npath = "inbox"',
                          'kind = "maildir"\npath = "outbox"')
    result = mailflow(config, "demo")
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("CLM-2026-") >= 3 or result.stdout.count("CLM-") >= 3
    assert len(list((tmp_path / "outbox" / "new").iterdir())) == 3


def test_daemon_acknowledges_new_mail_and_stops_on_sigterm(
        tmp_path: Path, clean_dovecot: Dovecot, smtp_sink: SmtpSink) -> None:
    """`mailflow run` picks up LMTP-delivered mail via IDLE, sends the ack, exits on SIGTERM."""
    config = write_config(
        tmp_path, imap_mailbox(clean_dovecot, password("claims")),
        f'kind = "smtp"\nhost = "{smtp_sink.host}"\nport = {smtp_sink.port}\nsecurity = "none"')
    upgrade_config(config)
    daemon = subprocess.Popen([sys.executable, "-m", "mailflow", "--config", str(config), "run"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        clean_dovecot.deliver_lmtp(["claims"], corpus.english(message_id="daemon@example.org"))
        deadline = time.monotonic() + 30
        while not smtp_sink.received and time.monotonic() < deadline:
            time.sleep(0.1)
        assert [m.rcpt_tos for m in smtp_sink.received] == [["john.smith@example.org"]]
    finally:
        daemon.send_signal(signal.SIGTERM)
        _, stderr = daemon.communicate(timeout=20)
    assert daemon.returncode == 0, stderr.decode()
    assert b"Traceback" not in stderr
