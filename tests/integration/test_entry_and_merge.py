"""Claims entered by staff (`#new`, `mailflow claims new`) and merged claims (`#merge`,
`mailflow claims merge`), end to end through dovecot and the aiosmtpd sink, as in
test_workflow and test_staff_trust."""

from __future__ import annotations

import json
from collections.abc import Callable
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import col, func, select
from typer.testing import CliRunner

from mailflow.cli.main import app as cli
from mailflow.runner import Runner
from mailflow.store.tables import ClaimRow, MessageRow
from tests import corpus
from tests.integration import support
from tests.integration.test_workflow import (
    ANNA,
    CLAIMS,
    CUSTOMER,
    MANAGERS,
    TEAM,
    Desk,
    fresh_message,
    reply,
    text_of,
)
from tests.servers import Dovecot, SmtpSink, address

pytestmark = [pytest.mark.imap, pytest.mark.smtp]

MX = "mx.example.test"
IVAN = "customer@example.test"
OTHER = "other@elsewhere.test"
PASS = f"Authentication-Results: {MX}; dmarc=pass header.from=example.test\r\n".encode()
CALL = ("Клиент позвонил в 10:20: телевизор доставлен с разбитым экраном, заказ 12345.\n"
        "Просит заменить телевизор.\n")
SCAN = b"%PDF-1.4\n% scanned letter\n%%EOF\n"
DeskFactory = Callable[..., Desk]


@pytest.fixture
def make_desk(tmp_path: Path, db_url: str, clean_dovecot: Dovecot,
              smtp_sink: SmtpSink) -> DeskFactory:
    """mailflow with two specialists and a manager; our MX is `mx.example.test`."""
    smtp_sink.relay_to(clean_dovecot)

    def make(**workflow: Any) -> Desk:
        app = support.app(tmp_path, db_url, clean_dovecot, smtp_sink, specialists=TEAM,
                          managers=MANAGERS, workflow={"authserv_id": MX, **workflow})
        return Desk(app, clean_dovecot, smtp_sink)
    return make


def entry(sender: str = ANNA, first_line: str = f"#new {IVAN} Иван Петров") -> bytes:
    """A new message from staff: the `#new` line, the call written up, a scanned letter."""
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = sender, CLAIMS, "Звонок клиента"
    message["Message-ID"] = f"<entry.{abs(hash(first_line))}@mail.example.test>"
    message.set_content(f"{first_line}\n\n{CALL}")
    message.add_attachment(SCAN, maintype="application", subtype="pdf", filename="letter.pdf")
    return message.as_bytes(policy=SMTP)


def claims(desk: Desk) -> list[ClaimRow]:
    """Every claim, oldest first."""
    with desk.app.db.transaction() as session:
        return list(session.exec(select(ClaimRow).order_by(col(ClaimRow.id))).all())


def messages_of(desk: Desk, number: str, direction: str = "in") -> int:
    """How many messages (incoming by default) are stored on claim `number`."""
    with desk.app.db.transaction() as session:
        claim = session.exec(select(ClaimRow).where(ClaimRow.number == number)).one()
        return session.exec(select(func.count()).select_from(MessageRow)
                            .where(MessageRow.claim_id == claim.id,
                                   MessageRow.direction == direction)).one()


def test_claim_entered_by_a_vouched_specialist(make_desk: DeskFactory) -> None:
    """Anna's `#new`, vouched for by our MX, opens Ivan's claim (origin staff, hers),
    acknowledged to Ivan in Russian without quoting her write-up; Anna gets the number."""
    desk = make_desk()

    desk.send(PASS + entry())

    claim = desk.claim()
    assert (claim.origin, claim.customer_email, claim.customer_name) == (
        "staff", IVAN, "Иван Петров")
    assert (claim.assignee_email, claim.language) == (ANNA, "ru")
    ack = desk.one("customer")
    assert f"[{claim.number}]" in ack["Subject"]
    assert "Клиент позвонил" not in text_of(ack)  # staff's words are not "your message"
    assert "mail.example.test" not in ack.as_string()  # nothing of Anna's message reaches him
    subjects = sorted(m["Subject"] for m in desk.inbox("specialist1"))
    assert any("Претензия зарегистрирована" in s and claim.number in s for s in subjects)
    assert desk.events("claim.entered") == [{"by": ANNA, "via": "email"}]
    assert desk.nothing_for("specialist2", "manager")


