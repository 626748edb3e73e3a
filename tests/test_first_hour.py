"""A first hour without traps: each trap a new author met, and the message it now gives.

A failed build linted as if it were the report; lint over two clean reports calling every
namespaced id invalid; ``::{forecast}`` (two colons) silently becoming a paragraph. The
"did you mean" of misspelt values and link ids is in ``test_one_wording.py`` (the build and
``lint`` give it in the same words).
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from checks.cli import main
from checks.lint import scan_docs
from tradecraft.build_status import MARKER
from tradecraft.suggest import did_you_mean, nearest

AS_OF = ("--as-of", "2023-01-01")


def _build(docs: Path, out: Path) -> int:
    """``tox -e html``'s build of ``docs`` into ``out``: its exit status."""
    from sphinx.cmd.build import build_main

    return build_main(["-q", "-W", "--keep-going", "-b", "html", str(docs), str(out)])


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture(scope="module")
def valid_needs(rootdir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The needs.json of a clean build of the ``test-valid`` root, built where it lies (a build
    writes only to its output folder)."""
    work = tmp_path_factory.mktemp("valid")
    assert _build(rootdir / "test-valid", work / "html") == 0
    assert not (work / "html" / MARKER).exists()
    return work / "html" / "needs.json"


@pytest.mark.sphinx("html", testroot="valid")
def test_lint_over_a_failed_build_says_so_until_a_build_succeeds(
    own_copy: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(own_copy.parent)  # the layout of a report: lint's defaults find the build
    chapter = own_copy / "index.md"
    text = chapter.read_text()
    chapter.write_text(text.replace(":likelihood: likely", ":likelihood: lkely"))
    assert _build(Path("docs"), Path("docs/_build/html")) == 1
    assert Path("docs/_build/html/needs.json").is_file()  # -W --keep-going still writes it

    code, out, err = _run(capsys, "lint", "--bib", "docs/refs.bib", *AS_OF)
    assert (code, out) == (2, "")
    assert err == (
        "report-checks: error: docs/_build/html/needs.json comes from a build that failed: "
        "docs/index.md:9: forecast F_ONE: unknown likelihood 'lkely' for the phia yardstick; "
        "accepted: remote chance, highly unlikely, unlikely, realistic possibility, likely, "
        "highly likely, almost certain, probable; did you mean 'likely'? [assessments.invalid]; "
        "fix it and rebuild (tox -e html)\n"
    )

    chapter.write_text(text)  # fixed: the incremental build that succeeds clears the mark
    assert _build(Path("docs"), Path("docs/_build/html")) == 0
    code, out, _ = _run(capsys, "lint", "--bib", "docs/refs.bib", *AS_OF)
    assert code == 0 and "lint: 0 errors" in out


def test_two_clean_reports_lint_clean_together(
    valid_needs: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("first", "second"):
        (tmp_path / name).mkdir()
        shutil.copy(valid_needs, tmp_path / name / "needs.json")
    both = ["--needs", f"first={tmp_path}/first/needs.json"]
    both += ["--needs", f"second={tmp_path}/second/needs.json"]
    code, out, _ = _run(capsys, "lint", *both, *AS_OF)
    assert (code, out) == (0, "lint: 0 errors, 0 warnings (0 unsourced claims, 0 lines with "
                               "unquantified hedges)\n")  # fmt: skip

    registry = tmp_path / "registry.toml"
    registry.write_text(
        '[[report]]\nname = "first"\nneeds = "first/needs.json"\n\n'
        '[[report]]\nname = "second"\nneeds = "second/needs.json"\n'
    )
    code, out, _ = _run(capsys, "lint", "--registry", str(registry), *AS_OF)
    assert code == 0 and "lint: 0 errors, 0 warnings" in out

    # a real error in one report is still found, named with its report
    second = tmp_path / "second" / "needs.json"
    data = json.loads(second.read_text())
    data["versions"][data["current_version"]]["needs"]["F_ONE"]["confidence"] = "hgih"
    second.write_text(json.dumps(data))
    code, out, _ = _run(capsys, "lint", *both, *AS_OF)
    assert code == 1
    assert out.splitlines()[:-1] == [
        "docs/index.md:9: error: SECOND__F_ONE: confidence 'hgih' is not one of low, moderate, "
        "high; did you mean 'high'?"
    ]


@pytest.mark.sphinx("html", testroot="two-colons", freshenv=True)
def test_two_colons_are_reported_in_the_build_and_by_lint(app) -> None:
    src = app.srcdir
    app.build()
    warnings = re.sub(r"\x1b\[[0-9;]*m", "", app._warning.getvalue()).splitlines()
    expected = [
        (13, "two colons do not open a directive: write ':::{forecast}'"),
        (20, "two colons do not open a directive: write ':::{note}'"),  # any known directive
    ]
    assert warnings == [
        f"{src / 'index.md'}:{line}: WARNING: {message} [assessments.fence]"
        for line, message in expected
    ]  # the examples in code blocks and the unknown ::{notadirective} are left alone
    found = [str(p) for p in scan_docs(src).fences]
    assert found == [f"{src / 'index.md'}:{line}: error: {message}" for line, message in expected]


@pytest.mark.sphinx("html", testroot="valid")
def test_a_misspelt_option_gets_the_nearest_one(own_copy: Path, make_app, app_params) -> None:
    # sphinx-needs reports the unknown option; our directive adds the nearest (this also fails
    # loudly when sphinx-needs words it otherwise, see assessments.directives)
    chapter = own_copy / "index.md"
    misspelt = ":likelyhood: likely"  # codespell:ignore likelyhood
    chapter.write_text(chapter.read_text().replace(":likelihood: likely", misspelt))
    app = make_app(*app_params.args, **app_params.kwargs)
    app.build()
    warnings = re.sub(r"\x1b\[[0-9;]*m", "", app._warning.getvalue()).splitlines()
    assert warnings == [
        f"{chapter}:9: WARNING: Unknown option 'likelyhood'; did you mean :likelihood:? "
        "[needs.directive]"
    ]


@pytest.mark.parametrize(
    ("value", "accepted", "expected"),
    [
        ("lkely", ["likely", "highly likely", "unlikely"], ["likely", "unlikely"]),
        ("Moderat", ["low", "moderate", "high"], ["moderate"]),  # case is ignored
        ("guess", ["original", "editorial"], []),
    ],
)
def test_nearest_accepted_values(value: str, accepted: list[str], expected: list[str]) -> None:
    assert nearest(value, accepted) == expected


def test_did_you_mean_wording() -> None:
    assert did_you_mean("hgih", ["low", "moderate", "high"]) == "; did you mean 'high'?"
    ids = ["F_ZAPAD_INTEGRATION", "F_ZAPAD_INTEGRATED", "F_ZAPAD_EXERCISE", "F_NO_BASE"]
    assert did_you_mean("F_ZAPAD_INTEGRATON", ids, 3) == (
        "; did you mean 'F_ZAPAD_INTEGRATION' or 'F_ZAPAD_INTEGRATED'?"  # closest first
    )
    assert did_you_mean("partly", ["yes", "no"]) == ""


#: The tox environments of this repository that a new report made with the toolkit also has.
#: The tox environments of a report started by ``report-checks new``.
NEW_REPORT_ENVS = set(
    re.findall(
        r"^\[testenv:([\w-]+)\]",
        (Path(__file__).parent.parent / "src/checks/templates/report/tox.ini").read_text(
            encoding="utf-8"
        ),
        re.MULTILINE,
    )
)


def _messages() -> list[tuple[str, str]]:
    """``(module, text)`` of every string in src/ that is not a docstring or a comment: what
    the toolkit can say to its user. An f-string's literal parts count, its fields do not."""
    import ast

    found = []
    for path in sorted((Path(__file__).parent.parent / "src").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef))
            and node.body
            and isinstance(node.body[0], ast.Expr)
        }
        for node in ast.walk(tree):
            is_text = isinstance(node, ast.Constant) and isinstance(node.value, str)
            if is_text and id(node) not in docstrings:
                found.append((path.stem, node.value))
    return found


def test_every_command_a_message_names_works_here_and_in_a_new_report() -> None:
    from checks.cli import build_parser

    tox = (Path(__file__).parent.parent / "tox.ini").read_text()
    envs = set(re.findall(r"^\[testenv:([\w-]+)\]", tox, re.MULTILINE))
    parser = build_parser()
    commands = parser._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    actions = commands["ledger"]._subparsers._group_actions[0].choices
    named = 0
    for module, text in _messages():
        for env in re.findall(r"\btox -e ([\w-]+)", text):
            named += 1
            assert env in envs & NEW_REPORT_ENVS, (module, text)
        for command, action in re.findall(r"\breport-checks ([a-z]+)(?: ([a-z]+))?", text):
            named += 1
            assert command in commands, (module, text)
            assert command != "ledger" or action in actions, (module, text)
        others = re.sub(r"python -m (checks|pip)\b", "", text)
        assert "python -m" not in others, (module, text)
    assert named >= 5  # the messages of the build, lint and the ledger were looked at
