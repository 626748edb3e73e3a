"""Shared fixtures: Sphinx test roots live in tests/roots/test-<name>/."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

pytest_plugins = ("sphinx.testing.fixtures",)

ROOTS = Path(__file__).parent / "roots"
REPO = Path(__file__).parent.parent


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where sphinx.testing finds the test roots."""
    return ROOTS


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
