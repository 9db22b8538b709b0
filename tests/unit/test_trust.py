"""The optional Authentication-Results check on staff messages: only our MX's topmost
header counts, and only a pass aligned with the From domain."""

from __future__ import annotations

import pytest

from mailflow.domain.model import Address, ParsedMessage
from mailflow.domain.trust import aligned, authentication_passed, parse_authentication_results

MX = "mx.company.example"


def message(*results: str, sender: str = "anna@company.example") -> ParsedMessage:
    """A message whose Authentication-Results headers are `results`, topmost first."""
    return ParsedMessage(message_id="m@x", subject="s", from_=Address(sender),
                         headers=(("received", "from mx"),
                                  *(("authentication-results", r) for r in results)))


def passes(*results: str, sender: str = "anna@company.example") -> bool:
    return authentication_passed(message(*results, sender=sender), MX)


def test_aligned_dkim_pass_from_our_server_counts() -> None:
    """dkim=pass signed by the From domain, stamped by our own MX, is accepted."""
    assert passes(f"{MX}; dkim=pass header.d=company.example; spf=fail")


def test_dmarc_pass_for_the_from_domain_counts() -> None:
    """dmarc=pass with header.from equal to the From domain is accepted."""
    assert passes(f"{MX}; dmarc=pass (p=reject) header.from=company.example")


def test_aligned_spf_pass_counts() -> None:
    """spf=pass for an envelope sender in the From domain is accepted."""
    assert passes(f"{MX} 1; spf = pass smtp.mailfrom=anna@company.example")


def test_subdomain_signer_is_aligned() -> None:
    """A signature by a subdomain of the From domain (or the other way) is aligned."""
    assert passes(f"{MX}; dkim=pass header.d=mail.company.example")
    assert passes(f"{MX}; dkim=pass header.i=@company.example",
                  sender="anna@staff.company.example")


def test_pass_for_another_domain_is_not_trusted() -> None:
    """Our topmost header says dkim=pass, but for evil.example, not the From domain."""
    assert not passes(f"{MX}; dkim=pass header.d=evil.example; "
                      "spf=pass smtp.mailfrom=x@evil.example")
    assert not passes(f"{MX}; dmarc=pass header.from=evil.example")


def test_pass_without_a_domain_is_not_trusted() -> None:
    """A bare dkim=pass or spf=pass names no domain to align with the From domain."""
    assert not passes(f"{MX}; dkim=pass; spf=pass")


def test_forged_header_below_ours_is_ignored() -> None:
    """The sender's forged header with our authserv-id sits below ours: ours says fail."""
    assert not passes(f"{MX}; dkim=fail header.d=company.example; dmarc=fail",
                      f"{MX}; dkim=pass header.d=company.example; dmarc=pass "
                      "header.from=company.example")


def test_our_topmost_header_counts_even_below_other_servers() -> None:
    """Headers of other authserv-ids above ours (a later hop) are skipped, not decisive."""
    assert passes("filter.internal.example; dkim=fail",
                  f"{MX}; dmarc=pass header.from=company.example")


def test_a_header_of_another_server_is_ignored() -> None:
    """An Authentication-Results of another authserv-id is ignored, however it reads."""
    assert not passes("evil.example; dmarc=pass header.from=company.example")


def test_failures_and_missing_headers_do_not_pass() -> None:
    """dkim=fail, spf=softfail or no header at all is not a pass."""
    assert not passes(f"{MX}; dkim=fail header.d=company.example; spf=softfail")
    assert not passes()


def test_without_authserv_id_nothing_passes() -> None:
    """With no authserv-id configured there is no server to trust."""
    assert not authentication_passed(
        message(f"{MX}; dmarc=pass header.from=company.example"), "")


def test_quoted_reason_cannot_smuggle_a_property() -> None:
    """A property inside a quoted reason or a comment is not read as one."""
    assert not passes(f'{MX}; dkim=pass reason="header.d=company.example ok" '
                      "header.d=evil.example")
    assert not passes(f"{MX}; dkim=pass (header.d=company.example) header.d=evil.example")


def test_parse_reads_server_and_results() -> None:
    """The authserv-id, methods, results and properties are read from one header value."""
    server, results = parse_authentication_results(
        "MX.Company.Example; dkim=pass (good) header.d=company.example header.s=sel; "
        'spf=fail reason="a; b" smtp.mailfrom=x@y.example')
    assert server == MX
    assert [(r.method, r.result) for r in results] == [("dkim", "pass"), ("spf", "fail")]
    assert results[0].properties["header.d"] == "company.example"
    assert results[1].properties["smtp.mailfrom"] == "x@y.example"


@pytest.mark.parametrize(("domain", "from_domain", "expected"), [
    ("company.example", "company.example", True),
    ("mail.company.example", "company.example", True),
    ("company.example", "eu.company.example", True),
    ("example", "company.example", False),
    ("notcompany.example", "company.example", False),
    ("", "company.example", False),
])
def test_alignment(domain: str, from_domain: str, expected: bool) -> None:
    """Relaxed alignment: same domain or a subdomain, never a bare top-level domain."""
    assert aligned(domain, from_domain) is expected
