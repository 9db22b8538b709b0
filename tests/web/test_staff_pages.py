"""The staff claims list and claim page: who sees what, search and filters, the timeline
of `claims show`, attachments served safely."""

from __future__ import annotations

import json
import re
import secrets
from datetime import timedelta
from pathlib import Path

from starlette.testclient import TestClient

from mailflow.app import App, templates_dir
from mailflow.cli.output import claim_detail
from mailflow.parse.filenames import sanitize_filename
from mailflow.store.claim_search import SORTS
from mailflow.store.claims import get_claim
from mailflow.web.words import WORDS
from tests.web.staff_support import (
    ANNA,
    BORIS,
    CARL,
    MARIA,
    START,
    Clock,
    browser,
    customer,
    form_token,
    letter,
    open_claim,
    shared_desk,
    sign_in,
)

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
HTML = b"<html><script>alert(1)</script></html>"


def test_another_teams_specialist_gets_404_on_every_claim_route(tmp_path: Path,
                                                                shared_db: str) -> None:
    """Carl (team south) gets the same 404 for Anna's claim, its attachment and every
    action as for a claim that does not exist, and nothing changes."""
    mailflow, clock = shared_desk(tmp_path, shared_db), Clock()
    number = open_claim(mailflow, letter("Ваза разбита.", sender=customer(), attachments=[
        ("photo.png", "image/png", PNG)]), ANNA)
    with browser(mailflow, clock) as client:
        sign_in(client, mailflow, CARL)
        token = _token(client)
        photo = _attachments(mailflow, number)[0]
        answers = {path: client.get(path).status_code for path in (
            f"/claims/{number}", f"/claims/{number}/attachments/{photo}",
            "/claims/CLM-2026-999999")}
        for action in ("status", "assign", "category", "priority", "note", "reply"):
            answers[action] = client.post(f"/claims/{number}/{action}", data={
                "csrf": token, "status": "closed", "email": CARL, "category": "delay",
                "priority": "urgent", "text": "x"}).status_code
        listing = client.get("/claims").text
    assert set(answers.values()) == {404}, answers
    assert number not in listing
    with mailflow.db.transaction() as session:
        claim = get_claim(session, number)
        assert claim is not None
        assert claim.assignee_email == ANNA
        assert claim.priority == "normal"


def _attachments(mailflow: App, number: str) -> list[int]:
    """The ids of `number`'s attachments, in the order they came."""
    with mailflow.db.transaction() as session:
        claim = get_claim(session, number)
        assert claim is not None
        return [file["id"] for message in claim_detail(session, claim)["messages"]
                for file in message["attachments"]]


def _token(client: TestClient) -> str:
    return form_token(client.get("/claims").text)


def test_a_specialist_sees_their_teams_claims_and_a_manager_all(tmp_path: Path,
                                                               shared_db: str) -> None:
    """Anna's list has her claim and Boris's (same team) but not Carl's; Maria sees all."""
    mailflow, clock = shared_desk(tmp_path, shared_db), Clock()
    numbers = {owner: open_claim(mailflow, letter(f"Письмо для {owner}",
                                                  sender=customer()), owner)
               for owner in (ANNA, BORIS, CARL)}
    with browser(mailflow, clock) as client:
        sign_in(client, mailflow, ANNA)
        anna = client.get("/claims").text
        boris_claim = client.get(f"/claims/{numbers[BORIS]}").status_code
    with browser(mailflow, clock) as client:
        sign_in(client, mailflow, MARIA)
        maria = client.get("/claims").text
    assert numbers[ANNA] in anna
    assert numbers[BORIS] in anna
    assert numbers[CARL] not in anna
    assert boris_claim == 200
    assert all(number in maria for number in numbers.values())


def test_the_list_searches_filters_and_pages_on_the_server(tmp_path: Path,
                                                           shared_db: str) -> None:
    """Search by order number, filter by status and specialist, and pages of page_size."""
    mailflow, clock = shared_desk(tmp_path, shared_db, page_size=2), Clock()
    mark = f"партия{secrets.token_hex(4)}"  # keeps the list to this test's claims
    wanted = open_claim(mailflow, letter(f"Ваза пришла разбитой, заказ № ЗК-70011. {mark}",
                                         sender=customer()), ANNA)
    others = [open_claim(mailflow, letter(f"Другое письмо {n} {mark}", sender=customer()),
                         BORIS) for n in range(3)]
    with browser(mailflow, clock) as client:
        sign_in(client, mailflow, MARIA)
        # Typed in another case than written: the search ignores case in Cyrillic too.
        by_order = client.get("/claims", params={"q": "зк-70011"}).text
        by_assignee = client.get("/claims", params={"assignee": ANNA, "q": mark}).text
        first = client.get("/claims", params={"q": mark}).text
        second = client.get("/claims", params={"q": mark, "page": "2"}).text
        by_status = client.get("/claims", params={"status": "closed", "q": mark}).text
    assert wanted in by_order
    assert not any(n in by_order for n in others)
    assert wanted in by_assignee
    assert not any(n in by_assignee for n in others)
    assert [n in first for n in (others[2], others[1], others[0], wanted)] == [
        True, True, False, False]
    assert 'rel="next"' in first
    assert others[0] in second
    assert wanted in second
    assert "page=3" not in second
    assert wanted not in by_status
    assert "Претензий не найдено" in by_status


