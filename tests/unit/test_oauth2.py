"""OAuth2 pieces without a network: the token cache's refresh rule, the XOAUTH2 string,
the config checks naming keys, the token answer mapping and MSAL's token cache file."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from mailflow.auth.microsoft import FileTokenCache
from mailflow.auth.sources import token_from_answer, token_source
from mailflow.auth.tokens import AccessToken, TokenProvider, is_fresh, xoauth2_string
from mailflow.config import OAuth2Settings, load_settings
from mailflow.errors import ConfigError, TokenRefused


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(os.environ):
        if name.startswith("MAILFLOW_") or name == "CREDENTIALS_DIRECTORY":
            monkeypatch.delenv(name)


class CountingSource:
    """A token source handing out token-1, token-2, ... each valid for `lifetime` s."""

    def __init__(self, clock: list[float], lifetime: float = 3600) -> None:
        self.clock, self.lifetime, self.calls = clock, lifetime, 0

    def fetch(self) -> AccessToken:
        self.calls += 1
        return AccessToken(f"token-{self.calls}", self.clock[0] + self.lifetime)


def provider(clock: list[float], refresh_before: float = 300) -> tuple[TokenProvider,
                                                                       CountingSource]:
    source = CountingSource(clock)
    return TokenProvider(source, refresh_before, lambda: clock[0]), source


def test_a_fresh_token_is_reused() -> None:
    """Two requests well inside the token's life get the same token from one fetch."""
    clock = [1000.0]
    tokens, source = provider(clock)
    assert tokens.token() == tokens.token() == "token-1"
    assert source.calls == 1


def test_a_token_is_replaced_refresh_before_seconds_before_it_expires() -> None:
    """At 299 s before expiry (refresh_before 300) the next request fetches a new token;
    at 301 s before it does not."""
    clock = [1000.0]
    tokens, _ = provider(clock)
    tokens.token()
    clock[0] += 3600 - 301
    assert tokens.token() == "token-1"
    clock[0] += 2
    assert tokens.token() == "token-2"


def test_refresh_fetches_a_new_token_whatever_the_cache_holds() -> None:
    """refresh() (after the server refused the token) always asks the source, and the
    new token is what token() hands out next."""
    clock = [1000.0]
    tokens, source = provider(clock)
    tokens.token()
    assert tokens.refresh() == "token-2"
    assert tokens.token() == "token-2"
    assert source.calls == 2


def test_is_fresh_needs_a_token() -> None:
    """No token is never fresh; a token is fresh only strictly before its margin."""
    assert not is_fresh(None, 0, 0)
    assert is_fresh(AccessToken("t", 100), 39.9, 60)
    assert not is_fresh(AccessToken("t", 100), 40, 60)


def test_short_lived_tokens_are_kept_for_half_their_life() -> None:
    """A provider issuing 120 s tokens with refresh_before 300 does not cause a fetch per
    use: the token is reused for its first 60 s, replaced after."""
    clock = [1000.0]
    source = CountingSource(clock, lifetime=120)
    tokens = TokenProvider(source, 300, lambda: clock[0])
    tokens.token()
    clock[0] += 59
    assert tokens.token() == "token-1"
    clock[0] += 2
    assert tokens.token() == "token-2"


def test_xoauth2_string_is_the_documented_format() -> None:
    """user=<u>^Aauth=Bearer <t>^A^A, as Google's and Microsoft's XOAUTH2 pages give it."""
    assert xoauth2_string("a@b.test", "tok") == "user=a@b.test\x01auth=Bearer tok\x01\x01"


def test_an_access_token_never_shows_its_value() -> None:
    """repr() of a token (as in a traceback or a log) hides the bearer value."""
    assert "secret-value" not in repr(AccessToken("secret-value", 1.0))


def test_token_answer_without_access_token_is_refused_naming_the_key() -> None:
    """An OAuth2 error answer becomes TokenRefused with the key, error and first line of
    its description."""
    with pytest.raises(TokenRefused, match=r"^outgoing\.oauth2: .*invalid_grant \(AADSTS1\)$"):
        token_from_answer({"error": "invalid_grant", "error_description": "AADSTS1\nTrace"},
                          "outgoing.oauth2", "Microsoft Entra ID", lambda: 0.0)


def test_token_answer_expiry_follows_expires_in() -> None:
    """expires_in is counted from the clock at the answer."""
    token = token_from_answer({"access_token": "x", "expires_in": 599}, "k", "w", lambda: 1e9)
    assert token.expires_at == 1e9 + 599


