"""Routes of the staff pages: the claims list, a claim's page and its attachments.

Every page needs a live session (else the login page); a claim the viewer may not see is
answered exactly like a missing one (404), whether the claim exists or not. The actions
on a claim are in `staff_actions`.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Awaitable, Callable, Mapping
from datetime import datetime
from typing import Any, TypeVar
from urllib.parse import urlencode

from sqlalchemy import or_
from sqlmodel import Session, col, select
from starlette.datastructures import QueryParams
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from mailflow.cli.output import claim_facts, event_detail, messages_detail
from mailflow.domain.labels import category_label, priority_label
from mailflow.domain.model import ClaimStatus, Priority
from mailflow.store.claim_search import SORTS, ClaimQuery, search_claims
from mailflow.store.claims import get_claim
from mailflow.store.tables import ClaimRow, EventRow, MessageRow
from mailflow.web import staff_actions
from mailflow.web.attachments import attachment_response
from mailflow.web.context import WebContext
from mailflow.web.login import LANG_COOKIE, session_binding, staff_language, viewer_of
from mailflow.web.pages import Pages
from mailflow.web.security import csrf_token
from mailflow.web.staff_auth import Viewer, may_see

Handler = Callable[[Request], Awaitable[Response]]
Row = TypeVar("Row", MessageRow, EventRow)


def routes(context: WebContext) -> list[BaseRoute]:
    _add_filters(context.pages)
    return [
        Route("/claims", _claims_list(context), methods=["GET"]),
        Route("/claims/{number}", _claim_page(context), methods=["GET"]),
        Route("/claims/{number}/attachments/{attachment:int}", _attachment(context),
              methods=["GET"]),
        *staff_actions.routes(context),
    ]


def _add_filters(pages: Pages) -> None:
    """What the staff pages show beyond the shared filters: ISO times of `claims show` in
    the company's zone, labels of codes, and an event's detail as one line."""
    pages.env.filters["local_iso"] = lambda value: pages.env.filters["local"](
        datetime.fromisoformat(value)) if value else ""
    pages.env.filters["category_label"] = category_label
    pages.env.filters["priority_label"] = priority_label
    pages.env.filters["detail_text"] = detail_text


def detail_text(detail: Mapping[str, Any]) -> str:
    """An event's detail as `key: value; …` (nested values as compact JSON)."""
    return "; ".join(f"{key}: {_shown(value)}" for key, value in detail.items()
                     if value not in (None, "", [], {}))


def _shown(value: object) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def visible_claim(session: Session, viewer: Viewer, number: str) -> ClaimRow:
    """The claim `number` if the viewer may see it; else 404, as for a missing claim."""
    claim = get_claim(session, number.upper()[:40])
    if claim is None or not may_see(viewer, claim.assignee_email):
        raise HTTPException(404)
    return claim


def _claims_list(context: WebContext) -> Handler:
    async def claims_list(request: Request) -> Response:
        with context.app.db.transaction() as session:
            viewer = viewer_of(context, session, request)
            if viewer is None:
                return RedirectResponse("/login", status_code=303)
            query = list_query(request.query_params, viewer, context)
            found = search_claims(session, query)
        language = staff_language(request, viewer)
        people = {p.email: p.name for p in context.app.team.everyone}
        rows = [list_row(claim, people, language) for claim in found.claims]
        return remember_language(request, render_staff(
            context, "claims.html.j2", request, viewer, query=query, rows=rows,
            page=found.page, has_next=found.has_next,
            page_link=lambda page: _page_link(request.query_params, page),
            statuses=[s.value for s in ClaimStatus], sorts=SORTS,
            categories=_categories(context, language),
            specialists=[(p.email, p.name) for p in context.app.team.specialists
                         if viewer.visible_to is None or p.email in viewer.visible_to]))

    return claims_list


def list_query(params: QueryParams, viewer: Viewer, context: WebContext) -> ClaimQuery:
    """The list's query from the address: unknown values are ignored, never an error."""
    status = params.get("status", "")
    sort = params.get("sort", "newest")
    page = params.get("page", "1")
    return ClaimQuery(
        text=params.get("q", "")[:200],
        status=status if status in {s.value for s in ClaimStatus} else None,
        category=params.get("category") or None,
        assignee=params.get("assignee") or None,
        overdue_at=context.now() if params.get("overdue") else None,
        visible_to=viewer.visible_to,
        sort=next((s for s in SORTS if s == sort), "newest"),
        page=int(page) if page.isdigit() and 0 < int(page) < 100_000 else 1,
        page_size=context.web.page_size)


def list_row(claim: ClaimRow, people: dict[str, str], language: str) -> dict[str, Any]:
    return {"number": claim.number, "status": claim.status,
            "customer": claim.customer_name or claim.customer_email,
            "subject": claim.subject,
            "assignee": people.get(claim.assignee_email or "", claim.assignee_email or ""),
            "category": category_label(claim.category, language) if claim.category else "",
            "priority": priority_label(claim.priority, language),
            "created_at": claim.created_at, "due": claim.resolution_due,
            "late": claim.overdue}


def _page_link(params: QueryParams, page: int) -> str:
    kept = [(key, value) for key, value in params.multi_items() if key != "page"]
    return "/claims?" + urlencode([*kept, ("page", str(page))])


def _categories(context: WebContext, language: str) -> list[tuple[str, str]]:
    return [(c, category_label(c, language)) for c in sorted(context.app.policy.categories)]


