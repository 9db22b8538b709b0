"""Whether our own mail server vouched for a staff message's From domain.

Only the topmost Authentication-Results header carrying our authserv-id counts. Headers
are prepended as mail travels, so the topmost one of ours is the one our MX added on
arrival; anything below it was already in the message, written by the sender or on the
way, and anyone can write "dkim=pass" there. RFC 8601 section 5 asks the MX to remove
such forgeries that claim its own authserv-id; trusting only the topmost one keeps a
forgery out even when it does not. Headers of other authserv-ids are ignored.

A pass counts only when it is about the From domain: dmarc=pass for header.from, or
dkim=pass by a signing domain (header.d, else the domain of header.i), or spf=pass for the
envelope sender domain (smtp.mailfrom), aligned with it. Without the public suffix list,
alignment is relaxed to "the same domain, or one a subdomain of the other", with at least
two labels on the shorter side, so `example` never aligns with `company.example`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from mailflow.domain.model import ParsedMessage

HEADER = "authentication-results"
_AROUND_EQUALS = re.compile(r"\s*=\s*")  # RFC 8601 allows `dkim = pass`
_TOKEN = re.compile(r'(?:[^\s"]+|"[^"]*")+')  # a word, quoted strings kept whole


@dataclass(frozen=True)
class MethodResult:
    """One `method=result` of an Authentication-Results header, with its properties."""

    method: str
    result: str
    properties: dict[str, str]


def authentication_passed(msg: ParsedMessage, authserv_id: str) -> bool:
    """True when our server's topmost Authentication-Results shows a pass aligned with the
    domain of the message's From address."""
    if not authserv_id or msg.from_ is None:
        return False
    ours = our_results(msg.headers, authserv_id)
    domain = msg.from_.email.rpartition("@")[2].lower()
    return ours is not None and any(_vouches_for(result, domain) for result in ours)


def our_results(headers: Sequence[tuple[str, str]],
                authserv_id: str) -> tuple[MethodResult, ...] | None:
    """The results in the topmost Authentication-Results header of `authserv_id`, if any."""
    for name, value in headers:
        if name.lower() != HEADER:
            continue
        server, results = parse_authentication_results(value)
        if server == authserv_id.lower():
            return results
    return None


def parse_authentication_results(value: str) -> tuple[str, tuple[MethodResult, ...]]:
    """The authserv-id (lower case) and the method results of one header value."""
    parts = list(_split(_without_comments(value), ";"))
    server = parts[0].split()[0].lower() if parts and parts[0].split() else ""
    return server, tuple(result for part in parts[1:] if (result := _method_result(part)))


def aligned(domain: str, from_domain: str) -> bool:
    """Relaxed alignment: equal, or one a subdomain of the other (shorter side 2+ labels)."""
    domain, from_domain = domain.lower().strip("."), from_domain.lower().strip(".")
    if not domain or not from_domain:
        return False
    if domain == from_domain:
        return True
    shorter, longer = sorted((domain, from_domain), key=len)
    return shorter.count(".") >= 1 and longer.endswith("." + shorter)


def _vouches_for(result: MethodResult, from_domain: str) -> bool:
    if result.result != "pass":
        return False
    props = result.properties
    if result.method == "dmarc":
        return aligned(props.get("header.from", ""), from_domain)
    if result.method == "dkim":
        signer = props.get("header.d") or props.get("header.i", "").rpartition("@")[2]
        return aligned(signer, from_domain)
    if result.method == "spf":
        return aligned(props.get("smtp.mailfrom", "").rpartition("@")[2], from_domain)
    return False


def _method_result(part: str) -> MethodResult | None:
    words = _TOKEN.findall(_AROUND_EQUALS.sub("=", part))
    if not words or "=" not in words[0]:
        return None
    method, _, result = words[0].partition("=")
    properties = {}
    for word in words[1:]:
        key, sep, val = word.partition("=")
        if sep:
            properties[key.lower()] = val.strip('"')
    return MethodResult(method.split("/")[0].lower(), result.lower(), properties)


def _without_comments(value: str) -> str:
    """The value with (nested) comments removed; quoted strings are kept as they are."""
    out, depth, quoted = [], 0, False
    for char in value:
        if char == '"' and depth == 0:
            quoted = not quoted
        if not quoted and char == "(":
            depth += 1
        elif not quoted and char == ")" and depth:
            depth -= 1
        elif depth == 0:
            out.append(char)
    return "".join(out)


def _split(value: str, separator: str) -> Iterator[str]:
    """`value` split at `separator` outside quoted strings."""
    start, quoted = 0, False
    for index, char in enumerate(value):
        if char == '"':
            quoted = not quoted
        elif char == separator and not quoted:
            yield value[start:index]
            start = index + 1
    yield value[start:]
