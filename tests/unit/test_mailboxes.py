"""Several mailboxes: claim-number prefixes, their counters, and the `[[mailboxes]]` config."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from mailflow import health
from mailflow.config import Settings, load_settings, plaintext_warnings
from mailflow.config.mailboxes import claims_addresses, mailbox_settings
from mailflow.domain.claims import (
    counter_key,
    format_claim_number,
    prefix_of,
    subject_claim_numbers,
    subject_with_token,
)
from mailflow.domain.commands import parse_commands
from mailflow.domain.digest_reply import read_digest_orders
from mailflow.domain.references import (
    claim_number_from_message_id,
    make_message_id,
    personal_subaddress_in,
    reply_address,
)
from mailflow.errors import ConfigError
from mailflow.send.render import TemplateRenderer

SECRET = b"unit-secret"
WARRANTY = {"name": "warranty", "claims_address": "warranty@example.test",
            "number_prefix": "WRN", "mailbox": {"kind": "maildir", "path": "/srv/warranty"}}


def settings(*mailboxes: dict[str, Any], **sections: Any) -> Settings:
    return Settings.model_validate({"company": {"claims_address": "claims@example.test"},
                                    "mailboxes": list(mailboxes), **sections})


def config_error(tmp_path: Path, toml: str) -> ConfigError:
    path = tmp_path / "mailflow.toml"
    path.write_text(toml, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    return caught.value


WARRANTY_TOML = """
[company]
claims_address = "claims@example.test"

[[mailboxes]]
name = "warranty"
claims_address = "warranty@example.test"
number_prefix = "WRN"
[mailboxes.mailbox]
kind = "maildir"
path = "warranty"
"""


# -- numbers ---------------------------------------------------------------------------------

def test_a_number_carries_its_mailbox_prefix() -> None:
    """A number is formatted with the given prefix, CLM when none is given."""
    assert format_claim_number(2026, 7) == "CLM-2026-000007"
    assert format_claim_number(2026, 7, "WRN") == "WRN-2026-000007"


def test_the_prefix_is_read_back_from_a_number() -> None:
    """prefix_of returns the prefix of a well-formed number and None for anything else."""
    assert prefix_of("WRN-2026-000001") == "WRN"
    assert prefix_of("CLM-2026-1234567") == "CLM"
    assert prefix_of("wrn-2026-000001") is None
    assert prefix_of("TOOLONG-2026-000001") is None


def test_clm_counters_keep_the_year_as_their_key() -> None:
    """The CLM counter of a year is keyed by the year, as before prefixes existed."""
    assert counter_key("CLM", 2026) == 2026


def test_every_prefix_and_year_has_its_own_counter_key() -> None:
    """Keys of different prefixes and years never collide and fit a 32-bit integer column."""
    prefixes = ["CLM", "WRN", "AA", "ZZZZ", "AAAA", "ZZ", "AB", "BA", "WRNA"]
    keys = {(p, year): counter_key(p, year) for p in prefixes for year in (1900, 2026, 2899)}
    assert len(set(keys.values())) == len(keys)
    assert all(-(2**31) <= key < 2**31 for key in keys.values())
    assert all(key < 0 for (prefix, _), key in keys.items() if prefix != "CLM")


def test_a_counter_key_refuses_a_bad_prefix_or_year() -> None:
    """A prefix that is not two to four capitals, or a year beyond the keyed range, raises."""
    with pytest.raises(ValueError, match="prefix"):
        counter_key("W1", 2026)
    with pytest.raises(ValueError, match="year"):
        counter_key("WRN", 2900)


def test_subject_tokens_of_any_prefix_are_recognised() -> None:
    """A subject token with another mailbox's prefix names that claim, and is added once."""
    subject = "Re: [WRN-2026-000003] broken kettle [CLM-2026-000001]"
    assert subject_claim_numbers(subject) == ("WRN-2026-000003", "CLM-2026-000001")
    assert subject_with_token(subject, "WRN-2026-000003") == subject


