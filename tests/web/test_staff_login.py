"""Staff sign-in by one-time link: single use, expiry, rate limits, no list of staff to
read from the answers, the session cookie's flags, idle expiry and logout."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import col, func, select
from starlette.testclient import TestClient

from mailflow.app import App
from mailflow.cli.demo import staff_login_line
from mailflow.store.tables import OutboxRow, WebHitRow, WebLoginRow, WebSessionRow
from mailflow.web.app import create_app
from mailflow.web.staff_auth import digest
from tests.web.staff_support import (
    ANNA,
    MARIA,
    START,
    Clock,
    ask_for_link,
    browser,
    form_token,
    login_link,
    mail_text,
    shared_desk,
    sign_in,
)
from tests.web.support import BASE_URL

# Each test's clock starts a day after the one before, so the hourly rate limits and the
# sessions of the module's earlier tests never count in a later one.
_DAYS = itertools.count(1)


@pytest.fixture
def clock() -> Clock:
    """The web application's clock for one test, on a day of its own."""
    return Clock(START + timedelta(days=next(_DAYS)))


def _outbox_top(mailflow: App) -> int:
    """The id of the newest outbox row so far (0 when empty)."""
    with mailflow.db.transaction() as session:
        return session.exec(select(func.max(OutboxRow.id))).one() or 0


def test_a_login_link_signs_in_once_and_only_its_hash_is_kept(tmp_path: Path, shared_db: str,
                                                              clock: Clock) -> None:
    """The mailed link opens a confirm page (GET changes nothing), the POST signs in once;
    the second POST with the same link is refused; the database has only the hash."""
    mailflow = shared_desk(tmp_path, shared_db)
    with browser(mailflow, clock) as client:
        ask_for_link(client, ANNA)
        link = login_link(mailflow, ANNA)
        assert link is not None
        assert link.startswith("http://127.0.0.1:8080/login/")
        token = link.rpartition("/")[2]
        for _ in range(2):  # a mail scanner's prefetch does not spend the link
            confirm = client.get(link)
        assert confirm.status_code == 200
        first = client.post(link, data={"csrf": form_token(confirm.text)})
        assert client.get("/claims").status_code == 200
        reopened = client.get(link)
    with browser(mailflow, clock) as other:  # the same link replayed from another browser
        again = other.post(link, data={"csrf": form_token(other.get("/login").text)})
    assert first.status_code == 303
    assert first.headers["location"] == "/claims"
    assert reopened.status_code == 404
    assert again.status_code == 404
    with mailflow.db.transaction() as session:
        stored = session.exec(select(WebLoginRow).where(
            WebLoginRow.token_hash == digest(token))).one()
        kept = session.exec(select(WebLoginRow.token_hash)).all()
    assert token not in kept
    assert stored.token_hash != token
    assert token not in stored.token_hash
    assert stored.used_at is not None


def test_an_expired_link_is_refused(tmp_path: Path, shared_db: str,
                                    clock: Clock) -> None:
    """A link older than `login_link_minutes` answers 404 and signs nobody in."""
    mailflow = shared_desk(tmp_path, shared_db, login_link_minutes=15)
    with browser(mailflow, clock) as client:
        ask_for_link(client, ANNA)
        link = login_link(mailflow, ANNA)
        assert link is not None
        confirm = client.get(link)
        clock.advance(minutes=16)
        late = client.post(link, data={"csrf": form_token(confirm.text)})
        assert client.get(link).status_code == 404
        assert client.get("/claims").status_code == 303
    assert late.status_code == 404


def test_the_answer_is_the_same_for_staff_and_strangers(tmp_path: Path, shared_db: str,
                                                        clock: Clock) -> None:
    """A stranger's address gets the very page a specialist's gets, and no mail is queued."""
    mailflow = shared_desk(tmp_path, shared_db)
    top = _outbox_top(mailflow)
    with browser(mailflow, clock) as client:
        staff = ask_for_link(client, MARIA)
        stranger = ask_for_link(client, "nobody@example.test")
    assert staff.status_code == stranger.status_code == 200
    assert _without_token(staff.text) == _without_token(stranger.text)
    with mailflow.db.transaction() as session:
        queued = session.exec(select(OutboxRow).where(col(OutboxRow.id) > top)).all()
    assert [row.kind for row in queued] == ["web_login"]
    assert MARIA in queued[0].recipients
    assert "Здравствуйте, Мария Орлова!" in mail_text(queued[0].raw)  # her language


