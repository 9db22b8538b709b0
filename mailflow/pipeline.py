"""The intake pipeline: one raw message in, one stored message (or quarantine entry) out.

parse → classify → thread → store → react. A batch of messages is parsed first, then stored
in one database transaction, each message in a savepoint of its own, so a crash at any point
leaves either nothing or everything of the batch (messages, claims, queued mail).
"""

from __future__ import annotations

import email
import email.policy
import email.utils
import hashlib
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo
from typing import Literal

from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlmodel import Session

from mailflow import logs
from mailflow.classify.rules import ClassifyContext, classify
from mailflow.config.sections import StorageSettings
from mailflow.domain.claims import DEFAULT_PREFIX
from mailflow.domain.model import (
    Address,
    ClaimStatus,
    Classification,
    MessageKind,
    ParsedMessage,
)
from mailflow.domain.receipt import local_year, receipt_time
from mailflow.entries import StaffEntries
from mailflow.errors import MessageRejected, StorageUnavailable
from mailflow.extract.stage import Extractor, read_claim
from mailflow.failpoints import failpoint
from mailflow.fetch.base import Checkpoint, IncomingItem
from mailflow.parse import clean
from mailflow.parse.headers import decode_header_value, raw_values
from mailflow.parse.limits import Limits
from mailflow.parse.parser import parse_message
from mailflow.parse.pool import ParsePool, Rejected
from mailflow.store import checkpoints, quarantine
from mailflow.store.blobs import Blobs
from mailflow.store.claims import (
    add_party,
    lock_claim,
    next_claim_number,
    record_event,
    thread_candidates,
)
from mailflow.store.database import Database
from mailflow.store.known import opened
from mailflow.store.messages import find_stored, store_incoming
from mailflow.store.row_queue import write_rows
from mailflow.store.tables import ClaimRow
from mailflow.thread.rules import ThreadDecision, ThreadLookup, decide_thread, thread_keys
from mailflow.workflow.digest_reply import DigestReplies
from mailflow.workflow.engine import Workflow

log = logging.getLogger(__name__)
Status = Literal["stored", "duplicate", "quarantined"]
# A batch stops taking messages into its transaction after this long (each message, with
# its attachments read, can take a second or more on a loaded machine).
STORE_SECONDS = 10.0


def _nothing() -> None:
    return None


def _never() -> bool:
    return False


def _none() -> Sequence[IncomingItem]:
    return ()


@dataclass(frozen=True)
class Outcome:
    """What became of one message."""

    status: Status
    claim_number: str | None = None
    new_claim: bool = False
    acknowledged: bool = False
    reason: str = ""
    kind: str = ""  # the stored message's kind (customer, specialist, bounce...)


@dataclass(frozen=True)
class PipelineConfig:
    """The settings the pipeline needs, taken from the config at the composition root."""

    claims_address: Address
    own_addresses: frozenset[str]
    default_language: str
    secret: bytes
    max_message_bytes: int
    specialist_addresses: frozenset[str] = frozenset()
    limits: Limits = field(default_factory=Limits)
    timezone: tzinfo = UTC  # the company's: its year names the claim number
    number_prefix: str = DEFAULT_PREFIX  # the mailbox's: `CLM`-2026-000001
    parse_workers: int = 1  # above 1: parsed in a pool of processes (mailflow/parse/pool.py)
    parse_timeout: float = 60.0  # seconds a worker may take over one message


def limits_from(storage: StorageSettings) -> Limits:
    """The parse limits set in `[storage]`."""
    return Limits(max_depth=storage.max_mime_depth, max_attachments=storage.max_attachments,
                  max_decoded_bytes=storage.max_decoded_bytes,
                  max_header_bytes=storage.max_header_bytes, max_headers=storage.max_headers)


