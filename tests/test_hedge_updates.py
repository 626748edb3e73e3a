"""An update changes a forecast's estimate, not the sentence it was coded from.

The hedge of the quoted sentence codes the likelihood the forecast was published with. Once the
forecast ledger records an update, the directive's ``:likelihood:`` holds the new estimate and the
hedge is still checked against the published one: by the build (a clean build as much as an
incremental one) and by ``report-checks lint``, in the same words.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sphinx.cmd.build import build_main

from checks.cli import main

pytestmark = pytest.mark.sphinx(testroot="incremental")
HEDGED = (
    ":coding: editorial\n:criteria: It happens.",
    ":coding: editorial\n:hedge: is expected\n:quote: It is expected to happen.\n"
    ":criteria: It happens.",
)


@pytest.fixture
def src(own_copy: Path) -> Path:
    _edit(own_copy, *HEDGED)  # F_ONE: 'is expected' codes 'likely', as published in the ledger
    return own_copy


def _edit(src: Path, old: str, new: str) -> None:
    page = src / "forecasts.md"
    text = page.read_text()
    assert old in text
    page.write_text(text.replace(old, new, 1))


def _build(src: Path, out: Path, capsys: pytest.CaptureFixture[str], clean: bool = False) -> str:
    """Build; return the warnings (empty when the build passes)."""
    capsys.readouterr()
    args = ["-q", "-W", "--keep-going", "-b", "html", str(src), str(out)]
    code = build_main(["-E", *args] if clean else args)
    err = capsys.readouterr().err
    assert (code == 0) == (err.strip() == ""), err
    return err


def _revise(src: Path, out: Path, kind: str) -> int:
    args = ["ledger", "revise", "F_ONE", "--kind", kind, "--reason", "new information"]
    args += ["--on", "2022-01-01", "--as-of", "2026-01-01"]
    return main(
        [*args, "--needs", str(out / "needs.json"), "--ledger", str(src / "forecast-ledger")]
    )


def _lint(src: Path, out: Path, capsys: pytest.CaptureFixture[str]) -> str:
    capsys.readouterr()
    args = [
        "lint",
        "--needs",
        str(out / "needs.json"),
        "--ledger",
        str(src / "forecast-ledger"),
    ]
    main([*args, "--bib", str(src / "refs.bib"), "--docs", str(src), "--as-of", "2026-01-01"])
    captured = capsys.readouterr()
    return captured.out + captured.err


def test_an_update_keeps_the_hedge_of_the_published_estimate(src, tmp_path, capsys) -> None:
    out = tmp_path / "out"
    assert _build(src, out, capsys) == ""
    _edit(src, ":id: F_ONE\n:likelihood: likely", ":id: F_ONE\n:likelihood: highly likely")
    assert _build(src, out, capsys) == ""  # the ledger still says 'likely': lint flags the change
    assert "without a recorded revision" in _lint(src, out, capsys)
    assert _revise(src, out, "update") == 0
    assert _build(src, out, capsys) == ""  # incremental: the ledger is a dependency of the page
    assert _build(src, tmp_path / "clean", capsys, clean=True) == ""
    assert "lint: 0 errors" in _lint(src, out, capsys)


def test_a_correction_must_agree_with_the_hedge(src, tmp_path, capsys) -> None:
    out = tmp_path / "out"
    assert _build(src, out, capsys) == ""
    _edit(src, ":id: F_ONE\n:likelihood: likely", ":id: F_ONE\n:likelihood: highly likely")
    assert _build(src, out, capsys) == ""
    assert _revise(src, out, "correction") == 0  # now 'highly likely' is the published estimate
    expected = "hedge 'is expected' maps to 'likely' in the hedge table, not 'highly likely'"
    incremental = _build(src, out, capsys)  # the page is re-read: the ledger changed
    assert "forecasts.md" in incremental and expected in incremental
    assert expected in _build(src, tmp_path / "clean", capsys, clean=True)
    assert expected in _lint(src, out, capsys)


def test_a_report_without_a_ledger_builds_and_lint_names_freeze(src, tmp_path, capsys) -> None:
    """Build and freeze never wait on each other: no ledger yet is an empty one."""
    shutil.rmtree(src / "forecast-ledger")
    out = tmp_path / "out"
    assert _build(src, out, capsys) == ""
    assert "no forecast ledger yet: none of the report's 2 forecast(s) is in it" in _lint(
        src, out, capsys
    )
    freeze = ["ledger", "freeze", "--needs", str(out / "needs.json")]
    assert main([*freeze, "--ledger", str(src / "forecast-ledger")]) == 0
    assert _build(src, out, capsys) == ""
    assert "lint: 0 errors" in _lint(src, out, capsys)
