"""How the daemon is watched: log format, the Prometheus endpoint, `mailflow status` bounds."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from mailflow.config.sections import Section


class LoggingSettings(Section):
    # "json": one JSON object per line (time, level, logger, message, claim, message_id);
    # "plain": text lines. Lines about a message carry its claim number and Message-ID.
    format: Literal["plain", "json"] = "plain"


class MetricsSettings(Section):
    enabled: bool = False
    address: str = "127.0.0.1"
    port: int = Field(default=9464, ge=1, le=65535)


class StatusSettings(Section):
    # `mailflow status` exits 1 when the last successful read of the mailbox is older than
    # this many seconds (intake stalled) ...
    max_poll_age: float = Field(default=300.0, gt=0)
    # ... or when the oldest message waiting in the outbox was queued longer ago than this.
    max_outbox_age: float = Field(default=1800.0, gt=0)
