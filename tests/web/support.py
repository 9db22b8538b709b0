"""Building the web application of a test App, and reading its pages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from starlette.testclient import TestClient

from mailflow.app import App
from mailflow.web.app import create_app
from tests.integration import support

BASE_URL = "http://127.0.0.1:8080"


def web_app(tmp_path: Path, db_url: str, **overrides: Any) -> App:
    """An App whose `[web]` section is on (plain http on loopback, as in tests)."""
    web = {"base_url": BASE_URL, "secure_cookies": False, **overrides.pop("web", {})}
    return support.app(tmp_path, db_url, web=web, **overrides)


def client(mailflow: App) -> TestClient:
    """The ASGI test client of `mailflow`'s web application (no redirects followed)."""
    return TestClient(create_app(mailflow), base_url=BASE_URL, follow_redirects=False)
