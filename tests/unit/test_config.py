"""Settings: TOML file, environment overrides, path resolution and error messages."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pydantic import SecretStr

from mailflow.config import Settings, load_settings, plaintext_warnings, read_secret
from mailflow.errors import ConfigError

PASSWORD = "hunter2-do-not-leak"


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(os.environ):
        if name.startswith("MAILFLOW_"):
            monkeypatch.delenv(name)


def write_config(folder: Path, text: str) -> Path:
    path = folder / "mailflow.toml"
    path.write_text(text, encoding="utf-8")
    return path


def config_error(path: Path) -> ConfigError:
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    return caught.value


def test_defaults_load_without_a_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """With no file and no environment, every default applies and paths sit under the cwd."""
    monkeypatch.chdir(tmp_path)
    settings = load_settings()
    assert settings.mailbox.kind == "maildir"
    assert settings.company.timezone == "UTC"
    assert settings.mailbox.path == tmp_path / "data" / "inbox"


def test_toml_syntax_error_names_the_file(tmp_path: Path) -> None:
    """A file that is not valid TOML is a ConfigError naming that file."""
    path = write_config(tmp_path, "[mailbox\nhost = 1\n")
    error = config_error(path)
    assert error.path == str(path)
    assert str(path) in str(error)
    assert "TOML" in str(error)


def test_missing_file_names_the_file(tmp_path: Path) -> None:
    """A config path that does not exist is a ConfigError naming it."""
    path = tmp_path / "absent.toml"
    assert str(path) in str(config_error(path))


@pytest.mark.parametrize(("text", "key"), [
    ("colour = 1\n", "colour"),
    ("[mailbox]\nprot = 1\n", "mailbox.prot"),
])
def test_unknown_key_is_an_error_naming_key_and_file(tmp_path: Path, text: str, key: str) -> None:
    """A misspelt key, top-level or inside a section, is rejected with its dotted name."""
    path = write_config(tmp_path, text)
    error = config_error(path)
    assert (error.key, error.path) == (key, str(path))
    assert "unknown key" in str(error)
    assert key in str(error)


def test_wrong_type_names_the_key(tmp_path: Path) -> None:
    """A value of the wrong type is rejected naming the key it was given for."""
    error = config_error(write_config(tmp_path, '[outgoing]\nmax_attempts = "many"\n'))
    assert error.key == "outgoing.max_attempts"


def test_environment_overrides_the_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """MAILFLOW_MAILBOX__PASSWORD wins over the password in the file; other keys stay."""
    path = write_config(tmp_path, '[mailbox]\nhost = "imap.example"\npassword = "from-file"\n')
    monkeypatch.setenv("MAILFLOW_MAILBOX__PASSWORD", "from-env")
    settings = load_settings(path)
    assert settings.mailbox.password.get_secret_value() == "from-env"
    assert settings.mailbox.host == "imap.example"


def test_bad_environment_value_names_the_key(monkeypatch: pytest.MonkeyPatch,
                                             tmp_path: Path) -> None:
    """A non-numeric MAILFLOW_MAILBOX__PORT is a ConfigError naming mailbox.port."""
    monkeypatch.setenv("MAILFLOW_MAILBOX__PORT", "abc")
    error = config_error(write_config(tmp_path, ""))
    assert error.key == "mailbox.port"
    assert "mailbox.port" in str(error)


def test_config_path_may_come_from_the_environment(monkeypatch: pytest.MonkeyPatch,
                                                   tmp_path: Path) -> None:
    """MAILFLOW_CONFIG names the file load_settings reads when no path is given."""
    path = write_config(tmp_path, '[company]\nname = "Env Co"\n')
    monkeypatch.setenv("MAILFLOW_CONFIG", str(path))
    assert load_settings().company.name == "Env Co"


def test_relative_paths_resolve_against_the_config_folder(monkeypatch: pytest.MonkeyPatch,
                                                          tmp_path: Path) -> None:
    """Maildir path, attachments dir, SQLite file and secret file are relative to the file."""
    folder = tmp_path / "etc"
    folder.mkdir()
    monkeypatch.chdir(tmp_path)
    path = write_config(folder, (
        '[database]\nurl = "sqlite:///db/m.sqlite3"\n'
        '[mailbox]\npath = "in"\n'
        '[storage]\nattachments_dir = "blobs"\n'
        '[security]\nsecret_file = "keys/secret"\n'))
    settings = load_settings(path)
    base = folder.resolve()
    assert settings.database.url == f"sqlite:///{base / 'db' / 'm.sqlite3'}"
    assert settings.mailbox.path == base / "in"
    assert settings.storage.attachments_dir == base / "blobs"
    assert settings.security.secret_file == base / "keys" / "secret"


def test_absolute_and_non_file_urls_are_kept(tmp_path: Path) -> None:
    """An absolute SQLite path and a PostgreSQL URL are left exactly as written."""
    pg = "postgresql+psycopg://u@db.example/mailflow"
    for url in (f"sqlite:///{tmp_path / 'x.sqlite3'}", pg):
        path = write_config(tmp_path, f'[database]\nurl = "{url}"\n')
        assert load_settings(path).database.url == url


def remote(host: str, security: str = "none") -> Settings:
    return Settings.model_validate({
        "mailbox": {"kind": "imap", "host": host, "security": security},
        "outgoing": {"kind": "smtp", "host": host, "security": security}})


def test_plaintext_to_a_remote_host_warns_for_both_connections() -> None:
    """security = "none" towards a non-loopback host warns once per connection."""
    warnings = plaintext_warnings(remote("mail.example.com"))
    assert len(warnings) == 2
    assert warnings[0].startswith("mailbox.security")
    assert warnings[1].startswith("outgoing.security")


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "::1", "127.0.0.2"])
def test_plaintext_to_loopback_does_not_warn(host: str) -> None:
    """Unencrypted connections on loopback are fine and give no warning."""
    assert plaintext_warnings(remote(host)) == []


def test_encrypted_remote_connections_do_not_warn() -> None:
    """TLS towards a remote host gives no warning."""
    assert plaintext_warnings(remote("mail.example.com", "tls")) == []


def test_read_secret_prefers_the_value_then_the_file(tmp_path: Path) -> None:
    """A set value wins; otherwise the stripped contents of the password file are used."""
    secret = tmp_path / "password"
    secret.write_text("from-file\n", encoding="utf-8")
    assert read_secret(SecretStr("inline"), secret, "mailbox.password_file") == "inline"
    assert read_secret(SecretStr(""), secret, "mailbox.password_file") == "from-file"
    assert read_secret(SecretStr(""), None, "mailbox.password_file") == ""


def test_unreadable_secret_file_names_the_key(tmp_path: Path) -> None:
    """A password file that cannot be read is a ConfigError naming the key."""
    with pytest.raises(ConfigError) as caught:
        read_secret(SecretStr(""), tmp_path / "missing", "outgoing.password_file")
    assert caught.value.key == "outgoing.password_file"
    assert "outgoing.password_file" in str(caught.value)


def test_unknown_timezone_is_an_error(tmp_path: Path) -> None:
    """A time zone that is not an IANA name is rejected naming company.timezone."""
    error = config_error(write_config(tmp_path, '[company]\ntimezone = "Mars/Olympus"\n'))
    assert error.key == "company.timezone"
    assert "Mars/Olympus" in str(error)


def test_password_never_appears_in_repr_or_json(monkeypatch: pytest.MonkeyPatch,
                                                tmp_path: Path) -> None:
    """Passwords are SecretStr: neither repr() nor the JSON dump shows them."""
    monkeypatch.setenv("MAILFLOW_OUTGOING__PASSWORD", PASSWORD)
    path = write_config(tmp_path, f'[mailbox]\npassword = "{PASSWORD}"\n')
    settings = load_settings(path)
    assert settings.mailbox.password.get_secret_value() == PASSWORD
    assert settings.outgoing.password.get_secret_value() == PASSWORD
    assert PASSWORD not in repr(settings)
    assert PASSWORD not in settings.model_dump_json()


def test_the_documented_example_config_loads() -> None:
    """config/mailflow.example.toml is valid as shipped, so its documentation cannot rot."""
    example = Path(__file__).resolve().parents[2] / "config" / "mailflow.example.toml"
    settings = load_settings(example)
    assert settings.deadlines.first_response_days == 3
    assert settings.deadlines.hard_limit_days == 5
    assert settings.mailbox.path == example.parent / "data" / "inbox"


def test_storage_limits_reach_the_pipeline(tmp_path: Path) -> None:
    """The [storage] limits configured are the ones the pipeline enforces."""
    from tests.integration import support

    app = support.app(tmp_path, f"sqlite:///{tmp_path / 'db.sqlite3'}",
                      storage={"max_attachments": 3, "max_mime_depth": 4})
    assert app.pipeline.config.limits.max_attachments == 3
    assert app.pipeline.config.limits.max_depth == 4


def test_unknown_holiday_country_names_the_key(tmp_path: Path) -> None:
    """A country without a holiday calendar is refused at load, naming calendar.country."""
    config = tmp_path / "mailflow.toml"
    config.write_text('[calendar]\ncountry = "XX"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_settings(config)
    assert error.value.key == "calendar.country"
    assert str(config) in str(error.value)


def test_cross_field_checks_name_their_own_key(tmp_path: Path) -> None:
    """A check spanning fields reports the exact key it is about, not just the section."""
    config = tmp_path / "mailflow.toml"
    config.write_text('[calendar]\nday_start = "18:00"\nday_end = "09:00"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_settings(config)
    assert error.value.key == "calendar.day_end"
    assert "must be later than calendar.day_start" in str(error.value)


def test_required_authentication_needs_the_authserv_id(tmp_path: Path) -> None:
    """require_authentication_results without authserv_id is an error naming key and file."""
    path = write_config(tmp_path, "[workflow]\nrequire_authentication_results = true\n")
    error = config_error(path)
    assert (error.key, error.path) == ("workflow.authserv_id", str(path))
    assert "require_authentication_results" in str(error)


def test_required_authentication_with_authserv_id_loads(tmp_path: Path) -> None:
    """With the authserv-id given, the check loads, and references expire after 90 days."""
    path = write_config(tmp_path, '[workflow]\nrequire_authentication_results = true\n'
                                  'authserv_id = "mx.company.example"\n')
    workflow = load_settings(path).workflow
    assert workflow.authserv_id == "mx.company.example"
    assert workflow.reference_max_age_days == 90


@pytest.mark.parametrize(("text", "key"), [
    ("[database]\npool_size = 0\n", "database.pool_size"),
    ("[database]\nmax_overflow = -1\n", "database.max_overflow"),
    ('[database]\npool_timeout = "long"\n', "database.pool_timeout"),
    ("[mailbox]\nlease_seconds = 10\nlease_renew_seconds = 6\n", "mailbox.lease_renew_seconds"),
])
def test_bad_pool_and_lease_values_name_key_and_file(tmp_path: Path, text: str,
                                                     key: str) -> None:
    """A pool size, overflow or timeout out of range, or a lease renewed later than half
    its length, is rejected naming the key and the file."""
    path = write_config(tmp_path, text)
    error = config_error(path)
    assert (error.key, error.path) == (key, str(path))


@pytest.mark.parametrize(("text", "key"), [
    ("[mailbox]\nbatch_size = 0\n", "mailbox.batch_size"),
    ("[mailbox]\nbatch_wait_ms = -1\n", "mailbox.batch_wait_ms"),
    ('[mailbox]\nbatch_wait_ms = "soon"\n', "mailbox.batch_wait_ms"),
])
def test_bad_batch_values_name_key_and_file(tmp_path: Path, text: str, key: str) -> None:
    """A group-commit batch size below one, or a negative or non-numeric wait, is rejected
    naming the key and the file."""
    path = write_config(tmp_path, text)
    error = config_error(path)
    assert (error.key, error.path) == (key, str(path))


@pytest.mark.parametrize(("text", "key"), [
    ("[mailbox]\nparse_workers = 0\n", "mailbox.parse_workers"),
    ('[mailbox]\nparse_workers = "many"\n', "mailbox.parse_workers"),
    ("[mailbox]\nparse_timeout = 0\n", "mailbox.parse_timeout"),
])
def test_bad_parse_pool_values_name_key_and_file(tmp_path: Path, text: str, key: str) -> None:
    """A parse pool of no worker, or a parse timeout of zero, is rejected naming the key
    and the file."""
    path = write_config(tmp_path, text)
    error = config_error(path)
    assert (error.key, error.path) == (key, str(path))


def test_messages_are_parsed_in_process_unless_asked(tmp_path: Path) -> None:
    """Without the key, messages are parsed in the daemon's own process (one worker)."""
    assert load_settings(write_config(tmp_path, "")).mailbox.parse_workers == 1


def test_batch_settings_default_to_fifty_messages_or_200_ms(tmp_path: Path) -> None:
    """Without the keys, a batch holds up to 50 messages and closes after 200 ms."""
    mailbox = load_settings(write_config(tmp_path, "")).mailbox
    assert (mailbox.batch_size, mailbox.batch_wait_ms) == (50, 200)


@pytest.mark.parametrize("value", ["0", "17", '"two"'])
def test_parallel_drains_out_of_range_names_key_and_file(tmp_path: Path, value: str) -> None:
    """outgoing.parallel_drains below 1, above 16 or not a number is an error naming the
    key and the file."""
    path = write_config(tmp_path, f"[outgoing]\nparallel_drains = {value}\n")
    error = config_error(path)
    assert (error.key, error.path) == ("outgoing.parallel_drains", str(path))


def test_parallel_drains_default_and_setting(tmp_path: Path) -> None:
    """Two drains by default; the key sets the number."""
    assert load_settings(write_config(tmp_path, "")).outgoing.parallel_drains == 2
    path = write_config(tmp_path, "[outgoing]\nparallel_drains = 4\n")
    assert load_settings(path).outgoing.parallel_drains == 4
