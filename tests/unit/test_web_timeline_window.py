"""The staff claim page cuts mailflow's own mail to staff to its start (issue 15: pages under
100 KB whatever the claim's length; its paging, now in SQL, is pinned by
tests/web/test_page_queries.py)."""

from __future__ import annotations

from mailflow.web.staff import STAFF_MAIL_SHOWN, _staff_mail_cut


def test_only_mail_to_staff_alone_is_cut() -> None:
    """A long notice to staff is cut to its start; the same text to the customer is whole."""
    text = "x" * (STAFF_MAIL_SHOWN * 3)
    staff = frozenset({"anna@shop.example"})
    to_staff = {"direction": "out", "to": ["Анна <anna@shop.example>"], "text": text}
    to_customer = {"direction": "out", "to": ["ivan@example.ru"], "text": text}
    cut = _staff_mail_cut(to_staff, staff)
    assert cut["cut"]
    assert len(cut["text"]) <= STAFF_MAIL_SHOWN + 2
    assert _staff_mail_cut(to_customer, staff) == {**to_customer, "cut": False}
