"""A local OAuth2 authorization server, a dovecot that accepts its tokens over XOAUTH2, and
an aiosmtpd server that does the same, for the OAuth2 tests.

The token server issues short-lived opaque tokens by the client-credentials grant and
answers RFC 7662 introspection (what dovecot's `oauth2` passdb asks). Each client may act
for one mailbox, as an Exchange application access policy would allow. Tests can make it
forget every token it issued (as if they expired or were revoked) or refuse every token.
"""

from __future__ import annotations

import base64
import json
import secrets
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import jwt
from aiosmtpd.smtp import AuthResult
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from tests.servers import HOST, Dovecot, SinkHandler, SmtpSink, _Controller

CLIENT_ID, CLIENT_SECRET = "mailflow-app", "app-secret"
JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer"
GOOGLE_SCOPE = "https://mail.google.com/"
GOOGLE_AUDIENCE = "https://oauth2.googleapis.com/token"  # google-auth signs for it always

OAUTH2_CONF = """\
introspection_mode = post
introspection_url = {url}
username_attribute = username
active_attribute = active
active_value = true
"""

OAUTH2_PASSDB = """\
passdb {{
  driver = oauth2
  mechanisms = xoauth2 oauthbearer
  args = {conf}
}}
passdb {{
  mechanisms = plain login
"""


@dataclass
class Issued:
    user: str
    expires_at: float
    active: bool = True


