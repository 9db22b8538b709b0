"""The command line starts without the libraries only some commands need (issue 13)."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("sqlalchemy", "sqlmodel", "alembic", "jinja2", "mailparser", "apscheduler",
         "dateparser", "pymorphy3", "holidays", "pydantic")


def test_importing_the_command_line_loads_no_heavy_library() -> None:
    """`import mailflow.cli.main` (what `mailflow --help` runs) leaves the database, template,
    parser, scheduler, config and language libraries unloaded."""
    code = ("import sys, mailflow.cli.main; "
            f"print(' '.join(m for m in {HEAVY!r} if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, timeout=60)
    assert result.stdout.split() == []