@pytest.mark.parametrize("results", [
    pytest.param(b"", id="no-results"),
    pytest.param(b"Authentication-Results: relay.evil.example; dmarc=pass "
                 b"header.from=example.test\r\n", id="another-server-passes"),
    pytest.param(f"Authentication-Results: {MX}; dmarc=fail header.from=example.test\r\n"
                 .encode() + PASS, id="forged-pass-below-ours"),
])
def test_forged_entry_opens_nothing_until_confirmed(make_desk: DeskFactory,
                                                    results: bytes) -> None:
    """A `#new` our MX did not vouch for opens nothing and mails only Anna's own address; a
    `#confirm` that answers no request is refused; Anna's `#confirm` answer opens the claim."""
    desk = make_desk()

    desk.send(results + entry())

    assert claims(desk) == []
    request = desk.one("specialist1")
    assert "Подтвердите новую претензию" in request["Subject"]
    assert desk.nothing_for("customer", "specialist2", "manager")
    desk.send(fresh_message(ANNA, "Re: Подтвердите новую претензию", "#confirm"))
    refusal = desk.one("specialist1")
    assert "не отвечает на запрос подтверждения" in text_of(refusal)
    assert claims(desk) == []

    desk.send(reply(request, ANNA, "#confirm"))

    claim = desk.claim()
    assert (claim.origin, claim.customer_email) == ("staff", IVAN)
    assert f"[{claim.number}]" in desk.one("customer")["Subject"]
    assert messages_of(desk, claim.number) >= 2  # the held #new and the confirmation


def test_entry_with_an_invalid_address_is_refused(make_desk: DeskFactory) -> None:
    """`#new` with an address that is not one gets the error reply and opens nothing."""
    desk = make_desk()

    desk.send(PASS + entry(first_line="#new ivan@@example Иван"))

    assert "недействителен" in text_of(desk.one("specialist1"))
    assert claims(desk) == []
    assert desk.nothing_for("customer")


def cli_config(tmp_path: Path, db_url: str) -> Path:
    """A config file for the CLI on the desk's database, blobs and secret."""
    config = tmp_path / "cli.toml"
    people = "".join(f'[[specialists]]\nname = "{p["name"]}"\nemail = "{p["email"]}"\n'
                     f'languages = {json.dumps(p["languages"])}\n'
                     f'categories = {json.dumps(p["categories"])}\n' for p in TEAM)
    people += "".join(f'[[managers]]\nname = "{m["name"]}"\nemail = "{m["email"]}"\n'
                      for m in MANAGERS)
    config.write_text(
        f'[database]\nurl = "{db_url}"\n[security]\nsecret = "{support.SECRET}"\n'
        f'[company]\nclaims_address = "{CLAIMS}"\nname = "Test Company"\n'
        f'[storage]\nattachments_dir = "{tmp_path / "blobs"}"\n{people}', encoding="utf-8")
    return config


def run_cli(config: Path, *args: str) -> Any:
    """`mailflow --config CONFIG ARGS…` in this process, in English."""
    return CliRunner().invoke(cli, ["--config", str(config), *args],
                              env={"MAILFLOW_LANG": "en"})


def test_cli_claims_new(make_desk: DeskFactory, tmp_path: Path, db_url: str) -> None:
    """`claims new --by` a manager opens an English claim from a text file with an
    attachment, assigned by the usual rules, acknowledged to the customer once mailflow
    runs, and the manager is told its number."""
    desk = make_desk()
    text = tmp_path / "call.txt"
    text.write_text("The customer called: order 12345 has not arrived, two weeks late.\n",
                    encoding="utf-8")
    scan = tmp_path / "letter.pdf"
    scan.write_bytes(SCAN)

    result = run_cli(cli_config(tmp_path, db_url), "claims", "new", "--customer", IVAN,
                     "--name", "John Smith", "--subject", "Late delivery", "--text-file",
                     str(text), "--attach", str(scan), "--by", address("manager"),
                     "--format", "json")

    assert result.exit_code == 0, result.output
    number = json.loads(result.stdout)["number"]
    Runner(desk.app, desk.app.source()).run_once()
    claim = desk.claim()
    assert (claim.number, claim.origin, claim.language) == (number, "staff", "en")
    assert claim.assignee_email == address("specialist2")  # delay, English: Boris
    ack = desk.one("customer")
    assert f"[{number}]" in ack["Subject"]
    assert desk.events("claim.entered") == [{"by": f"cli:{address('manager')}", "via": "cli"}]
    assert number in desk.one("manager")["Subject"]  # the manager who took it gets the number


