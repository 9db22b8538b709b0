"""docs/deploy.md's `sh deploy-test` blocks, run as a reader would, in a scratch directory.

The blocks run one after another in one bash (`set -eu`), starting in the checkout. What
needs root, the network or systemd stays out of those blocks (the guide's plain `sh`
blocks), and the few places that name the server's own paths and user are moved into the
scratch directory by SUBSTITUTIONS: `/etc/mailflow`, `/var/lib/mailflow` under it,
`/opt/mailflow/.venv/bin/mailflow` is this test's Python with `-m mailflow` (the shared
virtualenv, not a new one: a `pip install` would take minutes), `sudo -u mailflow` and the
owner/group `mailflow` are dropped (files stay the test user's), and the database is a
scratch PostgreSQL database given by MAILFLOW_DATABASE__URL, which overrides the guide's
peer-authenticated URL as the environment overrides any key.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from mailflow.store.database import Database

pytestmark = [pytest.mark.e2e, pytest.mark.postgres]

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "docs" / "deploy.md"
BLOCK = re.compile(r"^```sh deploy-test\n(.*?)^```$", re.MULTILINE | re.DOTALL)


def deploy_test_blocks(text: str) -> list[str]:
    """The bodies of the guide's ```sh deploy-test blocks, in order."""
    return [match.group(1) for match in BLOCK.finditer(text)]


def substitutions(scratch: Path) -> list[tuple[str, str]]:
    return [
        ("sudo -u mailflow ", ""),
        (" -o mailflow", ""),
        (" -g mailflow", ""),
        ("chgrp mailflow ", "chgrp \"$(id -gn)\" "),
        ("/opt/mailflow/.venv/bin/mailflow", f"{sys.executable} -m mailflow"),
        ("/etc/mailflow", str(scratch / "etc" / "mailflow")),
        ("/var/lib/mailflow", str(scratch / "var" / "lib" / "mailflow")),
    ]


def script(scratch: Path) -> str:
    body = "\n".join(deploy_test_blocks(GUIDE.read_text(encoding="utf-8")))
    for old, new in substitutions(scratch):
        body = body.replace(old, new)
    return "set -eu\n" + body


def test_the_guide_marks_the_steps_it_promises() -> None:
    """The tested blocks cover writing the config, check-config, db upgrade, db check and
    status, so that dropping a tag cannot quietly shrink this test."""
    tested = "\n".join(deploy_test_blocks(GUIDE.read_text(encoding="utf-8")))
    for step in ("cat > /etc/mailflow/mailflow.toml", "check-config", "db upgrade",
                 "db check", "status", "credentials/security.secret"):
        assert step in tested, step


def test_the_deploy_guide_commands_run_in_a_scratch_directory(
        tmp_path: Path, pg_url: str) -> None:
    """Following the guide's tested blocks writes a config that checks clean, creates the
    schema on an empty PostgreSQL database, writes private credentials, and ends with
    `mailflow status` saying intake has not run yet, with exit status 1."""
    env = {**os.environ, "MAILFLOW_LANG": "en", "MAILFLOW_DATABASE__URL": pg_url,
           "PYTHONPATH": str(ROOT)}
    env.pop("MAILFLOW_CONFIG", None)
    result = subprocess.run(["bash", "-c", script(tmp_path)], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, f"{result.stdout}\n{result.stderr}"
    assert "config OK" in result.stdout
    assert Database.head() in result.stdout + result.stderr
    credentials = tmp_path / "etc" / "mailflow" / "credentials"
    assert (credentials / "security.secret").stat().st_mode & 0o077 == 0
    assert "intake stalled" in result.stdout + result.stderr  # nothing has read the mailbox
    assert result.stdout.rstrip().endswith("exit status: 1")
