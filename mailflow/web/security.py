"""Protections every route shares: response headers, a request body limit, CSRF tokens.

Plain ASGI middleware (no BaseHTTPMiddleware), so a streamed 2 GB body is cut off as it
arrives, not after it was read.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
HEADERS = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    # Personal links carry their token in the path: never hand it on to another site.
    (b"referrer-policy", b"no-referrer"),
    (b"cache-control", b"no-store"),
    (b"cross-origin-opener-policy", b"same-origin"),
)


class SecurityHeaders:
    """Adds the headers above to every response (a route's own values win)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(name, value) for name, value in HEADERS if name not in present]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, with_headers)


class BodyTooLarge(Exception):
    """The request body passed the limit (answered 413)."""


TooLargePage = Callable[[Scope], bytes]


def _plain_page(_scope: Scope) -> bytes:
    return b"413 Request Entity Too Large"


class BodyLimit:
    """Refuses a request body larger than `limit` bytes: at once by its Content-Length, or
    as soon as a streamed body passes it. `page` renders the HTML answer for the request."""

    def __init__(self, app: ASGIApp, limit: int, page: TooLargePage | None = None) -> None:
        self.app, self.limit = app, limit
        self.page = page

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            await self._too_large(scope, send)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise BodyTooLarge
            return message

        try:
            await self.app(scope, counted, send)
        except BodyTooLarge:
            await self._too_large(scope, send)

    async def _too_large(self, scope: Scope, send: Send) -> None:
        kind = b"text/html" if self.page else b"text/plain"
        body = (self.page or _plain_page)(scope)
        await send({"type": "http.response.start", "status": 413, "headers": [
            (b"content-type", kind + b"; charset=utf-8"),
            (b"content-length", str(len(body)).encode()), (b"connection", b"close"),
            *HEADERS]})
        await send({"type": "http.response.body", "body": body})


def csrf_token(secret: bytes, binding: str) -> str:
    """The form token for whoever `binding` names (a staff session, a customer link)."""
    return hmac.new(secret, b"csrf\0" + binding.encode(), hashlib.sha256).hexdigest()


def csrf_ok(secret: bytes, binding: str, given: object) -> bool:
    """The form carried the token of `binding` (compared in constant time)."""
    return isinstance(given, str) and hmac.compare_digest(csrf_token(secret, binding), given)
