"""Prometheus metrics (`[metrics] enabled = true`): counters kept by the daemon, and the
database's gauges (outbox backlog, quarantine, last poll, deadline lag) computed at each
scrape from cheap indexed queries (mailflow.health)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import TYPE_CHECKING

from prometheus_client import CollectorRegistry, Counter, Gauge, start_http_server
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.metrics_core import Metric
from prometheus_client.process_collector import ProcessCollector
from prometheus_client.registry import Collector

from mailflow import health

if TYPE_CHECKING:
    from mailflow.config.operations import MetricsSettings
    from mailflow.pipeline import Outcome
    from mailflow.store.database import Database

log = logging.getLogger(__name__)
REGISTRY = CollectorRegistry()
ProcessCollector(registry=REGISTRY)
MESSAGES_IN = Counter("mailflow_messages_in", "Messages read from the mailbox, by kind "
                      "(customer, specialist, auto_reply, bounce, bulk, self; duplicate and "
                      "quarantined for those not stored as new)", ["kind"], registry=REGISTRY)
MAIL_OUT = Counter("mailflow_mail_out", "Outgoing mail by kind (acknowledgement, reminder...) "
                   "and result (sent, failed for good)", ["kind", "result"], registry=REGISTRY)
MAILBOX_CONNECTED = Gauge("mailflow_mailbox_connected", "1 while the daemon is connected to "
                          "the mailbox (IMAP), 0 while it retries", ["mailbox"],
                          registry=REGISTRY)
LEASE_HOLDER = Gauge("mailflow_mailbox_lease_holder", "1 for the instance holding the "
                     "mailbox lease", ["mailbox", "holder"], registry=REGISTRY)
_lease_lock = threading.Lock()
_lease_holders: dict[str, str] = {}


def count_intake(outcome: Outcome) -> None:
    kind = outcome.kind if outcome.status == "stored" and outcome.kind else outcome.status
    MESSAGES_IN.labels(kind=kind).inc()


def count_sent(kind: str, status: str | None) -> None:
    """One outgoing message settled with `status` (only final results are counted)."""
    if status in ("sent", "failed"):
        MAIL_OUT.labels(kind=kind or "unknown", result=status).inc()


def set_mailbox_connected(connected: bool, mailbox: str = "") -> None:
    MAILBOX_CONNECTED.labels(mailbox=mailbox).set(1 if connected else 0)


def set_lease_holder(name: str | None, mailbox: str = "") -> None:
    """Show `name` as the holder of `mailbox`'s lease (None: nobody, as far as we know)."""
    with _lease_lock:
        previous = _lease_holders.pop(mailbox, None)
        if previous is not None:
            LEASE_HOLDER.remove(mailbox, previous)
        if name is not None:
            _lease_holders[mailbox] = name
            LEASE_HOLDER.labels(mailbox=mailbox, holder=name).set(1)


class DatabaseCollector(Collector):
    """The gauges that need SQL, queried when Prometheus scrapes (never between)."""

    def __init__(self, db: Callable[[], Database], clock: Callable[[], datetime],
                 deadline_interval: Callable[[], float]) -> None:
        self.db, self.clock, self.deadline_interval = db, clock, deadline_interval

    def collect(self) -> Iterator[Metric]:
        up = GaugeMetricFamily("mailflow_database_up", "1 when the last scrape could read "
                               "the database")
        try:
            snapshot = health.snapshot(self.db(), self.clock(), self.deadline_interval())
        except Exception as error:  # a scrape during an outage says so, it does not fail
            log.warning("metrics: cannot read the database: %s", error)
            up.add_metric([], 0)
            yield up
            return
        up.add_metric([], 1)
        yield up
        yield from _snapshot_metrics(snapshot)


def _snapshot_metrics(snapshot: health.Snapshot) -> Iterator[Metric]:
    def gauge(name: str, text: str, value: float | None) -> GaugeMetricFamily:
        family = GaugeMetricFamily(name, text)
        if value is not None:
            family.add_metric([], value)
        return family

    yield gauge("mailflow_outbox_backlog", "Outgoing messages waiting to be sent",
                snapshot.outbox_backlog)
    yield gauge("mailflow_outbox_oldest_age_seconds", "Age of the oldest message waiting "
                "in the outbox (0 when empty)", snapshot.outbox_oldest_age or 0.0)
    yield gauge("mailflow_quarantine_size", "Messages held in quarantine",
                snapshot.quarantine_size)
    polls = GaugeMetricFamily("mailflow_seconds_since_last_poll", "Seconds since the "
                              "mailbox was last read without error", labels=["mailbox"])
    for poll in snapshot.polls:
        if poll.age is not None:
            polls.add_metric([poll.source], poll.age)
    yield polls
    yield gauge("mailflow_deadline_job_lag_seconds", "How late the reminder/escalation pass "
                "is beyond its interval (0 on time)", snapshot.deadline_lag)


def serve(settings: MetricsSettings, collector: DatabaseCollector) -> None:
    """Start the HTTP endpoint in a background thread (its address and port in the config)."""
    REGISTRY.register(collector)
    start_http_server(settings.port, addr=settings.address, registry=REGISTRY)
    log.info("metrics on http://%s:%d/metrics", settings.address, settings.port)