def test_a_staff_link_is_queued_only_after_the_page_is_sent(tmp_path: Path, shared_db: str,
                                                            clock: Clock) -> None:
    """The login link is queued after the answer's last byte has gone, so a staff address
    costs no more time to answer than a stranger's and timing tells no staff apart."""
    mailflow = shared_desk(tmp_path, shared_db)
    top = _outbox_top(mailflow)
    inner = create_app(mailflow, now=clock)
    queued_when_sent: list[int] = []

    async def spying(scope: Any, receive: Any, send: Any) -> None:
        async def spy(message: Any) -> None:
            if message["type"] == "http.response.body" and not message.get("more_body"):
                queued_when_sent.append(_outbox_top(mailflow))
            await send(message)
        await inner(scope, receive, spy)

    with TestClient(spying, base_url=BASE_URL, follow_redirects=False) as client:
        answer = ask_for_link(client, ANNA)
    assert answer.status_code == 200
    assert queued_when_sent[-1] == top
    assert _outbox_top(mailflow) > top


def _without_token(page: str) -> str:
    return page.replace(form_token(page), "")


def test_login_requests_are_limited_per_address_and_per_ip(tmp_path: Path, shared_db: str,
                                                           clock: Clock) -> None:
    """Past `login_per_address` requests for one address the page answers 429, and past
    `login_per_ip` from one IP too, whatever the address."""
    mailflow = shared_desk(tmp_path, shared_db, login_per_address=2, login_per_ip=5)
    with browser(mailflow, clock) as client:
        per_address = [ask_for_link(client, ANNA).status_code for _ in range(3)]
        other = [ask_for_link(client, f"x{n}@example.test").status_code for n in range(3)]
        clock.advance(hours=2)
        later = ask_for_link(client, ANNA).status_code
    assert per_address == [200, 200, 429]
    assert other == [200, 200, 429]  # the IP's 5 hits: 3 for Anna, then 2
    assert later == 200


def test_the_session_cookie_is_httponly_samesite_and_secure(tmp_path: Path, shared_db: str,
                                                            clock: Clock) -> None:
    """The session cookie is HttpOnly, SameSite=Lax and Secure when secure_cookies is on;
    the database keeps only the hash of the session id."""
    mailflow = shared_desk(tmp_path, shared_db, secure_cookies=True)
    with TestClient(create_app(mailflow, now=clock), base_url="https://127.0.0.1:8080",
                    follow_redirects=False) as client:  # Secure cookies go only over https
        ask_for_link(client, ANNA)
        link = login_link(mailflow, ANNA)
        assert link is not None
        path = link.removeprefix(BASE_URL)
        confirm = client.get(path)
        answer = client.post(path, data={"csrf": form_token(confirm.text)})
    cookie = next(value for value in answer.headers.get_list("set-cookie")
                  if value.startswith("mf_staff="))
    session_id = cookie.split(";")[0].partition("=")[2]
    flags = {part.strip().lower() for part in cookie.split(";")[1:]}
    assert {"httponly", "secure", "samesite=lax", "path=/"} <= flags
    with mailflow.db.transaction() as session:
        stored = session.exec(select(WebSessionRow).where(
            WebSessionRow.id_hash == digest(session_id))).one()
        kept = session.exec(select(WebSessionRow.id_hash)).all()
    assert session_id not in kept
    assert stored.id_hash != session_id
    assert stored.email == ANNA


