"""The receipt moment: the mailbox's time first, a plausible Date header next, else now."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from mailflow.domain.receipt import MAX_DATE_HEADER_AGE, local_year, receipt_time

TUESDAY = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)
FRIDAY_EVENING = datetime(2026, 3, 6, 16, 30, tzinfo=UTC)
MOSCOW = ZoneInfo("Europe/Moscow")


def test_mailbox_time_wins_over_the_date_header_and_processing() -> None:
    """A message that sat in the mailbox over the weekend is received when it arrived there."""
    date_header = FRIDAY_EVENING - timedelta(hours=1)
    assert receipt_time(FRIDAY_EVENING, date_header, TUESDAY) == FRIDAY_EVENING


def test_old_mailbox_time_is_still_the_receipt() -> None:
    """The mailbox's own time is trusted however old it is (a long outage, a migration)."""
    long_ago = datetime(2019, 5, 1, tzinfo=UTC)
    assert receipt_time(long_ago, None, TUESDAY) == long_ago


def test_mailbox_time_in_the_future_is_ignored() -> None:
    """A mailbox time far ahead of processing is a wrong clock: processing time is used."""
    assert receipt_time(TUESDAY + timedelta(days=1), None, TUESDAY) == TUESDAY


def test_mailbox_time_a_little_ahead_is_capped_at_processing() -> None:
    """Clock skew of a few minutes never puts the receipt after the processing moment."""
    assert receipt_time(TUESDAY + timedelta(minutes=2), None, TUESDAY) == TUESDAY


def test_date_header_is_the_fallback_within_the_window() -> None:
    """Without a mailbox time, a Date header a few days old (a queued delivery) is used."""
    assert receipt_time(None, FRIDAY_EVENING, TUESDAY) == FRIDAY_EVENING


def test_date_header_older_than_the_window_is_ignored() -> None:
    """A Date older than mail queues keep messages is backdated or wrong: processing time."""
    too_old = TUESDAY - MAX_DATE_HEADER_AGE - timedelta(minutes=1)
    assert receipt_time(None, too_old, TUESDAY) == TUESDAY


def test_date_header_from_the_future_is_ignored() -> None:
    """A Date more than the allowed skew ahead of processing is ignored."""
    assert receipt_time(None, TUESDAY + timedelta(hours=1), TUESDAY) == TUESDAY


def test_nothing_known_means_processing_time() -> None:
    """Neither a mailbox time nor a Date header: the message is received when processed."""
    assert receipt_time(None, None, TUESDAY) == TUESDAY


def test_claim_year_is_the_companys_local_year() -> None:
    """00:30 on 1 January in Moscow is 21:30 UTC on 31 December: the year is the new one."""
    moment = datetime(2026, 12, 31, 21, 30, tzinfo=UTC)
    assert local_year(moment, MOSCOW) == 2027
    assert local_year(moment, UTC) == 2026
