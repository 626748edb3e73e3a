"""A file the build reads but cannot use, reported as a Sphinx warning at its file and line.

A bad ``conf.py`` value is a :class:`sphinx.errors.ConfigError` raised at ``config-inited``
(:mod:`assessments.config`). A problem in a file the build reads (a corrupt ``refs.bib``, a broken
ledger file) is a warning through Sphinx's logging, at that file and line, so ``-W`` fails the
build, ``suppress_warnings = ["assessments.<subtype>"]`` can name it, and the build goes on
without the file instead of crashing. Nothing here exits the process.
"""

from __future__ import annotations

import re

from sphinx.util import logging

from tradecraft.errors import InputError

logger = logging.getLogger(__name__)

#: The warning type of every problem the extension reports (``[assessments.<subtype>]``).
TYPE = "assessments"

# the core's messages start "path:line: " when they know the line, or "path: " with the line
# in their text ("not valid JSON (line 3 column 5: …)")
_LOCATED = re.compile(r"(?P<file>[^:\n]+):(?P<line>\d+): (?P<message>.+)", re.DOTALL)
_NAMED = re.compile(r"(?P<file>[^:\n]+): (?P<message>.+)", re.DOTALL)
_LINE = re.compile(r"\(line (?P<line>\d+)\b")


def locate(message: str) -> tuple[str | None, str]:
    """``("path:line", rest)`` of a core message that names its file and line, else
    ``(None, message)``."""
    located = _LOCATED.fullmatch(message)
    if located:
        return f"{located['file']}:{located['line']}", located["message"]
    named = _NAMED.fullmatch(message)
    line = _LINE.search(named["message"]) if named else None
    if named and line:
        return f"{named['file']}:{line['line']}", named["message"]
    return None, message


def warn_unusable(problem: InputError, subtype: str) -> None:
    """Warn of a file the build cannot use, at its file and line where the message gives them
    (else the message, which names the file, stands as it is)."""
    location, message = locate(str(problem))
    logger.warning(message, location=location, type=TYPE, subtype=subtype)
