"""Send stage: render, compose and deliver outgoing mail through the outbox."""
