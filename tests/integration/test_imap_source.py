"""ImapSource against a real dovecot: TLS modes, errors, peeking, moving, checkpoints, IDLE."""

from __future__ import annotations

import secrets
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from imapclient import IMAPClient

from mailflow.config import MailboxSettings, Security
from mailflow.errors import AuthenticationFailed, ConfigError, MailboxUnavailable
from mailflow.fetch import imap
from mailflow.fetch.base import Checkpoint, IncomingItem
from mailflow.fetch.imap import ImapSource
from tests.servers import HOST, Dovecot, free_ports

pytestmark = pytest.mark.imap


def settings(dovecot: Dovecot, security: Security = "none", **overrides: Any) -> MailboxSettings:
    port = dovecot.imaps_port if security == "tls" else dovecot.imap_port
    values: dict[str, Any] = {
        "kind": "imap", "host": dovecot.host, "port": port, "security": security,
        "username": "claims@example.test", "ca_file": dovecot.ca_file, "timeout": 5.0}
    return MailboxSettings(**(values | overrides))


def message(number: int) -> bytes:
    return (f"From: customer@example.test\r\nTo: claims@example.test\r\n"
            f"Subject: claim {number}\r\nMessage-ID: <{number}.{secrets.token_hex(4)}@x.test>\r\n"
            f"\r\nMy parcel {number} arrived broken.\r\n").encode()


@contextmanager
def opened(mailbox: MailboxSettings, password: str = "claims-pass") -> Iterator[ImapSource]:
    source = ImapSource(mailbox, password)
    source.open()
    try:
        yield source
    finally:
        source.close()


def read_all(source: ImapSource, since: Checkpoint | None = None) -> list[IncomingItem]:
    return [item for batch in source.pending(since) for item in batch]


def flags_in(dovecot: Dovecot, folder: str = "INBOX") -> list[tuple[bytes, ...]]:
    with dovecot.client("claims") as client:
        client.select_folder(folder, readonly=True)
        fetched = client.fetch(client.search("ALL"), ["FLAGS"])
        return [data[b"FLAGS"] for _, data in sorted(fetched.items())]


@pytest.mark.parametrize("security", ["none", "starttls", "tls"])
def test_reads_the_mailbox_in_every_security_mode(
        clean_dovecot: Dovecot, security: Security) -> None:
    """Plain, STARTTLS and IMAPS (verified against the test CA) all deliver the raw bytes."""
    raw = message(1)
    clean_dovecot.append("claims", [raw])
    with opened(settings(clean_dovecot, security)) as source:
        assert [item.raw for item in read_all(source)] == [raw]


@pytest.mark.parametrize("security", ["starttls", "tls"])
def test_untrusted_certificate_is_refused(dovecot: Dovecot, security: Security) -> None:
    """With the system CAs the self-issued test certificate fails verification, named as such."""
    mailbox = settings(dovecot, security, ca_file=None)
    with pytest.raises(MailboxUnavailable, match="certificate verification failed") as caught:
        ImapSource(mailbox, "claims-pass").open()
    assert f"{dovecot.host}:{mailbox.port}" in str(caught.value)


def test_wrong_password_is_authentication_failed_without_the_password(dovecot: Dovecot) -> None:
    """A refused login names user, host and port but never the password tried."""
    mailbox = settings(dovecot)
    with pytest.raises(AuthenticationFailed) as caught:
        ImapSource(mailbox, "not-the-Pass-42").open()
    assert str(caught.value) == (
        f"IMAP login failed for user claims@example.test at {dovecot.host}:{mailbox.port}: "
        "wrong username or password")


def test_unreachable_server_is_mailbox_unavailable() -> None:
    """Nothing listening on the port gives MailboxUnavailable naming host:port and the cause."""
    port = free_ports(1)[0]
    mailbox = MailboxSettings(kind="imap", host=HOST, port=port, security="none", username="x")
    with pytest.raises(MailboxUnavailable) as caught:
        ImapSource(mailbox, "secret").open()
    assert str(caught.value) == f"cannot reach IMAP server {HOST}:{port}: connection refused"


def test_starttls_mode_refuses_a_server_without_starttls() -> None:
    """Asked for STARTTLS, a server that does not offer it gets no login (ConfigError)."""
    with _server_without_starttls() as port:
        mailbox = MailboxSettings(kind="imap", host=HOST, port=port, security="starttls",
                                  username="claims", timeout=5)
        with pytest.raises(ConfigError, match="does not offer STARTTLS") as caught:
            ImapSource(mailbox, "secret").open()
    assert caught.value.key == "mailbox.security"


