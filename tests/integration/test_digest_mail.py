"""The managers' digest as mail: received by a real SMTP server, once per period however many
daemons run, and late (saying so) after a daemon was down at its time."""

from __future__ import annotations

import email
import email.policy
import re
import threading
from datetime import datetime, timedelta
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from sqlmodel import col, select

from mailflow.app import App
from mailflow.runner import Runner
from mailflow.store.tables import OutboxRow
from tests.integration import digest_data as data
from tests.integration import support
from tests.servers import SmtpSink

MANAGER = {"name": "Maria", "email": "maria@example.test", "language": "en"}
DIRECTOR = {"email": "director@example.test", "language": "ru"}


def digest_app(tmp_path: Path, db_url: str, sink: SmtpSink | None = None,
               **digest: Any) -> App:
    return support.app(tmp_path, db_url, sink=sink, managers=[MANAGER],
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
    `cid:` images are all inline PNG parts of the message, and the overdue claim in both."""
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


def test_two_daemons_queue_it_once_and_after_downtime_it_comes_late(tmp_path: Path,
                                                                      db_url: str) -> None:
    """Two daemons checking at the digest's time queue it once per recipient; checking
    again that day adds nothing; a daemon back the next day after missing the time queues
    that day's digest once, marked as late."""
    daemons = [digest_app(tmp_path, db_url) for _ in range(2)]
    on_time = data.NOW + timedelta(minutes=1)
    barrier = threading.Barrier(2)
    results: list[int] = []

    def check(app: App, holder: str) -> None:
        barrier.wait()
        results.append(Runner(app, app.source()).digest_pass(on_time, holder))

    threads = [threading.Thread(target=check, args=(app, f"daemon-{n}"))
               for n, app in enumerate(daemons)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(results) == [0, 1]
    assert Runner(daemons[1], daemons[1].source()).digest_pass(
        on_time + timedelta(hours=5), "daemon-1") == 0
    assert len(digest_subjects(daemons[0])) == 2

    back = datetime(2026, 11, 7, 11, 30, tzinfo=data.ZONE)
    assert Runner(daemons[0], daemons[0].source()).digest_pass(back, "daemon-0") == 1
    assert Runner(daemons[1], daemons[1].source()).digest_pass(back, "daemon-1") == 0
    subjects = digest_subjects(daemons[0])
    assert len(subjects) == 4
    assert subjects[2:] == ["[late] Test Company: claims digest for 6 November 2026",
                            "[с опозданием] Test Company: сводка по претензиям за "
                            "6 ноября 2026 г."]
