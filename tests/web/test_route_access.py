"""The security walk: every route of `mailflow web`, called with the wrong customer's token, as
a specialist of another team and with no credentials at all, answers 404, 403 or the login
page, never the claim, and changes nothing; every POST form refuses a missing CSRF token.

The table below says how to fill each route's path and which methods it takes; a route added
to the application without a row here fails `test_the_table_covers_every_route_of_the_app`.
"""

from __future__ import annotations

import inspect
import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlmodel import col, func, select
from starlette.routing import Route

from mailflow.app import App
from mailflow.domain.model import ClaimStatus
from mailflow.store.tables import AttachmentRow, ClaimRow, EventRow, MessageRow, OutboxRow
from mailflow.web import links, security
from mailflow.web.app import create_app
from mailflow.web.links import make_token
from mailflow.web.revoke import revoke_links
from mailflow.web.security import csrf_token
from mailflow.web.staff_auth import new_login
from tests.web.staff_support import (
    ANNA,
    CARL,
    Clock,
    browser,
    desk,
    form_token,
    letter,
    open_claim,
    sign_in,
)

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
STRANGER = "stranger@customer.test"


@dataclass(frozen=True)
class World:
    """One desk per module: Anna's claim (the one attacked, with a photo), Carl's claim of
    another customer, and the tokens the walk uses."""

    app: App
    clock: Clock
    claim: str  # Anna's claim, customer ivan@customer.test
    other: str  # Carl's claim, customer STRANGER
    attachment: int

    def token(self, number: str, email: str, version: int = 0) -> str:
        return make_token(self.app.secret, number, email, version)

    @property
    def wrong_customer_token(self) -> str:
        """A genuinely signed token naming Anna's claim but bound to another customer."""
        return self.token(self.claim, STRANGER)


