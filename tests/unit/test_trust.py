"""The optional DKIM/SPF check on staff messages reads only our own MX's verdict."""

from __future__ import annotations

from mailflow.domain.model import Address, ParsedMessage
from mailflow.workflow.trust import authentication_passed


def message(*results: str) -> ParsedMessage:
    return ParsedMessage(message_id="m@x", subject="s", from_=Address("anna@example.com"),
                         headers=tuple(("authentication-results", r) for r in results))


def test_dkim_pass_from_our_server_counts() -> None:
    """A dkim=pass stamped by our own MX is accepted."""
    assert authentication_passed(
        message("mx.example.com; dkim=pass header.d=example.com; spf=fail"), "mx.example.com")


def test_spf_pass_counts_too() -> None:
    """An spf=pass from our MX is enough on its own."""
    assert authentication_passed(message("mx.example.com; spf=pass smtp.mailfrom=x"),
                                 "mx.example.com")


def test_a_header_written_by_someone_else_does_not_count() -> None:
    """A sender's own Authentication-Results (another authserv-id) is ignored."""
    assert not authentication_passed(message("evil.example; dkim=pass"), "mx.example.com")


def test_failures_and_missing_headers_do_not_pass() -> None:
    """dkim=fail, spf=softfail or no header at all is not a pass."""
    assert not authentication_passed(message("mx.example.com; dkim=fail; spf=softfail"),
                                     "mx.example.com")
    assert not authentication_passed(message(), "mx.example.com")
