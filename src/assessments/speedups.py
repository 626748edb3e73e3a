"""Work-arounds for slowness outside the extension that a large report runs into.

pybtex looks a plugin up among the entry points of every installed distribution on each call
(``importlib.metadata.entry_points`` reads every ``*.dist-info`` and caches nothing), and
sphinxcontrib-bibtex asks for four plugins (the style, its labels, names and sorting) on every
``{footcite}``: about 6 ms per citation in an ordinary virtual environment, most of a plain
Sphinx build of a long report with notes (see ``benchmarks/README.md``). The installed entry
points do not change during a build, so the lookups are cached for the life of the process.
No Sphinx import.
"""

from __future__ import annotations

import functools
from typing import Any


def cache_pybtex_plugins() -> None:
    """Make pybtex's entry-point lookups cached (plugins registered at run time still win)."""
    try:
        import pybtex.plugin as plugin
    except ImportError:  # no pybtex: nothing to speed up
        return
    if getattr(plugin.entry_points, "_assessments_cached", False):
        return
    lookup = plugin.entry_points

    @functools.cache
    def _cached(params: tuple[tuple[str, str], ...]) -> tuple[Any, ...]:
        return tuple(lookup(**dict(params)))

    def entry_points(**params: str) -> tuple[Any, ...]:
        return _cached(tuple(sorted(params.items())))

    entry_points._assessments_cached = True  # type: ignore[attr-defined]
    # pybtex.plugin calls entry_points(group=..., name=...) through its module global
    plugin.entry_points = entry_points
