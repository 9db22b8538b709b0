"""The ASGI application of `mailflow web` (Starlette): routes, protections, error pages."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import BaseRoute, Route
from starlette.types import Scope

from mailflow.app import App, templates_dir
from mailflow.web.context import WebContext, _utc_now
from mailflow.web.pages import Pages, browser_language
from mailflow.web.security import BodyLimit, SecurityHeaders

# Room for the form fields and multipart framing around the largest allowed upload.
FORM_OVERHEAD = 1024 * 1024
ERROR_WORDS = {400: "bad_request", 403: "forbidden", 404: "not_found", 405: "bad_request",
               413: "too_large", 429: "too_many"}


def create_app(mailflow: App, now: Callable[[], datetime] = _utc_now) -> Starlette:
    """The web application on `mailflow`'s database and rules."""
    from mailflow.web import customer, login, staff

    context = WebContext(mailflow, Pages(templates_dir(), mailflow.settings.company.timezone),
                         now)
    routes: list[BaseRoute] = [
        Route("/", _home(context)),
        Route("/static/site.css", _stylesheet),
        *customer.routes(context),
        *login.routes(context),
        *staff.routes(context),
    ]
    web = mailflow.settings.web
    limit = web.upload_max_bytes * web.upload_max_files + FORM_OVERHEAD
    app = Starlette(routes=routes, middleware=[
        Middleware(SecurityHeaders),
        Middleware(BodyLimit, limit=limit, page=_too_large_page(context))],
                    exception_handlers={HTTPException: _error_page(context)})
    app.state.context = context
    return app


def _home(context: WebContext) -> Callable[[Request], Response]:
    def home(request: Request) -> Response:
        return context.pages.render("home.html.j2", browser_language(request))

    return home


def _stylesheet(_request: Request) -> Response:
    return FileResponse(templates_dir() / "web" / "site.css", media_type="text/css")


def _too_large_page(context: WebContext) -> Callable[[Scope], bytes]:
    """The site's 413 page in the browser's language, for a body cut off before routing."""
    def too_large_page(scope: Scope) -> bytes:
        page = context.pages.render("error.html.j2", browser_language(Request(scope)),
                                    status_code=413, message_key="too_large")
        return bytes(page.body)

    return too_large_page


def _error_page(context: WebContext) -> Callable[[Request, Exception], Response]:
    def error_page(request: Request, error: Exception) -> Response:
        assert isinstance(error, HTTPException)
        key = ERROR_WORDS.get(error.status_code, "bad_request")
        return context.pages.render("error.html.j2", browser_language(request),
                                    status_code=error.status_code, message_key=key)

    return error_page