def test_pending_comes_in_batches_oldest_first_without_setting_seen(clean_dovecot: Dovecot) -> None:
    """Seven messages with batch size 3 come as 3+3+1 in UID order and stay unseen."""
    raws = [message(n) for n in range(7)]
    clean_dovecot.append("claims", raws)
    with opened(settings(clean_dovecot, batch_size=3)) as source:
        batches = list(source.pending(None))
    assert [len(batch) for batch in batches] == [3, 3, 1]
    assert [item.raw for batch in batches for item in batch] == raws
    assert not any(b"\\Seen" in flags for flags in flags_in(clean_dovecot))


def test_large_messages_are_fetched_in_batches_of_their_own(
        clean_dovecot: Dovecot, monkeypatch: pytest.MonkeyPatch) -> None:
    """Bodies are fetched in groups whose sizes fit the byte budget, a larger message
    alone, in UID order: a batch of big messages is never in memory at once."""
    monkeypatch.setattr(imap, "FETCH_BATCH_BYTES", 2 * len(message(1)) + 20)
    large = message(3).replace(b"broken.", b"broken." + b" x" * 2000)
    raws = [message(1), message(2), large, message(4), message(5), message(6)]
    clean_dovecot.append("claims", raws)
    with opened(settings(clean_dovecot, batch_size=50)) as source:
        batches = list(source.pending(None))
    assert [len(batch) for batch in batches] == [2, 1, 2, 1]
    assert [item.raw for batch in batches for item in batch] == raws


def test_a_message_a_person_already_read_is_still_pending(clean_dovecot: Dovecot) -> None:
    """\\Seen set by someone reading the mailbox does not hide a message from mailflow."""
    with clean_dovecot.client("claims") as client:
        client.append("INBOX", message(1), flags=[b"\\Seen"])
    with opened(settings(clean_dovecot)) as source:
        assert len(read_all(source)) == 1


def test_messages_flagged_deleted_are_not_pending(clean_dovecot: Dovecot) -> None:
    """A message flagged \\Deleted but not yet expunged is not offered."""
    with clean_dovecot.client("claims") as client:
        client.append("INBOX", message(1), flags=[b"\\Deleted"])
        client.append("INBOX", message(2))
    with opened(settings(clean_dovecot)) as source:
        assert [b"claim 2" in item.raw for item in read_all(source)] == [True]


def test_open_creates_the_folders_and_mark_processed_moves_there(clean_dovecot: Dovecot) -> None:
    """Missing processed/quarantine folders are created; marked messages move into them."""
    processed, quarantine = f"Done-{secrets.token_hex(3)}", f"Bad-{secrets.token_hex(3)}"
    clean_dovecot.append("claims", [message(n) for n in range(3)])
    mailbox = settings(clean_dovecot, processed_folder=processed, quarantine_folder=quarantine)
    with opened(mailbox) as source:
        first, second, third = read_all(source)
        source.mark_processed([first.key, third.key])
        source.mark_quarantined([second.key])
    assert clean_dovecot.messages("claims") == []
    assert clean_dovecot.messages("claims", processed) == [first.raw, third.raw]
    assert clean_dovecot.messages("claims", quarantine) == [second.raw]


def test_without_move_capability_copy_and_expunge_moves_the_message(
        clean_dovecot: Dovecot, monkeypatch: pytest.MonkeyPatch) -> None:
    """On a server lacking MOVE, COPY + \\Deleted + UID EXPUNGE gives the same result."""
    real = IMAPClient.has_capability
    monkeypatch.setattr(IMAPClient, "has_capability",
                        lambda client, name: name != "MOVE" and real(client, name))
    clean_dovecot.append("claims", [message(1)])
    with opened(settings(clean_dovecot)) as source:
        (item,) = read_all(source)
        source.mark_processed([item.key])
    assert clean_dovecot.messages("claims") == []
    assert clean_dovecot.messages("claims", "Processed") == [item.raw]


def test_checkpoints_carry_the_folder_uidvalidity_and_uid(clean_dovecot: Dovecot) -> None:
    """Each item's checkpoint is (UIDVALIDITY of the folder, its UID) and its key is the UID."""
    clean_dovecot.append("claims", [message(1)])
    with clean_dovecot.client("claims") as client:
        uidvalidity = client.select_folder("INBOX", readonly=True)[b"UIDVALIDITY"]
        (uid,) = client.search("ALL")
    with opened(settings(clean_dovecot)) as source:
        (item,) = read_all(source)
        assert source.uidvalidity == uidvalidity
    assert (item.key, item.checkpoint) == (str(uid), Checkpoint(uidvalidity, uid))


