"""Microsoft Entra ID (Microsoft 365) tokens with MSAL: the app's own identity (client
credentials, with an Exchange application access policy), or a user's delegated login by
device code whose refresh token is kept in a file of mode 0600."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import msal
import requests

from mailflow.auth.sources import MICROSOFT_LOGIN, Clock, token_from_answer
from mailflow.auth.tokens import AccessToken
from mailflow.config import OAuth2Settings
from mailflow.errors import ConfigError, TokenRefused, TokenUnavailable


def _authority(section: OAuth2Settings) -> str:
    return f"{MICROSOFT_LOGIN}/{section.tenant}"


def _unreachable(key: str, error: Exception) -> TokenUnavailable:
    return TokenUnavailable(f"{key}: cannot reach Microsoft Entra ID: {type(error).__name__}")


class MicrosoftAppSource:
    """Client credentials: the registered app logs in as itself (no user present)."""

    def __init__(self, section: OAuth2Settings, secret: str, key: str, clock: Clock) -> None:
        self._section, self._secret, self._key, self._clock = section, secret, key, clock

    def fetch(self) -> AccessToken:
        try:
            # A new application each time: MSAL would otherwise hand back its cached token,
            # and fetch() is called when the cached one was refused or is about to expire.
            app = msal.ConfidentialClientApplication(
                self._section.client_id, client_credential=self._secret,
                authority=_authority(self._section), timeout=self._section.timeout)
            answer = app.acquire_token_for_client(list(self._section.effective_scopes()))
        except requests.RequestException as error:
            raise _unreachable(self._key, error) from None
        except ValueError as error:  # MSAL's answer to an unknown tenant
            raise TokenRefused(f"{self._key}.tenant: {error}") from None
        return token_from_answer(answer, self._key, "Microsoft Entra ID", self._clock)


class FileTokenCache(msal.SerializableTokenCache):  # type: ignore[misc]
    """MSAL's token cache kept in one file, readable by mailflow's user alone."""

    has_state_changed: bool

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        if path.exists():
            self.deserialize(path.read_text(encoding="utf-8"))

    def save(self) -> None:
        if not self.has_state_changed:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_name(self.path.name + ".tmp")
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(self.serialize())
        os.chmod(partial, 0o600)
        os.replace(partial, self.path)
        self.has_state_changed = False


class MicrosoftDeviceCodeSource:
    """Delegated access: tokens refreshed from the refresh token `mailflow auth login`
    stored in `token_cache_file`."""

    def __init__(self, section: OAuth2Settings, username: str, key: str, clock: Clock) -> None:
        self._section, self._username, self._key, self._clock = section, username, key, clock

    def fetch(self) -> AccessToken:
        cache = _open_cache(self._section, self._key)
        try:
            app = public_app(self._section, cache)
            accounts = app.get_accounts(username=self._username)
            answer = app.acquire_token_silent_with_error(
                list(self._section.effective_scopes()), account=accounts[0],
                force_refresh=True) if accounts else None
        except requests.RequestException as error:
            raise _unreachable(self._key, error) from None
        cache.save()
        login = f"run `mailflow auth login {self._key.split('.')[0]}`"
        if answer is None:
            raise TokenRefused(f"{self._key}: no stored login for {self._username}; {login}")
        try:
            return token_from_answer(answer, self._key, "Microsoft Entra ID", self._clock)
        except TokenRefused as refused:  # the refresh token expired or was revoked
            raise TokenRefused(f"{refused}; {login} again") from None


def public_app(section: OAuth2Settings, cache: FileTokenCache) -> msal.PublicClientApplication:
    return msal.PublicClientApplication(section.client_id, authority=_authority(section),
                                        token_cache=cache, timeout=section.timeout)


def _open_cache(section: OAuth2Settings, key: str) -> FileTokenCache:
    try:
        return FileTokenCache(section.token_cache_file)
    except (OSError, ValueError) as error:
        raise ConfigError(f"cannot read the token cache {section.token_cache_file}: {error}",
                          key=f"{key}.token_cache_file") from None


def device_code_login(section: OAuth2Settings, username: str, key: str,
                      show: Callable[[dict[str, Any]], None]) -> str:
    """Run the device-code login: `show` the provider's instructions, wait for the person
    to sign in, store the refresh token. Returns the account that signed in."""
    cache = _open_cache(section, key)
    try:
        app = public_app(section, cache)
        flow = app.initiate_device_flow(scopes=list(section.effective_scopes()))
        if "user_code" not in flow:
            raise TokenRefused(f"{key}: Microsoft refused to start a device-code login: "
                               f"{flow.get('error')} ({flow.get('error_description', '')})")
        show(flow)
        answer = app.acquire_token_by_device_flow(flow)
    except requests.RequestException as error:
        raise _unreachable(key, error) from None
    token_from_answer(answer, key, "Microsoft Entra ID", lambda: 0.0)
    cache.save()
    return str(answer.get("id_token_claims", {}).get("preferred_username", username))