def open_two(desk: Desk, second_sender: str = CUSTOMER) -> tuple[EmailMessage, EmailMessage]:
    """Two claims: Ivan's damage claim (A) and a second letter about it (B); the acks."""
    desk.send(corpus.with_attachments(sender=CUSTOMER, message_id="a@mail.example.ru"))
    ack_a = desk.inbox("customer")[0]
    desk.send(fresh_message(second_sender, "Телевизор опять", "Телевизор разбит, жду ответа."))
    return ack_a, (desk.inbox("customer") or [EmailMessage()])[0]


def test_merge_by_mail(make_desk: DeskFactory) -> None:
    """`#merge A` on B moves B's mail to A, closes B as merged, tells Ivan once; his later
    reply to B's acknowledgement lands on A, and Anna's answer to B's notice is relayed."""
    desk = make_desk()
    _ack_a, ack_b = open_two(desk)
    first, second = claims(desk)
    notices = desk.inbox("specialist1")
    notice_b = next(m for m in notices if second.number in m["Subject"])

    desk.send(reply(notice_b, ANNA, f"#merge {first.number}"))

    merged, kept = claims(desk)[1], claims(desk)[0]
    assert (merged.status, merged.merged_into_id) == ("closed", kept.id)
    assert messages_of(desk, merged.number) == messages_of(desk, merged.number, "out") == 0
    told = desk.one("customer")
    assert "Обращения объединены" in told["Subject"]
    assert first.number in told["Subject"]
    assert second.number in text_of(told)
    before = messages_of(desk, first.number)

    desk.send(reply(ack_b, CUSTOMER, "Добавляю фото упаковки."))

    assert messages_of(desk, first.number) == before + 1
    assert len(claims(desk)) == 2
    assert desk.nothing_for("customer")  # no second notice, no new acknowledgement
    desk.send(reply(notice_b, ANNA, "Иван, курьер заберёт телевизор завтра."))
    assert text_of(desk.one("customer")).startswith("Иван, курьер заберёт")
    assert messages_of(desk, first.number) == before + 2


@pytest.mark.parametrize("target", ["CLM-2026-999999", "self"])
def test_merge_of_an_unknown_claim_or_itself_is_refused(make_desk: DeskFactory,
                                                        target: str) -> None:
    """`#merge` naming no claim, or the claim itself, gets the error reply; nothing moves."""
    desk = make_desk()
    desk.send(corpus.with_attachments(sender=CUSTOMER, message_id="a@mail.example.ru"))
    notice = desk.one("specialist1")
    number = desk.claim().number
    desk.inbox("customer")

    desk.send(reply(notice, ANNA, f"#merge {number if target == 'self' else target}"))

    refusal = desk.one("specialist1")
    assert "Команды не выполнены" in refusal["Subject"]
    assert ("саму с собой" if target == "self" else "претензии CLM-2026-999999 нет") in \
        text_of(refusal)
    claim = desk.claim()
    assert (claim.status, claim.merged_into_id) == ("assigned", None)
    assert desk.nothing_for("customer")


def test_cli_merge_of_different_customers_needs_force(make_desk: DeskFactory, tmp_path: Path,
                                                      db_url: str) -> None:
    """`claims merge A B` of two customers' claims is refused with the reason; `--force`
    merges them."""
    desk = make_desk()
    open_two(desk, second_sender=f"Other <{OTHER}>")
    first, second = claims(desk)
    config = cli_config(tmp_path, db_url)

    refused = run_cli(config, "claims", "merge", first.number, second.number)

    assert refused.exit_code == 1
    assert "different customers" in refused.output
    assert claims(desk)[1].merged_into_id is None
    forced = run_cli(config, "claims", "merge", first.number, second.number, "--force")
    assert forced.exit_code == 0, forced.output
    assert claims(desk)[1].merged_into_id == first.id
