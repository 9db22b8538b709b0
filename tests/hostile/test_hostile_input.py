"""Hostile and broken input through the real pipeline: stored or quarantined, never a crash.

Every message of the hostile catalogue goes through Pipeline.process on SQLite and on
PostgreSQL; what is stored must be sane (no NUL, no lone surrogate, one-line header
values, safe file names) and the next ordinary message must still be processed.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlmodel import col, select

from mailflow.app import App
from mailflow.config.sections import StorageSettings
from mailflow.parse.filenames import MAX_LENGTH
from mailflow.pipeline import Outcome, Pipeline, limits_from
from mailflow.runner import Runner
from mailflow.store.tables import AttachmentRow, ClaimRow, MessageRow, QuarantineRow
from tests import corpus
from tests.hostile import corpus_hostile as hostile
from tests.integration import support
from tests.servers import Dovecot

NOW = datetime(2026, 1, 5, 10, 0, tzinfo=UTC)
EXAMPLE_CONFIG = Path(__file__).resolve().parents[2] / "config" / "mailflow.example.toml"
_UNSAFE_TEXT = re.compile("[\x00\ud800-\udfff]")
_UNSAFE_LINE = re.compile("[\x00-\x1f\x7f\u2028\u2029\ud800-\udfff]")
_RESERVED_STEM = re.compile(r"^(CON|PRN|AUX|NUL|COM\d|LPT\d)$", re.IGNORECASE)


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres",
                                                               marks=pytest.mark.postgres)])
def shared_app(request: pytest.FixtureRequest,
               tmp_path_factory: pytest.TempPathFactory) -> Iterator[App]:
    """One app per database for the whole catalogue (each message is distinct)."""
    folder = tmp_path_factory.mktemp(f"hostile-{request.param}")
    url = (f"sqlite:///{folder / 'mailflow.sqlite3'}" if request.param == "sqlite"
           else request.getfixturevalue("pg_url"))
    mailflow = support.app(folder, url)
    yield mailflow
    mailflow.db.engine.dispose()


def process(app: App, raw: bytes, pipeline: Pipeline | None = None) -> Outcome:
    return (pipeline or app.pipeline).process(raw, "hostile-test", NOW)


def assert_next_message_is_processed(app: App) -> None:
    """An ordinary claim right after the hostile one opens its own claim."""
    outcome = process(app, corpus.english(message_id=corpus.new_message_id("after")))
    assert (outcome.status, outcome.new_claim) == ("stored", True)


def is_safe_filename(name: str) -> bool:
    stem = name.split(".", 1)[0].strip()
    return (0 < len(name) <= MAX_LENGTH and not name.startswith(".")
            and not any(ch in name for ch in '/\\:<>"|?*') and not _UNSAFE_LINE.search(name)
            and "\u202e" not in name and not _RESERVED_STEM.match(stem))


def assert_stored_sanely(app: App, raw: bytes) -> None:
    """The stored copy: raw bytes kept, text values storable, header values one line."""
    digest = hashlib.sha256(raw).hexdigest()
    with app.db.transaction() as session:
        row = session.exec(select(MessageRow).where(MessageRow.raw_sha256 == digest)).one()
        claim = session.get(ClaimRow, row.claim_id)
        parts = session.exec(select(AttachmentRow)
                             .where(AttachmentRow.message_row_id == row.id)).all()
    assert claim is not None
    assert app.blobs.get(digest) == raw
    for value in (row.text_body, row.html_body or "", row.references, row.to_addrs):
        assert not _UNSAFE_TEXT.search(value)
    for value in (row.subject, row.from_name, row.from_email, row.message_id, claim.subject,
                  claim.customer_name, claim.customer_email):
        assert not _UNSAFE_LINE.search(value)
    assert len(row.message_id) <= 998
    for part in parts:
        assert is_safe_filename(part.filename), part.filename
        assert hashlib.sha256(app.blobs.get(part.sha256)).hexdigest() == part.sha256


def assert_quarantined_whole(app: App, raw: bytes, outcome: Outcome) -> None:
    digest = hashlib.sha256(raw).hexdigest()
    with app.db.transaction() as session:
        held = session.exec(select(QuarantineRow)
                            .where(QuarantineRow.raw_sha256 == digest)).one()
    assert held.reason == outcome.reason
    assert outcome.reason
    assert not _UNSAFE_LINE.search(held.sender + held.subject)
    assert app.blobs.get(digest) == raw


# Over a structure cap: the only catalogue cases that may be quarantined. Everything else
# is mail a customer could send, stored on either database whatever its lengths.
OVER_A_CAP = frozenset({"structure:huge-param-list", "structure:many-headers",
                        "structure:one-mb-header"})


@pytest.mark.parametrize("case", sorted(hostile.CASES))
def test_hostile_message_is_stored_or_quarantined(shared_app: App, case: str) -> None:
    """Each hostile message is stored sanely (quarantined whole only when over a structure
    cap, on SQLite and PostgreSQL alike), and the next one goes on."""
    raw = hostile.CASES[case]()
    outcome = process(shared_app, raw)
    assert outcome.status == ("quarantined" if case in OVER_A_CAP else "stored"), outcome
    if outcome.status == "stored":
        assert_stored_sanely(shared_app, raw)
    else:
        assert_quarantined_whole(shared_app, raw, outcome)
    assert_next_message_is_processed(shared_app)


@pytest.mark.parametrize(("build", "key"), [
    (lambda: hostile.deep_multipart(10_000), "storage.max_mime_depth"),
    (lambda: hostile.attachment_flood(5_000), "storage.max_attachments"),
    (lambda: hostile.CASES["structure:one-mb-header"](), "storage.max_header_bytes"),
    (lambda: hostile.CASES["structure:many-headers"](), "storage.max_headers"),
], ids=["10k-nested", "5k-attachments", "1mb-header", "5k-headers"])
def test_structure_bombs_are_quarantined_naming_the_limit(shared_app: App,
                                                          build: hostile.Builder,
                                                          key: str) -> None:
    """10k nested parts, 5k attachments and oversized headers are quarantined naming the key."""
    raw = build()
    outcome = process(shared_app, raw)
    assert outcome.status == "quarantined"
    assert key in outcome.reason
    assert_quarantined_whole(shared_app, raw, outcome)
    assert_next_message_is_processed(shared_app)


def test_a_60_mb_message_is_quarantined_whole(tmp_path: Path, db_url: str) -> None:
    """A 60 MB message is kept byte for byte in quarantine, naming storage.max_message_bytes."""
    mailflow = support.app(tmp_path, db_url)
    raw = b"".join(hostile.oversized_chunks(60 * 1024 * 1024))  # the only full copy
    digest = hashlib.sha256(raw).hexdigest()
    outcome = process(mailflow, raw)
    del raw
    assert outcome.status == "quarantined"
    assert "storage.max_message_bytes" in outcome.reason
    stored = hashlib.sha256()
    with mailflow.blobs.path_for(digest).open("rb") as blob:
        for chunk in iter(lambda: blob.read(1 << 20), b""):
            stored.update(chunk)
    assert stored.hexdigest() == digest
    assert_next_message_is_processed(mailflow)


LIMIT_CASES: dict[str, tuple[int, hostile.Builder]] = {
    "max_attachments": (3, lambda: hostile.attachment_flood(4)),
    "max_mime_depth": (2, lambda: corpus.nested(3)),
    "max_decoded_bytes": (4096, lambda: hostile.with_filename("big.bin", bytes(5000))),
    "max_header_bytes": (2048, lambda: hostile.plain("x", b"x", ("X-Pad", "p" * 2100),
                                                     message_id="<pad@example.org>")),
    "max_headers": (20, lambda: hostile.plain("x", b"x", *((f"X-{n}", "v") for n in range(20)),
                                              message_id="<count@example.org>")),
}


@pytest.mark.parametrize("key", sorted(LIMIT_CASES))
def test_each_limit_is_configurable_and_names_its_key(shared_app: App, key: str) -> None:
    """A [storage] limit set low quarantines a message just over it, naming the config key."""
    value, build = LIMIT_CASES[key]
    limits = limits_from(StorageSettings.model_validate({key: value}))
    strict = Pipeline(shared_app.db, shared_app.blobs,
                      replace(shared_app.pipeline.config, limits=limits), shared_app.workflow)
    raw = build()
    assert process(shared_app, raw, strict).reason.endswith(f"(storage.{key})")
    assert process(shared_app, raw).status == "stored"  # the default limits let it through


def test_every_storage_limit_is_documented_in_the_example_config() -> None:
    """config/mailflow.example.toml lists every [storage] key with its default value."""
    example = tomllib.loads(EXAMPLE_CONFIG.read_text(encoding="utf-8"))["storage"]
    defaults = StorageSettings().model_dump()
    assert set(example) == set(defaults)
    assert {k: v for k, v in example.items() if k != "attachments_dir"} == {
        k: v for k, v in defaults.items() if k != "attachments_dir"}


def test_a_zip_bomb_is_stored_as_is_without_expansion(tmp_path: Path, db_url: str) -> None:
    """mailflow never decompresses: a zip of 64 MiB of zeros is stored byte-identical and small."""
    mailflow = support.app(tmp_path, db_url)
    bomb = hostile.zip_bomb()
    raw = hostile.multipart(hostile.basic("archive"), "z", [hostile.text_part(), hostile.attachment(
        'filename="photos.zip"', bomb, "application/zip")])
    assert process(mailflow, raw).status == "stored"
    with mailflow.db.transaction() as session:
        (part,) = session.exec(select(AttachmentRow)).all()
    assert mailflow.blobs.get(part.sha256) == bomb
    on_disk = sum(path.stat().st_size for path in (tmp_path / "blobs").rglob("*")
                  if path.is_file())
    assert on_disk < 3 * len(raw) < hostile.ZIP_BOMB_EXPANDED // 100


def test_an_unknown_transfer_encoding_is_kept_undecoded(shared_app: App) -> None:
    """A part in `x-gzip` transfer encoding is stored as the bytes sent, not inflated."""
    raw = hostile.CASES["structure:unknown-cte"]()
    raw = raw.replace(b"Subject: structure", b"Subject: gzip part")
    outcome = process(shared_app, raw)
    digest = hashlib.sha256(raw).hexdigest()
    with shared_app.db.transaction() as session:
        row = session.exec(select(MessageRow).where(MessageRow.raw_sha256 == digest)).one()
        (part,) = session.exec(select(AttachmentRow)
                               .where(AttachmentRow.message_row_id == row.id)).all()
    assert outcome.status == "stored"
    assert shared_app.blobs.get(part.sha256) == b"\x1f\x8b\x08\x00gzip"


IMAP_SAMPLE = ("truncated:3", "nul:subject", "nul:body", "charset:unicode-escape",
               "charset:quoted-evil", "encoded-word:crlf-inside", "address:crowd",
               "address:missing-from", "ids:references-10k",
               "line-endings:cr-only", "structure:prefix-boundary", "structure:rfc822-100-deep",
               "structure:one-mb-header", "encoding:invalid-base64-body", "filename:traversal",
               "display:rtl-filename", "structure:huge-param-list")


@pytest.mark.imap
def test_imap_batch_with_hostile_mail_leaves_the_inbox_empty(tmp_path: Path, db_url: str,
                                                            clean_dovecot: Dovecot) -> None:
    """Hostile mail between good mail over real IMAP: good stored, all moved, INBOX empty."""
    bad = [hostile.CASES[name]() for name in IMAP_SAMPLE]
    bad += [hostile.deep_multipart(10_000), hostile.attachment_flood(5_000)]
    good = [corpus.english(message_id=f"good.{n}@example.org") for n in range(len(bad) + 1)]
    mixed = [raw for pair in zip(good, bad, strict=False) for raw in pair] + [good[-1]]
    clean_dovecot.append("claims", mixed)
    mailflow = support.app(tmp_path, db_url, clean_dovecot)
    intake, _ = Runner(mailflow, mailflow.source(), clock=lambda: NOW).run_once()
    with mailflow.db.transaction() as session:
        stored_ids = set(session.exec(select(MessageRow.message_id)
                                      .where(col(MessageRow.message_id).like("good.%"))).all())
    assert stored_ids == {f"good.{n}@example.org" for n in range(len(good))}
    assert intake.stored + intake.quarantined == len(mixed)
    assert intake.quarantined >= 3
    assert clean_dovecot.messages("claims", "INBOX") == []
    assert len(clean_dovecot.messages("claims", "Processed")) == intake.stored
    assert len(clean_dovecot.messages("claims", "Quarantine")) == intake.quarantined