def write(folder: Path, text: str) -> Path:
    path = folder / "mailflow.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(("text", "key"), [
    ('[mailbox]\nusername = "a@b.test"\nauth = "oauth2"\n', "mailbox.oauth2"),
    ('[outgoing]\nauth = "oauth2"\n[outgoing.oauth2]\ntoken_url = "https://t/x"\n'
     'client_id = "c"\n', "outgoing.username"),
    ('[mailbox]\nusername = "a@b.test"\nauth = "oauth2"\n[mailbox.oauth2]\n'
     'provider = "microsoft"\nclient_id = "c"\n', "mailbox.oauth2.tenant"),
    ('[mailbox]\nusername = "a@b.test"\nauth = "oauth2"\n[mailbox.oauth2]\n'
     'provider = "google"\n', "mailbox.oauth2.service_account_file"),
    ('[mailbox]\nusername = "a@b.test"\nauth = "oauth2"\n[mailbox.oauth2]\n'
     'token_url = "ftp://t/x"\nclient_id = "c"\n', "mailbox.oauth2.token_url"),
    ('[mailbox.oauth2]\nprovider = "github"\n', "mailbox.oauth2.provider"),
    ('[mailbox.oauth2]\nclient_secrets = "x"\n', "mailbox.oauth2.client_secrets"),
])
def test_oauth2_config_errors_name_the_key(tmp_path: Path, text: str, key: str) -> None:
    """Each incomplete or mistyped OAuth2 section fails naming the exact key."""
    with pytest.raises(ConfigError) as caught:
        load_settings(write(tmp_path, text))
    assert caught.value.key == key


def test_oauth2_paths_resolve_and_scopes_default_per_provider(tmp_path: Path) -> None:
    """Relative files resolve against the config's folder; Microsoft client credentials
    default to the .default scope of Exchange Online, Google to mail.google.com."""
    settings = load_settings(write(tmp_path, (
        '[mailbox]\nusername = "a@b.test"\nauth = "oauth2"\n[mailbox.oauth2]\n'
        'provider = "microsoft"\ntenant = "t"\nclient_id = "c"\n'
        'client_secret_file = "secret"\n[outgoing]\nusername = "a@b.test"\nauth = "oauth2"\n'
        '[outgoing.oauth2]\nprovider = "google"\nservice_account_file = "sa.json"\n')))
    mailbox, outgoing = settings.mailbox.oauth2, settings.outgoing.oauth2
    assert mailbox is not None
    assert outgoing is not None
    assert mailbox.client_secret_file == tmp_path / "secret"
    assert mailbox.effective_scopes() == ("https://outlook.office365.com/.default",)
    assert outgoing.service_account_file == tmp_path / "sa.json"
    assert outgoing.effective_scopes() == ("https://mail.google.com/",)


def test_a_missing_client_secret_names_its_key() -> None:
    """A token endpoint or Microsoft app without a client secret anywhere is a ConfigError
    naming <section>.oauth2.client_secret, raised before any network call."""
    section = OAuth2Settings(provider="token_endpoint", token_url="https://t/x", client_id="c")
    with pytest.raises(ConfigError) as caught:
        token_source(section, "a@b.test", "mailbox.oauth2")
    assert caught.value.key == "mailbox.oauth2.client_secret"


def test_the_client_secret_comes_from_a_systemd_credential(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With no secret in the file or environment, the credential named
    mailbox.oauth2.client_secret is read."""
    (tmp_path / "mailbox.oauth2.client_secret").write_text("from-credential\n")
    monkeypatch.setenv("CREDENTIALS_DIRECTORY", str(tmp_path))
    section = OAuth2Settings(provider="token_endpoint", token_url="https://t/x", client_id="c")
    source = token_source(section, "a@b.test", "mailbox.oauth2")
    assert source._secret == "from-credential"  # type: ignore[attr-defined]


def test_the_msal_token_cache_file_is_private(tmp_path: Path) -> None:
    """The device-code token cache is written with mode 0600, and read back."""
    cache = FileTokenCache(tmp_path / "state" / "cache.json")
    cache.add({"client_id": "c", "scope": ["s"], "token_endpoint": "https://t/token",
               "response": {"access_token": "a", "expires_in": 60, "token_type": "Bearer"}})
    cache.save()
    mode = stat.S_IMODE((tmp_path / "state" / "cache.json").stat().st_mode)
    assert mode == 0o600
    assert FileTokenCache(tmp_path / "state" / "cache.json").serialize() == cache.serialize()
