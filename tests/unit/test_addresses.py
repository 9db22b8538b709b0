"""Envelope addresses on the wire: when SMTPUTF8 is needed, IDNA without it, refusals."""

from __future__ import annotations

import pytest

from mailflow.errors import SendRejected
from mailflow.send.addresses import needs_smtputf8, wire_address

ASCII_MAIL = b"From: a@example.test\r\nTo: b@example.test\r\nSubject: hi\r\n\r\nText \xd0\xaf\r\n"


def test_plain_ascii_mail_needs_no_smtputf8() -> None:
    """ASCII addresses and headers need no SMTPUTF8, whatever the body holds."""
    assert not needs_smtputf8("a@example.test", ["b@example.test"], ASCII_MAIL)


@pytest.mark.parametrize(("sender", "recipient", "raw"), [
    ("a@example.test", "иван@пример.рф", ASCII_MAIL),
    ("почта@пример.рф", "b@example.test", ASCII_MAIL),
    ("a@example.test", "b@example.test", "To: иван@пример.рф\n\nText\n".encode()),
])
def test_a_unicode_address_or_header_needs_smtputf8(sender: str, recipient: str,
                                                     raw: bytes) -> None:
    """A non-ASCII envelope address or raw UTF-8 header asks for SMTPUTF8."""
    assert needs_smtputf8(sender, [recipient], raw)


def test_a_unicode_domain_is_written_as_idna_without_smtputf8() -> None:
    """Only the domain is Unicode: it goes as IDNA to a server without SMTPUTF8."""
    assert wire_address("ivan@пример.рф", False) == "ivan@xn--e1afmkfd.xn--p1ai"
    assert wire_address("ivan@пример.рф", True) == "ivan@пример.рф"
    assert wire_address("ivan@example.test", False) == "ivan@example.test"


def test_a_unicode_local_part_without_smtputf8_is_refused_with_the_reason() -> None:
    """A Cyrillic local part cannot be written in ASCII: refused for good, naming it."""
    with pytest.raises(SendRejected, match=r"иван@пример\.рф has a non-ASCII local part and "
                                           r"smtp\.example does not offer SMTPUTF8"):
        wire_address("иван@пример.рф", False, "smtp.example")
