"""A page is under 100 KB without images (issue 15): the claims list with 50 rows and a claim
of 30 messages, on the staff page and on the customer's page."""

from __future__ import annotations

from pathlib import Path

from tests.web.page_sizes import LIMIT, measure


def test_pages_of_a_realistic_desk_are_under_100_kb(tmp_path: Path) -> None:
    """The list of 50 claims, and a 30-message claim with photos on both of its pages, each
    render under 100 KB (a size, not a timing: the same on any machine)."""
    sizes = measure(tmp_path, f"sqlite:///{tmp_path / 'mailflow.sqlite3'}")
    assert sizes.pop("messages") >= 30
    assert all(size < LIMIT for size in sizes.values()), sizes
    assert all(size > 5_000 for size in sizes.values()), sizes  # they did render content
