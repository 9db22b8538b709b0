"""What a parse worker hands back crosses a process boundary: it must survive pickling."""

from __future__ import annotations

import pickle

import pytest

from mailflow.parse.limits import Limits
from mailflow.parse.pool import Rejected, parse_in_worker
from tests import corpus

MESSAGES = {
    "russian koi8-r": corpus.russian("koi8-r"),
    "english": corpus.english(),
    "attachments": corpus.with_attachments(),
    "html only": corpus.html_only(),
    "auto-reply": corpus.auto_reply(),
    "bounce": corpus.bounce("orig@example.org"),
    "forwarded": corpus.forwarded_message(),
    "tnef": corpus.tnef(),
    "inline image": corpus.inline_image(),
    "undeclared cp1251": corpus.undeclared_charset_cp1251(),
    **{f"malformed {kind}": corpus.malformed(kind) for kind in corpus.MALFORMED_KINDS},
}


@pytest.mark.parametrize("name", sorted(MESSAGES))
def test_a_worker_result_survives_pickling(name: str) -> None:
    """Every corpus message's parse result (a ParsedMessage or a Rejected with the reason)
    comes back from pickling equal, as it does from a worker process."""
    result = parse_in_worker(MESSAGES[name], Limits())
    assert pickle.loads(pickle.dumps(result)) == result
    assert not isinstance(result, Rejected) or result.reason.startswith("cannot parse")
