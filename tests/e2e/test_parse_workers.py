"""`mailflow run` with parse workers (issue 13.5): started with the daemon, replaced on a
reload, stopped with it on SIGTERM sent to the whole service (as systemd does)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests import corpus
from tests.e2e.test_service import Manager, deliver, manager, wait_for, write_config
from tests.integration.support import upgrade_config

pytestmark = pytest.mark.e2e
__all__ = ["manager"]  # the fixture, imported for the tests below


def parse_workers(daemon: int) -> set[int]:
    """The pids of the parse workers the daemon has started (its spawned children)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes()
        except OSError:
            continue  # gone meanwhile
        if int(stat.rsplit(")", 1)[1].split()[1]) == daemon and b"spawn_main" in command:
            found.add(int(entry.name))
    return found


def test_parse_workers_start_reload_and_stop_with_the_daemon(
        tmp_path: Path, db_url: str, manager: Manager) -> None:
    """Two workers are running once the daemon is ready; a message is stored through them;
    a reload replaces them; SIGTERM to the service's whole process group stops the daemon
    with exit 0 and leaves no worker behind."""
    config = write_config(tmp_path, db_url, "")
    config.write_text(config.read_text(encoding="utf-8").replace(
        "[mailbox]\n", "[mailbox]\nparse_workers = 2\n"), encoding="utf-8")
    upgrade_config(config)
    env = {**os.environ, "MAILFLOW_LANG": "en", "NOTIFY_SOCKET": manager.path}
    daemon = subprocess.Popen([sys.executable, "-m", "mailflow", "--config", str(config), "run"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env,
                              start_new_session=True)
    try:
        assert manager.until("READY")[0]["READY"] == "1"
        first = parse_workers(daemon.pid)
        assert len(first) == 2
        deliver(tmp_path, corpus.english(message_id="pool@example.org"), "1.pool")
        wait_for(lambda: any((tmp_path / "inbox" / ".Processed" / "new").glob("1.pool*")),
                 "the message stored and moved")
        daemon.send_signal(signal.SIGHUP)
        manager.until("RELOADING")
        manager.until("READY")
        deliver(tmp_path, corpus.russian(message_id="pool2@example.org"), "2.pool")
        wait_for(lambda: any((tmp_path / "inbox" / ".Processed" / "new").glob("2.pool*")),
                 "the second message stored with the new config")
        second = parse_workers(daemon.pid)
        assert len(second) == 2
        assert not second & first
        os.killpg(daemon.pid, signal.SIGTERM)
        _, errors = daemon.communicate(timeout=90)
    finally:
        if daemon.poll() is None:
            daemon.kill()
            daemon.wait()
    assert daemon.returncode == 0, errors.decode()
    assert not any(Path(f"/proc/{pid}").exists() for pid in first | second)
