"""Test databases on PostgreSQL made ahead and dropped behind, off the tests' own time.

Every PostgreSQL test gets a database of its own. Making one (`CREATE DATABASE`, a copy
of template1 or of the migrated template, tests/migrated.py) takes about 0.3 s, and
dropping one about as long again or more, since `DROP DATABASE` waits for a checkpoint of
the whole server. Background threads with connections of their own do both: one keeps
one spare database of each kind ready (a test takes it under a name of its own with
`ALTER DATABASE ... RENAME`, which is immediate), the others drop the databases tests
are done with, several at once, while the next tests run.

Each database gets `synchronous_commit = off`: a commit is visible to every connection at
once, as before, but nobody waits for the server's write-ahead log to reach the disk (4 ms
a commit here). Only a crash of the PostgreSQL server itself could lose the last commits,
and no test crashes the server: the crash tests kill mailflow's processes.
"""

from __future__ import annotations

import queue
import secrets
import threading

import psycopg

EMPTY = "template1"  # what `CREATE DATABASE name` copies when no template is named
TAKE_TIMEOUT = 120  # seconds a test waits for its spare
# Databases dropped at once: each DROP waits for a checkpoint, and drops waiting together
# share one (8 drops one after another took 7.2 s here, 8 at once 1.8 s; the 40 left to drop
# at the end of test_outbox.py and test_store.py took 19 s with 4 droppers, 2 s with 8).
DROPPERS = 8


class Spares:
    """Spare test databases made by one background thread, finished ones dropped by
    DROPPERS others (a drop waits for a checkpoint; the next spare need not wait for it)."""

    def __init__(self, admin_url: str) -> None:
        self.admin_url = admin_url
        self.to_make: queue.Queue[str | None] = queue.Queue()  # templates; None: stop
        self.to_drop: queue.Queue[str | None] = queue.Queue()  # databases; None: stop
        self.ready: dict[str, queue.Queue[str]] = {}  # spare names by template; "": failed
        self.lock = threading.Lock()
        self.threads: list[threading.Thread] = []
        self.failure: BaseException | None = None

    def take(self, admin: psycopg.Connection[tuple[object, ...]], template: str,
             name: str) -> None:
        """Make database `name` a fresh copy of `template`: the spare made ahead, renamed
        (the next one is started at once)."""
        spares = self._spares_of(template)
        self.to_make.put(template)  # the next test's spare
        try:
            spare = spares.get(timeout=TAKE_TIMEOUT)
        except queue.Empty:
            spare = ""
        if not spare:
            raise RuntimeError(f"no copy of {template} was made: {self.failure!r}")
        admin.execute(f'ALTER DATABASE "{spare}" RENAME TO "{name}"')

    def drop_later(self, name: str) -> None:
        """Drop database `name` in the background (FORCE: a lingering connection of a killed
        daemon does not hold it up)."""
        self._start()
        self.to_drop.put(name)

    def close(self) -> None:
        """Drop every spare and every database waiting to be dropped, then stop."""
        if not self.threads:
            return
        self.to_make.put(None)
        for _ in range(DROPPERS):
            self.to_drop.put(None)
        for thread in self.threads:
            thread.join()
        self.threads = []
        with psycopg.connect(self.admin_url, autocommit=True, connect_timeout=5) as admin:
            for spares in self.ready.values():
                for spare in filter(None, list(spares.queue)):
                    admin.execute(f'DROP DATABASE IF EXISTS "{spare}" WITH (FORCE)')
        self.ready.clear()

    def _spares_of(self, template: str) -> queue.Queue[str]:
        self._start()
        with self.lock:
            if template not in self.ready:
                self.ready[template] = queue.Queue()
                self.to_make.put(template)  # the first one: this test waits for it
            return self.ready[template]

    def _start(self) -> None:
        with self.lock:
            if not self.threads:
                workers = [(self._make, self.to_make)] + [(self._drop, self.to_drop)] * DROPPERS
                self.threads = [threading.Thread(target=work, args=(jobs, self.admin_url),
                                                 name="pg-spares", daemon=True)
                                for work, jobs in workers]
                for thread in self.threads:
                    thread.start()

    def _make(self, templates: queue.Queue[str | None], admin_url: str) -> None:
        with psycopg.connect(admin_url, autocommit=True, connect_timeout=5) as admin:
            while (template := templates.get()) is not None:
                try:
                    self.ready[template].put(make(admin, template))
                except psycopg.Error as error:  # take() raises it for the waiting test
                    self.failure = error
                    self.ready[template].put("")

    def _drop(self, names: queue.Queue[str | None], admin_url: str) -> None:
        """Drop databases as they come, each on a connection of its own (held only while it
        drops: idle droppers take none of the server's connections)."""
        while (name := names.get()) is not None:
            try:
                with psycopg.connect(admin_url, autocommit=True, connect_timeout=5) as admin:
                    admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            except psycopg.Error as error:
                self.failure = error


def make(admin: psycopg.Connection[tuple[object, ...]], template: str) -> str:
    """A new database copied from `template`, with commits that do not wait for the disk."""
    name = f"mf_spare_{secrets.token_hex(6)}"
    admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    relax(admin, name)
    return name


def relax(admin: psycopg.Connection[tuple[object, ...]], name: str) -> None:
    """Commits in database `name` no longer wait for the write-ahead log's flush."""
    admin.execute(f'ALTER DATABASE "{name}" SET synchronous_commit = off')
