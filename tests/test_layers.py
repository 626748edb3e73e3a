"""The layers: a pure core under both the extension and the command line, which never meet."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).parent.parent / "src"
CORE = sorted(p.stem for p in (SRC / "tradecraft").glob("*.py") if p.stem != "__init__")


def imported(package: str) -> set[str]:
    """The top-level names every module of a package imports (at any depth of the module)."""
    names: set[str] = set()
    for path in (SRC / package).glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names.add(node.module.split(".")[0])
    return names


def test_the_core_imports_no_sphinx_or_docutils_module() -> None:
    code = (
        "import sys\n"
        + "".join(f"import tradecraft.{name}\n" for name in CORE)
        + "print(sorted({m.split('.')[0] for m in sys.modules} & "
        "{'sphinx', 'docutils', 'sphinx_needs', 'myst_parser', 'sphinxcontrib', "
        "'assessments', 'checks'}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize(
    ("package", "forbidden"),
    [
        ("tradecraft", {"assessments", "checks", "sphinx", "docutils", "sphinx_needs"}),
        ("assessments", {"checks"}),
        ("checks", {"assessments", "sphinx", "docutils", "sphinx_needs"}),
    ],
)
def test_no_import_crosses_the_layers(package: str, forbidden: set[str]) -> None:
    assert imported(package) & forbidden == set()


#: The one module that may import sphinx-needs beyond its API (and says what it assumes).
NEEDS_BOUNDARY = SRC / "assessments" / "needs_internals.py"


def _needs_imports(path: Path) -> list[str]:
    """``line: module`` of each import of a sphinx-needs module other than sphinx_needs.api."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            modules = [node.module]
        else:
            continue
        found += [
            f"{path.relative_to(SRC)}:{node.lineno}: {module}"
            for module in modules
            if module.split(".")[0] == "sphinx_needs" and module != "sphinx_needs.api"
        ]
    return found


def test_only_the_boundary_imports_sphinx_needs_beyond_its_api() -> None:
    outside = [
        line
        for path in sorted(SRC.rglob("*.py"))
        if path != NEEDS_BOUNDARY
        for line in _needs_imports(path)
    ]
    assert outside == [], (
        "import these through assessments.needs_internals, which states what it assumes "
        f"of sphinx-needs (and test it in tests/test_needs_contract.py): {outside}"
    )
    assert _needs_imports(NEEDS_BOUNDARY), "the boundary imports sphinx-needs"
