"""The deployment's other mailboxes (`[[mailboxes]]`) while the daemon serves the default one:
each is read by a runner of its own, in a thread of its own, under a lease of its own."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from mailflow.errors import ConfigError, MailflowError

if TYPE_CHECKING:
    from mailflow.runner import Runner

log = logging.getLogger(__name__)


class OtherMailboxes:
    """The threads reading the other mailboxes while the default one is read by `serve`;
    one that fails stops the daemon (`stop`), whose `serve` then raises its error."""

    def __init__(self, runners: Sequence[Runner], stop: threading.Event,
                 poke_drain: Callable[[], None]) -> None:
        self.halt, self.stop_daemon = threading.Event(), stop
        self.failures: list[Exception] = []
        self.threads = [threading.Thread(target=self._read, args=(runner, poke_drain),
                                         name=f"mailbox-{runner.source.name}", daemon=True)
                        for runner in runners]
        for thread in self.threads:
            thread.start()

    def _read(self, runner: Runner, poke_drain: Callable[[], None]) -> None:
        try:
            runner.read_beside(self.halt, poke_drain)
        except MailflowError as error:  # a config or server problem: its one line says it
            log.error("reading %s failed; stopping: %s", runner.source.name, error)
            self.failures.append(error)
            self.stop_daemon.set()
        except Exception as error:
            log.exception("reading %s failed; stopping", runner.source.name)
            self.failures.append(error)
            self.stop_daemon.set()

    def stop(self) -> None:
        self.halt.set()
        for thread in self.threads:
            thread.join()

    def raise_failure(self) -> None:
        if self.failures:
            raise self.failures[0]


def check_distinct_sources(runners: Sequence[Runner]) -> None:
    """Two mailboxes must not read the same Maildir or IMAP folder (one lease each)."""
    seen: set[str] = set()
    for index, runner in enumerate(runners):
        if runner.source.name in seen:
            raise ConfigError(f"reads {runner.source.name}, which another mailbox reads too",
                              key=f"mailboxes[{index - 1}].mailbox")
        seen.add(runner.source.name)
