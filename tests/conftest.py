"""Shared fixtures: Sphinx test roots live in tests/roots/test-<name>/."""

from __future__ import annotations

import hashlib
import itertools
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest_plugins = ("sphinx.testing.fixtures",)

ROOTS = Path(__file__).parent / "roots"
REPO = Path(__file__).parent.parent


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where sphinx.testing finds the test roots."""
    return ROOTS


# A test marked ``@pytest.mark.sphinx("html", testroot="valid")`` builds sphinx.testing's copy of
# tests/roots/test-valid/ at <tmp>/valid, which every test of that root shares, _build included
# (Sphinx 8.1 copies it once a session, 9.x copies it again over the last one). A test that only
# builds a root shares it, with ``freshenv=True`` so its build reads every page again; a test that
# edits the sources, or reads all of its output folder, takes ``own_copy``.


def _sphinx_kwargs(node: pytest.Item) -> dict[str, object]:
    """The keywords of the node's ``sphinx`` markers, merged as sphinx.testing merges them."""
    kwargs: dict[str, object] = {}
    for marker in reversed(list(node.iter_markers("sphinx"))):
        kwargs.update(marker.kwargs)
    return kwargs


def _own_name(node: pytest.Item) -> str:
    """A folder name for the test alone: its node id, made safe, kept short."""
    name = re.sub(r"[^\w.-]+", "-", node.nodeid).strip("-")
    if len(name) > 100:
        name = f"{name[:90]}-{hashlib.sha1(name.encode()).hexdigest()[:8]}"
    return name


@pytest.fixture
def own_copy(request: pytest.FixtureRequest, sphinx_test_tempdir: Path) -> Path:
    """This test's own copy of its marker's test root, at ``<tmp>/<test id>/docs``.

    sphinx.testing makes the copy (the marker's ``srcdir=``), named after the test, so no other
    test sees an edit. It lies as a report lies, ``docs/`` in a folder of its own, with room
    beside it for a ledger or the other reports of a registry. Request it before ``app`` or
    ``app_params``, which then build this copy.
    """
    if "testroot" not in _sphinx_kwargs(request.node):
        pytest.fail(f"{request.node.nodeid}: own_copy needs @pytest.mark.sphinx(testroot=...)")
    name = base = _own_name(request.node)
    for again in itertools.count(2):  # the same test again in this session (a rerun)
        if not (sphinx_test_tempdir / name).exists():
            break
        name = f"{base}-{again}"
    own = f"{name}/docs"
    request.node.add_marker(pytest.mark.sphinx(srcdir=own), append=False)
    srcdir: Path = request.getfixturevalue("app_params").kwargs["srcdir"]
    if srcdir != sphinx_test_tempdir / own:
        pytest.fail(
            f"{request.node.nodeid}: app or app_params came before own_copy and built the "
            f"shared copy {srcdir}; list own_copy first among the test's arguments"
        )
    return srcdir


def _changed(root: Path, copy: Path) -> list[str]:
    """The files of ``copy`` (its _build aside) that differ from the test root's, or are new."""
    ours = {p.relative_to(root) for p in root.rglob("*") if p.is_file()}
    theirs = {
        p.relative_to(copy)
        for p in copy.rglob("*")
        if p.is_file() and p.relative_to(copy).parts[0] != "_build"
    }
    differ = {p for p in ours & theirs if (root / p).read_bytes() != (copy / p).read_bytes()}
    return sorted(p.as_posix() for p in (ours ^ theirs) | differ)


@pytest.fixture(autouse=True)
def _shared_copies_stay_as_their_roots(
    request: pytest.FixtureRequest, sphinx_test_tempdir: Path
) -> Iterator[None]:
    """Fail a test that edited the copy of a test root other tests share: take own_copy."""
    yield
    if "app_params" not in request.fixturenames:
        return
    kwargs = _sphinx_kwargs(request.node)
    testroot = str(kwargs.get("testroot", "root"))
    copy = sphinx_test_tempdir / str(kwargs.get("srcdir", testroot))
    if copy != sphinx_test_tempdir / testroot or not copy.is_dir():
        return  # a copy of its own
    changed = _changed(ROOTS / f"test-{testroot}", copy)
    if changed:
        pytest.fail(
            f"{request.node.nodeid} changed {', '.join(changed)} in the copy of "
            f"tests/roots/test-{testroot}/ that other tests share; take own_copy to edit a root"
        )


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
