"""What a bounce says went wrong, for the specialist's notice."""

from __future__ import annotations

import re

from mailflow.domain.model import ParsedMessage

_DELIVERY_STATUS_TYPES = frozenset({"message/delivery-status",
                                    "message/global-delivery-status"})
# The value after the diagnostic type (`smtp; `), with its folded continuation lines.
_DIAGNOSTIC_CODE = re.compile(r"^Diagnostic-Code:[^;\n]*;\s*(.+(?:\r?\n[ \t].*)*)",
                              re.IGNORECASE | re.MULTILINE)


def diagnostic(msg: ParsedMessage) -> str:
    """The remote server's words: the DSN's Diagnostic-Code (RFC 3464), else a telling line."""
    for part in msg.attachments:
        if part.content_type.lower() in _DELIVERY_STATUS_TYPES:
            match = _DIAGNOSTIC_CODE.search(part.payload.decode("utf-8", errors="replace"))
            if match:
                return " ".join(match.group(1).split())[:300]
    for line in msg.text.splitlines():
        if any(word in line.lower() for word in ("diagnostic", "550", "5.1.1", "status:")):
            return line.strip()[:300]
    return msg.subject[:300]