@dataclass
class TokenServer:
    """Client-credentials token endpoint and introspection on a free loopback port."""

    lifetime: float = 120.0
    grants: dict[str, tuple[str, str]] = field(default_factory=lambda: {
        CLIENT_ID: (CLIENT_SECRET, "claims@example.test")})
    issued: dict[str, Issued] = field(default_factory=dict)
    refuse_all: bool = False
    # Service accounts (email -> public key PEM, users it may act for), as Google's
    # domain-wide delegation allows: they sign a JWT and get a token for its `sub`.
    service_accounts: dict[str, tuple[bytes, set[str]]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def start(self) -> None:
        self._http = ThreadingHTTPServer((HOST, 0), _handler_for(self))
        self._thread = threading.Thread(target=self._http.serve_forever, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._http.shutdown()
        self._http.server_close()

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self._http.server_address[1]}"

    def reset(self) -> None:
        with self._lock:
            self.issued.clear()
            self.refuse_all = False

    def forget_all(self) -> None:
        """Every token issued so far stops working (expired or revoked at the server)."""
        with self._lock:
            for token in self.issued.values():
                token.active = False

    def issue(self, form: dict[str, str]) -> tuple[int, dict[str, Any]]:
        if form.get("grant_type") == JWT_BEARER:
            return self._issue_for_assertion(form.get("assertion", ""))
        grant = self.grants.get(form.get("client_id", ""))
        if form.get("grant_type") != "client_credentials":
            return 400, {"error": "unsupported_grant_type"}
        if grant is None or not secrets.compare_digest(grant[0], form.get("client_secret", "")):
            return 401, {"error": "invalid_client",
                         "error_description": "client authentication failed"}
        return self._new_token(grant[1])

    def _new_token(self, user: str) -> tuple[int, dict[str, Any]]:
        token = secrets.token_urlsafe(24)
        with self._lock:
            self.issued[token] = Issued(user, time.time() + self.lifetime)
        return 200, {"access_token": token, "token_type": "Bearer",
                     "expires_in": int(self.lifetime)}

    def _issue_for_assertion(self, assertion: str) -> tuple[int, dict[str, Any]]:
        """RFC 7523: a JWT signed by a known service account, for a user it may act for."""
        issuer = jwt.decode(assertion, options={"verify_signature": False}).get("iss", "")
        account = self.service_accounts.get(issuer)
        if account is None:
            return 400, {"error": "invalid_grant", "error_description": "Invalid issuer"}
        try:
            claims = jwt.decode(assertion, account[0], algorithms=["RS256"],
                                audience=GOOGLE_AUDIENCE)
        except jwt.InvalidTokenError as error:
            return 400, {"error": "invalid_grant", "error_description": str(error)}
        if claims.get("sub") not in account[1] or claims.get("scope") != GOOGLE_SCOPE:
            return 401, {"error": "unauthorized_client", "error_description":
                         "Client is unauthorized to retrieve access tokens using this method, "
                         "or client not authorized for any of the scopes requested."}
        return self._new_token(claims["sub"])

    def add_service_account(self, folder: Path, email: str, may_act_for: set[str]) -> Path:
        """A Google-style service account key file whose token_uri is this server."""
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        private = key.private_bytes(serialization.Encoding.PEM,
                                    serialization.PrivateFormat.PKCS8,
                                    serialization.NoEncryption())
        public = key.public_key().public_bytes(serialization.Encoding.PEM,
                                               serialization.PublicFormat.SubjectPublicKeyInfo)
        self.service_accounts[email] = (public, may_act_for)
        path = folder / "service-account.json"
        path.write_text(json.dumps({
            "type": "service_account", "project_id": "mailflow-test",
            "private_key_id": secrets.token_hex(8), "private_key": private.decode(),
            "client_email": email, "client_id": "1234567890",
            "token_uri": f"{self.url}/token"}), encoding="utf-8")
        return path

    def check(self, token: str, user: str | None = None) -> dict[str, Any]:
        """The RFC 7662 answer for `token` (and whether it may act for `user`)."""
        with self._lock:
            known = self.issued.get(token)
            active = (known is not None and known.active and not self.refuse_all
                      and known.expires_at > time.time() and user in (None, known.user))
        return {"active": True, "username": known.user} if active and known else {
            "active": False}


def _handler_for(server: TokenServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            form = dict(urllib.parse.parse_qsl(self.rfile.read(length).decode()))
            if self.path == "/token":
                self._answer(*server.issue(form))
            elif self.path == "/introspect":
                self._answer(200, server.check(form.get("token", "")))
            else:
                self._answer(404, {"error": "not_found"})

        def _answer(self, status: int, body: dict[str, Any]) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:
            """Quiet: the test output is not the place for request lines."""

    return Handler


class OAuthDovecot(Dovecot):
    """A second private dovecot whose IMAP also accepts XOAUTH2 tokens of `tokens`
    (checked by its oauth2 passdb through introspection); passwords work as before."""

    def __init__(self, tokens: TokenServer) -> None:
        super().__init__()
        self.tokens = tokens

    def _write_config(self) -> None:
        super()._write_config()
        conf = self.root / "oauth2.conf"
        conf.write_text(OAUTH2_CONF.format(url=f"{self.tokens.url}/introspect"))
        main = self.root / "dovecot.conf"
        text = main.read_text().replace(
            "auth_mechanisms = plain login", "auth_mechanisms = plain login xoauth2 oauthbearer")
        main.write_text(text.replace("passdb {\n", OAUTH2_PASSDB.format(conf=conf), 1))


class XOAuthSinkHandler(SinkHandler):
    """The sink's hooks plus an `AUTH XOAUTH2` that asks the token server."""

    tokens: TokenServer | None = None

    async def auth_XOAUTH2(self, server: Any, args: list[str]) -> AuthResult:
        user, token = _parse_xoauth2(args[1] if len(args) > 1 else "")
        ok = self.tokens is not None and self.tokens.check(token, user)["active"]
        return AuthResult(success=ok, handled=False, auth_data=user if ok else None)


def _parse_xoauth2(encoded: str) -> tuple[str, str]:
    """(user, bearer token) of an XOAUTH2 initial response; empty strings when malformed."""
    try:
        fields = base64.b64decode(encoded, validate=True).decode().split("\x01")
    except (ValueError, UnicodeDecodeError):
        return "", ""
    values = dict(f.split("=", 1) for f in fields if "=" in f)
    return values.get("user", ""), values.get("auth", "").removeprefix("Bearer ")


class XOAuthSmtpSink(SmtpSink):
    """A plain-text (loopback) SMTP server requiring AUTH XOAUTH2 with a token of `tokens`."""

    def __init__(self, tokens: TokenServer) -> None:
        super().__init__()
        self.handler = XOAuthSinkHandler()
        self.handler.tokens = tokens
        self._controller = _Controller(
            self.handler, hostname=HOST, port=self.port, auth_required=True,
            auth_require_tls=False, auth_exclude_mechanism=["LOGIN", "PLAIN"])
