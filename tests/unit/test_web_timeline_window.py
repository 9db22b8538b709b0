"""The staff claim page shows a long timeline a part at a time (issue 15: pages under 100 KB
whatever the claim's length), and cuts mailflow's own mail to staff to its start."""

from __future__ import annotations

from mailflow.web.staff import STAFF_MAIL_SHOWN, _staff_mail_cut, _window


def test_the_newest_part_comes_first_and_older_parts_page_back() -> None:
    """70 items in parts of 30: the newest 30, then the 30 before, then the first 10."""
    items = list(range(70))
    assert _window(items, 0, 30) == (list(range(40, 70)), True)
    assert _window(items, 1, 30) == (list(range(10, 40)), True)
    assert _window(items, 2, 30) == (list(range(10)), False)
    assert _window(items, 9, 30) == ([], False)


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
