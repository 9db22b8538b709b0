"""The managers' digest as mail: received by a real SMTP server, once per period however many
daemons run, and late (saying so) after a daemon was down at its time."""

from __future__ import annotations

import email
import email.policy
import re
import threading
import time
from datetime import datetime, timedelta
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from sqlmodel import col, select

from mailflow.app import App
from mailflow.runner import Runner
from mailflow.store.tables import ClaimRow, OutboxRow
from tests.integration import digest_data as data
from tests.integration import support
from tests.servers import SmtpSink

MANAGER = {"name": "Maria", "email": "maria@example.test", "language": "en"}
DIRECTOR = {"email": "director@example.test", "language": "ru"}


def digest_app(tmp_path: Path, db_url: str, sink: SmtpSink | None = None,
               **digest: Any) -> App:
    return support.app(tmp_path, db_url, sink=sink, managers=[MANAGER],
                       mailbox={"idle": False, "poll_interval": 0.1},  # stops at once
                       specialists=[{"name": "Anna", "email": data.ANNA},
                                    {"name": "Boris", "email": data.BORIS}],
                       company={"timezone": "Europe/Moscow"},
                       digest={"enabled": True, "weekly": False, "monthly": False,
                               "recipients": [DIRECTOR]} | digest)


def parsed(raw: bytes) -> EmailMessage:
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    return message


def digest_subjects(app: App) -> list[str]:
    with app.db.transaction() as session:
        rows = session.exec(select(OutboxRow).where(OutboxRow.kind == "digest")
                            .order_by(col(OutboxRow.id))).all()
        return [str(parsed(row.raw)["Subject"]) for row in rows]


def test_the_digest_arrives_with_text_html_and_inline_images(tmp_path: Path, db_url: str,
                                                             smtp_sink: SmtpSink) -> None:
    """Each recipient gets the digest in their language: a text part, an HTML part whose
    `cid:` images are all inline PNG parts of the message, and the overdue claim in both;
    the carrier named by three claims is a weak spot, and suppliers (no catalogue) are
    said to be untracked."""
    app = digest_app(tmp_path, db_url, smtp_sink)
    data.load(app.db)
    runner = Runner(app, app.source(), clock=lambda: data.NOW)
    assert runner.digest_pass(data.NOW, "daemon-a") == 1
    assert runner.drain().sent == 2
    received = {tuple(r.rcpt_tos): parsed(r.content) for r in smtp_sink.received}
    english = received[(MANAGER["email"],)]
    russian = received[(DIRECTOR["email"],)]
    assert str(english["Subject"]) == "Test Company: claims digest for 5 November 2026"
    assert str(russian["Subject"]).startswith("Test Company: сводка по претензиям за 5 ноября")
    english_text = english.get_body(("plain",))
    assert english_text is not None
    assert re.search(r"carrier +СДЭК +3 +0 +\+3 +C5, C1, C4", english_text.get_content())
    assert "Not tracked: supplier (" in english_text.get_content()
    for message, hours in ((english, "35.0"), (russian, "35,0")):
        text = message.get_body(("plain",))
        html = message.get_body(("html",))
        assert text is not None
        assert html is not None
        assert "Ivan Petrov" in text.get_content()
        assert hours in text.get_content()
        html_text = html.get_content()
        assert "Ivan Petrov" in html_text
        assert 'style="' in html_text
        assert "<style" not in html_text
        links = set(re.findall(r'src="cid:([^"]+)"', html_text))
        images = {part["Content-ID"].strip("<>"): part.get_content()
                  for part in message.walk() if part.get_content_type() == "image/png"}
        assert links == set(images)
        assert len(links) == 3
        assert all(png.startswith(b"\x89PNG") for png in images.values())


def test_a_reply_to_the_digest_opens_no_claim_work(tmp_path: Path, db_url: str) -> None:
    """A manager answering the digest (which has no claim) is kept as our own mail come
    back: no acknowledgement, no specialist; a line naming no claim number only earns the
    manager a reply saying so."""
    app = digest_app(tmp_path, db_url)
    Runner(app, app.source()).digest_pass(data.NOW, "daemon-a")
    with app.db.transaction() as session:
        digest = parsed(session.exec(select(OutboxRow)).first().raw)  # type: ignore[union-attr]
    reply = (f"From: Maria <{MANAGER['email']}>\r\nTo: {digest['From']}\r\n"
             f"Subject: Re: {digest['Subject']}\r\nMessage-ID: <reply.1@example.test>\r\n"
             f"In-Reply-To: {digest['Message-ID']}\r\n\r\n#assign C4 {data.ANNA}\r\n")
    outcome = app.pipeline.process(reply.encode(), "test", data.NOW)
    assert not outcome.acknowledged
    with app.db.transaction() as session:
        assert session.exec(select(ClaimRow.assignee_email)).all() == [None]
        assert {(row.kind, row.recipients) for row in session.exec(
            select(OutboxRow).where(OutboxRow.kind != "digest")).all()} == {
            ("digest_reply", f'["{MANAGER["email"]}"]')}


class CountingRunner(Runner):
    """A daemon's runner that counts its digest checks, so a test can wait for several."""

    checks = 0

    def digest_pass(self, now: datetime, holder: str) -> int:
        queued = super().digest_pass(now, holder)
        self.checks += 1
        return queued


def serve_until_checked(apps: list[App], checks: int = 3) -> None:
    """Run one daemon per app (the real `serve` on the real clock: a scheduler clock far
    from now would make APScheduler count every missed interval) until each one checked
    for due digests `checks` times, then stop them."""
    runners = [CountingRunner(app, app.source()) for app in apps]
    stop = threading.Event()
    threads = [threading.Thread(target=runner.serve, args=(stop,)) for runner in runners]
    for thread in threads:
        thread.start()
    try:
        deadline = time.monotonic() + 60
        while min(r.checks for r in runners) < checks and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=60)
    assert min(r.checks for r in runners) >= checks


def local_time(ago: timedelta) -> str:
    """The Moscow wall time `ago` before now, as the config writes it."""
    return (datetime.now(data.ZONE) - ago).strftime("%H:%M")


def test_two_daemons_send_the_digest_once(tmp_path: Path, db_url: str) -> None:
    """Two daemons running when the digest falls due, each checking again and again,
    queue it once per recipient, on time."""
    config = {"check_interval": 0.1, "time": local_time(timedelta(minutes=1))}
    daemons = [digest_app(tmp_path / name, db_url, **config) for name in ("a", "b")]
    serve_until_checked(daemons)
    subjects = digest_subjects(daemons[0])
    assert len(subjects) == 2
    assert not any(subject.startswith("[") for subject in subjects)


def test_a_daemon_down_at_the_digest_time_sends_it_late_once(tmp_path: Path,
                                                               db_url: str) -> None:
    """With no daemon running at the digest's time (two hours ago), the first one to
    start queues it once, marked as late; a daemon started after it adds nothing."""
    config = {"check_interval": 0.1, "time": local_time(timedelta(hours=2))}
    serve_until_checked([digest_app(tmp_path / "a", db_url, **config)])
    serve_until_checked([digest_app(tmp_path / "b", db_url, **config)])
    subjects = digest_subjects(digest_app(tmp_path / "c", db_url))
    assert len(subjects) == 2
    assert subjects[0].startswith("[late] Test Company: claims digest for ")
    assert subjects[1].startswith("[с опозданием] Test Company: сводка по претензиям за ")
