"""`mailflow run` as a service: signals, systemd notifications, reload, the metrics endpoint.

SIGTERM/SIGINT stop after the message in hand (STOPPING=1); SIGHUP rereads the config and
templates between two passes (RELOADING=1, then READY=1 whether or not the new config was
good: a bad one is logged in one line and the running one kept). READY=1 is sent once the
config was read, the schema checked and the mailbox reached; WATCHDOG=1 comes from the
intake loop itself, so a loop that hangs is restarted by systemd.
"""

from __future__ import annotations

import logging
import signal
import threading
from pathlib import Path
from typing import Any

from mailflow import logs, metrics
from mailflow.config import load_settings
from mailflow.errors import ConfigError
from mailflow.notify import Notifier
from mailflow.runner import Runner

log = logging.getLogger(__name__)


class Service:
    """Runs `runner.serve` until SIGTERM, telling the service manager what happens."""

    def __init__(self, runner: Runner, config_path: Path | None,
                 notifier: Notifier | None = None) -> None:
        self.runner, self.config_path = runner, config_path
        self.notifier = notifier or Notifier()
        self.stop = threading.Event()
        self.reload_requested = threading.Event()

    def run(self) -> None:
        """Serve until stopped; a start-up failure (mailbox, metrics port) is raised before
        READY=1, as a MailflowError naming the server or key."""
        signal.signal(signal.SIGTERM, self._request_stop)
        signal.signal(signal.SIGINT, self._request_stop)
        signal.signal(signal.SIGHUP, self._request_reload)
        self.runner.alive = self.notifier.alive
        self.runner.between_passes = self.reload_if_requested
        self.runner.app.transport()  # its secret is read now: a missing one fails the start
        self._start_metrics()
        try:
            self.runner.serve(self.stop, ready=self._ready)
        finally:
            # The interpreter's exit puts Python-level handlers back to the default action,
            # so a second SIGTERM in its last moments (an impatient supervisor, an operator's
            # repeated kill) would end a clean shutdown as "killed"; ignored, it cannot.
            for number in (signal.SIGTERM, signal.SIGINT):
                signal.signal(number, signal.SIG_IGN)

    def reload_if_requested(self) -> None:
        """Between two passes: reread config and templates if SIGHUP asked for it."""
        if not self.reload_requested.is_set():
            return
        self.reload_requested.clear()
        self.notifier.reloading()
        try:
            settings = load_settings(self.config_path)
            app = self.runner.app.reloaded(settings)
            if settings.database.url != self.runner.app.settings.database.url:
                log.warning("reload: database.url changed; it takes effect at the next restart")
            logs.configure(settings.logging.format)
            self.runner.reload(app)
            log.info("reload: configuration and templates reread")
        except Exception as error:  # a bad reload never ends the daemon
            log.error("reload failed, the running configuration is kept: %s", error)
        finally:
            self.notifier.ready("reloaded")

    def _ready(self) -> None:
        names = ", ".join(r.source.name for r in (self.runner, *self.runner.others))
        log.info("mailflow is running: mailbox %s", names)
        self.notifier.ready(f"reading {names}")

    def _start_metrics(self) -> None:
        settings = self.runner.app.settings.metrics
        if not settings.enabled:
            return
        collector = metrics.DatabaseCollector(
            lambda: self.runner.app.db, self.runner.clock,
            lambda: self.runner.app.settings.reminders.check_interval)
        try:
            metrics.serve(settings, collector)
        except OSError as error:
            raise ConfigError(f"cannot listen on {settings.address}:{settings.port}: "
                              f"{error.strerror or error}", key="metrics.port") from None

    def _request_stop(self, _signum: int, _frame: Any) -> None:
        if not self.stop.is_set():
            self.notifier.stopping()
        _set_outside_the_handler(self.stop)

    def _request_reload(self, _signum: int, _frame: Any) -> None:
        _set_outside_the_handler(self.reload_requested)


def _set_outside_the_handler(event: threading.Event) -> None:
    """Set `event` from a signal handler without deadlocking: the handler runs in the main
    thread, which may have been interrupted while holding the event's internal lock (inside
    `stop.wait()` of the intake loop); `Event.set()` there would wait for that lock forever.
    A short thread takes the lock as soon as the main thread lets it go."""
    threading.Thread(target=event.set, name="signal", daemon=True).start()
