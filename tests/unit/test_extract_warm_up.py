"""The extractor is warmed once at the daemon's start, not by the first customer's letter."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path
from types import SimpleNamespace

import pytest

from mailflow import runner as runner_module
from mailflow.runner import Runner

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("dateparser", "docx", "openpyxl", "phonenumbers", "pymorphy3", "pypdf", "rapidfuzz")
PROBE = f"""
import sys
from mailflow.extract.config import CatalogueEntry, default_extract_config
from mailflow.extract.fields import warm_up
from mailflow.extract import lemmas
before = [name for name in {HEAVY!r} if name in sys.modules]
warm_up(default_extract_config((CatalogueEntry("BO-KT1", "Bosch kettle TWK3", "kitchen", 12),)))
after = [name for name in {HEAVY!r} if name in sys.modules]
print(before, after, lemmas._analyzer.cache_info().currsize)
"""


def test_warm_up_loads_every_lazily_imported_library() -> None:
    """After warm_up nothing heavy is left for the first letter to import or build."""
    result = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True,
                            text=True, check=True, env={"PYTHONPATH": str(ROOT)})
    assert result.stdout.split("\n")[0] == f"[] {list(HEAVY)} 1"


class _Scheduler:
    calls: list[str]

    def __init__(self, _db: object, _clock: object) -> None:
        pass

    def every(self, *_args: object, **_kwargs: object) -> None:
        pass

    def start(self) -> None:
        self.calls.append("scheduler")

    def shutdown(self) -> None:
        pass


class _Drainers:
    def __init__(self, *_args: object) -> None:
        pass

    def start(self) -> None:
        pass

    def poke(self) -> None:
        pass

    def shutdown(self) -> None:
        pass


def test_the_daemon_warms_the_extractor_before_its_first_intake(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Runner.serve calls App.warm_up once, before the scheduler and the intake loop, and
    stops the parse workers once the loop is over."""
    calls: list[str] = []
    _Scheduler.calls = calls
    monkeypatch.setattr(runner_module, "JobScheduler", _Scheduler)
    monkeypatch.setattr(runner_module, "Drainers", _Drainers)
    settings = SimpleNamespace(outgoing=SimpleNamespace(drain_interval=1.0, parallel_drains=1),
                               reminders=SimpleNamespace(check_interval=1.0),
                               digest=SimpleNamespace(enabled=False))
    app = SimpleNamespace(settings=settings, db=None, warm_up=lambda: calls.append("warm_up"),
                          stop_parse_workers=lambda: calls.append("stop workers"))
    runner = Runner(app, SimpleNamespace(close=lambda: None))  # type: ignore[arg-type]
    lease = SimpleNamespace(start=lambda: None, stop=lambda: None)
    monkeypatch.setattr(runner, "_mailbox_lease", lambda: lease)
    monkeypatch.setattr(runner, "_intake_loop", lambda _stop, _poke: calls.append("intake"))
    runner.serve(threading.Event())
    assert calls == ["warm_up", "scheduler", "intake", "stop workers"]
