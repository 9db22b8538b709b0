"""The decision layer: what mailflow does about something that happened, as data.

Every way in (a stored message, a specialist's command, a CLI action, a due deadline) is
turned into a call of a pure `decide_*` function that takes the claim's state, the facts
the adapter looked up and the `Policy`, and returns a `Plan`: the claim's next state and
the typed effects that lead there (status changes, assignment, mail to queue, events).
`mailflow.workflow.apply.Applier` carries a plan out inside the unit of work and records
each effect as an event. Nothing here reads the clock, the database or the templates.
"""
