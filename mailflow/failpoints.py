"""Kill points for the crash tests (tests/faults/test_batch_kills.py), off unless asked for.

`MAILFLOW_FAILPOINT=NAME` makes the process SIGKILL itself the first time it reaches
`failpoint("NAME")`; `NAME@N` the N-th time. With `MAILFLOW_FAILPOINT_SIGNAL=STOP` the
process freezes there instead (SIGSTOP: a hang). Unset, as in every real deployment, a
failpoint costs one environment lookup. The points:

- `batch-message-stored`: a message of a batch is stored in its savepoint, not committed;
- `before-batch-commit`: a batch's blobs are synced and its checkpoint advanced, no commit;
- `after-batch-commit`: a batch is committed, its messages still in the inbox;
- `after-batch-move`: a batch is committed and moved out of the inbox;
- `parse-worker`, `parse-worker:<Message-ID>`: a parse pool's worker has parsed a message
  (the N-th of that worker; that message), before handing it back (mailflow/parse/pool.py).
"""

from __future__ import annotations

import os
import signal
from collections import Counter

VARIABLE = "MAILFLOW_FAILPOINT"
_reached: Counter[str] = Counter()


def failpoint(name: str) -> None:
    """Die at once, as a power cut or the OOM killer would, if `name` is the point asked for."""
    wanted = os.environ.get(VARIABLE)
    if not wanted:
        return
    point, _, times = wanted.rpartition("@")  # a Message-ID in a name has an @ too
    if not times.isdigit():
        point, times = wanted, ""
    if point != name:
        return
    _reached[name] += 1
    if _reached[name] == int(times or "1"):
        hang = os.environ.get(f"{VARIABLE}_SIGNAL") == "STOP"
        os.kill(os.getpid(), signal.SIGSTOP if hang else signal.SIGKILL)
