"""Stopping a build on input it cannot use, with one line and no crash report.

Sphinx 9 answers any exception, its own ``ConfigError`` included, with a crash report and a
traceback. Bad input is not a crash: the build prints one line naming the file or setting and
the fix, and exits with status 2, as ``report-checks`` does.
"""

from __future__ import annotations

import sys
from typing import NoReturn


class StopBuild(SystemExit):
    """The build stops on bad input; ``str()`` is the one line printed."""

    def __init__(self, message: str) -> None:
        super().__init__(2)
        self.message = message

    def __str__(self) -> str:
        return self.message


def stop(message: str) -> NoReturn:
    """Print ``error: message`` to stderr and stop the build with exit status 2."""
    print(f"error: {message}", file=sys.stderr)
    raise StopBuild(message)
