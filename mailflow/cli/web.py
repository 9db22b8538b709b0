"""`mailflow web`: the customer and staff pages (see mailflow.web), beside `mailflow run`."""

from __future__ import annotations

from typing import Annotated

import typer

from mailflow.cli.context import fail, load_app
from mailflow.cli.text import say


def web(ctx: typer.Context,
        host: Annotated[str | None, typer.Option(help="Listen here ([web] host).")] = None,
        port: Annotated[int | None, typer.Option(help="Listen on this port ([web] port).")]
        = None) -> None:
    """Serve the web pages ([web] base_url must be set) until stopped."""
    import uvicorn

    from mailflow.web.app import create_app

    mailflow = load_app(ctx, reading=True)
    settings = mailflow.settings.web
    if not settings.enabled:
        fail(say("web_disabled"), code=2)
    mailflow.workflow  # noqa: B018  (built now: a broken config is one line, not a traceback)
    typer.echo(say("web_serving", url=settings.base_url), err=True)
    uvicorn.run(create_app(mailflow), host=host or settings.host, port=port or settings.port,
                proxy_headers=True, forwarded_allow_ips="127.0.0.1", server_header=False,
                log_level="warning")
