"""The writer's own words of a reply: quoted mail removed wherever it stands, signature apart.

A reply is read line by line. What counts as quoted:

- `>` lines (any depth, `> >`), wherever they stand: above, below or between the answers;
- an attribution line and the `>` block under it: Gmail/Apple/Thunderbird
  `On <date>, <name> <addr> wrote:` (also wrapped over two lines), and the Russian clients'
  day-first forms ending in an address or a "wrote" verb + `:` — Gmail
  `вт, 24 нояб. 2026 г. в 10:15, Имя <адрес>:`, Apple `… г., в 10:15, Имя <адрес> написал(а):`,
  Thunderbird `24.11.2026 10:15, Имя пишет:`, Yandex `24.11.2026, 10:15, "Имя" <адрес>:`,
  Mail.ru `Вторник, 24 ноября 2026, 10:15 +03:00 от Имя <адрес>:`;
- everything from a block without `>` marks to the end of the text: an Outlook header
  (`From:` / `От:` followed by two of `Sent: To: Cc: Subject: Date:` / `Отправлено: Кому:
  Копия: Тема: Дата:`), `-----Original Message-----`, `-----Исходное сообщение-----`,
  `---- Forwarded message ----` and the like, and an attribution line not followed by `>`
  lines (HTML mail converted to text). Unmarked quoted text has no visible end, so nothing
  after it counts as the writer's own; HTML blockquotes arrive here already as `>` lines.

The signature is a `-- ` line (or "Sent from my …" / "Отправлено с …") and the own lines after
it up to the next quoted block; it is kept apart so that commands are looked for without it
and the relay may still carry it. Sign-offs such as "С уважением, Имя" are part of the answer.

`split_reply` gives all three parts; `own_text` the answer alone; `strip_reply` the answer,
or the whole text when no own line is found (for forwarding a customer's words to staff,
where nothing may be lost).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ADDRESS = r"(?:<\s?[^<>\s]+@[^<>\s]+>|[^<>\s]+@[^<>\s]+)"
_WROTE = r"(?:написал\(а\)|написала?|пишет|wrote)"
_ON_WROTE = re.compile(r"On\s.{4,300}\swrote\s?:", re.IGNORECASE)
# A day first (after an optional weekday); the line ends with a "wrote" verb, or with an
# address when a time stands in it. Separate checks keep a long line from backtracking.
_WEEKDAY = (r"(?:пн|вт|ср|чт|пт|сб|вс|понедельник|вторник|среда|четверг|пятница|суббота|"
            r"воскресенье|mon|tue|wed|thu|fri|sat|sun)[a-zа-яё]*")
_DAY_START = re.compile(r"(?:" + _WEEKDAY + r"\.?,?\s+)?\d{1,4}[-./\s]", re.IGNORECASE)
_WROTE_END = re.compile(r"\s" + _WROTE + r"\s?:$", re.IGNORECASE)
_ADDRESS_END = re.compile(r"\s" + _ADDRESS + r"\s?:$")
_TIME = re.compile(r"\d{1,2}:\d{2}")
_SEPARATOR = re.compile(
    r"-{2,}\s*(?:original message|forwarded message|исходное сообщение|"
    r"пересылаемое сообщение|перенаправленное сообщение)\s*-{2,}|"
    r"begin forwarded message:|начало переадресованного сообщения:", re.IGNORECASE)
# Labels may be starred: Gmail's plain text shows a quoted Outlook block as `*From:* …`.
_FROM_LINE = re.compile(r"\*?(?:from|от)\s?:\*?\s*\S", re.IGNORECASE)
_HEADER_LINE = re.compile(
    r"\*?(?:sent|date|to|cc|subject|отправлено|дата|кому|копия|тема)\s?:", re.IGNORECASE)
_SENT_FROM = re.compile(r"(?:Sent from my|Get Outlook for|Отправлено (?:с|из|через) "
                        r"(?:моего|мобильн|iPhone|iPad|Android)).{0,60}", re.IGNORECASE)
_RULE_LINE = re.compile(r"[_-]{10,}")
_BLANK_RUNS = re.compile(r"\n{3,}")
_MAX_HEADER_GAP = 6  # lines an Outlook header block may span


@dataclass(frozen=True)
class ReplyParts:
    """A reply split into the writer's own text, their signature and the quoted material."""

    own: str
    signature: str = ""
    quoted: str = ""


