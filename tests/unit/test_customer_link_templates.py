"""The customer's personal link in every mail to the customer: shown when `[web]` gives one."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from mailflow.send.render import TemplateRenderer
from tests.unit.template_checks import LANGUAGES, NUMBER, renderer

__all__ = ["renderer"]  # the shared fixture

WHEN = datetime(2026, 12, 1, 14, 5, tzinfo=timezone(timedelta(hours=3)))
LINK = "https://claims.example/c/t0ken.a-b_c?x=1&y=2"
SHARED = {"claim_number": NUMBER, "customer_name": "John", "company_name": "Daisy Ltd"}
CUSTOMER_MAIL: dict[str, dict[str, object]] = {
    "acknowledgement": {"original_subject": "Vase", "received_at": WHEN,
                        "answer_by": date(2026, 12, 11), "specialist": None,
                        "missing_items": [], "quoted_text": "> vase"},
    "status_update": {"status": "in_progress", "specialist_name": "Anna",
                      "specialist_position": "", "note": None, "answer_by": None,
                      "ask_rating": False},
    "relay": {"specialist_name": "Anna", "specialist_position": "", "original_subject": "Vase",
              "body": "Dear John, a new vase is on its way."},
    "customer_chaser": {"specialist_name": "Anna", "specialist_position": "",
                        "waiting_since": WHEN, "auto_close_on": None, "question": None,
                        "missing_items": []},
    "auto_closed": {"specialist_name": "Anna", "waiting_since": WHEN},
    "claims_merged": {"merged_number": "CLM-2026-000124"},
}
BOTH = [(name, language) for name in CUSTOMER_MAIL for language in LANGUAGES]


@pytest.mark.parametrize(("name", "language"), BOTH)
def test_customer_mail_carries_the_link_in_text_and_html(renderer: TemplateRenderer, name: str,
                                                         language: str) -> None:
    """The link is in the plain text as is and in the HTML as an escaped, clickable address."""
    result = renderer.render(name, language, **SHARED, **CUSTOMER_MAIL[name],
                             customer_link=LINK)
    assert LINK in result.text
    escaped = LINK.replace("&", "&amp;")
    assert f'<a href="{escaped}">{escaped}</a>' in result.html
    assert "\n\n\n" not in result.text


@pytest.mark.parametrize(("name", "language"), BOTH)
def test_without_a_link_the_mail_says_nothing_of_a_page(renderer: TemplateRenderer, name: str,
                                                         language: str) -> None:
    """With `[web]` off (an empty link) the mail has no link and no sentence about a page."""
    result = renderer.render(name, language, **SHARED, **CUSTOMER_MAIL[name], customer_link="")
    assert "/c/" not in result.text + result.html
    assert "на её странице" not in result.text
    assert "on its page" not in result.text
    assert "\n\n\n" not in result.text
