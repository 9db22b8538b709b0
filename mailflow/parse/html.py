"""Readable plain text from an HTML body, for messages that carry no text/plain part."""

from __future__ import annotations

import re

import html2text

# html2text escapes Markdown punctuation ("1\\.", "\\--"); a claim text is not Markdown.
_MARKDOWN_ESCAPE = re.compile(r"\\([-.+*_#`!\[\]()\\])")
_BLANK_RUNS = re.compile(r"\n{3,}")


def html_to_text(html: str) -> str:
    """The text of `html` with paragraphs and line breaks kept, images and styles dropped."""
    converter = html2text.HTML2Text()
    converter.body_width = 0
    converter.ignore_images = True
    converter.ignore_emphasis = True
    converter.unicode_snob = True
    text: str = converter.handle(html)
    text = _MARKDOWN_ESCAPE.sub(r"\1", text)
    lines = (line.rstrip() for line in text.splitlines())
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip()
