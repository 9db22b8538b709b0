"""Pages rendered from `templates/web/`, in Russian or English, always autoescaped."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from starlette.requests import Request
from starlette.responses import HTMLResponse

from mailflow.domain.labels import SUPPORTED_LANGUAGES, field_label, field_value, status_label
from mailflow.web.words import word

DEFAULT_LANGUAGE = "ru"


def browser_language(request: Request, default: str = DEFAULT_LANGUAGE) -> str:
    """`?lang=` when given, else the first supported language of Accept-Language."""
    asked = request.query_params.get("lang", "")
    if asked in SUPPORTED_LANGUAGES:
        return asked
    for part in request.headers.get("accept-language", "").split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if code in SUPPORTED_LANGUAGES:
            return code
    return default


class Pages:
    """The jinja2 environment of the web pages (autoescape on for every template)."""

    def __init__(self, templates: Path, timezone: str) -> None:
        self.zone = ZoneInfo(timezone)
        self.env = Environment(loader=FileSystemLoader(templates / "web"), autoescape=True,
                               undefined=StrictUndefined, trim_blocks=True,
                               lstrip_blocks=True)
        self.env.filters["status_label"] = status_label
        self.env.filters["field_label"] = field_label
        self.env.filters["field_value"] = lambda value, name, language: field_value(
            str(value), name, language)
        self.env.filters["local"] = self._local

    def _local(self, moment: Any, fmt: str = "%d.%m.%Y %H:%M") -> str:
        """A UTC time as people read it: in the company's time zone."""
        return "" if moment is None else moment.astimezone(self.zone).strftime(fmt)

    def render(self, template: str, language: str, status_code: int = 200,
               **context: Any) -> HTMLResponse:
        def t(key: str, **values: Any) -> str:
            return word(key, language, **values)

        html = self.env.get_template(template).render(lang=language, t=t, **context)
        return HTMLResponse(html, status_code=status_code)
