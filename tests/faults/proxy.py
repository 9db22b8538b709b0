"""A TCP proxy on loopback that tests cut and restore, to make a server go away mid-session.

`TcpProxy(target_port).start()` listens on a free loopback port and forwards every byte
both ways to the target. `cut()` closes the listening socket (new connections are
refused, as by a server that is down) and every open connection (as by a server that
crashed mid-session); `restore()` listens on the same port again.
"""

from __future__ import annotations

import contextlib
import selectors
import socket
import threading

from tests.servers import HOST, free_ports

CHUNK = 65536


class TcpProxy:
    """Forwards 127.0.0.1:`port` to 127.0.0.1:`target_port` until cut."""

    def __init__(self, target_port: int, target_host: str = HOST) -> None:
        self.target = (target_host, target_port)
        self.host = HOST
        self.port = free_ports(1)[0]
        self.connections_made = 0
        self._lock = threading.Lock()
        self._listener: socket.socket | None = None
        self._open: set[socket.socket] = set()

    def start(self) -> TcpProxy:
        """Listen and forward (also what `restore` does)."""
        listener = socket.create_server((self.host, self.port))
        with self._lock:
            self._listener = listener
        threading.Thread(target=self._accept_loop, args=(listener,), daemon=True).start()
        return self

    restore = start

    def cut(self) -> None:
        """Refuse new connections and drop every open one, as a crashed server would."""
        with self._lock:
            listener, self._listener = self._listener, None
            sockets, self._open = self._open, set()
        if listener is not None:
            _close(listener)
        for sock in sockets:
            _close(sock)

    stop = cut

    def _accept_loop(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return  # the listener was closed by cut()
            self._forward(client)

    def _forward(self, client: socket.socket) -> None:
        try:
            server = socket.create_connection(self.target, timeout=5)
        except OSError:
            _close(client)
            return
        with self._lock:
            if self._listener is None:  # cut() ran meanwhile
                _close(client)
                _close(server)
                return
            self._open |= {client, server}
            self.connections_made += 1
        threading.Thread(target=self._pump, args=(client, server), daemon=True).start()

    def _pump(self, client: socket.socket, server: socket.socket) -> None:
        peers = {client: server, server: client}
        with selectors.DefaultSelector() as selector:
            for sock in peers:
                sock.setblocking(True)
                selector.register(sock, selectors.EVENT_READ)
            while _relay_ready(selector, peers):
                pass
        for sock in peers:
            _close(sock)
        with self._lock:
            self._open -= set(peers)


def _relay_ready(selector: selectors.BaseSelector,
                 peers: dict[socket.socket, socket.socket]) -> bool:
    """Copy whatever is readable to its peer; False once either side is gone."""
    try:
        for key, _ in selector.select(timeout=1.0):
            source: socket.socket = key.fileobj  # type: ignore[assignment]
            data = source.recv(CHUNK)
            if not data:
                return False
            peers[source].sendall(data)
    except (OSError, ValueError):  # closed by cut(): ValueError for a closed fd in select
        return False
    return True


def _close(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    with contextlib.suppress(OSError):
        sock.close()