def test_keyed_references_carry_any_prefix() -> None:
    """Message-IDs and Reply-To sub-addresses of a WRN claim lead back to that claim."""
    message_id = make_message_id("WRN-2026-000003", SECRET, "u1", "example.test")
    assert claim_number_from_message_id(message_id, SECRET) == "WRN-2026-000003"
    address = reply_address("warranty@example.test", "WRN-2026-000003", SECRET,
                            "anna@example.test", datetime(2026, 3, 2, tzinfo=UTC))
    assert personal_subaddress_in((address,), SECRET, "anna@example.test") == (
        "WRN-2026-000003")


def test_merge_and_digest_commands_take_any_prefix() -> None:
    """`#merge WRN-…` and a digest line `#note WRN-…` name the warranty claim."""
    [merge] = parse_commands("#merge wrn-2026-000004", frozenset()).commands
    assert merge.argument == "WRN-2026-000004"
    [order], _bad = read_digest_orders("#note WRN-2026-000004 called the customer")
    assert order.number == "WRN-2026-000004"


# -- config ----------------------------------------------------------------------------------

def test_a_config_without_mailboxes_is_one_clm_mailbox() -> None:
    """No [[mailboxes]]: one mailbox, numbered CLM, with the default templates."""
    plain = settings()
    assert plain.mailboxes == ()
    assert plain.company.number_prefix == "CLM"
    assert plain.company.templates is None


def test_a_mailbox_sees_its_own_address_prefix_connection_and_team() -> None:
    """mailbox_settings puts the entry's parts in place of the default ones, the rest shared."""
    team = [{"name": "Anna", "email": "anna@example.test"}]
    whole = settings({**WARRANTY, "company_name": "Brand", "specialists": team},
                     specialists=[{"name": "Ivan", "email": "ivan@example.test"}],
                     managers=[{"name": "Olga", "email": "olga@example.test"}])
    view = mailbox_settings(whole, whole.mailboxes[0])
    assert (view.company.claims_address, view.company.name, view.company.number_prefix) == (
        "warranty@example.test", "Brand", "WRN")
    assert view.mailbox.path == Path("/srv/warranty")
    assert [p.email for p in view.specialists] == ["anna@example.test"]
    assert [p.email for p in view.managers] == ["olga@example.test"]  # not given: shared
    assert view.database == whole.database
    assert view.mailboxes == ()
    assert claims_addresses(whole) == {"claims@example.test", "warranty@example.test"}


def test_relative_mailbox_paths_resolve_against_the_config_folder(tmp_path: Path) -> None:
    """A mailbox's Maildir and templates folder are resolved like every other path."""
    path = tmp_path / "mailflow.toml"
    path.write_text(WARRANTY_TOML.replace('number_prefix = "WRN"',
                                          'number_prefix = "WRN"\ntemplates = "wrn"'),
                    encoding="utf-8")
    entry = load_settings(path).mailboxes[0]
    assert entry.mailbox.path == tmp_path / "warranty"
    assert entry.templates == tmp_path / "wrn"


@pytest.mark.parametrize(("change", "key"), [
    ('claims_address = "warranty@example.test"', "mailboxes[1].claims_address"),
    ('number_prefix = "WRN"', "mailboxes[1].number_prefix"),
    ('name = "warranty"', "mailboxes[1].name"),
])
def test_a_value_two_mailboxes_share_names_the_key(tmp_path: Path, change: str,
                                                    key: str) -> None:
    """A second mailbox repeating the first one's name, address or prefix names its key."""
    field = change.split(" = ")[0]
    second = {"name": 'name = "brand"', "claims_address":
              'claims_address = "brand@example.test"', "number_prefix": 'number_prefix = "BRD"'}
    second[field] = change
    toml = WARRANTY_TOML + "\n[[mailboxes]]\n" + "\n".join(second.values()) + (
        '\n[mailboxes.mailbox]\nkind = "maildir"\npath = "brand"\n')
    error = config_error(tmp_path, toml)
    assert error.key == key
    assert "already used by another mailbox" in str(error)


