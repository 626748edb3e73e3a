"""Work-arounds for slowness outside the extension that a large report runs into.

Each is measured in ``benchmarks/README.md``. No Sphinx import, and no patch to sphinx-needs
(:mod:`assessments.needs_internals` holds the one there is).

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
import weakref
from typing import Any

from tradecraft.process import freeze_at_exit


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

    The pybtex speed-up changes nothing a program could observe but time, nor does
    :func:`tradecraft.process.freeze_at_exit`, registered once per process. The collector is
    tuned from ``config-inited`` to ``builder-inited``, the span in which Sphinx unpickles the
    environment (at 10,000 forecasts 1.5 s with the default collector, 0.5 s tuned), so an
    application that is only created leaves the collector as it found it; then again when
    reading starts (``env-before-read-docs``: only a real build gets there) until
    the build finishes, fails (``build-finished``) or the application is collected, whichever
    comes first.
    """
    cache_pybtex_plugins()
    freeze_at_exit()
    tuning = _GcTuning()
    app.connect("config-inited", lambda *_: tuning.tune(), priority=0)
    app.connect("builder-inited", lambda *_: tuning.restore(), priority=900)
    app.connect("env-before-read-docs", lambda *_: tuning.tune())
    app.connect("build-finished", lambda *_: tuning.restore(), priority=900)
    weakref.finalize(app, tuning.restore)
