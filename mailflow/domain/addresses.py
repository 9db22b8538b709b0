"""Email addresses as mailflow accepts them: plain `local@domain` with nothing that could
break a header. The domain may be Unicode (sent as IDNA); the local part may be UTF-8
(RFC 6531/6532, `иван@пример.рф`), which needs an SMTPUTF8 server."""

from __future__ import annotations

import re
import unicodedata

# RFC 5322 dot-atom, with the UTF-8 letters RFC 6531 adds.
_ATEXT = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~\u00a1-\U0010ffff-]+"
_LOCAL_PART_RE = re.compile(rf"^{_ATEXT}(?:\.{_ATEXT})*$")
_UNSAFE_IN_ADDRESS = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp", "Co", "Cs", "Cn"})
_DOMAIN_RE = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
                        r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$")


def _ascii_domain(domain: str) -> str | None:
    try:
        encoded = domain.encode("idna").decode("ascii") if not domain.isascii() else domain
    except UnicodeError:
        return None
    return encoded if _DOMAIN_RE.match(encoded) else None


def split_address(email: str) -> tuple[str, str] | None:
    """`(local, ascii_domain)` of a plain `local@domain` address, or None when it is not one."""
    local, at, domain = email.partition("@")
    if not at or not _LOCAL_PART_RE.match(local) or _has_unsafe(local):
        return None
    ascii_domain = _ascii_domain(domain)
    return None if ascii_domain is None else (local, ascii_domain)


def _has_unsafe(text: str) -> bool:
    return any(unicodedata.category(ch) in _UNSAFE_IN_ADDRESS for ch in text if not ch.isascii())


def has_utf8_local_part(email: str) -> bool:
    """The address has a UTF-8 local part: only an SMTPUTF8 server (RFC 6531) can take it."""
    return not email.partition("@")[0].isascii()


def is_valid_address(email: str) -> bool:
    """True for a plain `local@domain` address with nothing that could break a header."""
    return split_address(email) is not None
