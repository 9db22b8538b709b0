"""An access token cache: reuse, refresh some time before expiry, force a refresh on demand."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class AccessToken:
    """A bearer token and when it stops working (seconds since the epoch)."""

    value: str
    expires_at: float

    def __repr__(self) -> str:  # the token is a secret: never in a log or a traceback
        return f"AccessToken(value=***, expires_at={self.expires_at})"


class TokenSource(Protocol):
    """Obtains a new access token from the provider (a network call)."""

    def fetch(self) -> AccessToken:
        """A fresh token; TokenRefused or TokenUnavailable naming the config key."""
        ...


def is_fresh(token: AccessToken | None, now: float, refresh_before: float,
             fetched_at: float = float("-inf")) -> bool:
    """Whether `token` can still be used: it exists and expires more than
    `refresh_before` seconds after `now`, a margin cut to half the token's life when the
    provider issues tokens shorter than twice the margin (else every use would fetch)."""
    if token is None:
        return False
    margin = min(refresh_before, (token.expires_at - fetched_at) / 2)
    return token.expires_at - margin > now


def xoauth2_string(user: str, token: str) -> str:
    """The XOAUTH2 SASL initial response (before base64), as Google and Microsoft define it."""
    return f"user={user}\x01auth=Bearer {token}\x01\x01"


class TokenProvider:
    """One server's tokens: cached, refreshed `refresh_before` seconds (at most half their
    life) before they expire,
    and refreshed at once when the server rejected the cached one (`refresh`).
    Safe to share between the reading thread and the sending loop."""

    def __init__(self, source: TokenSource, refresh_before: float,
                 clock: Callable[[], float] = time.time) -> None:
        self._source = source
        self._refresh_before = refresh_before
        self._clock = clock
        self._token: AccessToken | None = None
        self._fetched_at = 0.0
        self._lock = threading.Lock()

    def token(self) -> str:
        """A token that stays valid for at least `refresh_before` seconds."""
        with self._lock:
            now = self._clock()
            if not is_fresh(self._token, now, self._refresh_before, self._fetched_at):
                self._token, self._fetched_at = self._source.fetch(), now
            assert self._token is not None
            return self._token.value

    def refresh(self) -> str:
        """A new token whatever the cache holds (the server refused the cached one)."""
        with self._lock:
            self._token, self._fetched_at = self._source.fetch(), self._clock()
            return self._token.value