def test_the_claim_page_shows_the_claims_show_timeline_escaped(tmp_path: Path,
                                                               shared_db: str) -> None:
    """Every message, attachment and event of `claims show` is on the page, times in the
    company's zone, the customer's HTML shown as text."""
    mailflow, clock = shared_desk(tmp_path, shared_db), Clock()
    number = open_claim(mailflow, letter("Ваза разбита <script>alert(1)</script>",
                                         sender=customer(),
                                         attachments=[("photo.png", "image/png", PNG)]), ANNA)
    with mailflow.db.transaction() as session:
        claim = get_claim(session, number)
        assert claim is not None
        detail = json.loads(json.dumps(claim_detail(session, claim)))
    with browser(mailflow, clock) as client:
        sign_in(client, mailflow, ANNA)
        page = client.get(f"/claims/{number}").text
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)" in page
    for message in detail["messages"]:
        assert message["subject"].replace("'", "&#39;") in page
        for file in message["attachments"]:
            assert f'/claims/{number}/attachments/{file["id"]}' in page
    assert page.count('<tr><td>') == len(detail["events"])
    assert "03.12.2026 12:00" in page  # received 09:00 UTC, shown in Moscow time


def test_attachments_are_served_inline_only_as_checked_images(tmp_path: Path,
                                                              shared_db: str) -> None:
    """A real PNG opens inline as image/png; HTML (or HTML named .png) is a download as
    application/octet-stream with a sanitised file name; never text/html."""
    mailflow, clock = shared_desk(tmp_path, shared_db), Clock()
    number = open_claim(mailflow, letter("Фото и файл", sender=customer(), attachments=[
        ("photo.png", "image/png", PNG), ("..\\..\\evil\".html", "text/html", HTML),
        ("fake.png", "image/png", HTML)]), ANNA)
    with browser(mailflow, clock) as client:
        sign_in(client, mailflow, ANNA)
        photo, page, fake = (client.get(f"/claims/{number}/attachments/{n}")
                             for n in _attachments(mailflow, number))
    assert photo.headers["content-type"] == "image/png"
    assert photo.headers["content-disposition"].startswith("inline;")
    assert photo.content == PNG
    for download in (page, fake):
        assert download.headers["content-type"] == "application/octet-stream"
        assert download.headers["content-disposition"].startswith("attachment;")
        assert download.headers["x-content-type-options"] == "nosniff"
    assert '"evil.html"' in page.headers["content-disposition"]


def test_file_names_lose_folders_quotes_and_control_characters() -> None:
    """A served file name (the one sanitiser mail attachments use too) never carries a path,
    a quote or a header-breaking character; the characters go rather than turn into `_`."""
    def served(name: str) -> str:
        return sanitize_filename(name, "attachment")

    assert served("..\\..\\evil\".html") == "evil.html"
    assert served("../../etc/passwd") == "passwd"
    assert served("a\r\nSet-Cookie: x.pdf") == "aSet-Cookie x.pdf"
    assert served("a; filename=b.exe") == "a filename=b.exe"
    assert served("..") == "attachment"
    assert served("Фото 1.jpg") == "Фото 1.jpg"


def test_every_word_of_the_staff_pages_is_in_russian_and_english() -> None:
    """Each word the staff templates ask for (and the sort and deadline names they build)
    exists in both languages, so no page shows a key or a missing word."""
    folder = templates_dir() / "web"
    used = set()
    for name in ("login.html.j2", "login_confirm.html.j2", "claims.html.j2", "claim.html.j2",
                 "_staff_nav.html.j2"):
        used |= set(re.findall(r"""t\(["']([a-z_]*[a-z])["'][,)]""",
                               (folder / name).read_text()))
    used |= {f"sort_{sort}" for sort in SORTS}
    used |= {f"deadline_{kind}" for kind in ("first_response", "hard_limit", "resolution",
                                              "paused_since")}
    missing = {key for key in used if set(WORDS.get(key, {})) != {"ru", "en"}}
    assert len(used) > 60
    assert missing == set()


def test_the_list_filters_by_category_and_by_being_overdue(tmp_path: Path,
                                                           shared_db: str) -> None:
    """The category filter keeps that category's claims; "overdue only" keeps the claim
    whose deadlines passed by the page's clock."""
    mailflow, clock = shared_desk(tmp_path, shared_db), Clock()
    old = open_claim(mailflow, letter("Ваза разбита.", sender=customer()), ANNA,
                     at=START - timedelta(days=30))
    fresh = open_claim(mailflow, letter("Заказ задерживается.", sender=customer()), ANNA)
    with mailflow.db.transaction() as session:
        claim = get_claim(session, fresh)
        assert claim is not None
        mailflow.workflow.set_field(session, claim, "category", "delay", START, actor="test")
    with browser(mailflow, clock) as client:
        sign_in(client, mailflow, ANNA)
        overdue = client.get("/claims", params={"overdue": "1"}).text
        delay = client.get("/claims", params={"category": "delay"}).text
    assert old in overdue
    assert fresh not in overdue
    assert fresh in delay
    assert old not in delay