@pytest.mark.parametrize(("change", "key"), [
    ('claims_address = "claims@example.test"', "mailboxes[0].claims_address"),
    ('number_prefix = "CLM"', "mailboxes[0].number_prefix"),
    ('name = "default"', "mailboxes[0].name"),
])
def test_a_mailbox_repeating_the_default_one_names_the_key(tmp_path: Path, change: str,
                                                           key: str) -> None:
    """The default mailbox ([company], CLM, named "default") counts as taken."""
    field = change.split(" = ")[0]
    lines = [change if line.startswith(f"{field} =") and "[company]" not in line else line
             for line in WARRANTY_TOML.split("[[mailboxes]]")[1].splitlines()]
    toml = WARRANTY_TOML.split("[[mailboxes]]")[0] + "[[mailboxes]]" + "\n".join(lines)
    assert config_error(tmp_path, toml).key == key


def test_a_person_may_not_have_a_mailbox_address(tmp_path: Path) -> None:
    """A specialist whose address is a mailbox's would answer our own mail: refused."""
    toml = WARRANTY_TOML + ('\n[[specialists]]\nname = "Anna"\n'
                            'email = "warranty@example.test"\n')
    assert config_error(tmp_path, toml).key == "specialists/managers"


def test_a_mailbox_team_is_checked_like_the_top_level_one(tmp_path: Path) -> None:
    """A mailbox's specialist with an unknown category names that key."""
    toml = WARRANTY_TOML + ('\n[[mailboxes.specialists]]\nname = "Anna"\n'
                            'email = "anna@example.test"\ncategories = ["nonsense"]\n')
    assert config_error(tmp_path, toml).key == "mailboxes[0].specialists[0].categories"


@pytest.mark.parametrize(("line", "key"), [
    ('number_prefix = "wrn"', "mailboxes.0.number_prefix"),
    ('number_prefix = "W"', "mailboxes.0.number_prefix"),
    ('colour = "red"', "mailboxes.0.colour"),
])
def test_a_malformed_mailbox_entry_names_the_key(tmp_path: Path, line: str, key: str) -> None:
    """A prefix that is not two to four capitals, or an unknown key, is refused by name."""
    toml = WARRANTY_TOML.replace('number_prefix = "WRN"', line if "prefix" in line
                                 else f'number_prefix = "WRN"\n{line}')
    assert config_error(tmp_path, toml).key == key


def test_a_mailbox_needs_its_connection(tmp_path: Path) -> None:
    """An entry without [mailboxes.mailbox] is refused: it would read the default Maildir."""
    toml = WARRANTY_TOML.split("[mailboxes.mailbox]")[0]
    assert config_error(tmp_path, toml).key == "mailboxes.0.mailbox"


# -- templates -------------------------------------------------------------------------------

def test_a_mailbox_template_replaces_the_default_one_file_by_file(tmp_path: Path) -> None:
    """A template in the mailbox's folder wins; one it lacks comes from the default folder."""
    default, own = tmp_path / "default", tmp_path / "own"
    default.mkdir()
    own.mkdir()
    for folder, word in ((default, "default"), (own, "own")):
        (folder / "hello.en.subject.j2").write_text(f"{word} subject")
    (default / "hello.en.txt.j2").write_text("default text")
    (default / "hello.en.html.j2").write_text("<p>default</p>")
    rendered = TemplateRenderer(default, own).render("hello", "en")
    assert (rendered.subject, rendered.text) == ("own subject", "default text")


def test_a_plaintext_connection_of_another_mailbox_is_warned_about() -> None:
    """An unencrypted IMAP login to a remote host is warned about for [[mailboxes]] too."""
    remote = {**WARRANTY, "mailbox": {"kind": "imap", "host": "mail.example.com",
                                      "security": "none"}}
    [warning] = plaintext_warnings(settings(remote))
    assert warning.startswith("mailboxes[0].mailbox.security")


def test_intake_stalls_when_any_mailbox_stops_being_read() -> None:
    """`mailflow status` is unhealthy when one of several mailboxes was not read lately."""
    now = datetime(2026, 3, 2, tzinfo=UTC)
    state = health.Snapshot(outbox_backlog=0, outbox_oldest_age=None, quarantine_size=0,
                            polls=(health.Poll("maildir://a", now, 10.0),
                                   health.Poll("maildir://b", now, 900.0)), deadline_lag=0.0)
    assert health.problems(state, ("maildir://a",), 300, 1800) == []
    assert health.problems(state, ("maildir://a", "maildir://b"), 300, 1800) == ["stalled"]
    assert health.problems(state, ("maildir://a", "maildir://c"), 300, 1800) == ["stalled"]
