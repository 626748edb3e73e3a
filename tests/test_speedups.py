"""The extension's work-arounds change how fast a build runs, never what it writes."""

from __future__ import annotations

import contextlib
import gc

import pytest

from assessments import speedups

BUILDS = pytest.mark.sphinx("html", testroot="valid", freshenv=True)


def test_pybtex_lookups_are_cached_and_still_find_our_style() -> None:
    from pybtex.plugin import find_plugin

    from assessments.pybtex_style import ReportStyle

    speedups.cache_pybtex_plugins()
    speedups.cache_pybtex_plugins()  # twice: installed once
    assert find_plugin("pybtex.style.formatting", "report") is ReportStyle
    assert find_plugin("pybtex.style.formatting", "report") is ReportStyle
    assert find_plugin("pybtex.style.formatting").__name__ == "Style"  # the default, unsrt


@BUILDS
def test_the_collector_is_restored_after_a_build(make_app, app_params) -> None:
    before = gc.get_threshold()
    app = make_app(*app_params.args, **app_params.kwargs)
    app.build()
    assert gc.get_freeze_count() == 0
    assert gc.get_threshold() == before


@BUILDS
def test_an_application_that_never_builds_leaves_the_collector_alone(make_app, app_params):
    before = gc.get_threshold()
    make_app(
        *app_params.args, **app_params.kwargs
    )  # as the test suite and tools do: set up, never built
    assert gc.get_freeze_count() == 0
    assert gc.get_threshold() == before


@BUILDS
def test_the_collector_is_restored_when_a_build_fails(make_app, app_params) -> None:
    before = gc.get_threshold()
    app = make_app(*app_params.args, **app_params.kwargs)

    frozen_while_reading: list[int] = []

    def explode(*_args: object) -> None:
        frozen_while_reading.append(gc.get_freeze_count())
        raise RuntimeError("a failing extension")

    app.connect("doctree-read", explode)
    # Sphinx wraps the error; what matters is the state after it
    with contextlib.suppress(Exception):
        app.build()
    assert frozen_while_reading and frozen_while_reading[0] > 0, "tuned while reading"
    assert gc.get_freeze_count() == 0
    assert gc.get_threshold() == before


_AT_EXIT = """
import atexit, gc, sys
# registered first, so it runs last (atexit runs last-in first-out): after the toolkit's hook
atexit.register(lambda: print("frozen at exit:", gc.get_freeze_count() > 0))
{start}
print("frozen before exit:", gc.get_freeze_count() > 0)
"""

_BUILD = """
from assessments import speedups

class App:
    def connect(self, *args, **kwargs):
        pass

app = App()
speedups.install(app)
hooks = atexit._ncallbacks()
speedups.install(App())  # a second application in the same process: no second hook
print("one hook:", atexit._ncallbacks() == hooks)
"""

_CHECKS = """
import contextlib, io
from checks.cli import main
with contextlib.redirect_stderr(io.StringIO()):
    main(["score", "--needs", "no-such-needs.json"])
    hooks = atexit._ncallbacks()
    main(["score", "--needs", "no-such-needs.json"])  # a second run: no second hook
print("one hook:", atexit._ncallbacks() == hooks)
"""


@pytest.mark.parametrize("start", [_BUILD, _CHECKS], ids=["a build", "report-checks"])
def test_what_is_alive_at_exit_is_frozen_not_collected_again(start: str, tmp_path) -> None:
    """A build or a check ends without CPython's final collections over all it read."""
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", _AT_EXIT.format(start=start)],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
    )
    assert done.stdout.splitlines() == [
        "one hook: True",
        "frozen before exit: False",
        "frozen at exit: True",
    ]