def test_mail_kept_in_place_is_read_after_the_checkpoint_only(clean_dovecot: Dovecot) -> None:
    """With no processed folder, pending(since) skips UIDs up to since.last_uid."""
    clean_dovecot.append("claims", [message(n) for n in range(4)])
    with opened(settings(clean_dovecot, processed_folder="")) as source:
        items = read_all(source)
        source.mark_processed([item.key for item in items])
        later = read_all(source, since=items[1].checkpoint)
    assert [item.raw for item in later] == [item.raw for item in items[2:]]
    assert len(clean_dovecot.messages("claims")) == 4


def test_a_checkpoint_from_another_uidvalidity_rereads_everything(clean_dovecot: Dovecot) -> None:
    """A checkpoint whose UIDVALIDITY differs (folder recreated) is ignored."""
    clean_dovecot.append("claims", [message(n) for n in range(2)])
    with opened(settings(clean_dovecot, processed_folder="")) as source:
        stale = Checkpoint(source.uidvalidity + 1, 10**6)
        assert len(read_all(source, since=stale)) == 2


def test_checkpoint_is_ignored_when_mail_is_moved_away(clean_dovecot: Dovecot) -> None:
    """With a processed folder everything still in the folder is pending, whatever `since`."""
    clean_dovecot.append("claims", [message(n) for n in range(2)])
    with opened(settings(clean_dovecot)) as source:
        last = read_all(source)[-1].checkpoint
        assert len(read_all(source, since=last)) == 2


def test_a_dropped_connection_is_mailbox_unavailable_and_open_recovers(
        clean_dovecot: Dovecot) -> None:
    """A session killed by the server raises MailboxUnavailable; open() again reads on."""
    clean_dovecot.append("claims", [message(1)])
    source = ImapSource(settings(clean_dovecot), "claims-pass")
    source.open()
    clean_dovecot.kick("claims")
    with pytest.raises(MailboxUnavailable, match=f"{clean_dovecot.host}:{clean_dovecot.imap_port}"):
        read_all(source)
    source.open()
    assert len(read_all(source)) == 1
    source.close()


def test_idle_wakes_up_when_mail_is_delivered(clean_dovecot: Dovecot) -> None:
    """wait_for_mail returns on an LMTP delivery long before its 30 s timeout."""
    delivery = threading.Timer(0.3, clean_dovecot.deliver_lmtp, (["claims"], message(1)))
    with opened(settings(clean_dovecot)) as source:
        started = time.monotonic()
        delivery.start()
        source.wait_for_mail(30)
        waited = time.monotonic() - started
        delivery.join()
        assert len(read_all(source)) == 1
    assert waited < 15


def test_mail_reported_with_the_answer_to_a_move_ends_the_wait_without_idle(
        clean_dovecot: Dovecot) -> None:
    """A letter that arrives while a pass runs, reported with the answer to its MOVE, ends
    wait_for_mail at once instead of being missed by the IDLE that follows."""
    clean_dovecot.append("claims", [message(1)])
    with opened(settings(clean_dovecot)) as source:
        [first] = read_all(source)
        clean_dovecot.append("claims", [message(2)])  # arrives while the pass runs
        source.mark_processed([first.key])  # dovecot reports it with the MOVE's answer
        client = source._client
        assert client is not None
        idled: list[bool] = []
        real_idle = client.idle
        client.idle = lambda: (idled.append(True), real_idle())[1]  # type: ignore[method-assign]
        source.wait_for_mail(3)
        assert idled == []
        assert [item.raw for item in read_all(source)] == clean_dovecot.messages("claims")


def test_without_idle_wait_for_mail_sleeps_the_timeout(dovecot: Dovecot) -> None:
    """With idle disabled, waiting is the injected sleep for exactly the timeout."""
    slept: list[float] = []
    source = ImapSource(settings(dovecot, idle=False), "claims-pass", sleep=slept.append)
    source.open()
    source.wait_for_mail(42.0)
    source.close()
    source.close()
    assert slept == [42.0]


@contextmanager
def _server_without_starttls() -> Iterator[int]:
    """A fake IMAP server whose greeting lists no STARTTLS; it answers OK to anything."""
    listener = socket.create_server((HOST, 0))
    thread = threading.Thread(target=_serve_once, args=(listener,), daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1]
    finally:
        listener.close()
        thread.join(5)


def _serve_once(listener: socket.socket) -> None:
    connection, _ = listener.accept()
    with connection, connection.makefile("rwb") as stream:
        stream.write(b"* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] fake ready\r\n")
        stream.flush()
        for line in stream:
            tag = line.split(b" ", 1)[0]
            stream.write(b"* BYE\r\n" if b"LOGOUT" in line.upper() else b"")
            stream.write(tag + b" OK done\r\n")
            stream.flush()
