"""The parts that make composing and storing many messages cheap change no byte and lose
no blob: the remembering email policy and the grouped blob writes."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email.policy import SMTP
from pathlib import Path

import pytest

from mailflow.domain.model import Address, AttachmentPart, OutgoingMail
from mailflow.send import compose as composer
from mailflow.store.blobs import BlobStore

WHEN = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
NAMES = ("Мария Орлова", "", 'Smith, "Jo" (ops)', "=?utf-8?b?DQpCY2M6IGV2aWw=?=",
         "A very long display name that goes on and on past the folding column easily",
         "Анна\u2028Bcc: x@evil.test")
SUBJECTS = ("Hello", "Просрочена претензия [CLM-2026-0000001]", "x" * 120,
            "Ответ: " + "длинная тема " * 12, "line\r\nBcc: evil@example.test")


def mails() -> list[OutgoingMail]:
    """Mail with every kind of header value compose writes, twice each (remembered values)."""
    found = []
    for n, (name, subject) in enumerate(zip(NAMES * 2, SUBJECTS * 3, strict=False)):
        found.append(OutgoingMail(
            kind="escalation", sender=Address("claims@example.test", "Претензии"),
            message_id=f"mf.{n}.abc@example.test", to=(Address(f"p{n % 3}@example.test", name),),
            reply_to=Address(f"claims+{n}@example.test", name) if n % 2 else None,
            subject=subject, text="Текст письма\n" * (n + 1),
            html="<p>Текст</p>" if n % 3 else None,
            in_reply_to="<a@b.test>" if n % 2 else None, references=("<a@b.test>",) * (n % 3),
            headers=(("X-Mailflow-Claim", f"CLM-2026-{n:07d}"),),
            attachments=(AttachmentPart("счёт.pdf", "application/pdf", b"%PDF" * 50),)
            if n % 4 == 0 else ()))
    return found


def without_boundaries(raw: bytes) -> bytes:
    return re.sub(rb"===============\d+==", b"BOUNDARY", raw)


@pytest.mark.parametrize("mail", mails(), ids=lambda m: m.message_id)
def test_the_remembering_policy_writes_the_same_bytes_as_the_standard_one(
        mail: OutgoingMail, monkeypatch: pytest.MonkeyPatch) -> None:
    """compose with the remembering policy and generator gives, byte for byte (boundaries
    aside), what the standard library's SMTP policy gives."""
    ours = [composer.compose(mail, WHEN) for _ in range(2)]
    monkeypatch.setattr(composer, "POLICY", SMTP.clone(cte_type="7bit"))
    monkeypatch.setattr(composer, "as_bytes", lambda message: message.as_bytes())
    standard = composer.compose(mail, WHEN)
    assert {without_boundaries(raw) for raw in ours} == {without_boundaries(standard)}


def test_blobs_put_as_a_group_are_all_stored_once_and_leave_no_temporary_file(
        tmp_path: Path) -> None:
    """put_many returns each item's sha256 in order (a repeat and a blob stored before
    included), every blob reads back whole, and no temporary file is left behind."""
    store = BlobStore(tmp_path / "blobs")
    before = store.put(b"stored before")
    items = [b"one", b"two", b"one", b"stored before", b""]
    digests = store.put_many(items)
    assert digests[3] == before
    assert [store.get(digest) for digest in digests] == items
    assert len(set(digests)) == 4
    assert sorted(store.digests()) == sorted(set(digests))
    assert not list((tmp_path / "blobs").rglob(".tmp-*"))
