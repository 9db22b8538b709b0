"""The customer link outside the page: in mail to the customer, revoked from the command line,
printed by the demo."""

from __future__ import annotations

import re
import tomllib
from dataclasses import replace
from datetime import UTC, datetime
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default as default_policy
from pathlib import Path

from sqlmodel import select
from typer.testing import CliRunner

from mailflow.app import templates_dir
from mailflow.cli.demo import first_customer_link
from mailflow.cli.main import app as cli
from mailflow.domain.model import Address, ClaimStatus
from mailflow.send.render import TemplateRenderer
from mailflow.store.blobs import BlobStore
from mailflow.store.tables import ClaimRow, OutboxRow
from mailflow.web.links import read_token
from mailflow.workflow.mailer import Mailer, MailerConfig
from tests.integration import support
from tests.web import customer_data as data
from tests.web.support import client

ROOT = Path(__file__).resolve().parents[2]


def test_status_note_carries_the_link_only_when_the_web_is_on(tmp_path: Path) -> None:
    """A status note to the customer carries their personal link when `[web] base_url` is set,
    and no link (nor a word of a page) when it is not."""
    with_web = data.app(tmp_path / "on", f"sqlite:///{tmp_path / 'on.sqlite3'}")
    without = support.app(tmp_path / "off", f"sqlite:///{tmp_path / 'off.sqlite3'}",
                          **data.TEAM)
    notes = []
    for mailflow in (with_web, without):
        claim = data.open_claim(mailflow)
        with mailflow.db.transaction() as session:
            row = session.get(ClaimRow, claim.id)
            assert row is not None
            mailflow.workflow.set_status(session, row, ClaimStatus.IN_PROGRESS,
                                         datetime.now(UTC), actor=data.ANNA, why="test")
            notes.append(_text(session.exec(select(OutboxRow.raw).where(
                OutboxRow.kind == "status_update")).one()))
    found = re.search(r"http://127\.0\.0\.1:8080/c/(\S+)", notes[0])
    assert found is not None
    holder = read_token(with_web.secret, found.group(1), 3600)
    assert holder is not None
    assert holder.number == claim.number
    assert "/c/" not in notes[1]
    assert "странице" not in notes[1]


def _text(raw: bytes) -> str:
    message = message_from_bytes(raw, policy=default_policy)
    assert isinstance(message, EmailMessage)
    body = message.get_body(("plain",))
    assert body is not None
    return str(body.get_content())


def test_revoke_links_command_shuts_the_old_links(tmp_path: Path) -> None:
    """`mailflow claims revoke-links NUMBER` says so in the user's language (English, Russian),
    and the link mailed before no longer opens; an unknown number is an error."""
    mailflow = data.app(tmp_path, f"sqlite:///{tmp_path / 'db.sqlite3'}")
    claim = data.open_claim(mailflow)
    config = tmp_path / "mailflow.toml"
    config.write_text(f'[database]\nurl = "sqlite:///{tmp_path / "db.sqlite3"}"\n'
                      f'[company]\nclaims_address = "{support.CLAIMS}"\n'
                      f'[security]\nsecret = "{support.SECRET}"\n'
                      f'[storage]\nattachments_dir = "{tmp_path / "blobs"}"\n', encoding="utf-8")
    runner = CliRunner()
    english = runner.invoke(cli, ["--config", str(config), "claims", "revoke-links",
                                  claim.number.lower()], env={"MAILFLOW_LANG": "en"})
    russian = runner.invoke(cli, ["--config", str(config), "claims", "revoke-links",
                                  claim.number], env={"MAILFLOW_LANG": "ru"})
    unknown = runner.invoke(cli, ["--config", str(config), "claims", "revoke-links",
                                  "CLM-2026-999999"], env={"MAILFLOW_LANG": "en"})
    assert english.exit_code == 0, english.output
    assert "every customer link issued so far" in english.output
    assert "все выданные ссылки клиента отозваны" in russian.output
    assert "(версия 2)" in russian.output
    assert unknown.exit_code == 1
    with client(mailflow) as browser:
        assert browser.get(f"/c/{data.token_of(mailflow, claim)}").status_code == 404


def test_demo_config_turns_the_web_on_and_prints_the_first_claims_link(tmp_path: Path) -> None:
    """The demo's config serves the pages on loopback over plain http, and the link the demo
    prints opens the first claim's page."""
    demo = tomllib.loads((ROOT / "config" / "demo.toml").read_text(encoding="utf-8"))
    assert demo["web"] == {"base_url": "http://127.0.0.1:8080", "secure_cookies": False}
    mailflow = data.app(tmp_path, f"sqlite:///{tmp_path / 'db.sqlite3'}")
    claim = data.open_claim(mailflow)
    found = first_customer_link(mailflow)
    assert found is not None
    assert found[0] == claim.number
    with client(mailflow) as browser:
        page = browser.get(found[1].removeprefix("http://127.0.0.1:8080"))
    assert page.status_code == 200
    assert claim.number in page.text


def test_the_link_goes_only_to_the_claims_customer(tmp_path: Path) -> None:
    """Mail to the claim's customer (in any letter case) gets their link; mail to anyone else
    (another customer's claim merged in, a copy) gets none; with `[web]` off nobody does."""
    claim = ClaimRow(number="CLM-2026-000001", status="new", customer_email="ivan@mail.example",
                     language="ru", created_at=datetime.now(UTC), updated_at=datetime.now(UTC))
    config = MailerConfig(claims=Address("claims@shop.example"), company_name="Shop",
                          secret=b"k" * 32, timezone=UTC, web_base_url="https://claims.example")
    mailer = Mailer(config, TemplateRenderer(templates_dir()), BlobStore(tmp_path))
    off = Mailer(replace(config, web_base_url=""), TemplateRenderer(templates_dir()),
                 BlobStore(tmp_path))
    link = mailer.customer_link(claim, "Ivan@Mail.Example")
    assert link.startswith("https://claims.example/c/")
    holder = read_token(config.secret, link.rpartition("/")[2], 60)
    assert holder is not None
    assert holder.number == claim.number
    assert mailer.customer_link(claim, "someone.else@mail.example") == ""
    assert off.customer_link(claim, "ivan@mail.example") == ""
