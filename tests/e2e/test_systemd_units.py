"""The systemd units as systemd itself reads them: valid, and sandboxed to an exposure <= 2.0."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e
UNITS = Path(__file__).resolve().parents[2] / "systemd"
INSTALLED = "/opt/mailflow/.venv/bin/mailflow"
MAX_EXPOSURE = 2.0


def install(folder: Path, unit: str) -> Path:
    """The unit copied to `folder`, its ExecStart pointing at this checkout's mailflow
    (verify checks that the program exists; /opt/mailflow is not installed on a test box)."""
    here = f"{shlex.quote(sys.executable)} -m mailflow"
    target = folder / unit
    target.write_text((UNITS / unit).read_text(encoding="utf-8").replace(INSTALLED, here),
                      encoding="utf-8")
    return target


def analyze(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["systemd-analyze", *args], capture_output=True, text=True,
                          timeout=60, cwd=cwd)


def exposure(folder: Path, unit: str) -> float:
    result = analyze("security", "--offline=true", "--no-pager", unit, cwd=folder)
    found = re.search(r"Overall exposure level for \S+: (\d+\.\d+)", result.stdout)
    assert found, result.stdout + result.stderr
    return float(found.group(1))


@pytest.mark.parametrize("unit", ["mailflow.service", "mailflow@.service",
                                  "mailflow-web.service"])
def test_units_pass_systemd_analyze_verify(tmp_path: Path, unit: str) -> None:
    """`systemd-analyze verify` accepts each unit (and an instance of the template)."""
    install(tmp_path, unit)
    named = unit.replace("@", "@claims")
    result = analyze("verify", unit if named == unit else named, cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stderr == "", result.stderr


@pytest.mark.parametrize("unit", ["mailflow.service", "mailflow@claims.service",
                                  "mailflow-web.service"])
def test_units_are_sandboxed_to_an_exposure_of_at_most_two(tmp_path: Path, unit: str) -> None:
    """`systemd-analyze security --offline` rates each unit 2.0 or lower ("OK")."""
    install(tmp_path, unit.replace("@claims", "@"))
    score = exposure(tmp_path, unit)
    print(f"systemd-analyze security exposure of {unit}: {score}")
    assert score <= MAX_EXPOSURE


def test_the_template_unit_differs_from_the_main_unit_only_by_its_instance() -> None:
    """mailflow@.service keeps every setting of mailflow.service; only names take %i."""
    def settings(unit: str) -> list[str]:
        lines = (UNITS / unit).read_text(encoding="utf-8").splitlines()
        return [line for line in lines if line and not line.startswith("#")]

    main, template = settings("mailflow.service"), settings("mailflow@.service")
    assert len(main) == len(template)
    differing = [(a, b) for a, b in zip(main, template, strict=True) if a != b]
    assert differing
    assert all("%i" in b for _a, b in differing)


def test_the_web_unit_keeps_every_sandbox_setting_of_the_main_unit() -> None:
    """mailflow-web.service runs `mailflow web` under every sandbox line of mailflow.service."""
    def sandbox(unit: str) -> set[str]:
        text = (UNITS / unit).read_text(encoding="utf-8")
        lines = text.split("# Sandbox:")[1].split("[Install]")[0].splitlines()
        return {line for line in lines[1:] if line and not line.startswith("#")}

    web = (UNITS / "mailflow-web.service").read_text(encoding="utf-8")
    assert f"ExecStart={INSTALLED} web" in web
    assert sandbox("mailflow.service") == sandbox("mailflow-web.service")
    assert "User=mailflow" in web
