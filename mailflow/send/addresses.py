"""Envelope addresses on the wire: when SMTPUTF8 is needed and how an address is written.

A customer may write from `иван@пример.рф`. A Unicode domain can always be written in
ASCII (IDNA); a Unicode local part cannot, so it needs a server offering SMTPUTF8
(RFC 6531), and so do raw UTF-8 headers. Without it such a message is refused for good,
with the reason: waiting would not change what the server offers.
"""

from __future__ import annotations

from collections.abc import Sequence

from mailflow.errors import SendRejected


def needs_smtputf8(sender: str, recipients: Sequence[str], raw: bytes) -> bool:
    """True when an envelope address or a header of `raw` is not plain ASCII."""
    return not all(address.isascii() for address in (sender, *recipients)) or not (
        _header_block(raw).isascii())


def wire_address(address: str, smtputf8: bool, server: str = "the server") -> str:
    """`address` as written in MAIL FROM or RCPT TO to a server that does (or does not)
    offer SMTPUTF8; SendRejected when a server without it cannot be given the address."""
    if smtputf8 or address.isascii():
        return address
    local, _, domain = address.rpartition("@")
    if not local.isascii():
        raise SendRejected(f"the address {address} has a non-ASCII local part and {server} "
                           "does not offer SMTPUTF8")
    try:
        return f"{local}@{domain.encode('idna').decode('ascii')}"
    except UnicodeError:
        raise SendRejected(f"the domain of {address} cannot be written in ASCII (IDNA)") from None


def _header_block(raw: bytes) -> bytes:
    end = raw.find(b"\r\n\r\n")
    if end < 0:
        end = raw.find(b"\n\n")
    return raw if end < 0 else raw[:end]
