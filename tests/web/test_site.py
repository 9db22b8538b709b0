"""What every page of `mailflow web` shares: protections, error pages, the root page."""

from __future__ import annotations

from pathlib import Path

from tests.web.support import client, web_app


def test_root_page_links_to_staff_login_in_the_browser_language(tmp_path: Path) -> None:
    """The site's root page links to the staff login, worded in the browser's language."""
    with client(web_app(tmp_path, f"sqlite:///{tmp_path}/db.sqlite3")) as browser:
        english = browser.get("/", headers={"accept-language": "en-GB,en;q=0.9"})
        russian = browser.get("/", headers={"accept-language": "ru-RU,ru;q=0.9"})
    assert english.status_code == 200
    assert 'href="/login"' in english.text
    assert "Staff sign-in" in english.text
    assert "Вход для сотрудников" in russian.text


def test_every_response_carries_the_security_headers(tmp_path: Path) -> None:
    """Pages and error pages alike carry a strict CSP, nosniff, no-referrer and no-store."""
    with client(web_app(tmp_path, f"sqlite:///{tmp_path}/db.sqlite3")) as browser:
        for response in (browser.get("/"), browser.get("/no/such/page")):
            headers = response.headers
            assert "default-src 'none'" in headers["content-security-policy"]
            assert "frame-ancestors 'none'" in headers["content-security-policy"]
            assert headers["x-content-type-options"] == "nosniff"
            assert headers["referrer-policy"] == "no-referrer"
            assert headers["cache-control"] == "no-store"


def test_unknown_page_is_a_plain_404_page_without_a_traceback(tmp_path: Path) -> None:
    """An unknown address answers 404 with the site's error page, never a stack trace."""
    with client(web_app(tmp_path, f"sqlite:///{tmp_path}/db.sqlite3")) as browser:
        response = browser.get("/c/not-a-token", headers={"accept-language": "en"})
    assert response.status_code == 404
    assert "no longer valid" in response.text
    assert "Traceback" not in response.text


def test_a_body_over_the_limit_is_refused_by_its_declared_length(tmp_path: Path) -> None:
    """A request announcing a 2 GB body is answered 413 before any of it is read."""
    mailflow = web_app(tmp_path, f"sqlite:///{tmp_path}/db.sqlite3")
    with client(mailflow) as browser:
        response = browser.post("/", content=b"x",
                                headers={"content-length": str(2 * 1024 ** 3)})
        english = browser.post("/", content=b"x", headers={
            "content-length": str(2 * 1024 ** 3), "accept-language": "en"})
    assert response.status_code == 413
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert "Слишком большой файл или запрос." in response.text  # the site's error page
    assert 'href="/"' in response.text
    assert "Too large" in english.text or "too large" in english.text
    assert response.headers["x-content-type-options"] == "nosniff"
