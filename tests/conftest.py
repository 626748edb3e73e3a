"""Shared fixtures: Sphinx test roots live in tests/roots/test-<name>/."""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sphinx.util.docutils import docutils_namespace

from assessments.errors import StopBuild

pytest_plugins = ("sphinx.testing.fixtures",)

ROOTS = Path(__file__).parent / "roots"
REPO = Path(__file__).parent.parent


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where sphinx.testing finds the test roots."""
    return ROOTS


@contextlib.contextmanager
def _build_stops(match: str) -> Iterator[None]:
    with docutils_namespace(), pytest.raises(StopBuild, match=match) as stopped:
        yield
    assert stopped.value.code == 2


@pytest.fixture
def build_stops() -> Callable[[str], contextlib.AbstractContextManager[None]]:
    """``with build_stops(match):`` expects the build to stop on bad input (exit 2) with ``match``.

    The stop happens inside Sphinx's constructor, which ``sphinx.testing`` cleans up only after
    an ``Exception``: restore docutils' registries here, as ``sphinx-build`` does.
    """
    return _build_stops


#: What a build of the report reads besides docs/: the bibliography and the forecast ledger.
REPORT_FILES = ("refs.bib", "forecast-ledger")


@pytest.fixture(scope="session")
def report_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The report (docs/ with refs.bib and the ledger) built once per session, -W -n, as HTML."""
    from sphinx.cmd.build import build_main

    work = tmp_path_factory.mktemp("report")
    shutil.copytree(REPO / "docs", work / "docs", ignore=shutil.ignore_patterns("_build"))
    for name in REPORT_FILES:
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, work / name)
        else:
            shutil.copy(REPO / name, work / name)
    out = work / "html"
    status = build_main(
        ["-q", "-W", "--keep-going", "-n", "-b", "html", str(work / "docs"), str(out)]
    )
    assert status == 0, "the report must build without warnings"
    return out
