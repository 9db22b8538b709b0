"""The new words of a reply: quoted history, reply headers and `-- ` signatures removed.

Splitting is done by mail-parser-reply (`mailparser_reply`), which cuts a message at the
first reply header it recognises ("On ... wrote:", an Outlook `From:/Sent:/To:` block,
`-----Original Message-----`). It knows no Russian, so this module registers a "ru" entry in
its language table (`mailparser_reply.constants.MAIL_LANGUAGES`), which is how the library is
meant to be extended: its parser only accepts languages present in that table. The entry is
added once at import, only if absent, and holds constants only. Subclassing instead would mean
overriding a private method (`_get_language_regex`).

The Russian entry recognises:
- one-line "wrote" headers that start with a day (after an optional weekday) and end with an
  address or a "wrote" verb, e.g. Gmail `вт, 24 нояб. 2026 г. в 10:15, Имя <адрес>:`,
  Apple Mail `24 нояб. 2026 г., в 10:15, Имя <адрес> написал(а):`, Thunderbird
  `24.11.2026 10:15, Имя пишет:`, Yandex `24.11.2026, 10:15, "Имя" <адрес>:`, Mail.ru
  `Вторник, 24 ноября 2026, 10:15 +03:00 от Имя <адрес>:` (a wrap before the address is ok);
- Outlook blocks of two or more `От:/Отправлено:/Дата:/Кому:/Копия:/Тема:` lines;
- `-----Исходное сообщение-----`.

Decisions beyond the library:
- Only the text before the first header is kept, and `>` lines are dropped from it too
  (interleaved quoting keeps the specialist's lines, loses the quoted context).
- We take the library's raw first part, not its `body`: `body` also cuts at sign-offs such
  as "Best regards", and "С уважением, Имя" is part of the answer the customer should see.
  We cut only a `-- ` signature block, "Sent from my ..." / "Отправлено с ..." lines, and
  trailing Outlook underscore rules.
- When the library raises, or leaves nothing of a non-empty message (e.g. the reply starts
  with a header), the whole text is returned: the specialist's words are never lost.
- The library strips the whitespace around every line, so indentation is not kept.
"""

from __future__ import annotations

import re

from mailparser_reply import EmailMessage
from mailparser_reply.constants import MAIL_LANGUAGES, QUOTED_MATCH_INCLUDE

_Q = QUOTED_MATCH_INCLUDE
_ADDRESS = r"<\s?[^<>\s]+@[^<>\s]+>"
_WROTE = r"(?:написал\(а\)|написала?|пишет)"
# A day first (after an optional weekday), a time somewhere, then an address or "wrote" + ":".
_RU_WROTE_HEADER = (r"^(" + _Q + r"(?:[а-яё]+,\s)?\d{1,2}[.\s][^\n]*?\d{1,2}:\d{2}[^\n]*"
                    r"(?:\n" + _Q + r"[^\n]*)?(?:" + _ADDRESS + r"|" + _WROTE + r")\s?:)$")
_RU_SEPARATOR = r"^(" + _Q + r"-{5,} ?Исходное сообщение ?-{5,})$"
_RU_FROM_HEADER = (r"((?:(?:^|\n|\n" + _Q + r")[* ]*(?:От|Отправлено|Дата|Кому|Копия|Тема):"
                   r"[ *]*(?:\s{,2}).*){2,}(?:\n.*){,1})")
_RU_SENT_FROM = r"Отправлено (?:с|из|через) (?:моего|мобильн|iPhone|iPad|Android)"

RUSSIAN = {
    "wrote_header": [_RU_WROTE_HEADER, _RU_SEPARATOR],
    "from_header": _RU_FROM_HEADER,
    "disclaimers": [r"Конфиденциально:", r"Внимание:"],
    "signatures": [r"С уважением", r"С наилучшими пожеланиями", r"Спасибо,"],
    "sent_from": _RU_SENT_FROM,
}
MAIL_LANGUAGES.setdefault("ru", RUSSIAN)

_SIGNATURE_START = re.compile(
    r"^(?:--|(?:Sent from my|Get Outlook for|" + _RU_SENT_FROM + r")[^\n]{0,60})$",
    re.MULTILINE | re.IGNORECASE)
_RULE_LINE = re.compile(r"^[_-]{10,}$")


def strip_reply(text: str) -> str:
    """The new text of a reply, without quoted history and signature; never empty for text."""
    if not text.strip():
        return ""
    try:
        new_text = _first_part(text)
    except Exception:  # any library failure means: keep everything
        return text.strip()
    cleaned = _drop_signature(_drop_quoted_lines(new_text))
    return cleaned or text.strip()


def _first_part(text: str) -> str:
    """The text before the first reply header ("" when the message starts with one)."""
    message = EmailMessage(text=text, languages=["ru", "en"]).read()
    first = message.replies[0] if message.replies else None
    if first is None or first.headers:
        return ""
    return str(first.content)


def _drop_quoted_lines(text: str) -> str:
    return "\n".join(line for line in text.split("\n") if not line.lstrip().startswith(">"))


def _drop_signature(text: str) -> str:
    match = _SIGNATURE_START.search(text)
    kept = text[:match.start()] if match else text
    lines = kept.rstrip().split("\n")
    while lines and _RULE_LINE.fullmatch(lines[-1].strip()):
        lines.pop()
    return "\n".join(lines).strip()
