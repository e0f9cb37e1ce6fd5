"""The one error a command's caller can make: a usage error, printed as one line (exit 2).

Its own module so that the commands (`cli/launch.py`) raise it without importing the package
that imports them.
"""


class UsageError(Exception):
    """A mistake in how the command was called; printed as one line, exit status 2."""
