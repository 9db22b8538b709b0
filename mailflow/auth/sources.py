"""Token sources: a generic client-credentials endpoint, Microsoft (MSAL) and Google
(google-auth). Library and HTTP errors become TokenRefused (fix the config) or
TokenUnavailable (try again later), each naming the config key; secrets never appear."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from mailflow.auth.tokens import AccessToken, TokenSource
from mailflow.config import OAuth2Settings, read_secret
from mailflow.errors import ConfigError, TokenRefused, TokenUnavailable

Clock = Callable[[], float]
DEFAULT_LIFETIME = 3600.0
MICROSOFT_LOGIN = "https://login.microsoftonline.com"


def token_source(section: OAuth2Settings, username: str, key: str,
                 clock: Clock = time.time) -> TokenSource:
    """The source `section` describes; `key` is the section's name (`mailbox.oauth2`)."""
    if section.provider == "token_endpoint":
        return TokenEndpointSource(section, client_secret(section, key), key, clock)
    if section.provider == "google":
        return GoogleSource(section, username, key)
    if section.flow == "device_code":
        from mailflow.auth.microsoft import MicrosoftDeviceCodeSource

        return MicrosoftDeviceCodeSource(section, username, key, clock)
    from mailflow.auth.microsoft import MicrosoftAppSource

    return MicrosoftAppSource(section, client_secret(section, key), key, clock)


def client_secret(section: OAuth2Settings, key: str) -> str:
    """The client secret from the file, environment, or systemd credential; ConfigError
    naming `<key>.client_secret` when it is nowhere."""
    secret = read_secret(section.client_secret, section.client_secret_file,
                         f"{key}.client_secret")
    if not secret:
        raise ConfigError("not set: give it in the environment, in client_secret_file, or as "
                          "the systemd credential of that name", key=f"{key}.client_secret")
    return secret


def token_from_answer(answer: Mapping[str, Any], key: str, where: str,
                      clock: Clock) -> AccessToken:
    """An AccessToken from an OAuth2 token answer (`access_token`, `expires_in`)."""
    if "access_token" not in answer:
        error = answer.get("error", "no access_token in the answer")
        detail = str(answer.get("error_description", "")).splitlines()[:1]
        raise TokenRefused(f"{key}: {where} refused to issue a token: {error}"
                           + (f" ({detail[0]})" if detail else ""))
    lifetime = float(answer.get("expires_in") or DEFAULT_LIFETIME)
    return AccessToken(str(answer["access_token"]), clock() + lifetime)


class TokenEndpointSource:
    """An OAuth2 client-credentials grant (RFC 6749, 4.4) at `token_url`."""

    def __init__(self, section: OAuth2Settings, secret: str, key: str, clock: Clock) -> None:
        self._section, self._secret, self._key, self._clock = section, secret, key, clock

    def fetch(self) -> AccessToken:
        form = {"grant_type": "client_credentials", "client_id": self._section.client_id,
                "client_secret": self._secret}
        if self._section.effective_scopes():
            form["scope"] = " ".join(self._section.effective_scopes())
        request = urllib.request.Request(  # noqa: S310 (the config allows http(s) URLs only)
            self._section.token_url, data=urllib.parse.urlencode(form).encode(),
            headers={"Accept": "application/json"}, method="POST")
        return token_from_answer(self._post(request), self._key,
                                 f"token endpoint {self._section.token_url}", self._clock)

    def _post(self, request: urllib.request.Request) -> dict[str, Any]:
        where = f"token endpoint {self._section.token_url}"
        try:
            with urllib.request.urlopen(  # noqa: S310 (http(s) only, see the config check)
                    request, timeout=self._section.timeout) as response:
                return _json_object(response.read(), self._key, where)
        except urllib.error.HTTPError as error:
            if error.code >= 500 or error.code == 429:
                raise TokenUnavailable(f"{self._key}: {where} answered {error.code}") from None
            return _refusal(error)
        except (urllib.error.URLError, OSError) as error:
            reason = getattr(error, "reason", error)
            raise TokenUnavailable(f"{self._key}: cannot reach {where}: {reason}") from None


def _refusal(error: urllib.error.HTTPError) -> dict[str, Any]:
    """The OAuth2 error object of a 4xx answer, or the bare status when it sent none."""
    try:
        body = json.loads(error.read())
    except ValueError:
        body = None
    if isinstance(body, dict) and "error" in body:
        return body
    return {"error": f"HTTP {error.code} {error.reason}"}


def _json_object(body: bytes, key: str, where: str) -> dict[str, Any]:
    try:
        value = json.loads(body)
    except ValueError:
        value = None
    if not isinstance(value, dict):
        raise TokenUnavailable(f"{key}: {where} did not answer with a JSON object")
    return value


class GoogleSource:
    """Google: a service account acting as the mailbox user (domain-wide delegation), or a
    user's authorized-user file with a refresh token."""

    def __init__(self, section: OAuth2Settings, username: str, key: str) -> None:
        self._section, self._username, self._key = section, username, key

    def fetch(self) -> AccessToken:
        import google.auth.exceptions
        from google.auth.transport.requests import Request

        credentials = self._credentials()
        try:
            credentials.refresh(Request())
        except google.auth.exceptions.RefreshError as error:
            kind = TokenUnavailable if error.retryable else TokenRefused
            raise kind(f"{self._key}: Google refused to issue a token: "
                       f"{_google_reason(error)}") from None
        except google.auth.exceptions.TransportError as error:
            raise TokenUnavailable(f"{self._key}: cannot reach Google's token endpoint: "
                                   f"{_first_line(error)}") from None
        return AccessToken(str(credentials.token), _epoch(credentials.expiry))

    def _credentials(self) -> Any:
        from google.oauth2 import credentials, service_account

        section, scopes = self._section, list(self._section.effective_scopes())
        path, key = _google_file(section, self._key)
        try:
            if section.service_account_file is not None:
                return service_account.Credentials.from_service_account_file(  # type: ignore[no-untyped-call]
                    str(path), scopes=scopes, subject=section.subject or self._username)
            return credentials.Credentials.from_authorized_user_file(  # type: ignore[no-untyped-call]
                str(path), scopes)
        except OSError as error:
            raise ConfigError(f"cannot read {path}: {error.strerror}", key=key) from None
        except ValueError as error:
            raise ConfigError(f"not a usable Google credentials file ({path}): "
                              f"{_first_line(error)}", key=key) from None


def _google_file(section: OAuth2Settings, key: str) -> tuple[Path, str]:
    if section.service_account_file is not None:
        return section.service_account_file, f"{key}.service_account_file"
    assert section.authorized_user_file is not None  # the config check saw to it
    return section.authorized_user_file, f"{key}.authorized_user_file"


def _epoch(expiry: datetime | None) -> float:
    """google-auth's naive UTC expiry as seconds since the epoch (an hour when it gave none)."""
    if expiry is None:
        return time.time() + DEFAULT_LIFETIME
    return expiry.replace(tzinfo=UTC).timestamp()


def _google_reason(error: BaseException) -> str:
    """google-auth's RefreshError carries (message, answer): the message alone."""
    message = str(error.args[0]) if error.args else ""
    return (message.splitlines() or [type(error).__name__])[0]


def _first_line(error: BaseException) -> str:
    return (str(error).splitlines() or [type(error).__name__])[0]
