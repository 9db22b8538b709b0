"""Fetch stage: read raw messages from a mailbox (IMAP, Maildir, standard input)."""