def _claim_page(context: WebContext) -> Handler:
    async def claim_page(request: Request) -> Response:
        with context.app.db.transaction() as session:
            viewer = viewer_of(context, session, request)
            if viewer is None:
                return RedirectResponse("/login", status_code=303)
            page = claim_view(context, session, request, viewer,
                              request.path_params["number"])
        return remember_language(request, page)

    return claim_page


def claim_view(context: WebContext, session: Session, request: Request, viewer: Viewer,
               number: str, error: str | None = None, status_code: int = 200,
               drafts: Mapping[str, str] | None = None) -> Response:
    """The claim page: the timeline of `mailflow claims show`, a part at a time (`?older=`),
    and the action forms (`drafts`: text to show again in the note or answer form)."""
    claim = visible_claim(session, viewer, number)
    assert claim.id is not None
    detail = claim_facts(session, claim, context.app.settings.extraction.required_fields())
    language = staff_language(request, viewer)
    older = _older(request)
    messages, more = timeline_part(session, MessageRow, claim.id, older, MESSAGES_SHOWN)
    events, more_events = timeline_part(session, EventRow, claim.id, older, EVENTS_SHOWN)
    detail["messages"] = [_staff_mail_cut(message, context.app.team.addresses)
                          for message in messages_detail(session, messages)]
    detail["events"] = [event_detail(e) for e in events]
    timeline = {"older": older, "has_older": more or more_events}
    kept = [event_detail(e) for e in kept_events(session, claim.id)]
    return render_staff(
        context, "claim.html.j2", request, viewer, status_code=status_code, claim=detail,
        timeline=timeline, answer_once=secrets.token_hex(12),
        error=error, done=request.query_params.get("done") if error is None else None,
        drafts={"note": "", "reply": "", **(drafts or {})},
        notes=[e for e in kept if e["kind"] == "note"],
        reminders=[e for e in kept if e["kind"].startswith("notice.")],
        statuses=[s.value for s in ClaimStatus], priorities=[p.value for p in Priority],
        categories=_categories(context, language),
        people=[(p.email, p.name) for p in context.app.team.everyone],
        names={p.email: p.name for p in context.app.team.everyone})


def _attachment(context: WebContext) -> Handler:
    async def attachment(request: Request) -> Response:
        with context.app.db.transaction() as session:
            viewer = viewer_of(context, session, request)
            if viewer is None:
                raise HTTPException(404)
            claim = visible_claim(session, viewer, request.path_params["number"])
            return attachment_response(session, context.app.blobs, claim,
                                       request.path_params["attachment"])

    return attachment


def render_staff(context: WebContext, template: str, request: Request, viewer: Viewer,
                 status_code: int = 200, **values: Any) -> Response:
    """A staff page in the viewer's language, with their name and the logout form."""
    return context.pages.render(template, staff_language(request, viewer),
                                status_code=status_code, viewer=viewer.person,
                                csrf=csrf_token(context.secret, session_binding(viewer)),
                                path=request.url.path, **values)


def remember_language(request: Request, response: Response) -> Response:
    """Keep a `?lang=` choice for the next pages."""
    asked = request.query_params.get("lang")
    if asked in ("ru", "en"):
        response.set_cookie(LANG_COOKIE, asked, httponly=True, samesite="lax", path="/")
    return response


# mailflow's own mail to staff repeats the customer's letters it forwards: on the page its
# start is enough (the whole of it is in the recipient's mailbox), so that a long claim's
# page stays small (issue 15: under 100 KB).
STAFF_MAIL_SHOWN = 600


def _staff_mail_cut(message: dict[str, Any], staff: frozenset[str]) -> dict[str, Any]:
    """`message` with its text cut to its start when it is mailflow's mail to staff only."""
    recipients = {str(to).rpartition("<")[2].rstrip(">").strip().lower()
                  for to in message.get("to") or []}
    ours = message["direction"] == "out" and recipients and recipients <= staff
    text = str(message.get("text") or "")
    if not ours or len(text) <= STAFF_MAIL_SHOWN:
        return {**message, "cut": False}
    return {**message, "text": text[:STAFF_MAIL_SHOWN].rstrip() + " …", "cut": True}


# The timeline is shown newest part first, MESSAGES_SHOWN messages and EVENTS_SHOWN events at
# a time (`?older=1` the part before), so that no claim's page grows without bound.
MESSAGES_SHOWN = 30
EVENTS_SHOWN = 80


def _older(request: Request) -> int:
    """How many parts back the viewer paged (`?older=`; anything else is the newest)."""
    value = request.query_params.get("older", "")
    return min(int(value), 10_000) if value.isdigit() else 0


def timeline_part(session: Session, table: type[Row], claim_id: int, older: int,
                  size: int) -> tuple[list[Row], bool]:
    """The claim's rows of `table` `older` parts of `size` back from the newest (oldest
    first, read in SQL), and whether any precede them."""
    rows = list(session.exec(select(table).where(col(table.claim_id) == claim_id)
                             .order_by(col(table.id).desc())
                             .offset(older * size).limit(size + 1)).all())
    return list(reversed(rows[:size])), len(rows) > size


def kept_events(session: Session, claim_id: int) -> list[EventRow]:
    """The claim's notes and sent notices, all of them (the page lists them apart)."""
    return list(session.exec(select(EventRow).where(
        EventRow.claim_id == claim_id,
        or_(col(EventRow.kind) == "note", col(EventRow.kind).startswith("notice.")))
        .order_by(col(EventRow.id))).all())
