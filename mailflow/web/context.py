"""What every web route needs: the app, the `[web]` settings, the pages and the clock."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from mailflow.app import App
from mailflow.config.web import WebSettings
from mailflow.web.pages import Pages


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class WebContext:
    """Shared by the routes of one `mailflow web` process."""

    app: App
    pages: Pages
    now: Callable[[], datetime] = field(default=_utc_now)

    @property
    def web(self) -> WebSettings:
        return self.app.settings.web

    @property
    def secret(self) -> bytes:
        return self.app.secret
