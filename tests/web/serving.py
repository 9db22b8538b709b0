"""Serving `mailflow web`'s application for a real browser in a test."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn

from mailflow.app import App
from mailflow.web.app import create_app


@contextmanager
def served(mailflow: App, port: int) -> Iterator[str]:
    """`mailflow web`'s application served by uvicorn in a thread on a loopback port."""
    server = uvicorn.Server(uvicorn.Config(create_app(mailflow), host="127.0.0.1", port=port,
                                           log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        while not server.started:
            if not thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            threading.Event().wait(0.05)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
