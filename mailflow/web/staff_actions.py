"""The actions on a claim's page: status, assign, category, priority, note, answer.

Each is a POST with the session's CSRF token; each locks the claim first (so a change on
the web and one by mail serialise) and calls the same workflow functions as the email
commands and the CLI. Like a command by mail, an action is taken only from the person
responsible for the claim or a manager. Each event records the viewer as the actor, and
via "web" with the client's IP. A refusal by the rules is shown on the page, worded in the
viewer's language, and leaves the claim as it was.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from mailflow.decide.approval import AnswerAwaitingApproval, status_waits
from mailflow.decide.resolution import ResolutionMissing
from mailflow.decide.wording import (
    bad_transition,
    not_staff,
    resolution_missing,
    untrusted_reason,
)
from mailflow.domain.model import ClaimStatus
from mailflow.domain.status import TransitionError
from mailflow.store.claims import lock_claim
from mailflow.store.tables import ClaimRow
from mailflow.web.context import WebContext
from mailflow.web.login import client_ip, require_csrf, staff_language, viewer_of
from mailflow.web.staff_auth import Viewer
from mailflow.web.words import word
from mailflow.workflow.web_answer import AnswerRefused

Handler = Callable[[Request], Awaitable[Response]]
TEXT_LIMIT = 20_000


class Refused(Exception):
    """The rules (or the input) refused the action; `message` is worded for the viewer."""

    def __init__(self, message: str, status_code: int = 409) -> None:
        super().__init__(message)
        self.message, self.status_code = message, status_code


@dataclass(frozen=True)
class Act:
    """One action, as the routes hand it to its function."""

    context: WebContext
    session: Session
    claim: ClaimRow
    viewer: Viewer
    form: FormData
    language: str
    now: datetime
    origin: Mapping[str, str]

    @property
    def actor(self) -> str:
        return self.viewer.person.email

    def text(self, name: str) -> str:
        value = str(self.form.get(name, "")).strip()
        if not value:
            raise Refused(word("empty_text", self.language), 400)
        return value[:TEXT_LIMIT]


def _status(act: Act) -> None:
    try:
        target = ClaimStatus(str(act.form.get("status", "")))
    except ValueError:
        raise HTTPException(400) from None
    note = str(act.form.get("note", "")).strip()[:TEXT_LIMIT] or None
    workflow, language = act.context.app.workflow, act.language
    try:
        workflow.set_status(act.session, act.claim, target, act.now, actor=act.actor,
                            why=note or "changed on the web", note=note, origin=act.origin)
    except TransitionError as error:
        raise Refused(bad_transition(error.old, error.new, language)) from None
    except ResolutionMissing as missing:
        raise Refused(resolution_missing(target, missing.missing, language)) from None
    except AnswerAwaitingApproval as waiting:
        raise Refused(status_waits(waiting.approver, language)) from None


def _assign(act: Act) -> None:
    email = str(act.form.get("email", "")).strip()
    person = act.context.app.team.find(email)
    if person is None:
        raise Refused(not_staff(email[:320], act.language), 400)
    act.context.app.workflow.assign(act.session, act.claim, person, act.now, actor=act.actor,
                                    why="assigned on the web", origin=act.origin)


def _field(name: str) -> Callable[[Act], None]:
    def set_field(act: Act) -> None:
        value = str(act.form.get(name, ""))
        try:
            act.context.app.workflow.set_field(act.session, act.claim,
                                               "category" if name == "category" else "priority",
                                               value, act.now, actor=act.actor,
                                               origin=act.origin)
        except ValueError:
            raise HTTPException(400) from None

    return set_field


def _note(act: Act) -> None:
    act.context.app.workflow.add_note(act.session, act.claim, act.text("text"), act.now,
                                      actor=act.actor, origin=act.origin)


def _reply(act: Act) -> None:
    try:
        act.context.app.workflow.answer_from_web(act.session, act.claim, act.viewer.person,
                                                 act.text("text"), act.now, origin=act.origin,
                                                 once=str(act.form.get("once", "")))
    except AnswerRefused as refused:
        raise Refused(str(refused)) from None


ACTIONS: dict[str, Callable[[Act], None]] = {
    "status": _status, "assign": _assign, "category": _field("category"),
    "priority": _field("priority"), "note": _note, "reply": _reply,
}


def routes(context: WebContext) -> list[BaseRoute]:
    return [Route(f"/claims/{{number}}/{name}", _action(context, name), methods=["POST"])
            for name in ACTIONS]


def _action(context: WebContext, name: str) -> Handler:
    async def action(request: Request) -> Response:
        form = await request.form()
        number = request.path_params["number"]
        try:
            with context.app.db.transaction() as session:
                viewer = _act(context, session, request, form, name)
        except Refused as refused:
            return _refusal(context, request, number, refused, _draft(form, name))
        if viewer is None:
            return RedirectResponse("/login", status_code=303)
        return RedirectResponse(f"/claims/{number}?done={name}", status_code=303)

    return action


def _act(context: WebContext, session: Session, request: Request, form: FormData,
         name: str) -> Viewer | None:
    """Check the session, the token and the claim, lock it, and carry the action out."""
    from mailflow.web.staff import visible_claim

    viewer = viewer_of(context, session, request)
    if viewer is None:
        return None
    require_csrf(context, viewer, form.get("csrf"))
    found = visible_claim(session, viewer, request.path_params["number"])
    assert found.id is not None
    claim = lock_claim(session, found.id)
    if claim is None or not _may_act(viewer, claim):
        language = staff_language(request, viewer)
        raise Refused(untrusted_reason("not-assignee", language), 403)
    act = Act(context, session, claim, viewer, form, staff_language(request, viewer),
              context.now(), {"via": "web", "ip": client_ip(request)})
    ACTIONS[name](act)
    return viewer


def _may_act(viewer: Viewer, claim: ClaimRow) -> bool:
    """As for commands by mail: only the claim's owner or a manager changes it."""
    return viewer.person.manager or claim.assignee_email == viewer.person.email


def _draft(form: FormData, name: str) -> dict[str, str]:
    """The text written in the refused form, by action (a note or an answer), to show again."""
    text = form.get("text") if name in ("note", "reply") else None
    return {name: text[:TEXT_LIMIT]} if isinstance(text, str) and text.strip() else {}


def _refusal(context: WebContext, request: Request, number: str, refused: Refused,
             drafts: Mapping[str, str]) -> Response:
    """The claim page again, with why the action was refused (nothing of it was kept) and
    the text the viewer wrote still in its form (`drafts`), so that nothing is typed twice."""
    from mailflow.web.staff import claim_view

    with context.app.db.transaction() as session:
        viewer = viewer_of(context, session, request)
        if viewer is None:
            return RedirectResponse("/login", status_code=303)
        return claim_view(context, session, request, viewer, number, error=refused.message,
                          status_code=refused.status_code, drafts=drafts)