def test_a_session_ends_after_the_idle_time_and_at_its_maximum(tmp_path: Path, shared_db: str,
                                                               clock: Clock) -> None:
    """A request within `session_idle_minutes` keeps the session; a longer pause ends it,
    and so does `session_max_hours` however busy it was."""
    mailflow = shared_desk(tmp_path, shared_db, session_idle_minutes=30,
                           session_max_hours=1)
    with browser(mailflow, clock) as client:
        sign_in(client, mailflow, ANNA)
        clock.advance(minutes=29)
        kept = client.get("/claims").status_code
        clock.advance(minutes=31)
        idle = client.get("/claims").status_code
        sign_in(client, mailflow, ANNA)
        statuses = []
        for _ in range(3):
            clock.advance(minutes=25)
            statuses.append(client.get("/claims").status_code)
    assert kept == 200
    assert idle == 303
    assert statuses == [200, 200, 303]


def test_logout_ends_the_session_on_the_server(tmp_path: Path, shared_db: str,
                                               clock: Clock) -> None:
    """After logout the old cookie no longer opens any page, even sent again by hand."""
    mailflow = shared_desk(tmp_path, shared_db)
    with browser(mailflow, clock) as client:
        sign_in(client, mailflow, ANNA)
        old = client.cookies.get("mf_staff")
        page = client.get("/claims")
        out = client.post("/logout", data={"csrf": form_token(page.text)})
        client.cookies.set("mf_staff", old or "")
        after = client.get("/claims")
    assert out.status_code == 303
    assert after.status_code == 303
    assert after.headers["location"] == "/login"
    with mailflow.db.transaction() as session:
        assert session.exec(select(WebSessionRow).where(
            WebSessionRow.id_hash == digest(old or ""))).one().ended_at is not None


def test_forms_without_their_csrf_token_are_refused(tmp_path: Path, shared_db: str,
                                                    clock: Clock) -> None:
    """The login form, the confirm button, logout and a claim action without the token
    answer 403 and change nothing."""
    mailflow = shared_desk(tmp_path, shared_db)
    top = _outbox_top(mailflow)
    with browser(mailflow, clock) as client:
        client.get("/login")
        asked = client.post("/login", data={"email": ANNA})
        assert _outbox_top(mailflow) == top  # no link was mailed
        ask_for_link(client, ANNA)
        link = login_link(mailflow, ANNA)
        assert link is not None
        client.get(link)
        confirmed = client.post(link, data={"csrf": "forged"})
        sign_in(client, mailflow, ANNA)
        logout = client.post("/logout", data={})
        still = client.get("/claims").status_code
    assert asked.status_code == confirmed.status_code == logout.status_code == 403
    assert still == 200


def test_the_demo_prints_a_login_link_for_the_first_specialist(tmp_path: Path, shared_db: str,
                                                               clock: Clock) -> None:
    """The line `mailflow demo` prints carries a link that signs the first specialist in."""
    mailflow = shared_desk(tmp_path, shared_db)
    clock.now = datetime.now(UTC)  # the demo's link is made at the real time
    line = staff_login_line(mailflow)
    link = line.rpartition(" ")[2]
    assert ANNA in line
    assert link.startswith(f"{BASE_URL}/login/")
    with browser(mailflow, clock) as client:
        confirm = client.get(link)
        client.post(link, data={"csrf": form_token(confirm.text)})
        claims = client.get("/claims")
    assert claims.status_code == 200
    assert "Анна Смирнова" in claims.text


def test_hits_older_than_the_window_are_forgotten_on_the_next_login_request(
        tmp_path: Path, shared_db: str, clock: Clock) -> None:
    """A login request drops the rate-limit hits older than an hour, so the table keeps only
    what still counts."""
    mailflow = shared_desk(tmp_path, shared_db)
    with browser(mailflow, clock) as client:
        ask_for_link(client, ANNA)
        first = _hits_before(mailflow, clock.now + timedelta(seconds=1))
        clock.advance(hours=2)
        ask_for_link(client, ANNA)
        left = _hits_before(mailflow, clock.now - timedelta(hours=1))
    assert first >= 2  # the IP's hit and Anna's
    assert left == 0


def _hits_before(mailflow: App, moment: datetime) -> int:
    with mailflow.db.transaction() as session:
        return session.exec(select(func.count()).select_from(WebHitRow).where(
            col(WebHitRow.at) < moment)).one()
