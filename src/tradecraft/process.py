"""How a process that built or read a large report ends: quickly, without collecting again.

When a Python process exits, CPython's finalization runs full collections over every object still
alive while it tears the modules down. After a build (the environment, the cached doctrees, every
need) or after ``report-checks`` read a large ``needs.json``, that is seconds of work whose
result nobody sees: measured, 4 s of a 13 s clean build of 1,000 forecasts on one page, 0.8 s of
plain Sphinx's 7 s on the same text, and a tenth to a quarter of ``report-checks lint`` at
10,000 forecasts (``benchmarks/README.md``). Frozen first (:func:`gc.freeze`), those objects are not
traversed, and the process ends in a fraction of a second.

Only at exit (``atexit``), so a program that goes on (a test run, a live preview) still collects
them; objects are still freed by reference counting, and files flushed and closed as before.
"""

from __future__ import annotations

import atexit
import gc

_registered = False


def freeze_at_exit() -> None:
    """Register, once per process, a freeze of every object alive when the process exits."""
    global _registered  # noqa: PLW0603 (once per process, whoever asks first)
    if not _registered:
        atexit.register(gc.freeze)
        _registered = True
