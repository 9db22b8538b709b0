"""Integration tests against real servers on loopback (dovecot, aiosmtpd, PostgreSQL)."""
