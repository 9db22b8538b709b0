"""Log records with the message they are about: JSON lines or plain text.

`bound(message_id=...)` opens a context (a contextvar, so threads and tasks keep their
own) and `bind(claim=...)` adds to it; every log record made inside carries those fields,
as JSON keys (`[logging] format = "json"`) or as `[claim message_id]` in plain lines.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime

FIELDS = ("claim", "message_id")
_context: ContextVar[dict[str, str] | None] = ContextVar("mailflow_log_context", default=None)
PLAIN = "%(asctime)s %(levelname)s %(name)s: %(message)s%(about)s"


@contextmanager
def bound(**fields: str | None) -> Iterator[None]:
    """Records made inside the block carry `fields` (None values are left out)."""
    token = _context.set({**_fields(), **_present(fields)})
    try:
        yield
    finally:
        _context.reset(token)


def bind(**fields: str | None) -> None:
    """Add `fields` to the current context (undone when the enclosing `bound` ends); outside
    any `bound` block it does nothing, so that no field outlives the work it was about."""
    if _context.get() is None:
        return
    _context.set({**_fields(), **_present(fields)})


def current() -> dict[str, str]:
    return dict(_fields())


class ContextFilter(logging.Filter):
    """Copies the bound fields onto each record (and `about`, their plain-text form)."""

    def filter(self, record: logging.LogRecord) -> bool:
        context = _fields()
        for name in FIELDS:
            setattr(record, name, context.get(name))
        shown = " ".join(f"{name}={context[name]}" for name in FIELDS if name in context)
        record.about = f" [{shown}]" if shown else ""
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC, ISO 8601), level, logger, message, context."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(), "logger": record.name,
            "message": record.getMessage()}
        for name in FIELDS:
            value = getattr(record, name, None)
            if value is not None:
                entry[name] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def configure(style: str) -> None:
    """Give the root logger's handlers the `style` format ("json" or "plain") and the
    context filter."""
    formatter = JsonFormatter() if style == "json" else logging.Formatter(PLAIN)
    for handler in logging.getLogger().handlers:
        handler.setFormatter(formatter)
        if not any(isinstance(item, ContextFilter) for item in handler.filters):
            handler.addFilter(ContextFilter())


def _fields() -> dict[str, str]:
    return _context.get() or {}


def _present(fields: dict[str, str | None]) -> dict[str, str]:
    return {name: value for name, value in fields.items() if value}
