"""Optional check that a staff message passed DKIM or SPF at our own mail server."""

from __future__ import annotations

import re

from mailflow.domain.model import ParsedMessage

_PASS = re.compile(r"\b(dkim|spf)\s*=\s*pass\b", re.IGNORECASE)


def authentication_passed(msg: ParsedMessage, authserv_id: str) -> bool:
    """True when an Authentication-Results header from `authserv_id` shows dkim or spf pass.

    Only our own server's header counts (RFC 8601 section 5): a sender can write any
    Authentication-Results it likes, but not one our MX stamped after removing forgeries.
    """
    for name, value in msg.headers:
        if name != "authentication-results":
            continue
        server = value.split(";", 1)[0].strip().lower()
        if authserv_id and server != authserv_id.lower():
            continue
        if _PASS.search(value):
            return True
    return False
