"""constraints/oldest.txt, which `tox -e oldest` installs under, follows pyproject.toml's floors."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location(
    "oldest_constraints", ROOT / "scripts" / "oldest_constraints.py"
)
oldest = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(oldest)

PYPROJECT = """\
[project]
name = "x"
dependencies = [
    "Sphinx_Needs>=9.1,<10",  # a comment
    "pybtex >= 0.25",
    "myst-parser[linkify]~=4.0",
]

[project.optional-dependencies]
test = ["pytest==8.3.2"]
lint = ["ruff"]  # not installed by tox -e oldest: needs no floor
"""


def test_the_committed_constraints_follow_pyproject() -> None:
    committed = oldest.CONSTRAINTS.read_text(encoding="utf-8")
    wanted = oldest.generate(oldest.PYPROJECT.read_text(encoding="utf-8"), committed)
    assert committed == wanted, (
        f"{oldest.CONSTRAINTS.relative_to(ROOT)} does not match the floors in pyproject.toml: "
        f"run `{oldest.COMMAND}` and commit the result"
    )


def test_every_direct_dependency_is_pinned_to_its_floor() -> None:
    committed = oldest.CONSTRAINTS.read_text(encoding="utf-8")
    head, _ = oldest.split(committed)
    pinned = dict(
        line.split("==") for line in head.splitlines() if line and not line.startswith("#")
    )
    pyproject = oldest.tomllib.loads(oldest.PYPROJECT.read_text(encoding="utf-8"))
    assert set(pinned) == {oldest.floor(r)[0] for r in oldest.direct_requirements(pyproject)}
    assert pinned["sphinx-needs"] == "9.1"


@pytest.mark.parametrize("use_packaging", [False, True], ids=["regex", "packaging"])
def test_both_parsers_read_the_same_floors(use_packaging: bool) -> None:
    if use_packaging:
        pytest.importorskip("packaging")
    assert oldest.floors(oldest.tomllib.loads(PYPROJECT), use_packaging=use_packaging) == {
        "sphinx-needs": "9.1",
        "pybtex": "0.25",
        "myst-parser": "4.0",
        "pytest": "8.3.2",
    }
    real = oldest.tomllib.loads(oldest.PYPROJECT.read_text(encoding="utf-8"))
    assert oldest.floors(real, use_packaging=use_packaging) == oldest.floors(
        real, use_packaging=False
    )


@pytest.mark.parametrize("use_packaging", [False, True], ids=["regex", "packaging"])
@pytest.mark.parametrize(
    "requirement",
    [
        "ruff",
        "sphinx<10",
        "sphinx>8",
        "sphinx>=8,>=8.1",
        "sphinx==8.*",
        'x>=1; python_version<"3.12"',
    ],
)
def test_a_dependency_without_one_plain_floor_is_refused(
    requirement: str, use_packaging: bool
) -> None:
    if use_packaging:
        pytest.importorskip("packaging")
    with pytest.raises(oldest.FloorError, match="floor"):
        oldest.floor(requirement, use_packaging=use_packaging)


def test_a_changed_floor_changes_the_file() -> None:
    before = oldest.generate(PYPROJECT)
    after = oldest.generate(PYPROJECT.replace("pybtex >= 0.25", "pybtex>=0.26"))
    assert "pybtex==0.25\n" in before
    assert "pybtex==0.26\n" in after


def test_the_transitive_section_is_kept_and_may_not_pin_a_direct_dependency() -> None:
    generated = oldest.generate(PYPROJECT)
    kept = "# docutils 0.22 breaks Sphinx 8.1 (example)\ndocutils<0.22\n"
    current = generated.replace(oldest.DEFAULT_TRANSITIVE, kept)
    assert oldest.generate(PYPROJECT, current) == current
    assert oldest.transitive_names(kept) == ["docutils"]
    with pytest.raises(oldest.FloorError, match="pybtex"):
        oldest.generate(PYPROJECT, current + "pybtex<0.26\n")
