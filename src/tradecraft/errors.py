"""The one exception raised for bad input, by the core and everything built on it."""

from __future__ import annotations


class InputError(Exception):
    """Input that cannot be read: a missing, truncated or foreign file, a bad date or setting.

    The message is one line naming the file (or setting) and the fix. ``report-checks`` prints
    it and exits with status 2; the Sphinx extension stops the build with it. Never a traceback.
    """
