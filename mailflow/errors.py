"""The mailflow error tree; library exceptions are translated into these at the edges.

    MailflowError
    ├── ConfigError            a broken config file or environment override (names file and key)
    ├── SchemaMismatch         the database schema is behind or ahead of this mailflow
    ├── TransientError         retry later with backoff
    │   ├── MailboxUnavailable     the mailbox server cannot be reached right now
    │   ├── SendFailed             the SMTP server refused for now (4xx) or is down
    │   ├── TokenUnavailable       the OAuth2 token endpoint cannot be reached right now
    │   └── StorageUnavailable     the database cannot be reached right now
    └── PermanentError         retrying will not help; the thing is parked with the reason
        ├── AuthenticationFailed   wrong username or password
        │   └── TokenRefused       the OAuth2 provider refused to issue a token
        ├── MessageRejected        a message cannot be parsed or stored (goes to quarantine)
        ├── SendRejected           the SMTP server refused for good (5xx)
        └── SendUncertain          the connection died before the server answered a message
                                   it was handed: it may have been delivered, so not resent
"""

from __future__ import annotations


class MailflowError(Exception):
    """Base of every error mailflow raises on purpose."""


class ConfigError(MailflowError):
    """The configuration is broken; the message names the file and the key."""

    def __init__(self, message: str, *, path: str | None = None, key: str | None = None) -> None:
        self.path = path
        self.key = key
        where = ", ".join(p for p in (path and f"file {path}", key and f"key {key}") if p)
        super().__init__(f"{where}: {message}" if where else message)


class SchemaMismatch(MailflowError):
    """The database schema is not the one this mailflow needs; `mailflow db upgrade` helps
    when it is behind (`current` is None for an empty database)."""

    def __init__(self, current: str | None, needed: str, *, ahead: bool) -> None:
        self.current, self.needed, self.ahead = current, needed, ahead
        if ahead:
            message = (f"database schema is at {current}, newer than this mailflow "
                       f"(which needs {needed}): upgrade mailflow")
        else:
            message = (f"database schema is at {current or 'nothing (empty database)'}, "
                       f"this mailflow needs {needed}: run `mailflow db upgrade`")
        super().__init__(message)


class TransientError(MailflowError):
    """A failure that may go away by itself; the caller retries with backoff."""


class MailboxUnavailable(TransientError):
    """The mailbox server cannot be reached (refused, timed out, dropped)."""


class SendFailed(TransientError):
    """Sending failed for now: server down or a 4xx answer."""


class TokenUnavailable(TransientError):
    """The OAuth2 token endpoint cannot be reached (down, timed out, 5xx); the message
    names the config key of the section."""


class StorageUnavailable(TransientError):
    """The database cannot be reached right now."""


class ParseWorkersUnavailable(StorageUnavailable):
    """The parse workers cannot run at all (no process can be started, none answers): the
    batch waits and is tried again with backoff, no message is blamed for it."""


class LeaseLost(MailflowError):
    """Another instance took over the mailbox this one was reading: it stops reading (and
    moves no message) until it can take the mailbox again."""


class PermanentError(MailflowError):
    """A failure that retrying will not fix."""


class AuthenticationFailed(PermanentError):
    """The server rejected the username or password."""


class TokenRefused(AuthenticationFailed):
    """The OAuth2 provider refused to issue a token (wrong client, secret, tenant, revoked
    consent); the message names the config key to fix."""


class MessageRejected(PermanentError):
    """A message cannot be parsed or stored; it goes to quarantine with this reason."""


class SendRejected(PermanentError):
    """The SMTP server refused the message for good (5xx)."""


class SendUncertain(PermanentError):
    """The message was handed to the server but its answer never came (connection lost or
    timed out after the payload): it may have been delivered, so it is not resent."""
