"""The web adapter: pages beside the daemon, on the same database and the same rules.

`app.py` builds the ASGI application (`mailflow web` serves it with uvicorn); `customer.py`
is the customer's page behind the personal link of their mail, `login.py` the staff login by
one-time link, `staff.py` the staff pages. Every action calls `mailflow.workflow`, as mail
and the CLI do: the web is a window onto the same claims, not a second system.
"""