@pytest.fixture(scope="module",
                params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def world(request: pytest.FixtureRequest,
          tmp_path_factory: pytest.TempPathFactory) -> World:
    """One App and database per module (SQLite, then PostgreSQL): every test below only
    reads the two claims or checks that its requests left them as they were."""
    folder = tmp_path_factory.mktemp("route-access")
    url = (f"sqlite:///{folder / 'mailflow.sqlite3'}" if request.param == "sqlite"
           else request.getfixturevalue("pg_url"))
    mailflow, clock = desk(folder, url), Clock()
    number = open_claim(mailflow, letter("Ваза разбита.", attachments=[
        ("photo.png", "image/png", PNG)]), ANNA)
    other = open_claim(mailflow, letter("Не хватает тарелок.", sender=STRANGER), CARL)
    with mailflow.db.transaction() as session:
        attachment = session.exec(select(AttachmentRow.id).join(
            MessageRow, MessageRow.id == AttachmentRow.message_row_id)  # type: ignore[arg-type]
            .join(ClaimRow, ClaimRow.id == MessageRow.claim_id)  # type: ignore[arg-type]
            .where(ClaimRow.number == number)).one()
    assert attachment is not None
    return World(mailflow, clock, number, other, attachment)


# How to fill each route's path: the values come from the world and the case at hand.
Fill = Callable[[World, str], dict[str, str]]
ACTIONS = ("status", "assign", "category", "priority", "note", "reply")


def _claim(world: World, _token: str) -> dict[str, str]:
    return {"number": world.claim}


@dataclass(frozen=True)
class Row:
    """A route of the table: its kind (who it is for), its methods, how to fill its path."""

    kind: str  # "public", "customer", "login", "list" (the claims list) or "staff"
    methods: tuple[str, ...]
    fill: Fill


ROUTES: dict[str, Row] = {
    "/": Row("public", ("GET",), lambda w, t: {}),
    "/static/site.css": Row("public", ("GET",), lambda w, t: {}),
    "/c/{token}": Row("customer", ("GET", "POST"), lambda w, t: {"token": t}),
    "/login": Row("login", ("GET", "POST"), lambda w, t: {}),
    "/login/{token}": Row("login", ("GET", "POST"), lambda w, t: {"token": t}),
    "/logout": Row("login", ("POST",), lambda w, t: {}),
    "/claims": Row("list", ("GET",), lambda w, t: {}),
    "/claims/{number}": Row("staff", ("GET",), _claim),
    "/claims/{number}/attachments/{attachment:int}": Row(
        "staff", ("GET",), lambda w, t: {"number": w.claim, "attachment": str(w.attachment)}),
    **{f"/claims/{{number}}/{action}": Row("staff", ("POST",), _claim) for action in ACTIONS},
}
# What every POST carries besides its CSRF token: enough for any action to do harm.
FORM = {"status": "closed", "email": CARL, "category": "delay", "priority": "urgent",
        "text": "x", "message": "x", "note": "x"}


def path_of(template: str, values: dict[str, str]) -> str:
    path = template.replace("{attachment:int}", "{attachment}")
    for name, value in values.items():
        path = path.replace(f"{{{name}}}", value)
    assert "{" not in path, path
    return path


def app_routes(mailflow: App) -> set[tuple[str, str]]:
    """(path, method) of every GET and POST the application serves."""
    found = set()
    for route in create_app(mailflow).routes:
        assert isinstance(route, Route), route
        found |= {(route.path, method) for method in route.methods or ()
                  if method != "HEAD"}
    return found


def walk(world: World) -> Iterator[tuple[str, str, Row]]:
    for template, row in ROUTES.items():
        for method in row.methods:
            yield template, method, row


@dataclass(frozen=True)
class Snapshot:
    """What a request could have changed: both claims' rows, the outbox, events, messages."""

    claims: list[dict[str, Any]]
    outbox: int
    events: int
    messages: int


def snapshot(mailflow: App) -> Snapshot:
    with mailflow.db.transaction() as session:
        claims = [row.model_dump() for row in session.exec(
            select(ClaimRow).order_by(col(ClaimRow.id))).all()]
        counts = [session.exec(select(func.count()).select_from(table)).one()
                  for table in (OutboxRow, EventRow, MessageRow)]
    return Snapshot(claims, *counts)


def assert_refused(world: World, template: str, method: str, row: Row,
                   answer: Any, case: str) -> None:
    """404 or 403 (or the login page for a staff page), never the claim's page."""
    where = f"{case}: {method} {template} -> {answer.status_code}"
    if row.kind == "public" or (template == "/login" and method == "GET"):
        assert answer.status_code == 200, where
    elif row.kind == "list":  # a signed-in viewer's own list, without the claim
        assert answer.status_code in (200, 303), where
    elif template == "/logout":
        assert answer.status_code in (303, 403), where
        assert answer.headers.get("location", "/") == "/", where
    elif answer.status_code == 303:
        assert row.kind in ("staff", "list"), where
        assert answer.headers["location"] == "/login", where
    else:
        assert answer.status_code in (403, 404), where
    assert world.claim not in answer.text, where
    assert "Ваза разбита" not in answer.text, where


def test_the_table_covers_every_route_of_the_app(world: World) -> None:
    """The walk's table names exactly the application's routes and methods, so a route added
    later fails here until its access is walked too."""
    table = {(template, method) for template, method, _row in walk(world)}
    assert table == app_routes(world.app)


def test_the_wrong_customers_token_opens_nothing(world: World) -> None:
    """A signed token naming Anna's claim but bound to another customer gets 404 on the
    customer's page and the login page or 404 everywhere else (also as a session cookie);
    no claim, outbox row, event or message changes."""
    before = snapshot(world.app)
    token = world.wrong_customer_token
    with browser(world.app, world.clock) as client:
        client.cookies.set("mf_staff", token)
        for template, method, row in walk(world):
            path = path_of(template, row.fill(world, token))
            data = {**FORM, "csrf": csrf_token(world.app.secret, "customer:" + token)}
            answer = (client.get(path) if method == "GET"
                      else client.post(path, data=data))
            assert_refused(world, template, method, row, answer, "wrong customer")
            if row.kind == "customer":
                assert answer.status_code == 404
    assert snapshot(world.app) == before


def test_another_teams_specialist_sees_and_changes_nothing(world: World) -> None:
    """Carl (team south), signed in and posting with his own valid CSRF token, gets 404 on
    every route of Anna's claim, exactly as for a missing claim, and nothing changes."""
    with browser(world.app, world.clock) as client:
        sign_in(client, world.app, CARL)
        csrf = form_token(client.get("/claims").text)
        before = snapshot(world.app)
        for template, method, row in walk(world):
            if template == "/logout":
                continue  # Carl's own sign-out is his right; it is walked without a session
            path = path_of(template, row.fill(world, world.wrong_customer_token))
            answer = (client.get(path) if method == "GET"
                      else client.post(path, data={**FORM, "csrf": csrf}))
            assert_refused(world, template, method, row, answer, "another team")
            if row.kind == "staff":
                assert answer.status_code == 404, (method, template)
        assert world.other in client.get("/claims").text  # the session was alive throughout
    assert snapshot(world.app) == before


def test_no_session_and_no_token_open_nothing(world: World) -> None:
    """Without any cookie or token, staff pages send to the login page, the rest is 404 or
    403, and no POST changes anything."""
    before = snapshot(world.app)
    rubbish = secrets.token_urlsafe(32)
    with browser(world.app, world.clock) as client:
        for template, method, row in walk(world):
            path = path_of(template, row.fill(world, rubbish))
            answer = client.get(path) if method == "GET" else client.post(path, data=FORM)
            assert_refused(world, template, method, row, answer, "no credentials")
            if row.kind in ("staff", "list") and "attachments" not in template:
                assert answer.status_code == 303, (method, template)
    assert snapshot(world.app) == before


def test_every_post_form_without_its_csrf_token_is_403(world: World) -> None:
    """Each POST route, called by someone who may use it (Anna's session, the customer's
    own link, a live login link) but without the form's CSRF token, is refused with 403
    and changes nothing."""
    mailflow = world.app
    with mailflow.db.transaction() as session:
        customer = session.exec(select(ClaimRow).where(ClaimRow.number == world.claim)).one()
    own_token = make_token(mailflow.secret, customer.number, customer.customer_email,
                           customer.link_version)
    with browser(mailflow, world.clock) as client:
        sign_in(client, mailflow, ANNA)
        client.get("/login")  # the anonymous forms' pre-session cookie
        with mailflow.db.transaction() as session:
            login = new_login(session, ANNA, "testclient", world.clock(), mailflow.settings.web)
        assert client.get(f"/c/{own_token}").status_code == 200
        before = snapshot(mailflow)
        answers = {}
        for template, method, row in walk(world):
            if method != "POST":
                continue
            token = login if template == "/login/{token}" else own_token
            path = path_of(template, row.fill(world, token))
            answers[template] = client.post(path, data={**FORM, "email": ANNA,
                                                        "nonce": "1.0"}).status_code
        assert client.get("/claims").status_code == 200  # still signed in: logout refused
    assert set(answers.values()) == {403}, answers
    assert snapshot(mailflow) == before


def test_a_revoked_closed_or_merged_away_link_changes_nothing(world: World) -> None:
    """A revoked token opens nothing (404); a closed claim's page takes no post (409); a
    claim merged into another customer's claim shows no form and its link's post is
    refused; in none of them does a claim, message or mail change."""
    mailflow, now = world.app, datetime.now(UTC)
    numbers = [open_claim(mailflow, letter(f"Письмо {n}", sender=f"walk{n}@c.test"), ANNA)
               for n in range(4)]
    revoked = _token(world, numbers[0])
    assert revoke_links(mailflow, numbers[0], now) == 1
    with mailflow.db.transaction() as session:
        rows = [session.exec(select(ClaimRow).where(ClaimRow.number == n)).one()
                for n in numbers]
        rows[1].status = ClaimStatus.CLOSED.value
        session.add(rows[1])
        assert mailflow.workflow.merge(session, rows[3], rows[2], now, actor=ANNA,
                                       force=True) is None
    closed, merged = _token(world, numbers[1]), _token(world, numbers[2])
    with browser(mailflow, world.clock) as client:
        pages = {name: client.get(f"/c/{token}") for name, token in
                 (("revoked", revoked), ("closed", closed), ("merged", merged))}
        before = snapshot(mailflow)
        posts = {name: client.post(f"/c/{token}", data={
            "csrf": csrf_token(mailflow.secret, "customer:" + token), "message": "ещё",
            "nonce": f"{int(now.timestamp())}.{'0' * 24}"}).status_code
            for name, token in (("revoked", revoked), ("closed", closed),
                                ("merged", merged))}
    assert pages["revoked"].status_code == 404
    assert pages["closed"].status_code == 200
    assert "<form" not in pages["closed"].text
    assert "<form" not in pages["merged"].text
    assert "Письмо 3" not in pages["merged"].text
    assert posts["revoked"] == 404
    assert posts["closed"] == 409
    assert posts["merged"] == 409
    assert snapshot(mailflow) == before


def _token(world: World, number: str) -> str:
    with world.app.db.transaction() as session:
        claim = session.exec(select(ClaimRow).where(ClaimRow.number == number)).one()
    return make_token(world.app.secret, number, claim.customer_email, claim.link_version)


def test_a_forbidden_claim_and_a_missing_one_get_byte_identical_404s(world: World) -> None:
    """For Carl, Anna's existing claim and a number that was never issued answer the same
    bytes on every staff route; for a customer, another's token and rubbish do too."""
    missing = "CLM-2026-999999"
    with browser(world.app, world.clock) as client:
        sign_in(client, world.app, CARL)
        csrf = form_token(client.get("/claims").text)
        for template, method, row in walk(world):
            if row.kind != "staff":
                continue
            bodies = []
            for number in (world.claim, missing):
                values = {**row.fill(world, ""), "number": number}
                path = path_of(template, values)
                answer = (client.get(path) if method == "GET"
                          else client.post(path, data={**FORM, "csrf": csrf}))
                bodies.append((answer.status_code, answer.content))
            assert bodies[0] == bodies[1], template
            assert bodies[0][0] == 404
        customer = [client.get(f"/c/{token}").content for token in (
            world.wrong_customer_token, world.token("CLM-2026-999999", STRANGER),
            secrets.token_urlsafe(40))]
    assert len(set(customer)) == 1


def test_tokens_and_form_tokens_are_compared_in_constant_time() -> None:
    """The link check and the CSRF check compare secrets with hmac.compare_digest."""
    assert "hmac.compare_digest" in inspect.getsource(links.still_valid)
    assert "hmac.compare_digest" in inspect.getsource(security.csrf_ok)
