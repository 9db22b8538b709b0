"""The systemd notification protocol (sd_notify), written to $NOTIFY_SOCKET directly.

`Type=notify` units learn from these datagrams that the daemon is ready (READY=1), alive
(WATCHDOG=1, at half of $WATCHDOG_USEC), reloading (RELOADING=1 with MONOTONIC_USEC, then
READY=1 again) and stopping (STOPPING=1). Outside systemd (no $NOTIFY_SOCKET) every call
does nothing.
"""

from __future__ import annotations

import logging
import os
import socket
import time
from collections.abc import Callable, Mapping

log = logging.getLogger(__name__)


class Notifier:
    """Sends state changes to the service manager; a no-op without $NOTIFY_SOCKET."""

    def __init__(self, environ: Mapping[str, str] | None = None,
                 monotonic: Callable[[], float] = time.monotonic) -> None:
        env = os.environ if environ is None else environ
        self._address = _socket_address(env.get("NOTIFY_SOCKET", ""))
        self._monotonic = monotonic
        self.watchdog_interval = _watchdog_interval(env)
        self._last_ping = -float("inf")

    @property
    def active(self) -> bool:
        return self._address is not None

    def ready(self, status: str = "") -> None:
        self.send("READY=1", *([f"STATUS={status}"] if status else []))

    def reloading(self) -> None:
        """RELOADING=1 with the CLOCK_MONOTONIC time in microseconds, as systemd wants."""
        usec = time.clock_gettime_ns(time.CLOCK_MONOTONIC) // 1000
        self.send("RELOADING=1", f"MONOTONIC_USEC={usec}")

    def stopping(self) -> None:
        self.send("STOPPING=1")

    def alive(self) -> None:
        """WATCHDOG=1, at most once per half watchdog period (call it as often as you like)."""
        if self.watchdog_interval is None:
            return
        now = self._monotonic()
        if now - self._last_ping >= self.watchdog_interval:
            self._last_ping = now
            self.send("WATCHDOG=1")

    def send(self, *fields: str) -> None:
        if self._address is None:
            return
        try:
            with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
                sock.sendto("\n".join(fields).encode(), self._address)
        except OSError as error:  # the manager went away: nothing the daemon can do
            log.warning("cannot notify the service manager: %s", error)


def _socket_address(value: str) -> str | bytes | None:
    if not value.startswith(("/", "@")):
        return None
    return b"\0" + value[1:].encode() if value.startswith("@") else value


def _watchdog_interval(env: Mapping[str, str]) -> float | None:
    """Half the watchdog period in seconds, when the watchdog is on and meant for us."""
    try:
        usec = int(env.get("WATCHDOG_USEC", "0"))
    except ValueError:
        return None
    pid = env.get("WATCHDOG_PID")
    if usec <= 0 or (pid and pid != str(os.getpid())):
        return None
    return usec / 2_000_000
