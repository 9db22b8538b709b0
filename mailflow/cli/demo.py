"""The demo: sample claims dropped into the embedded Maildir inbox."""

from __future__ import annotations

import mailbox
from pathlib import Path

from mailflow.app import App
from mailflow.cli.context import fail

SAMPLES = Path(__file__).resolve().parent.parent / "demo" / "samples"


def load_samples(mailflow: App) -> int:
    """Copy the samples into the Maildir inbox; refuses anything but the embedded Maildir."""
    settings = mailflow.settings.mailbox
    if settings.kind != "maildir":
        fail("the demo only writes into a local Maildir inbox ([mailbox] kind = \"maildir\"); "
             "it never puts samples into a server mailbox")
    inbox = mailbox.Maildir(settings.path, create=True)
    samples = sorted(SAMPLES.glob("*.eml"))
    for sample in samples:
        inbox.add(sample.read_bytes())
    return len(samples)


def first_customer_link(mailflow: App) -> tuple[str, str] | None:
    """The first claim's number and its customer's personal link (None: no claim, or the
    `[web]` pages are off)."""
    from sqlmodel import col, select

    from mailflow.store.tables import ClaimRow

    if not mailflow.settings.web.enabled:
        return None
    with mailflow.db.transaction() as session:
        claim = session.exec(select(ClaimRow).order_by(col(ClaimRow.id))).first()
    return (claim.number, mailflow.mailer.customer_link(claim)) if claim else None


# -- the staff login link (issue 15, staff pages) ----------------------------------------


def staff_login_line(mailflow: App) -> str:
    """A one-time login link for the first specialist, made directly (no mail is sent), so
    the demo opens the staff pages served by `mailflow web`; in the operator's language."""
    from datetime import UTC, datetime

    from mailflow.cli.text import language
    from mailflow.web.staff_auth import new_login

    web = mailflow.settings.web
    if not mailflow.team.specialists:
        return ""
    person = mailflow.team.specialists[0]
    with mailflow.db.transaction() as session:
        token = new_login(session, person.email, "demo", datetime.now(UTC), web)
    base = web.base_url or f"http://{web.host}:{web.port}"
    link = f"{base}/login/{token}"
    if language() == "ru":
        return (f"вход на страницы сотрудников для {person.email} (один раз, "
                f"{web.login_link_minutes} мин., запустите `mailflow web`): {link}")
    return (f"staff sign-in for {person.email} (once, {web.login_link_minutes} min, run "
            f"`mailflow web`): {link}")
