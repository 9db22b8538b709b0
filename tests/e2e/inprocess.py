"""The `mailflow` command run inside the test process: the same Typer application, arguments,
stdin, environment, exit code, standard output and standard error as the subprocess in
tests/e2e/test_cli.py, without starting a Python interpreter each time (seconds a call).

The subprocess tests in test_cli.py keep proving the entry point itself (`python -m
mailflow`, exit codes seen by a shell); this runner is for tests of what commands do.
As in a process, log records at INFO and above go to the command's standard error in the
CLI's format, so `one_line_error` still sees any stray log line, and an exception that
would print a traceback fails the test with it.
"""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from mailflow.cli.main import app


class _StderrHandler(logging.Handler):
    """basicConfig's handler as `mailflow` installs it, writing to the current sys.stderr
    (the runner's capture while a command runs)."""

    def emit(self, record: logging.LogRecord) -> None:
        sys.stderr.write(self.format(record) + "\n")


def mailflow(config: Path, *args: str, stdin: bytes = b"",
             env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`mailflow --config CONFIG ARGS` in this process, as a finished process would report it."""
    argv = ["--config", str(config), *args]
    runner = CliRunner(env={"MAILFLOW_LANG": "en", **(env or {})})
    root, handler = logging.getLogger(), _StderrHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)  # what `--log-level info` (the default) gives the process
    try:
        result = runner.invoke(app, argv, input=stdin, catch_exceptions=False)
    finally:
        root.removeHandler(handler)
        root.setLevel(level)
    return subprocess.CompletedProcess(["mailflow", *argv], result.exit_code, result.stdout,
                                       result.stderr)
