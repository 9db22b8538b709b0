"""Scheduled jobs: a user's mistake (e.g. a wrong SMTP password) is one log line, no traceback."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import pytest

from mailflow import schedule
from mailflow.errors import AuthenticationFailed

NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)


def test_a_mailflow_error_in_a_job_is_one_line(caplog: pytest.LogCaptureFixture) -> None:
    """AuthenticationFailed in the drain job is logged as its message, without a traceback."""
    def job(_now: datetime) -> None:
        raise AuthenticationFailed("SMTP login failed for claims at smtp.example.com:587")

    with caplog.at_level(logging.ERROR, logger="mailflow.schedule"):
        schedule.run_job("drain-test", job, lambda: NOW)
    [record] = caplog.records
    assert "SMTP login failed" in record.getMessage()
    assert record.exc_info is None


def test_an_unexpected_error_keeps_its_traceback(caplog: pytest.LogCaptureFixture) -> None:
    """A programming error is logged with its traceback, and the schedule goes on."""
    def job(_now: datetime) -> None:
        raise KeyError("bug")

    with caplog.at_level(logging.ERROR, logger="mailflow.schedule"):
        schedule.run_job("broken-test", job, lambda: NOW)
    [record] = caplog.records
    assert record.exc_info is not None
