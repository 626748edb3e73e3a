"""A directive opened with two colons: ``::{forecast}`` is a paragraph, not a forecast.

MyST opens a colon fence with three colons or more; with two, the directive, its options and its
body become one plain paragraph and the build says nothing. The extension looks for such lines in
the paragraphs it reads (:mod:`assessments.fences`), ``report-checks lint`` in the prose of the
Markdown sources (:mod:`checks.markdown`); both report :func:`two_colons` in these words. No
Sphinx import.
"""

from __future__ import annotations

import re
from collections.abc import Callable

#: A line that opens a directive with exactly two colons: ``::{forecast} Title``.
_TWO_COLONS = re.compile(r"^[ \t]*::\{(?P<name>[A-Za-z][\w:.-]*)\}")


def two_colons(line: str, known: Callable[[str], bool]) -> str | None:
    """What is wrong with a line opening a known directive with two colons, or ``None``."""
    match = _TWO_COLONS.match(line)
    if match is None or not known(match["name"]):
        return None
    return f"two colons do not open a directive: write ':::{{{match['name']}}}'"
