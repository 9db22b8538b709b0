"""The digest's HTML as a real browser shows it: Debian's headless Chromium, driven by
Playwright, renders the preview to a screenshot."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import sync_playwright

from mailflow.digest.period import PeriodKind, period_of
from mailflow.digest.preview import write_preview
from tests.integration import digest_data as data
from tests.integration import support

CHROMIUM = "/usr/bin/chromium"  # Debian's package (scripts/test.sh installs it); never downloaded


def test_the_preview_renders_its_tables_and_charts_in_chromium(tmp_path: Path) -> None:
    """The screenshot shows the digest of 5 Nov: the headline counts, the specialists, the
    categories, the response times, the overdue claim C4 of Ivan Petrov, the weak spots and
    outcomes as bordered tables, then the three charts (claims per day by category, open
    against overdue, time to the first answer) drawn from the PNG files beside the HTML."""
    app = support.app(tmp_path, f"sqlite:///{tmp_path / 'digest.sqlite3'}",
                      specialists=[{"name": "Anna", "email": data.ANNA},
                                   {"name": "Boris", "email": data.BORIS}],
                      company={"timezone": "Europe/Moscow"}, digest={"weak_spot_threshold": 2})
    data.load(app.db)
    out = tmp_path / "preview" / "digest.html"
    write_preview(app.digests, period_of(PeriodKind.DAY, data.DAY, data.ZONE), data.NOW,
                  "en", out)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
        try:
            page = browser.new_page(viewport={"width": 900, "height": 1200})
            page.goto(out.as_uri())
            page.wait_for_load_state("load")
            screenshot = page.screenshot(path=str(tmp_path / "digest.png"), full_page=True)
            tables = page.locator("table").count()
            overdue_row = page.locator("tr", has_text="Ivan Petrov").inner_text()
            images = page.evaluate(
                "Array.from(document.images).map(i => [i.complete, i.naturalWidth])")
            border = page.locator("table.data td").first.evaluate(
                "cell => getComputedStyle(cell).borderTopStyle")
        finally:
            browser.close()
    assert screenshot.startswith(b"\x89PNG")
    assert tables == 8
    assert "C4" in overdue_row
    assert "35.0" in overdue_row
    assert images == [[True, 720]] * 3
    assert border == "solid"