class Pipeline:
    """Processes raw messages; idempotent: the same message twice is stored once."""

    def __init__(self, db: Database, blobs: Blobs, config: PipelineConfig,
                 workflow: Workflow, extractor: Extractor | None = None) -> None:
        self.db, self.blobs, self.config, self.workflow = db, blobs, config, workflow
        self.extractor = extractor
        self.entries = StaffEntries(self)
        self.digest_replies = DigestReplies(workflow)
        self.classify_context = ClassifyContext(
            claims_address=config.claims_address.email, own_addresses=config.own_addresses,
            specialist_addresses=config.specialist_addresses)
        self._parse_pool: ParsePool | None = None

    def start_parse_pool(self) -> None:
        """Start the parse workers now (the daemon's start), if there are to be any."""
        if self.config.parse_workers > 1 and self._parse_pool is None:
            self._parse_pool = ParsePool(self.config.parse_workers, self.config.limits,
                                         self.config.parse_timeout)
            self._parse_pool.start()

    def close(self) -> None:
        """Stop the parse workers (the daemon stops, or a reload replaced this pipeline)."""
        pool, self._parse_pool = self._parse_pool, None
        if pool is not None:
            pool.close()

    def process(self, raw: bytes, source: str, now: datetime,
                checkpoint: Checkpoint | None = None, *,
                received_at: datetime | None = None) -> Outcome:
        """Run one message through every stage and commit the result (a batch of one).

        `now` is the processing time (events, outbox); `received_at` is when the mailbox got
        the message, if known: the claim's receipt (and deadlines) count from it.
        """
        item = IncomingItem(key="", raw=raw, checkpoint=checkpoint, received_at=received_at)
        return self.process_batch([item], source, now)[0]

    def process_batch(self, items: Sequence[IncomingItem], source: str, now: datetime, *,
                      enough: Callable[[], bool] = _never,
                      upcoming: Callable[[], Sequence[IncomingItem]] = _none,
                      stored: Callable[[], None] = _nothing) -> list[Outcome]:
        """Parse `items` in order, then store them in one transaction: each message in a
        savepoint of its own (one that fails is rolled back and quarantined, the others
        commit), their blobs synced as a group, the checkpoint advanced, one commit.

        Parsing stops early once `enough()` says so (the batch's wait is over, or the
        daemon stops): the outcomes are those of the first len(result) items, in order.
        With parse workers, `upcoming()` (the next batch) is parsed while this one is stored.
        Storing stops taking messages after STORE_SECONDS (the rest are left for the next
        batch), and `stored()` is called after each message (the daemon's watchdog ping).
        """
        if self.config.parse_workers > 1:
            self.start_parse_pool()
        pool = self._parse_pool
        if pool is not None:
            pool.alive = stored
            pool.submit(self._parseable(items), forget_others=False)
        prepared: list[Prepared] = []
        for item in items:
            if prepared and enough():
                break
            prepared.append(self._prepare(item, now, pool))
        if pool is not None:  # the next batch is parsed while this one is stored
            unparsed = items[len(prepared):]  # those parsed were taken from the pool
            pool.submit(self._parseable([*unparsed, *upcoming()]))
        return self._commit(prepared, source, now, stored)

    def _parseable(self, items: Sequence[IncomingItem]) -> list[IncomingItem]:
        return [item for item in items if len(item.raw) <= self.config.max_message_bytes]

    def _prepare(self, item: IncomingItem, now: datetime,
                 pool: ParsePool | None = None) -> Prepared:
        """Parse one message (here or in the pool), or say why it goes to quarantine
        unparsed."""
        raw = item.raw
        if len(raw) > self.config.max_message_bytes:
            return Prepared(item, None, now, (
                f"message is {len(raw)} bytes, larger than storage.max_message_bytes "
                f"({self.config.max_message_bytes})"))
        if pool is not None:
            parsed = pool.result(item)
            if isinstance(parsed, Rejected):
                return Prepared(item, None, now, parsed.reason)
            return Prepared(item, parsed, receipt_time(item.received_at, parsed.date, now))
        try:
            msg = parse_message(raw, self.config.limits)
        except MessageRejected as error:
            return Prepared(item, None, now, f"cannot parse: {error}")
        return Prepared(item, msg, receipt_time(item.received_at, msg.date, now))

    def _commit(self, batch: Sequence[Prepared], source: str, now: datetime,
                stored: Callable[[], None] = _nothing) -> list[Outcome]:
        """Store `batch` in one transaction. A batch of one needs no savepoint: its failure
        rolls the transaction back and it is quarantined alone, as a failed commit of a
        larger batch has each of its messages tried again alone."""
        guarded = len(batch) > 1
        for _attempt in range(2):
            try:
                with self.db.transaction() as session:
                    with self.blobs.group():  # written and synced before the commit
                        outcomes = self._settle_in_time(session, batch, source, now, guarded,
                                                        stored)
                    self._advance(session, source, _last_checkpoint(batch[:len(outcomes)]),
                                  now)
                    failpoint("before-batch-commit")
                for one, outcome in zip(batch, outcomes, strict=False):
                    _log_outcome(one, outcome)
                return outcomes
            except IntegrityError:
                continue  # another worker stored it at the same moment: look again
            except StorageUnavailable:
                raise
            except Exception as error:
                if guarded:
                    return self._one_by_one(batch, source, now, stored)
                reason = f"cannot store: {type(error).__name__}: {error}"
                return [self.quarantine(batch[0].item.raw, reason, source, now,
                                        batch[0].item.checkpoint)]
        if guarded:
            return self._one_by_one(batch, source, now, stored)
        return [self.quarantine(batch[0].item.raw, "cannot store: conflicting concurrent "
                                "writes", source, now, batch[0].item.checkpoint)]

    def _settle_in_time(self, session: Session, batch: Sequence[Prepared], source: str,
                        now: datetime, guarded: bool,
                        stored: Callable[[], None]) -> list[Outcome]:
        """Store the batch's messages in order until STORE_SECONDS have passed (at least
        one): a batch of slow letters (attachments to read) must not hold the database's
        locks, and the watchdog, for minutes."""
        until = time.monotonic() + STORE_SECONDS
        outcomes: list[Outcome] = []
        for one in batch:
            if outcomes and time.monotonic() > until:
                log.info("batch cut after %d of %d messages (%.0f s): the rest go in the next",
                         len(outcomes), len(batch), STORE_SECONDS)
                break
            outcomes.append(self._settle(session, one, source, now, guarded))
            stored()
        return outcomes

    def _one_by_one(self, batch: Sequence[Prepared], source: str, now: datetime,
                    stored: Callable[[], None]) -> list[Outcome]:
        log.warning("batch of %d failed as a whole: storing its messages one by one",
                    len(batch))
        return [outcome for one in batch
                for outcome in self._commit([one], source, now, stored)]

    def _settle(self, session: Session, one: Prepared, source: str, now: datetime,
                guarded: bool) -> Outcome:
        """Store one message of the batch, or hold it in quarantine with the reason."""
        if one.rejected:
            return self._hold(session, one.item.raw, one.rejected, source, now)
        assert one.msg is not None
        with logs.bound(message_id=one.msg.message_id):
            if not guarded:
                return self._store(session, one.msg, one.item.raw, source, now,
                                   received_at=one.received_at)
            return self._store_guarded(session, one, source, now)

    def _store_guarded(self, session: Session, one: Prepared, source: str,
                       now: datetime) -> Outcome:
        """`_store` inside a savepoint: a conflict (another instance stored the message
        meanwhile) is looked at again once; any other failure is quarantined."""
        assert one.msg is not None
        reason = "cannot store: conflicting concurrent writes"
        for _attempt in range(2):
            try:
                with session.begin_nested():
                    outcome = self._store(session, one.msg, one.item.raw, source, now,
                                          received_at=one.received_at)
                    session.flush()  # its failures surface here, inside its savepoint
                failpoint("batch-message-stored")
                return outcome
            except IntegrityError:
                continue
            except (OperationalError, PoolTimeout, StorageUnavailable):
                raise  # the database is gone: the whole batch waits for it
            except Exception as error:
                reason = f"cannot store: {type(error).__name__}: {error}"
                break
        return self._hold(session, one.item.raw, reason, source, now)

    def release(self, raw: bytes, source: str, now: datetime, *,
                received_at: datetime | None = None) -> Outcome:
        """Store a quarantined message as a claim, parsed if it now parses, raw otherwise."""
        try:
            msg = parse_message(raw, self.config.limits)
        except MessageRejected:
            msg = fallback_message(raw)
        received = receipt_time(received_at, msg.date, now)
        with logs.bound(message_id=msg.message_id), self.db.transaction() as session:
            return self._store(session, msg, raw, source, now, received_at=received)

    def quarantine(self, raw: bytes, reason: str, source: str, now: datetime,
                   checkpoint: Checkpoint | None = None) -> Outcome:
        """Keep the message whole with the reason; it never blocks the ones behind it."""
        with self.db.transaction() as session:
            outcome = self._hold(session, raw, reason, source, now)
            self._advance(session, source, checkpoint, now)
        log.info("message quarantined: %s", outcome.reason)
        return outcome

    def _hold(self, session: Session, raw: bytes, reason: str, source: str,
              now: datetime) -> Outcome:
        sender, subject = _peek_headers(raw)
        reason = clean.storable(reason)
        quarantine.hold(session, self.blobs, raw, reason, source, sender, subject, now)
        record_event(session, None, now, "message.quarantined",
                     {"reason": reason, "source": source, "from": sender})
        return Outcome("quarantined", reason=reason)

    def _advance(self, session: Session, source: str, checkpoint: Checkpoint | None,
                 now: datetime) -> None:
        if checkpoint is not None:
            checkpoints.advance(session, source, checkpoint, now)

    def _store(self, session: Session, msg: ParsedMessage, raw: bytes, source: str,
               now: datetime, *, received_at: datetime) -> Outcome:
        stored = find_stored(session, msg.message_id, msg.content_hash)
        if stored is not None:
            claim = session.get(ClaimRow, stored.claim_id)
            return Outcome("duplicate", claim.number if claim else None,
                           reason="already stored (same Message-ID and content)")
        classification = classify(msg, self.classify_context)
        keys = thread_keys(msg, self.config.secret,
                           bounce=classification.kind is MessageKind.BOUNCE)
        by_message_id, by_number = thread_candidates(
            session, keys.message_ids, keys.reference_numbers + keys.subject_numbers)
        lookup = ThreadLookup(by_message_id=by_message_id, by_number=by_number)
        decision = decide_thread(msg, keys, lookup)
        if classification.kind is MessageKind.SPECIALIST and decision.claim is None:
            entered = self.entries.from_mail(session, msg, raw, source, now, received_at)
            if entered is not None:  # `#new` or `#confirm` (mailflow/entries.py)
                return Outcome(entered.status, entered.claim_number, new_claim=entered.opened,
                               reason=entered.reason)
        claim, is_new = self._claim_for(session, msg, classification, decision, now,
                                        received_at)
        logs.bind(claim=claim.number)
        assert claim.id is not None
        row = store_incoming(session, self.blobs, claim.id, msg, raw, kind=classification.kind,
                             rules=classification.rules, thread_reason=decision.reason,
                             source=source, now=received_at)
        record_event(session, claim.id, now, "message.received", {
            "message_id": msg.message_id, "kind": classification.kind, "rules":
            list(classification.rules), "thread": decision.reason, "row": row.id})
        extraction = read_claim(self.extractor, msg, classification,
                                self.config.default_language,
                                received_at.astimezone(self.config.timezone).date())
        acknowledged = self.workflow.react(session, claim, msg, row, classification, is_new,
                                           decision.reopen, now, extraction)
        if "answers-digest" in classification.rules:  # a manager acting from the digest
            self.digest_replies.handle(session, msg, classification, now, received_at)
        write_rows(session)  # its events, participants, fields: one executemany a table,
        # inside its own savepoint in a batch, so a row the database refuses fails it alone
        return Outcome("stored", claim.number, new_claim=is_new, acknowledged=acknowledged,
                       reason=decision.reason, kind=str(classification.kind))

    def _claim_for(self, session: Session, msg: ParsedMessage, classification: Classification,
                   decision: ThreadDecision, now: datetime,
                   received_at: datetime) -> tuple[ClaimRow, bool]:
        if decision.claim is None:
            return self._open_claim(session, msg, classification, decision, now,
                                    received_at), True
        claim = lock_claim(session, decision.claim.id)  # one change at a time per claim
        assert claim is not None
        assert claim.id is not None
        claim.updated_at = now
        session.add(claim)
        self._add_cc_parties(session, claim.id, msg)
        return claim, False

    def _open_claim(self, session: Session, msg: ParsedMessage, classification: Classification,
                    decision: ThreadDecision, now: datetime, received_at: datetime) -> ClaimRow:
        customer = _customer_of(msg)
        related_id = decision.related.id if decision.related else None
        year = local_year(received_at, self.config.timezone)
        claim = ClaimRow(
            number=next_claim_number(session, year, self.config.number_prefix),
            status=ClaimStatus.NEW.value,
            customer_email=customer.email, customer_name=customer.name,
            subject=msg.subject, language=msg.language or self.config.default_language,
            origin=classification.kind, related_claim_id=related_id,
            created_at=received_at, updated_at=now)
        session.add(claim)
        session.flush()
        assert claim.id is not None
        opened(session, claim.id)
        add_party(session, claim.id, customer.email, customer.name, "customer")
        self._add_cc_parties(session, claim.id, msg)
        record_event(session, claim.id, now, "claim.opened",
                     {"why": decision.reason, "kind": classification.kind, "related":
                      decision.related.number if decision.related else None})
        if decision.related is not None:
            record_event(session, decision.related.id, now, "claim.linked",
                         {"claim": claim.number, "why": "a new sender quoted this claim's number"})
        return claim

    def _add_cc_parties(self, session: Session, claim_id: int, msg: ParsedMessage) -> None:
        for address in msg.cc:
            if address.email not in self.config.own_addresses:
                add_party(session, claim_id, address.email, address.name, "cc")


