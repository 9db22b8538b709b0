"""Sample claim emails for the demo command (never put into a configured server mailbox)."""
