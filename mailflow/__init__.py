"""mailflow: an email-driven claims processor."""

__version__ = "0.1.0"
