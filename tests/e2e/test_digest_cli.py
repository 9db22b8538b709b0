"""`mailflow digest --preview` and `mailflow report` as a user runs them (the preview as a
process, the three reports in this process: see tests/e2e/inprocess.py)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from openpyxl import load_workbook
from sqlmodel import select

from mailflow.store.database import Database
from mailflow.store.tables import OutboxRow
from tests.e2e.inprocess import mailflow as in_process
from tests.e2e.test_cli import mailflow, one_line_error, write_config
from tests.integration import digest_data as data
from tests.integration.support import upgrade_config

TEAM = ('[[specialists]]\nname = "Anna"\nemail = "anna@example.test"\n'
        '[[specialists]]\nname = "Boris"\nemail = "boris@example.test"\n')


def configured(folder: Path, digest: str = "enabled = true") -> Path:
    config = write_config(folder, 'kind = "maildir"')
    text = config.read_text(encoding="utf-8").replace(
        "[company]\n", '[company]\ntimezone = "Europe/Moscow"\n')
    config.write_text(f"{text}[digest]\n{digest}\n{TEAM}", encoding="utf-8")
    return config


def test_a_broken_digest_setting_names_its_key_and_file(tmp_path: Path) -> None:
    """An impossible digest time is one line naming `digest.time` and the config file."""
    config = configured(tmp_path, 'time = "25:00"')
    result = mailflow(config, "digest", "--preview", "--out", str(tmp_path / "d.html"))
    line = one_line_error(result)
    assert result.returncode == 2
    assert "digest.time" in line
    assert str(config) in line


def test_preview_and_report_in_three_formats(tmp_path: Path) -> None:
    """The preview writes the HTML with its three images and the text beside it, sending
    nothing; the report has one row per claim received in the span, in CSV, JSON and XLSX."""
    config = configured(tmp_path)
    upgrade_config(config)
    database = Database(f"sqlite:///{tmp_path / 'mailflow.sqlite3'}")
    data.load(database)
    database.dispose()
    out = tmp_path / "preview" / "digest.html"
    result = mailflow(config, "digest", "--preview", "--date", "2026-11-05", "--language",
                      "en", "--out", str(out))
    assert result.returncode == 0, result.stderr
    html = out.read_text(encoding="utf-8")
    assert "Ivan Petrov" in html
    assert "cid:" not in html
    assert sorted(p.name for p in out.parent.iterdir()) == [
        "digest-claims-per-day.png", "digest-first-answer.png", "digest-open-overdue.png",
        "digest.html", "digest.txt"]
    database = Database(f"sqlite:///{tmp_path / 'mailflow.sqlite3'}")
    with database.transaction() as session:
        assert session.exec(select(OutboxRow)).first() is None  # nothing was queued
    database.dispose()
    span = ("--since", "2026-10-28", "--until", "2026-11-05")
    for fmt in ("csv", "json", "xlsx"):
        result = in_process(config, "report", *span, "--format", fmt, "--out",
                          str(tmp_path / f"claims.{fmt}"))
        assert result.returncode == 0, result.stderr
    rows = json.loads((tmp_path / "claims.json").read_text(encoding="utf-8"))
    by_number = {row["number"]: row for row in rows}
    assert sorted(by_number) == ["C1", "C2", "C3", "C4", "C5", "C6"]
    assert by_number["C3"]["hours_to_first_answer"] == 142.0
    assert by_number["C4"]["overdue"] is True
    assert by_number["C1"]["product_name"] == "Kettle X1"
    assert (by_number["C1"]["carrier"], by_number["C1"]["supplier"]) == ("СДЭК", "Чайник-Трейд")
    assert by_number["C3"]["carrier"] == "Почта России"  # the current value, not the replaced
    assert by_number["C6"]["compensation"] == 1500.0
    assert by_number["C6"]["rating"] == 4
    with (tmp_path / "claims.csv").open(encoding="utf-8-sig") as handle:
        assert [row["number"] for row in csv.DictReader(handle)] == [r["number"] for r in rows]
    sheet = load_workbook(tmp_path / "claims.xlsx", read_only=True)["claims"]
    assert [row[0] for row in sheet.iter_rows(values_only=True)] == [
        "number", *(r["number"] for r in rows)]
