"""The one exception the checks raise for bad input: the CLI prints it as one line, exit 2."""

from __future__ import annotations


class ChecksInputError(Exception):
    """Input the checks cannot read (a missing, truncated or foreign file, an unknown revision).

    The message is one line naming the file and the fix; ``report-checks`` prints it without a
    traceback and exits with status 2.
    """
