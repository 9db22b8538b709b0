"""Peak memory of the intake for one message, measured in a child process of its own.

`python -m tests.integration.memory_probe FOLDER DB_URL MESSAGE_FILE [MAX_BYTES]` builds the app on
FOLDER and DB_URL, warms it with a small letter, then reads MESSAGE_FILE and runs it through
`Pipeline.process`, and prints one JSON line: the outcome, the message size, and how far
the peak RSS (VmHWM) rose above the resident size just before the file was read.
`... memory_probe imap HOST PORT` measures reading the claims INBOX over IMAP instead.
Used by tests/integration/test_large_messages.py and bench/memory.py.
"""

from __future__ import annotations

import base64
import contextlib
import gc
import json
import os
import random
import resource
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tests.integration import support

ROOT = Path(__file__).resolve().parents[2]
LIMIT = 400 * 1024 * 1024  # max_message_bytes and max_decoded_bytes for the probe


def letter_with_photo(size: int, seed: int = 1, message_id: str = "big@example.org") -> bytes:
    """A customer's claim of about `size` bytes: a line of text and one base64 photo."""
    payload = random.Random(seed).randbytes(size * 3 // 4)
    return _letter(payload, message_id)


def letter_with_text(size: int, message_id: str = "long@example.org") -> bytes:
    """A customer's claim of about `size` bytes that is all 8bit Russian text."""
    line = "Товар повреждён при доставке, заказ 12345, фото приложены.\r\n".encode()
    return ("From: Customer <customer@example.org>\r\nTo: claims@example.test\r\n"
            f"Subject: Broken vase\r\nMessage-ID: <{message_id}>\r\n"
            "Date: Mon, 05 Jan 2026 10:00:00 +0000\r\nMIME-Version: 1.0\r\n"
            "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n"
            "\r\n").encode() + line * (size // len(line))


def _letter(payload: bytes, message_id: str) -> bytes:
    head = (
        "From: Customer <customer@example.org>\r\nTo: claims@example.test\r\n"
        f"Subject: Broken vase\r\nMessage-ID: <{message_id}>\r\n"
        "Date: Mon, 05 Jan 2026 10:00:00 +0000\r\nMIME-Version: 1.0\r\n"
        'Content-Type: multipart/mixed; boundary="b1"\r\n\r\n'
        "--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        "The vase from order 12345 arrived broken, photo attached.\r\n"
        '--b1\r\nContent-Type: image/jpeg; name="photo.jpg"\r\n'
        "Content-Transfer-Encoding: base64\r\n"
        'Content-Disposition: attachment; filename="photo.jpg"\r\n\r\n').encode()
    return head + base64.encodebytes(payload).replace(b"\n", b"\r\n") + b"--b1--\r\n"


def resident_bytes() -> int:
    """The resident set size of this process now (Linux)."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE")


def peak_resident_bytes() -> int:
    """The peak RSS of this process: VmHWM (Linux); getrusage's ru_maxrss would also count
    the parent's pages this process had between fork and exec."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def reset_peak() -> None:
    """Start the peak RSS again from the current RSS (Linux, clear_refs 5), where allowed."""
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def measure(folder: Path, db_url: str, message_file: Path,
            max_message_bytes: int = LIMIT) -> dict[str, Any]:
    """Process the message in `message_file`; the outcome and the peak RSS growth."""
    app = support.app(folder, db_url, storage={"max_message_bytes": max_message_bytes,
                                               "max_decoded_bytes": LIMIT})
    app.warm_up()
    app.pipeline.process(letter_with_photo(64 * 1024, message_id="warm@example.org"),
                         "probe", datetime.now(UTC))
    gc.collect()
    reset_peak()
    before = resident_bytes()
    raw = message_file.read_bytes()
    outcome = app.pipeline.process(raw, "probe", datetime.now(UTC))
    return {"status": outcome.status, "reason": outcome.reason, "size": len(raw),
            "growth": peak_resident_bytes() - before}


def measured_in_child(folder: Path, db_url: str, message_file: Path,
                      max_message_bytes: int = LIMIT) -> dict[str, Any]:
    """`measure` in a fresh interpreter, so nothing else this process did counts."""
    result = subprocess.run(
        [sys.executable, "-m", "tests.integration.memory_probe", str(folder), db_url,
         str(message_file), str(max_message_bytes)], cwd=ROOT, check=True,
        capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    figures: dict[str, Any] = json.loads(result.stdout.splitlines()[-1])
    return figures


def measure_imap_fetch(host: str, port: int) -> dict[str, Any]:
    """Read every pending message of the claims INBOX at host:port (ImapSource, no TLS);
    their sizes and the peak RSS growth while reading."""
    from mailflow.config import MailboxSettings
    from mailflow.fetch.imap import ImapSource

    source = ImapSource(MailboxSettings(kind="imap", host=host, port=port, security="none",
                                        username="claims@example.test", timeout=60),
                        "claims-pass")
    source.open()
    try:
        gc.collect()
        reset_peak()
        before = resident_bytes()
        sizes = [len(item.raw) for batch in source.pending(None) for item in batch]
        return {"sizes": sizes, "growth": peak_resident_bytes() - before}
    finally:
        source.close()


def imap_fetch_in_child(host: str, port: int) -> dict[str, Any]:
    """`measure_imap_fetch` in a fresh interpreter."""
    result = subprocess.run(
        [sys.executable, "-m", "tests.integration.memory_probe", "imap", host, str(port)],
        cwd=ROOT, check=True, capture_output=True, text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)})
    figures: dict[str, Any] = json.loads(result.stdout.splitlines()[-1])
    return figures


if __name__ == "__main__":
    if sys.argv[1] == "imap":
        print(json.dumps(measure_imap_fetch(sys.argv[2], int(sys.argv[3]))))
    else:
        print(json.dumps(measure(Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3]),
                                 int(sys.argv[4]) if len(sys.argv) > 4 else LIMIT)))
