"""Routes of the login pages (see mailflow.web)."""

from __future__ import annotations

from starlette.routing import BaseRoute

from mailflow.web.context import WebContext


def routes(context: WebContext) -> list[BaseRoute]:
    return []
