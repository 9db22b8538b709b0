"""Routes of the staff login: a one-time link by mail, a session cookie, logout.

The login form answers the same page whatever the address (no list of staff to be read
from it), and counts requests per address and per IP. Anonymous forms carry a CSRF token
bound to a random pre-session cookie; signed-in forms one bound to the session.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Awaitable, Callable
from datetime import timedelta

from sqlmodel import Session
from starlette.background import BackgroundTask
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from mailflow.decide.effects import MailQueued
from mailflow.decide.wording import language_for
from mailflow.domain.model import Address, Person
from mailflow.web.context import WebContext
from mailflow.web.pages import browser_language
from mailflow.web.rate import allow, forget_old
from mailflow.web.security import csrf_ok, csrf_token
from mailflow.web.staff_auth import (
    COOKIE,
    Viewer,
    current_viewer,
    digest,
    end_session,
    login_waiting,
    new_login,
    start_session,
    use_login,
)

PRE_COOKIE = "mf_pre"
LANG_COOKIE = "mf_lang"
Handler = Callable[[Request], Awaitable[Response]]

log = logging.getLogger(__name__)


def routes(context: WebContext) -> list[BaseRoute]:
    return [
        Route("/login", _login_form(context), methods=["GET"]),
        Route("/login", _ask_for_link(context), methods=["POST"]),
        Route("/login/{token}", _confirm_form(context), methods=["GET"]),
        Route("/login/{token}", _sign_in(context), methods=["POST"]),
        Route("/logout", _sign_out(context), methods=["POST"]),
    ]


def client_ip(request: Request) -> str:
    """The client's address (uvicorn puts the proxy's X-Forwarded-For here)."""
    return request.client.host if request.client else ""


def _pre_binding(request: Request) -> tuple[str, str]:
    """The pre-session cookie's value (a new one when missing) and the CSRF binding."""
    value = request.cookies.get(PRE_COOKIE) or secrets.token_urlsafe(24)
    return value, "pre:" + value


def _with_pre_cookie(context: WebContext, response: Response, value: str) -> Response:
    response.set_cookie(PRE_COOKIE, value, httponly=True, samesite="strict",
                        secure=context.web.secure_cookies, path="/")
    return response


def _anonymous_form_ok(context: WebContext, request: Request, given: object) -> bool:
    value = request.cookies.get(PRE_COOKIE)
    return bool(value) and csrf_ok(context.secret, f"pre:{value}", given)


def _login_form(context: WebContext) -> Handler:
    async def login_form(request: Request) -> Response:
        value, binding = _pre_binding(request)
        page = context.pages.render("login.html.j2", browser_language(request), sent=False,
                                    csrf=csrf_token(context.secret, binding), minutes=0)
        return _with_pre_cookie(context, page, value)

    return login_form


def _ask_for_link(context: WebContext) -> Handler:
    async def ask_for_link(request: Request) -> Response:
        form = await request.form()
        if not _anonymous_form_ok(context, request, form.get("csrf")):
            raise HTTPException(403)
        email = str(form.get("email", "")).strip().lower()[:320]
        if "@" not in email:
            raise HTTPException(400)
        ip = client_ip(request)
        _count_request(context, email, ip)
        value, binding = _pre_binding(request)
        page = context.pages.render("login.html.j2", browser_language(request), sent=True,
                                    csrf=csrf_token(context.secret, binding),
                                    minutes=context.web.login_link_minutes)
        # Mailing the link runs after the page is sent, so a staff address answers as
        # fast as any other and the timing does not tell which addresses are staff.
        page.background = BackgroundTask(_send_link_logged, context, email, ip)
        return _with_pre_cookie(context, page, value)

    return ask_for_link


def _count_request(context: WebContext, email: str, ip: str) -> None:
    """Count the request per IP and per address (429 over a limit)."""
    web, now = context.web, context.now()
    with context.app.db.transaction() as session:
        # The table holds only the last hour's hits, so dropping the rest here stays cheap.
        forget_old(session, now)
        allowed = (allow(session, f"login-ip:{ip}", web.login_per_ip, now)
                   and allow(session, f"login-address:{email}", web.login_per_address, now))
    if not allowed:
        raise HTTPException(429)


