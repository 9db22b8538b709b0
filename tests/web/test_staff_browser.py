"""The staff pages in a real browser: Debian's headless Chromium, driven by Playwright,
against `mailflow web` served by uvicorn on loopback, with mail going out through the
aiosmtpd sink. One story: sign in by the mailed link, find a claim by its order number,
change its status, and the customer receives the status note."""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

import pytest
from playwright.sync_api import Page, sync_playwright

from mailflow.runner import Runner
from tests.integration import support
from tests.servers import SmtpSink, free_ports
from tests.web.serving import served
from tests.web.staff_support import ANNA, MANAGERS, TEAM, letter, mail_text, open_claim

pytestmark = [pytest.mark.smtp, pytest.mark.postgres]
CHROMIUM = "/usr/bin/chromium"  # Debian's package (scripts/test.sh installs it); never downloaded
CUSTOMER = "ivan@customer.test"
WIDTHS = {"desktop": 1280, "phone": 390}


def drain(runner: Runner) -> None:
    """One pass over the outbox, in a thread of its own (Playwright's loop runs in this one)."""
    with ThreadPoolExecutor(1) as pool:
        pool.submit(runner.drain).result()


def sent_to(sink: SmtpSink, address: str) -> list[str]:
    """The plain text of every mail the sink received for `address`."""
    return [mail_text(m.content) for m in sink.received if address in m.rcpt_tos]


def screenshots_folder(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("MAILFLOW_SCREENSHOTS") or tmp_path / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_a_specialist_signs_in_finds_a_claim_by_order_number_and_changes_its_status(
        tmp_path: Path, pg_url: str, smtp_sink: SmtpSink) -> None:
    """Anna asks for a link, signs in with the one the SMTP server received, finds the claim
    by "ЗК-70011" (read from the letter), moves it to in progress with a note, and the
    customer receives the status note with it; the claim page is captured in ru and en at
    desktop and phone widths."""
    port = free_ports(1)[0]
    mailflow = support.app(tmp_path, pg_url, sink=smtp_sink, specialists=TEAM,
                           managers=MANAGERS, company={"timezone": "Europe/Moscow"},
                           web={"base_url": f"http://127.0.0.1:{port}",
                                "secure_cookies": False})
    number = open_claim(mailflow, letter("Здравствуйте! Ваза пришла разбитой, "
                                         "заказ № ЗК-70011. Прошу заменить."), ANNA,
                        at=datetime.now(UTC))
    runner = Runner(mailflow, mailflow.source())
    drain(runner)
    with served(mailflow, port) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(f"{base}/login")
            page.fill("#email", ANNA)
            page.click("button[type=submit]")
            page.wait_for_selector("#login-sent")
            drain(runner)
            link = next(line for text in sent_to(smtp_sink, ANNA) for line in text.split()
                        if "/login/" in line)
            page.goto(link)
            page.click("#sign-in")
            page.wait_for_url(f"{base}/claims")
            page.fill("input[name=q]", "ЗК-70011")
            page.click("form.filters button[type=submit]")
            page.click(f"a[href='/claims/{number}']")
            page.select_option("select[name=status]", "in_progress")
            page.fill("input[name=note]", "Курьер заберёт вазу в четверг.")
            page.click("form[action$='/status'] button[type=submit]")
            page.wait_for_selector("#action-done")
            status = page.inner_text("#claim-status")
            shots = capture(page, f"{base}/claims/{number}", screenshots_folder(tmp_path))
        finally:
            browser.close()
    drain(runner)
    notes = [text for text in sent_to(smtp_sink, CUSTOMER) if "в четверг" in text]
    assert status.startswith("На рассмотрении")
    assert len(notes) == 1
    assert number in notes[0]
    assert all(shot.read_bytes().startswith(b"\x89PNG") for shot in shots)
    assert set(shots.values()) == {0}, shots


def capture(page: Page, url: str, folder: Path) -> dict[Path, int]:
    """Screenshots of the claim page in both languages at desktop and phone widths, each
    with how much wider than the window the page was (0: no sideways scrolling)."""
    shots = {}
    for language in ("ru", "en"):
        for name, width in WIDTHS.items():
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(f"{url}?lang={language}")
            path = folder / f"staff-claim-{language}-{name}.png"
            page.screenshot(path=str(path), full_page=True)
            shots[path] = page.evaluate("document.documentElement.scrollWidth") - width
    return shots