@dataclass(frozen=True)
class Prepared:
    """One message of a batch, parsed (or, with `rejected`, why it is quarantined as is)."""

    item: IncomingItem
    msg: ParsedMessage | None
    received_at: datetime
    rejected: str = ""


def _last_checkpoint(batch: Sequence[Prepared]) -> Checkpoint | None:
    """The batch's position in its mailbox: that of its last message (oldest first)."""
    return next((one.item.checkpoint for one in reversed(batch)
                 if one.item.checkpoint is not None), None)


def _log_outcome(one: Prepared, outcome: Outcome) -> None:
    message_id = one.msg.message_id if one.msg is not None else None
    with logs.bound(message_id=message_id, claim=outcome.claim_number):
        log.info("message %s%s: %s", outcome.status, f" ({outcome.kind})" * bool(
            outcome.kind), outcome.reason)


def _customer_of(msg: ParsedMessage) -> Address:
    if msg.reply_to:
        return msg.reply_to[0]
    return msg.from_ or Address(email="")


def _peek_headers(raw: bytes) -> tuple[str, str]:
    """Best-effort From and Subject of a message that may not parse at all."""
    try:  # compat32: the default policy reads a long parameter list in quadratic time
        message = email.message_from_bytes(raw[:65536], policy=email.policy.compat32)
        sender, subject = (next(iter(raw_values(message, key)), "") for key in ("from", "subject"))
        return (clean.one_line(decode_header_value(sender))[:998],
                clean.one_line(decode_header_value(subject))[:500])
    except Exception:
        return "", ""


def fallback_message(raw: bytes) -> ParsedMessage:
    """A minimal message for a quarantined one an operator releases without a fix."""
    digest = hashlib.sha256(raw).hexdigest()
    sender, subject = _peek_headers(raw)
    name, address = email.utils.parseaddr(sender)
    return clean.parsed_message(ParsedMessage(
        message_id=f"released.{digest[:32]}@mailflow.invalid", subject=subject,
        from_=Address(email=address.lower(), name=name) if "@" in address else None,
        text=raw[:100_000].decode("utf-8", errors="replace"), content_hash=digest,
        defects=("released from quarantine without parsing",)))
