"""The console script's last line of defence against tracebacks."""

from __future__ import annotations

import pytest

from mailflow.cli import main
from mailflow.errors import ConfigError, StorageUnavailable


def _raising(error: Exception) -> object:
    def command() -> None:
        raise error

    return command


def test_database_lost_mid_command_is_one_line_and_tempfail(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """A StorageUnavailable raised after start-up exits 75 with one line naming the database."""
    monkeypatch.setattr(main, "app", _raising(StorageUnavailable("database db.sqlite3: gone")))
    with pytest.raises(SystemExit) as exit_info:
        main.entry_point()
    assert exit_info.value.code == main.EX_TEMPFAIL
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "database db.sqlite3: gone" in err
    assert "Traceback" not in err


def test_other_mailflow_error_mid_command_exits_1(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """A non-transient MailflowError after start-up exits 1 with its one line."""
    monkeypatch.setattr(main, "app", _raising(ConfigError("bad value", key="web.port")))
    with pytest.raises(SystemExit) as exit_info:
        main.entry_point()
    assert exit_info.value.code == 1
    assert "web.port" in capsys.readouterr().err
