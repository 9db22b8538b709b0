"""`python -m mailflow` runs the command line."""

from mailflow.cli.main import entry_point

entry_point()
