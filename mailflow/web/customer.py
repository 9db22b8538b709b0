"""The customer's page behind the personal link of their mail: `GET /c/{token}` shows the
claim, `POST /c/{token}` takes a message and files onto it as the customer's email would.

Every reason a link does not open (altered, expired, revoked, another customer now, no such
claim) answers the same 404 page after the same work, so nothing can be learnt from it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlmodel import Session
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from mailflow.domain.labels import SUPPORTED_LANGUAGES, format_size, supported_language
from mailflow.send.render import format_date
from mailflow.store.claims import absorbing, get_claim
from mailflow.store.tables import ClaimRow
from mailflow.web.context import WebContext
from mailflow.web.customer_view import ClaimView, claim_view
from mailflow.web.links import read_token, still_valid
from mailflow.web.security import csrf_token
from mailflow.web.upload import new_nonce
from mailflow.web.words import word

MAX_TEXT = 20_000
ACCEPT = "image/*,.heic,.pdf,.docx,.xlsx,.txt"
# Compared against when the token names no claim, so every refusal costs the same work.
_NOBODY = "nobody@invalid"


@dataclass(frozen=True)
class Visit:
    """A link that opens: the claim it names and the claim shown (the one it was merged into,
    if it was)."""

    token: str
    claim: ClaimRow
    shown: ClaimRow
    merged_into: str = ""  # the number of the claim that absorbed the link's claim


def routes(context: WebContext) -> list[BaseRoute]:
    from mailflow.web.customer_send import CustomerSend

    pages = CustomerPages(context)
    sending = CustomerSend(context, pages)
    return [Route("/c/{token}", pages.show, methods=["GET"]),
            Route("/c/{token}", sending.send, methods=["POST"])]


class CustomerPages:
    """Opens links and renders the customer's page."""

    def __init__(self, context: WebContext) -> None:
        self.context = context

    def visit(self, session: Session, token: str) -> Visit:
        """The claim `token` opens, or the 404 every bad link gets."""
        secret, web = self.context.secret, self.context.web
        holder = read_token(secret, token, web.link_days * 86400)
        claim = get_claim(session, holder.number if holder else "")
        valid = holder is not None and claim is not None and still_valid(
            secret, holder, claim.customer_email, claim.link_version)
        if holder is not None and claim is None:
            still_valid(secret, holder, _NOBODY, 0)
        if not valid or claim is None:
            raise HTTPException(404)
        target = absorbing(session, claim)
        merged_into = target.number if target.id != claim.id else ""
        # A claim merged into another customer's claim shows only that it was merged.
        same_customer = target.customer_email.lower() == claim.customer_email.lower()
        return Visit(token, claim, target if same_customer else claim, merged_into)

    async def show(self, request: Request) -> Response:
        return await run_in_threadpool(self._show, request)

    def _show(self, request: Request) -> Response:
        token = request.path_params["token"]
        with self.context.app.db.transaction() as session:
            visit = self.visit(session, token)
            language = page_language(request, visit.shown)
            view = claim_view(session, self.context.app, visit.shown, language)
        return self.render(visit, view, language, sent=request.query_params.get("sent") == "1")

    def view(self, visit: Visit, language: str) -> ClaimView:
        with self.context.app.db.transaction() as session:
            return claim_view(session, self.context.app, visit.shown, language)

    def render(self, visit: Visit, view: ClaimView, language: str, *, sent: bool = False,
               error: str = "", status_code: int = 200) -> Response:
        web = self.context.web
        values: dict[str, Any] = {
            "view": view, "token": visit.token, "sent": sent, "error": error,
            "merged_from": visit.claim.number if visit.merged_into else "",
            "merged_into": visit.merged_into,
            "answer_by": format_date(view.answer_by, language) if view.answer_by else "",
            "other_lang": next(code for code in SUPPORTED_LANGUAGES if code != language),
            "csrf": csrf_token(self.context.secret, "customer:" + visit.token),
            "nonce": new_nonce(self.context.now()), "max_text": MAX_TEXT,
            "max_files": web.upload_max_files,
            "max_size": format_size(web.upload_max_bytes, language), "accept": ACCEPT,
            "size": format_size}
        return self.context.pages.render("customer.html.j2", language,
                                         status_code=status_code, **values)

    def refuse(self, visit: Visit, language: str, status_code: int, key: str,
               **values: object) -> Response:
        """The page again, with why nothing was taken (nothing was)."""
        return self.render(visit, self.view(visit, language), language,
                           error=word(key, language, **values), status_code=status_code)

    def thanks(self, visit: Visit, language: str) -> Response:
        return RedirectResponse(f"/c/{visit.token}?sent=1&lang={language}", status_code=303)


def page_language(request: Request, claim: ClaimRow) -> str:
    """`?lang=` when given, else the claim's language."""
    asked = request.query_params.get("lang", "")
    return asked if asked in SUPPORTED_LANGUAGES else supported_language(claim.language)


def form_text(form: FormData, name: str) -> str:
    value = form.get(name)
    return value if isinstance(value, str) else ""
