"""Work-arounds for slowness outside the extension that a large report runs into.

Each is measured in ``benchmarks/README.md``. No Sphinx import.

pybtex looks a plugin up among the entry points of every installed distribution on each call
(``importlib.metadata.entry_points`` reads every ``*.dist-info`` and caches nothing), and
sphinxcontrib-bibtex asks for four plugins (the style, its labels, names and sorting) on every
``{footcite}``: about 6 ms per citation in an ordinary virtual environment, a large share of
a plain Sphinx build of a long report with notes. The installed entry
points do not change during a build, so the lookups are cached for the life of the process.
"""

from __future__ import annotations

import functools
import gc
import json
import os
import weakref
from typing import Any


def cache_pybtex_plugins() -> None:
    """Make pybtex's entry-point lookups cached (plugins registered at run time still win)."""
    try:
        import pybtex.plugin as plugin
    except ImportError:  # no pybtex: nothing to speed up
        return
    lookup = getattr(plugin, "entry_points", None)
    if lookup is None or getattr(lookup, "_assessments_cached", False):
        return  # a pybtex without the lookup we cache, or cached already

    @functools.cache
    def _cached(params: tuple[tuple[str, str], ...]) -> tuple[Any, ...]:
        return tuple(lookup(**dict(params)))

    def entry_points(**params: str) -> tuple[Any, ...]:
        return _cached(tuple(sorted(params.items())))

    entry_points._assessments_cached = True  # type: ignore[attr-defined]
    # pybtex.plugin calls entry_points(group=..., name=...) through its module global
    plugin.entry_points = entry_points


#: The names sphinx-needs 9.1's ``NeedsList.write_json`` uses: the replacement below is its body
#: with ``json.dumps`` for ``json.dump``, so it is installed only over that very function.
_WRITE_JSON_NAMES = (
    "_finalise",
    "outdir",
    "open",
    "os",
    "path",
    "join",
    "json",
    "dump",
    "needs_list",
)


def fast_needs_json() -> None:
    """Write needs.json with the C JSON encoder: the same bytes, about three times faster.

    sphinx-needs writes the file with ``json.dump(data, f)``, which always runs the pure-Python
    encoder; ``json.dumps`` with the same arguments runs the C one. The file is rewritten on
    every build, a one-page edit included (0.17 s of 2.8 s at 2,000 forecasts, measured).
    """
    try:
        from sphinx_needs.needsfile import NeedsList
    except ImportError:
        return
    original = NeedsList.write_json
    if getattr(original, "_assessments_fast", False):
        return
    if original.__code__.co_names != _WRITE_JSON_NAMES:  # another sphinx-needs: leave it be
        return

    def write_json(self: Any, needs_file: str = "needs.json", needs_path: str = "") -> None:
        self._finalise()
        needs_dir = needs_path if needs_path else self.outdir
        text = json.dumps(self.needs_list, sort_keys=True)
        with open(os.path.join(needs_dir, needs_file), "w") as f:
            f.write(text)

    write_json._assessments_fast = True  # type: ignore[attr-defined]
    NeedsList.write_json = write_json  # type: ignore[method-assign]


#: The young generation's threshold during a build (CPython's default is 700 allocations).
BUILD_GC_THRESHOLD = 20_000


class _GcTuning:
    """The collector fitted to one build, and its state saved to be restored exactly once.

    A build allocates millions of long-lived objects (doctrees, the environment, every need),
    and each full collection walks all of them again: measured, the collector takes a quarter
    of a clean build at 2,000 forecasts and more than a third at 10,000, and a fifth of a
    one-page-edit rebuild. Two changes, both measured in ``benchmarks/README.md``:

    - ``gc.freeze()`` exempts what is loaded so far (the modules, the application and, on a
      rebuild, the pickled environment with every need) from every later collection: it lives
      until the build ends anyway;
    - a young-generation threshold of :data:`BUILD_GC_THRESHOLD` lets the many short-lived
      objects of parsing die before they are promoted, so full collections come rarer.
    """

    def __init__(self) -> None:
        self.saved: tuple[int, int, int] | None = None

    def tune(self) -> None:
        if self.saved is not None:
            return
        self.saved = gc.get_threshold()
        gc.set_threshold(max(self.saved[0], BUILD_GC_THRESHOLD), *self.saved[1:])
        gc.freeze()

    def restore(self) -> None:
        if self.saved is None:
            return
        gc.unfreeze()
        gc.set_threshold(*self.saved)
        self.saved = None


def install(app: Any) -> None:
    """Install the speed-ups for one application; the collector is tuned only while it loads
    the previous build's environment and while it builds.

    The pybtex and needs.json speed-ups change nothing a program could observe but time. The
    collector is tuned from ``config-inited`` to ``builder-inited``, the span in which Sphinx
    unpickles the environment (at 10,000 forecasts 1.5 s with the default collector, 0.5 s
    tuned), so an application that is only created leaves the collector as it found it; then
    again when reading starts (``env-before-read-docs``: only a real build gets there) until
    the build finishes, fails (``build-finished``) or the application is collected, whichever
    comes first.
    """
    cache_pybtex_plugins()
    fast_needs_json()
    tuning = _GcTuning()
    app.connect("config-inited", lambda *_: tuning.tune(), priority=0)
    app.connect("builder-inited", lambda *_: tuning.restore(), priority=900)
    app.connect("env-before-read-docs", lambda *_: tuning.tune())
    app.connect("build-finished", lambda *_: tuning.restore(), priority=900)
    weakref.finalize(app, tuning.restore)
