"""Whether the build failed, written beside ``needs.json`` for ``report-checks lint``.

A build that logs a warning (a failure under ``-W``) or stops on an error leaves
:data:`tradecraft.build_status.MARKER` in its output folder with the first message; a build that
ends without one, incremental or not, removes it. The messages are the ones Sphinx prints: a
filter at the end of Sphinx's warning handler sees each warning after ``suppress_warnings`` has
let it through, exactly as it is written to the terminal.
"""

from __future__ import annotations

import logging
import os

from sphinx.application import Sphinx
from sphinx.util.logging import NAMESPACE, WarningStreamHandler

from tradecraft.build_status import record_failure, record_success


class _FirstWarning(logging.Filter):
    """Counts the warnings Sphinx prints and keeps the first; lets every one through."""

    def __init__(self) -> None:
        super().__init__()
        self.first: str | None = None
        self.count = 0

    def filter(self, record: logging.LogRecord) -> bool:
        self.count += 1
        if self.first is None:
            # as printed, less the "WARNING: " between location and message (lint says error)
            message = logging.LogRecord.getMessage(record)
            location = getattr(record, "location", None)
            self.first = _relative(f"{location}: {message}" if location else message)
        return True

    def finish(self, app: Sphinx, exception: Exception | None) -> None:
        """``build-finished``: write or remove the mark, then stop listening."""
        for handler in _warning_handlers():
            handler.removeFilter(self)
        if exception is not None:
            record_failure(app.outdir, self.first or f"{type(exception).__name__}: {exception}", 1)
        elif self.first is not None:
            record_failure(app.outdir, self.first, self.count)
        else:
            record_success(app.outdir)


def _warning_handlers() -> list[logging.Handler]:
    return [h for h in logging.getLogger(NAMESPACE).handlers if isinstance(h, WarningStreamHandler)]


def _relative(message: str) -> str:
    """The message with the working directory left out of its location, as a reader runs it."""
    here = os.getcwd() + os.sep
    return message[len(here) :] if message.startswith(here) else message


def watch(app: Sphinx) -> None:
    """``builder-inited``: start counting the warnings this build prints."""
    watcher = _FirstWarning()
    for handler in _warning_handlers():
        handler.addFilter(watcher)
    app.connect("build-finished", watcher.finish)
