"""Which staff replies are acted on, through real IMAP and SMTP: forged
Authentication-Results, references past their age, and references from before a
reassignment. Replies cross dovecot and the aiosmtpd sink as in test_workflow."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest

from mailflow.runner import Runner
from tests import corpus
from tests.integration import support
from tests.integration.test_workflow import (
    ANNA,
    BORIS,
    CUSTOMER,
    MANAGERS,
    TEAM,
    Desk,
    reply,
    text_of,
)
from tests.servers import Dovecot, SmtpSink

pytestmark = [pytest.mark.imap, pytest.mark.smtp]

MX = "mx.example.test"
DeskFactory = Callable[..., Desk]


@pytest.fixture
def make_desk(tmp_path: Path, db_url: str, clean_dovecot: Dovecot,
              smtp_sink: SmtpSink) -> DeskFactory:
    """mailflow with two specialists and a manager, with `[workflow]` settings of the test."""
    smtp_sink.relay_to(clean_dovecot)

    def make(**workflow: Any) -> Desk:
        app = support.app(tmp_path, db_url, clean_dovecot, smtp_sink, specialists=TEAM,
                          managers=MANAGERS, workflow=workflow)
        return Desk(app, clean_dovecot, smtp_sink)
    return make


def send_at(desk: Desk, at: datetime, *raws: bytes) -> None:
    """Deliver messages to the claims INBOX now and let mailflow process them at `at`."""
    desk.dovecot.append("claims", list(raws))
    Runner(desk.app, desk.app.source(), clock=lambda: at).run_once()


def open_claim_at(desk: Desk, at: datetime) -> EmailMessage:
    """Ivan's damage claim processed at `at`; returns Anna's new-claim notification."""
    send_at(desk, at, corpus.with_attachments(sender=CUSTOMER, message_id="tv@mail.example.ru"))
    desk.one("customer")
    return desk.one("specialist1")


def with_results(raw: bytes, *headers: str) -> bytes:
    """`raw` with Authentication-Results headers on top, the first one topmost."""
    lines = b"".join(f"Authentication-Results: {value}\r\n".encode() for value in headers)
    return lines + raw


ANSWER = "Иван, курьер заберёт телевизор завтра."
OURS_FAIL = f"{MX}; dkim=fail header.d=example.test; spf=softfail smtp.mailfrom=example.test"
FORGED_PASS = f"{MX}; dkim=pass header.d=example.test; dmarc=pass header.from=example.test"


@pytest.mark.parametrize("headers", [
    pytest.param((OURS_FAIL, FORGED_PASS), id="forged-pass-below-ours"),
    pytest.param((f"{MX}; dkim=pass header.d=evil.example",), id="pass-for-another-domain"),
    pytest.param(("relay.evil.example; dmarc=pass header.from=example.test",),
                 id="another-server-only"),
])
def test_reply_without_our_aligned_pass_is_not_acted_on(make_desk: DeskFactory,
                                                        headers: tuple[str, ...]) -> None:
    """With Authentication-Results required, a reply whose only pass is forged, for another
    domain or from another server is kept as untrusted and never reaches the customer."""
    desk = make_desk(require_authentication_results=True, authserv_id=MX)
    notice = open_claim_at(desk, datetime.now(UTC))

    desk.send(with_results(reply(notice, ANNA, f"#status resolved\n{ANSWER}"), *headers))

    refusal = desk.one("specialist1")
    assert "не передано клиенту" in refusal["Subject"]
    assert "DMARC/DKIM/SPF" in text_of(refusal)
    assert desk.events("message.untrusted")[0]["why"] == "authentication-results-not-pass"
    assert desk.claim().status == "assigned"
    assert desk.nothing_for("customer")


def test_reply_with_our_aligned_pass_is_acted_on(make_desk: DeskFactory) -> None:
    """Our MX's topmost header with dmarc=pass for the From domain lets the reply through,
    whatever a header below it says."""
    desk = make_desk(require_authentication_results=True, authserv_id=MX)
    notice = open_claim_at(desk, datetime.now(UTC))

    desk.send(with_results(reply(notice, ANNA, ANSWER),
                           f"{MX}; dmarc=pass header.from=example.test", OURS_FAIL))

    assert text_of(desk.one("customer")).startswith(ANSWER)
    assert desk.nothing_for("specialist1")


@pytest.mark.parametrize(("max_age_days", "trusted"), [(90, False), (120, True)])
def test_reply_to_a_notification_past_its_age_is_refused(make_desk: DeskFactory,
                                                         max_age_days: int,
                                                         trusted: bool) -> None:
    """A reply to a notification sent 100 days ago is refused with the default 90-day limit
    (and the specialist is told to answer the latest mail), accepted with a 120-day one."""
    desk = make_desk(reference_max_age_days=max_age_days)
    notice = open_claim_at(desk, datetime.now(UTC) - timedelta(days=100))

    desk.send(reply(notice, ANNA, ANSWER))

    if trusted:
        assert text_of(desk.one("customer")).startswith(ANSWER)
        return
    refusal = desk.one("specialist1")
    assert "уведомление, на которое вы ответили, слишком старое" in text_of(refusal)
    assert desk.events("message.untrusted")[0]["why"] == "reference-expired"
    assert desk.nothing_for("customer")


def test_after_reassignment_back_only_the_new_notification_counts(
        make_desk: DeskFactory) -> None:
    """A to B and back to A: A's reply to her first notification is refused, her reply to
    the notification of the claim's return is relayed."""
    desk = make_desk()
    start = datetime.now(UTC) - timedelta(hours=3)
    first = open_claim_at(desk, start)
    send_at(desk, start + timedelta(hours=1), reply(first, ANNA, f"#assign {BORIS}"))
    handed = desk.one("specialist2")
    send_at(desk, start + timedelta(hours=2), reply(handed, BORIS, f"#assign {ANNA}"))
    returned = desk.one("specialist1")
    assert desk.claim().assignee_email == ANNA

    desk.send(reply(first, ANNA, f"#status resolved\n{ANSWER}"))

    refusal = desk.one("specialist1")
    assert "до того, как претензию передали вам снова" in text_of(refusal)
    assert desk.events("message.untrusted")[0]["why"] == "reference-superseded"
    assert desk.nothing_for("customer")

    desk.send(reply(returned, ANNA, ANSWER))

    assert text_of(desk.one("customer")).startswith(ANSWER)
    assert desk.claim().status == "in_progress"
