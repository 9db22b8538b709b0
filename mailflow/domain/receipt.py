"""When a message was received: the moment its deadlines and claim number count from.

The mailbox knows when a message arrived (IMAP INTERNALDATE, a Maildir file's delivery
time, the moment an MTA pipes it in); processing may come much later, after an outage.
The sender's Date header is only a fallback, and only inside a window a real delivery
can fall in: mail queues give up after about five days (RFC 5321 section 4.5.4.1;
postfix and sendmail default to 5 days), so an older Date is a wrong clock or a backdated
message, and a Date from the future is one too beyond a few minutes of clock skew.
"""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo

MAX_CLOCK_SKEW = timedelta(minutes=15)
MAX_DATE_HEADER_AGE = timedelta(days=5)


def receipt_time(mailbox_time: datetime | None, date_header: datetime | None,
                 processed_at: datetime, *, max_skew: timedelta = MAX_CLOCK_SKEW,
                 max_age: timedelta = MAX_DATE_HEADER_AGE) -> datetime:
    """The moment the message reached us: the mailbox's time if known, else a plausible
    Date header, else `processed_at`; never later than `processed_at`."""
    if mailbox_time is not None and mailbox_time <= processed_at + max_skew:
        return min(mailbox_time, processed_at)
    if date_header is not None and \
            processed_at - max_age <= date_header <= processed_at + max_skew:
        return min(date_header, processed_at)
    return processed_at


def local_year(moment: datetime, zone: tzinfo) -> int:
    """The year of `moment` on the company's wall calendar (it names the claim number)."""
    return moment.astimezone(zone).year
