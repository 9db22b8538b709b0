"""The digest written to files for a look before it is sent: HTML, its images beside it
(the `cid:` links turned into file names) and the text part."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from mailflow.digest.period import Period
from mailflow.digest.render import with_files
from mailflow.digest.service import Digests


def write_preview(digests: Digests, period: Period, now: datetime, language: str,
                  out: Path) -> list[Path]:
    """Write the digest of `period` in `language` to `out` (HTML) and beside it; returns
    every file written."""
    with digests.db.transaction() as session:
        figures = digests.figures(session, period, now)
    rendered = digests.render(figures, language)
    names = {chart.cid: f"{out.stem}-{chart.filename}" for chart in rendered.charts}
    out.parent.mkdir(parents=True, exist_ok=True)
    written = []
    for chart in rendered.charts:
        image = out.parent / names[chart.cid]
        image.write_bytes(chart.png)
        written.append(image)
    out.write_text(with_files(rendered.html, names), encoding="utf-8")
    text = out.with_suffix(".txt")
    text.write_text(rendered.text, encoding="utf-8")
    return [out, *written, text]
