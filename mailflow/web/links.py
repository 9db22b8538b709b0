"""The customer's personal link to a claim: a signed token, bound to the claim and the
customer's address, that expires (`[web] link_days`) and is revoked by raising the claim's
`link_version`. The token names the claim; it cannot be guessed or altered without the key."""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

SALT = "mailflow.customer-link"


@dataclass(frozen=True)
class LinkHolder:
    """Who a valid link lets in: the claim, its customer, the link version it was issued at."""

    number: str
    email_digest: str
    version: int


def _serializer(secret: bytes) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret, salt=SALT)


def email_digest(secret: bytes, email: str) -> str:
    """A keyed digest of the address: the token binds to it without carrying it."""
    return hmac.new(secret, b"link-email\0" + email.lower().encode(),
                    hashlib.sha256).hexdigest()[:32]


def make_token(secret: bytes, number: str, email: str, version: int) -> str:
    """A token for `number`'s customer `email` (the signing time is its issue time)."""
    return str(_serializer(secret).dumps([number, email_digest(secret, email), version]))


def read_token(secret: bytes, token: str, max_age_seconds: int) -> LinkHolder | None:
    """Who `token` lets in, or None: altered, expired, or not a token at all."""
    try:
        value = _serializer(secret).loads(token, max_age=max_age_seconds)
    except (SignatureExpired, BadSignature):
        return None
    if (not isinstance(value, list) or len(value) != 3
            or not all(isinstance(part, t) for part, t in zip(value, (str, str, int),
                                                                   strict=True))):
        return None
    return LinkHolder(value[0], value[1], value[2])


def still_valid(secret: bytes, holder: LinkHolder, customer_email: str,
                link_version: int) -> bool:
    """The link's claim still has this customer and the link was not revoked since."""
    return (hmac.compare_digest(holder.email_digest, email_digest(secret, customer_email))
            and holder.version == link_version)


def link_url(base_url: str, token: str) -> str:
    return f"{base_url}/c/{token}"

