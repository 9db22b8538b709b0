"""Exactly one instance reads a mailbox: a lease in the database, renewed by its holder.

The holder renews the lease from a heartbeat thread (every `renew_every`, well inside the
lease) and once more, as a compare-and-set on its token, right before it moves any message
out of the mailbox (`confirm`). An instance frozen (SIGSTOP) or cut off from the database
for longer than the lease is taken over; when it wakes, its token no longer matches, so it
moves nothing, logs that it lost the lease and stops reading. One that merely lost its
database connection stops reading until the database answers again, then goes on under
the same token if nobody took the mailbox meanwhile.

Other instances stand by and try to take the mailbox every `renew_every`: a holder that
dies is replaced within `lease + renew_every`. A clean stop releases the lease at once.
"""

from __future__ import annotations

import importlib
import logging
import os
import secrets
import socket
import threading
from collections.abc import Callable
from contextlib import suppress
from datetime import datetime, timedelta

from mailflow.errors import LeaseLost, StorageUnavailable
from mailflow.store import mailbox_leases
from mailflow.store.database import Database

log = logging.getLogger(__name__)
Clock = Callable[[], datetime]


def instance_name() -> str:
    """How this instance is shown as a lease holder: host and process id."""
    return f"{socket.gethostname()}:{os.getpid()}"


class MailboxLease:
    """This instance's claim on one mailbox."""

    def __init__(self, db: Database, mailbox: str, clock: Clock, *, lease: timedelta,
                 renew_every: timedelta) -> None:
        self.db, self.mailbox, self.clock = db, mailbox, clock
        self.lease, self.renew_every = lease, renew_every
        self.holder = instance_name()
        self._token: str | None = None
        self._reachable = True
        self._stopped = threading.Event()
        self._heartbeat: threading.Thread | None = None

    @property
    def reading(self) -> bool:
        """Whether this instance may read the mailbox right now (as far as it knows)."""
        return self._token is not None and self._reachable

    def ensure(self) -> bool:
        """Hold the lease if possible: renew ours, or take a free or expired one. Raises
        `StorageUnavailable` when the database does not answer."""
        if self._token is not None:
            try:
                self.confirm()
                return True
            except LeaseLost:
                pass
        return self._try_acquire()

    def confirm(self) -> None:
        """Renew the lease under our token; `LeaseLost` when another instance took it (or we
        never held it), `StorageUnavailable` when the database does not answer. Called right
        before messages are moved."""
        token = self._token
        if token is None:
            raise LeaseLost(f"mailbox {self.mailbox} is not held by {self.holder}")
        try:
            with self.db.transaction() as session:
                renewed = mailbox_leases.renew(session, self.mailbox, token, self.clock(),
                                               self.lease)
        except StorageUnavailable:
            self._mark_unreachable()
            raise
        self._reachable = True
        if not renewed:
            self._lose(token)
            raise LeaseLost(f"lost the mailbox lease on {self.mailbox}; reading stopped")

    def start(self) -> None:
        """Start the heartbeat thread."""
        self._heartbeat = threading.Thread(target=self._beat, name="mailbox-lease",
                                           daemon=True)
        self._heartbeat.start()

    def stop(self) -> None:
        """Stop the heartbeat and give the mailbox up, so a standby takes it at once."""
        self._stopped.set()
        if self._heartbeat is not None:
            self._heartbeat.join(timeout=self.renew_every.total_seconds() + 5)
        token, self._token = self._token, None
        if token is None:
            return
        try:
            with self.db.transaction() as session:
                mailbox_leases.release(session, self.mailbox, token, self.clock())
            log.info("mailbox lease on %s released by %s", self.mailbox, self.holder)
        except StorageUnavailable as error:
            log.warning("cannot release the mailbox lease (it runs out by itself): %s", error)

    def current_holder(self) -> str | None:
        """Who reads the mailbox now, from the database (None when nobody does)."""
        with self.db.transaction() as session:
            return mailbox_leases.holder_of(session, self.mailbox, self.clock())

    def _try_acquire(self) -> bool:
        token = f"{self.holder}:{secrets.token_hex(8)}"
        try:
            with self.db.transaction() as session:
                taken = mailbox_leases.acquire(session, self.mailbox, self.holder, token,
                                               self.clock(), self.lease)
        except StorageUnavailable:
            self._mark_unreachable()
            raise
        self._reachable = True
        if taken:
            self._token = token
            log.info("mailbox lease on %s taken by %s: reading", self.mailbox, self.holder)
            _publish_holder(self.holder, self.mailbox)
        return taken

    def _beat(self) -> None:
        while not self._stopped.wait(self.renew_every.total_seconds()):
            if self._token is None:
                continue
            with suppress(LeaseLost, StorageUnavailable):  # logged; intake stops reading
                self.confirm()

    def _lose(self, token: str) -> None:
        if self._token == token:
            self._token = None
            log.warning("lost the mailbox lease on %s (%s): another instance took it over; "
                        "reading stopped, no message moved", self.mailbox, self.holder)
            _publish_holder(None, self.mailbox)

    def _mark_unreachable(self) -> None:
        if self._reachable and self._token is not None:
            log.warning("database unreachable: reading of %s paused until it answers",
                        self.mailbox)
        self._reachable = False


def _publish_holder(holder: str | None, mailbox: str) -> None:
    """Tell the metrics module (when this build has one) who reads the mailbox."""
    try:
        metrics = importlib.import_module("mailflow.metrics")
    except ImportError:
        return
    setter = getattr(metrics, "set_lease_holder", None)
    if callable(setter):
        setter(holder, mailbox)
