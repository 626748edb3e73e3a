"""Test roots reach a test through ``@pytest.mark.sphinx(testroot=...)``, never a copy by hand.

sphinx.testing copies ``tests/roots/test-<name>/`` for the test; a test that edits the sources
takes ``own_copy`` (tests/conftest.py). A ``shutil.copytree`` of a root in a test file is a
copy that fixture and its guard against shared edits never see.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

TESTS = Path(__file__).parent


def hand_copies(path: Path) -> list[str]:
    """Each ``copytree`` in ``path`` of a test root, as ``file:line: code``.

    A copy of a test root is one whose source names a root (``rootdir / ...``, ``ROOTS``,
    ``roots``), or a helper's parameter (``_copy(rootdir / "test-valid", tmp_path)``).
    """
    text = path.read_text(encoding="utf-8")
    found: dict[int, str] = {}
    for function in ast.walk(ast.parse(text, str(path))):
        if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        parameters = {a.arg for a in [*function.args.posonlyargs, *function.args.args]}
        for node in ast.walk(function):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func, source = node.func, node.args[0]
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            names_a_root = "root" in (ast.get_source_segment(text, source) or "").lower()
            a_parameter = isinstance(source, ast.Name) and source.id in parameters
            if name == "copytree" and (names_a_root or a_parameter):
                where = f"{path.relative_to(TESTS.parent).as_posix()}:{node.lineno}"
                found[node.lineno] = f"{where}: {ast.get_source_segment(text, node)}"
    return [found[line] for line in sorted(found)]


def test_no_test_copies_a_test_root_by_hand() -> None:
    found = [line for path in sorted(TESTS.rglob("*.py")) for line in hand_copies(path)]
    assert found == [], (
        "test roots copied by hand; mark the test @pytest.mark.sphinx(testroot=...) and use "
        "app, or make_app(*app_params.args, **app_params.kwargs), and own_copy to edit one:\n"
        + "\n".join(found)
    )


#: Tests run against a copy of conftest.py: one edits the copy every test of its root shares,
#: two edit copies of their own, one asks for its own copy too late.
INNER_TESTS = """
import pytest

pytestmark = pytest.mark.sphinx("html", testroot="tiny")


def test_edits_the_shared_copy(app_params):
    (app_params.kwargs["srcdir"] / "index.rst").write_text("Edited\\n======\\n")


@pytest.mark.parametrize("n", [1, 2])
def test_edits_its_own_copy(own_copy, app_params, n):
    page = own_copy / "index.rst"
    assert page.read_text() == "Tiny\\n====\\n", "another test's edit shows"
    page.write_text(f"Edited {n}\\n")
    assert app_params.kwargs["srcdir"] == own_copy


def test_asks_for_its_own_copy_too_late(app_params, own_copy):
    pass
"""


def test_an_edit_of_a_shared_copy_fails_the_test_that_made_it(tmp_path: Path) -> None:
    root = tmp_path / "roots" / "test-tiny"
    root.mkdir(parents=True)
    (root / "conf.py").write_text("")
    (root / "index.rst").write_text("Tiny\n====\n")
    (tmp_path / "conftest.py").write_text((TESTS / "conftest.py").read_text(encoding="utf-8"))
    (tmp_path / "test_inner.py").write_text(INNER_TESTS)
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rE", str(tmp_path)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    out = result.stdout
    assert "3 passed, 2 errors" in out, out
    assert (
        "test_inner.py::test_edits_the_shared_copy changed index.rst in the copy of "
        "tests/roots/test-tiny/ that other tests share; take own_copy to edit a root"
    ) in out, out
    assert (
        "test_inner.py::test_asks_for_its_own_copy_too_late: app or app_params came before "
        "own_copy and built the shared copy"
    ) in out, out
