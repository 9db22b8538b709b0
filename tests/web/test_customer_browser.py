"""The customer's page end to end, with real parts: the acknowledgement reaches the aiosmtpd
sink, the link in it opens in Debian's headless Chromium (Playwright) against `mailflow web`
served by uvicorn, two photos go up through the form, and the specialist's mail at the sink
carries both. Screenshots of the page in Russian and English, at desktop and phone widths,
go to $MAILFLOW_SCREENSHOTS (or the test's tmp_path/screenshots)."""

from __future__ import annotations

import io
import os
import re
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default as default_policy
from pathlib import Path
from typing import cast

import pytest
from PIL import Image, ImageDraw
from playwright.sync_api import Page, sync_playwright

from mailflow.runner import Runner
from tests.servers import SmtpSink, free_ports
from tests.web import customer_data as data
from tests.web.serving import served

pytestmark = [pytest.mark.smtp]

CHROMIUM = "/usr/bin/chromium"  # Debian's package (scripts/test.sh installs it); never downloaded
DESKTOP, PHONE = {"width": 1280, "height": 900}, {"width": 390, "height": 844}
LINK = re.compile(r"http://127\.0\.0\.1:\d+/c/[A-Za-z0-9._-]+")


def test_customer_uploads_two_photos_from_the_acknowledgements_link(
        tmp_path: Path, smtp_sink: SmtpSink) -> None:
    """The link in the acknowledgement the SMTP server received opens the claim page in
    Chromium; two photos uploaded there reach the specialist by mail as attachments."""
    port = free_ports(1)[0]
    mailflow = data.app(tmp_path, f"sqlite:///{tmp_path / 'mailflow.sqlite3'}", sink=smtp_sink,
                        web={"base_url": f"http://127.0.0.1:{port}"})
    claim = data.open_claim(mailflow)
    Runner(mailflow, mailflow.source()).drain()
    link = _link_in(_mail_to(smtp_sink, data.CUSTOMER)[-1])
    photos = [_photo(tmp_path / "ваза.jpg", "JPEG", "red"),
              _photo(tmp_path / "коробка.png", "PNG", "blue")]
    shots = Path(os.environ.get("MAILFLOW_SCREENSHOTS") or tmp_path / "screenshots")
    shots.mkdir(parents=True, exist_ok=True)
    smtp_sink.clear()
    with served(mailflow, port), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
        try:
            page = browser.new_page(viewport=DESKTOP)
            thanks = _upload(page, link, photos)
            timeline = page.locator("article.in").last.inner_text()
            for language in ("ru", "en"):
                _screenshots(page, f"{link}?lang={language}", shots / f"customer-{language}")
        finally:
            browser.close()
    assert "Спасибо! Мы получили ваше сообщение" in thanks
    assert "ваза.jpg" in timeline
    assert "коробка.png" in timeline
    Runner(mailflow, mailflow.source()).drain()
    [to_anna] = _mail_to(smtp_sink, data.ANNA)
    assert claim.number in str(to_anna["Subject"])
    attached = {part.get_filename(): part.get_content() for part in to_anna.iter_attachments()}
    assert attached == {photo.name: photo.read_bytes() for photo in photos}
    assert sorted(p.name for p in shots.iterdir() if p.name.startswith("customer-")) == [
        "customer-en-desktop.png", "customer-en-phone.png",
        "customer-ru-desktop.png", "customer-ru-phone.png"]


def _upload(page: Page, link: str, photos: list[Path]) -> str:
    """Open the link, write a line, choose the photos, send; the notice shown after."""
    page.goto(link)
    page.fill("#message", "Фотографии вазы и коробки")
    page.set_input_files("#files", [str(photo) for photo in photos])
    with page.expect_navigation():
        page.click("button[type=submit]")
    return page.locator("p.notice").inner_text()


def _screenshots(page: Page, url: str, stem: Path) -> None:
    for width, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(viewport)
        page.goto(url)
        page.screenshot(path=f"{stem}-{width}.png", full_page=True)


def _mail_to(sink: SmtpSink, address: str) -> list[EmailMessage]:
    return [cast(EmailMessage, message_from_bytes(m.content, policy=default_policy))
            for m in sink.received if address in m.rcpt_tos]


def _link_in(message: EmailMessage) -> str:
    body = message.get_body(("plain",))
    assert body is not None
    found = LINK.search(cast(str, body.get_content()))
    assert found is not None, "no customer link in the acknowledgement"
    return found.group(0)


def _photo(path: Path, kind: str, colour: str) -> Path:
    """A small real photo-like image file."""
    image = Image.new("RGB", (320, 240), "white")
    ImageDraw.Draw(image).ellipse((60, 40, 260, 200), fill=colour)
    buffer = io.BytesIO()
    image.save(buffer, kind)
    path.write_bytes(buffer.getvalue())
    return path
