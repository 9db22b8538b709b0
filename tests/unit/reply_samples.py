"""Specialists' replies as mail clients write them, quoting mailflow's real notification.

Each sample in `replies/` is `<name>.txt` (or `.html`, converted as the parser converts
HTML-only mail) with the writer's own text expected in `<name>.own.txt`. A line
`<prefix>{{notification.<lang>}}` stands for the rendered new-claim notification, each of its
lines behind `<prefix>` (`> ` for a quote, nothing for Outlook's unmarked quote), so the
samples follow the templates; `{{notification.<lang>.html}}` is its HTML body.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from functools import cache
from pathlib import Path

from mailflow.parse.html import html_to_text
from mailflow.send.render import RenderedMail, TemplateRenderer

SAMPLES = Path(__file__).resolve().parent / "replies"
TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
NAMES = tuple(sorted(path.name.split(".own.")[0] for path in SAMPLES.glob("*.own.txt")))
_PLACEHOLDER = re.compile(r"^(?P<prefix>.*)\{\{notification\.(?P<lang>ru|en)\}\}$", re.MULTILINE)
_HTML_PLACEHOLDER = re.compile(r"\{\{notification\.(?P<lang>ru|en)\.html\}\}")
_BODY = re.compile(r"<body[^>]*>(.*)</body>", re.DOTALL)

CUSTOMER_TEXT = {
    "en": "Hello,\n\nThe vase arrived broken. The box was crushed and wet.\nOrder 12345.\n\n"
          "John Smith",
    "ru": "Здравствуйте!\n\nВаза пришла разбитой, коробка смята и мокрая.\nЗаказ 12345.\n\n"
          "Иван Петров",
}


@cache
def notification(language: str) -> RenderedMail:
    """The new-claim notification Anna got for the broken vase, with the command help."""
    return TemplateRenderer(TEMPLATES).render(
        "specialist_new_claim", language, claim_number="CLM-2026-000123",
        specialist_name="Anna Smirnova", reassigned=False, previous_specialist=None,
        customer="John Smith <john@mail.example>" if language == "en"
        else "Иван Петров <ivan@mail.example>",
        subject="Broken vase" if language == "en" else "Разбитая ваза",
        category="damage", category_uncertain=False, priority="high",
        received_at=datetime(2026, 12, 3, 10, 15, tzinfo=timezone(timedelta(hours=3))),
        answer_by=date(2026, 12, 11), text=CUSTOMER_TEXT[language], attachments=[],
        omitted_attachments=[], commands_help=True, fields=[], missing=[],
        warranty=[])


def staff_texts(name: str) -> list[str]:
    """The text parts of the staff mail the sample `name` answers."""
    return [notification(language_of(name)).text]


def language_of(name: str) -> str:
    return name.rsplit(".", 1)[1]


def reply(name: str) -> str:
    """The sample reply as the parser hands it on: text, or HTML converted to text."""
    html = SAMPLES / f"{name}.html"
    if html.exists():
        return html_to_text(_HTML_PLACEHOLDER.sub(_notification_html, html.read_text("utf-8")))
    return _PLACEHOLDER.sub(_quoted_notification, (SAMPLES / f"{name}.txt").read_text("utf-8"))


def expected_own(name: str) -> str:
    return (SAMPLES / f"{name}.own.txt").read_text("utf-8").rstrip("\n")


def _quoted_notification(match: re.Match[str]) -> str:
    lines = notification(match["lang"]).text.rstrip("\n").split("\n")
    return "\n".join(f"{match['prefix']}{line}" for line in lines)


def _notification_html(match: re.Match[str]) -> str:
    body = _BODY.search(notification(match["lang"]).html)
    assert body is not None
    return body.group(1)
