"""`mailflow claims show|list` text output: codes in words, times in the company's zone."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

import pytest

from mailflow.cli.claims import _claim_text, local_time

MOSCOW = ZoneInfo("Europe/Moscow")


def detail(**changes: Any) -> dict[str, Any]:
    """A `claim_detail` as the JSON output has it (codes, UTC ISO times)."""
    base: dict[str, Any] = {
        "number": "CLM-2026-000001", "status": "resolved", "customer": "john@mail.example",
        "assignee": "anna@shop.example", "category": "damage", "priority": "normal",
        "subject": "Broken vase", "language": "ru", "created_at": "2026-12-01T09:30:00+00:00",
        "first_response_at": None, "overdue": False, "related_claim": None,
        "merged_into": None, "deadlines": {"resolution": "2026-12-11T21:00:00+00:00"},
        "fields": [{"name": "demand", "value": "refund", "source": "body", "span": [0, 6],
                    "rule": "keyword", "confidence": 0.9}],
        "missing": [], "outcome": "partly", "outcome_reason": "", "cause": "carrier",
        "compensation": {"kind": "refund", "amount": "1500.00", "currency": "RUB"},
        "rating": None, "rating_comment": None, "messages": [], "events": []}
    return {**base, **changes}


def test_times_are_shown_in_the_company_zone() -> None:
    """A stored UTC time reads as the company's wall-clock time; a naive one counts as UTC."""
    assert local_time("2026-12-01T21:30:00+00:00", MOSCOW) == "2026-12-02 00:30"
    assert local_time("2026-12-01T21:30:00", MOSCOW) == "2026-12-02 00:30"
    assert local_time(None, MOSCOW) is None


@pytest.mark.parametrize(("lang", "lines"), [
    ("ru", ["category: повреждение при доставке", "created_at: 2026-12-01 12:30",
            "due resolution: 2026-12-12 00:00", "field demand: возврат денег",
            "решение: частично принята", "причина претензии: транспортная компания",
            "компенсация: возврат денег 1500.00 RUB"]),
    ("en", ["category: damage in transit", "field demand: refund", "outcome: partly accepted",
            "cause: carrier", "compensation: refund 1500.00 RUB"])])
def test_show_words_the_codes_in_the_users_language(monkeypatch: pytest.MonkeyPatch,
                                                    lang: str, lines: list[str]) -> None:
    """`claims show` words the category, demand, outcome, cause and compensation kind."""
    monkeypatch.setenv("MAILFLOW_LANG", lang)
    text = _claim_text(detail(), MOSCOW, {"carrier": "транспортная компания"})
    shown = text.splitlines()
    for line in lines:
        assert any(s == line or s.startswith(f"{line}  (") for s in shown), line
    assert "outcome: partly\n" not in text
    assert "решение: partly" not in text


def test_an_unknown_category_shows_as_configured(monkeypatch: pytest.MonkeyPatch) -> None:
    """A category only the config knows is shown by its configured name."""
    monkeypatch.setenv("MAILFLOW_LANG", "ru")
    text = _claim_text(detail(category="fragile_glass", outcome=None, compensation=None),
                       MOSCOW, {})
    assert "category: fragile_glass" in text.splitlines()
