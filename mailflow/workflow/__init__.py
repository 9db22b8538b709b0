"""The claim workflow: what happens after a message is stored (assignment, notifications,
relays, commands, status updates). Decisions come from the pure core in `domain/` and
`react/`; this package applies them inside the caller's database transaction."""