def own_text(text: str) -> str:
    """The writer's own lines of a reply, quotes and signature removed ("" if there are none)."""
    return split_reply(text).own


def strip_reply(text: str) -> str:
    """The writer's own text, or the whole text when none is found; never empty for text."""
    return own_text(text) or text.strip()


def split_reply(text: str) -> ReplyParts:
    """Split a reply into own text, signature and quoted lines, in their original order."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    own: list[str] = []
    signature: list[str] = []
    quoted: list[str] = []
    in_signature = False
    index = 0
    while index < len(lines):
        line = lines[index]
        span = _quote_span(lines, index)
        if span:
            quoted.extend(lines[index:index + span])
            in_signature = False
            index += span
            continue
        if line.strip() == "--":
            in_signature = True  # the delimiter itself belongs to neither part
        else:
            in_signature = in_signature or bool(_SENT_FROM.fullmatch(line.strip()))
            (signature if in_signature else own).append(line)
        index += 1
    return ReplyParts(_tidy(_drop_trailing_rules(own)), _tidy(signature), _tidy(quoted))


def answered_inline(text: str) -> bool:
    """Own lines stand between quoted ones: the writer answered inside the quote, so their
    own text alone is fragments that only the quote around them makes whole."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    quoted_before = own_after_quote = False
    index = 0
    while index < len(lines):
        span = _quote_span(lines, index)
        if span:
            if own_after_quote:
                return True
            quoted_before = True
            index += span
            continue
        own_after_quote = own_after_quote or (quoted_before and bool(lines[index].strip()))
        index += 1
    return False


def _quote_span(lines: list[str], index: int) -> int:
    """How many lines from `index` on are quoted material (0 when the line is the writer's)."""
    if _is_quoted_line(lines[index]):
        return 1
    if _starts_unmarked_quote(lines, index):
        return len(lines) - index
    header = _attribution_length(lines, index)
    if not header:
        return 0
    after = _next_non_blank(lines, index + header)
    if after < len(lines) and not _is_quoted_line(lines[after]):
        return len(lines) - index  # the quote under it carries no `>` marks
    return header


def _is_quoted_line(line: str) -> bool:
    """A `>` line: quoted by the writer's mail client."""
    return line.lstrip().startswith(">")


def _attribution_length(lines: list[str], index: int) -> int:
    """1 or 2 when the line at `index` (alone or joined with the next) says who wrote a quote."""
    first = lines[index].strip()
    if _is_attribution(first):
        return 1
    if index + 1 < len(lines) and first and not first.endswith(":"):
        joined = f"{first} {lines[index + 1].strip()}"
        if _is_attribution(joined):
            return 2
    return 0


def _is_attribution(line: str) -> bool:
    if len(line) > 400 or not line.endswith(":"):
        return False
    if _ON_WROTE.fullmatch(line):
        return True
    if not _DAY_START.match(line):
        return False
    return bool(_WROTE_END.search(line) or (_ADDRESS_END.search(line) and _TIME.search(line)))


def _starts_unmarked_quote(lines: list[str], index: int) -> bool:
    """A separator line or an Outlook header block: the rest of the text is the old mail."""
    line = lines[index].strip()
    if _SEPARATOR.fullmatch(line):
        return True
    if not _FROM_LINE.match(line):
        return False
    following = lines[index + 1:index + 1 + _MAX_HEADER_GAP]
    return sum(1 for other in following if _HEADER_LINE.match(other.strip())) >= 2


def _next_non_blank(lines: list[str], index: int) -> int:
    while index < len(lines) and not lines[index].strip():
        index += 1
    return index


def _drop_trailing_rules(lines: list[str]) -> list[str]:
    """Outlook's `_____` line above its header block belongs to the quote, not the answer."""
    kept = list(lines)
    while kept and (not kept[-1].strip() or _RULE_LINE.fullmatch(kept[-1].strip())):
        kept.pop()
    return kept


def _tidy(lines: list[str]) -> str:
    """Lines joined, blank runs left by removed quotes collapsed, outer blank lines dropped."""
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip("\n")