def _send_link_logged(context: WebContext, email: str, ip: str) -> None:
    """`_send_link` after the answer: a failure can reach no page, so it is logged."""
    try:
        _send_link(context, email, ip)
    except Exception as error:  # the page is gone: the log is the only place left
        log.error("a login link could not be queued: %s", error)


def _send_link(context: WebContext, email: str, ip: str) -> None:
    """Mail a login link if `email` is staff; nothing for any other address."""
    app, web, now = context.app, context.web, context.now()
    person = app.team.find(email)
    if person is None:
        return
    with app.db.transaction() as session:
        token = new_login(session, person.email, ip, now, web)
        queue_login_mail(context, session, person, token)


def queue_login_mail(context: WebContext, session: Session, person: Person,
                     token: str) -> None:
    """The login link to `person`, queued in the outbox like mailflow's other staff mail."""
    app = context.app
    language = language_for(person, app.settings.company.default_language)
    mail = MailQueued(template="web_login", audience="person",
                      to=Address(person.email, person.name), language=language,
                      dedup_key=f"web-login:{digest(token)}", context={
                          "person_name": person.name, "link": login_url(context, token),
                          "minutes": context.web.login_link_minutes})
    app.mailer.queue_unclaimed(session, mail, context.now(), answering="")


def login_url(context: WebContext, token: str) -> str:
    return f"{context.web.base_url}/login/{token}"


def _confirm_form(context: WebContext) -> Handler:
    async def confirm_form(request: Request) -> Response:
        token = request.path_params["token"]
        with context.app.db.transaction() as session:
            waiting = login_waiting(session, token, context.now()) is not None
        if not waiting:
            raise HTTPException(404)
        value, binding = _pre_binding(request)
        page = context.pages.render("login_confirm.html.j2", browser_language(request),
                                    csrf=csrf_token(context.secret, binding))
        return _with_pre_cookie(context, page, value)

    return confirm_form


def _sign_in(context: WebContext) -> Handler:
    async def sign_in(request: Request) -> Response:
        form = await request.form()
        if not _anonymous_form_ok(context, request, form.get("csrf")):
            raise HTTPException(403)
        now = context.now()
        with context.app.db.transaction() as session:
            email = use_login(session, request.path_params["token"], now)
            person = context.app.team.find(email)
            if person is None:
                raise HTTPException(404)
            session_id = start_session(session, person.email, client_ip(request), now)
        response = RedirectResponse("/claims", status_code=303)
        response.set_cookie(COOKIE, session_id, httponly=True, samesite="lax",
                            secure=context.web.secure_cookies, path="/",
                            max_age=int(timedelta(hours=context.web.session_max_hours)
                                        .total_seconds()))
        response.delete_cookie(PRE_COOKIE, path="/")
        return response

    return sign_in


def _sign_out(context: WebContext) -> Handler:
    async def sign_out(request: Request) -> Response:
        form = await request.form()
        with context.app.db.transaction() as session:
            viewer = viewer_of(context, session, request)
            if viewer is not None:
                require_csrf(context, viewer, form.get("csrf"))
                end_session(session, viewer.id_hash, context.now())
        response = RedirectResponse("/", status_code=303)
        response.delete_cookie(COOKIE, path="/")
        return response

    return sign_out


def viewer_of(context: WebContext, session: Session, request: Request) -> Viewer | None:
    """The signed-in member of staff of `request`, or None."""
    return current_viewer(session, request.cookies.get(COOKIE), context.app.team,
                          context.now(), context.web)


def require_csrf(context: WebContext, viewer: Viewer, given: object) -> None:
    """403 unless the form carried the token of the viewer's session."""
    if not csrf_ok(context.secret, session_binding(viewer), given):
        raise HTTPException(403)


def session_binding(viewer: Viewer) -> str:
    return "session:" + viewer.id_hash


def staff_language(request: Request, viewer: Viewer) -> str:
    """`?lang=` (remembered in a cookie), else the one remembered, else the person's."""
    asked = request.query_params.get("lang") or request.cookies.get(LANG_COOKIE, "")
    if asked in ("ru", "en"):
        return asked
    return viewer.person.languages[0] if viewer.person.languages else "ru"
