"""Many hands on one report: two pull requests that each update a different forecast merge with
plain ``git merge``, and the merged report builds with warnings as errors, lints clean and counts
both updates. The report is one started by ``report-checks new``, built by Sphinx."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from checks.cli import main

PUBLISHED = "2025-03-14"
AS_OF = "2025-09-01"

#: Two forecasts without an outcome yet, appended to the worked example's chapter.
MORE = """

:::{{forecast}} {title}
:id: {id}
:likelihood: likely
:confidence: low
:made_on: 2025-03-14
:resolve_by: 2026-12-31
:window: source
:hedge: will probably
:coding: original
:quote: {title} will probably happen before the end of 2026.
:criteria: Yes if the harbour authority reports it on or before 2026-12-31; otherwise no.
:basis: exampleoutlook

{title} will probably happen before the end of 2026.
:::
"""


def _git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    command = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    return subprocess.run([*command, *args], check=check, capture_output=True, text=True)


class Report:
    """A new report in git, built and checked as its authors would, in its own folder."""

    def __init__(self, root: Path) -> None:
        self.root = root
        args = ["new", str(root), "--title", "Harbour", "--author", "Ann Example"]
        assert main([*args, "--published", PUBLISHED]) == 0
        with (root / "docs" / "chapter.md").open("a", encoding="utf-8") as chapter:
            for forecast_id, title in (("F_FERRY", "A ferry route"), ("F_DREDGE", "Dredging")):
                chapter.write(MORE.format(id=forecast_id, title=title))
        self.build()
        assert self.checks("ledger", "freeze") == 0
        _git(root, "init", "-q", "-b", "main")
        _git(root, "add", ".")
        _git(root, "commit", "-q", "-m", "Publish the report")

    def build(self) -> subprocess.CompletedProcess[str]:
        html = self.root / "docs" / "_build" / "html"
        return subprocess.run(
            [sys.executable, "-m", "sphinx", "-q", "-W", "--keep-going", "-n", "-b", "html"]
            + [str(self.root / "docs"), str(html)],
            capture_output=True,
            text=True,
            env={**os.environ, "REPORT_AS_OF": AS_OF},
        )

    def checks(self, *args: str) -> int:
        cwd = Path.cwd()
        os.chdir(self.root)
        try:
            return main([*args, "--as-of", AS_OF] if args[0] != "score" else list(args))
        finally:
            os.chdir(cwd)

    def update_on_a_branch(self, branch: str, forecast_id: str, on: str) -> None:
        """A pull request: re-estimate one forecast, rebuild, record the update, commit."""
        _git(self.root, "checkout", "-q", "-b", branch, "main")
        chapter = self.root / "docs" / "chapter.md"
        text = chapter.read_text(encoding="utf-8")
        block = text.index(f":id: {forecast_id}")
        end = text.index(":::", block)
        text = (
            text[:block]
            + text[block:end].replace(":likelihood: likely", ":likelihood: highly likely")
            + text[end:]
        )
        chapter.write_text(text, encoding="utf-8")
        assert self.build().returncode == 0
        reason = f"New information on {forecast_id}"
        revise = ["ledger", "revise", forecast_id, "--kind", "update", "--on", on]
        assert self.checks(*revise, "--reason", reason) == 0
        _git(self.root, "add", ".")
        _git(self.root, "commit", "-q", "-m", f"Update {forecast_id}")
        _git(self.root, "checkout", "-q", "main")


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_two_pull_requests_updating_different_forecasts_merge_and_both_count(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = Report(tmp_path / "harbour")
    report.update_on_a_branch("ferry", "F_FERRY", "2025-05-01")
    report.update_on_a_branch("dredge", "F_DREDGE", "2025-06-01")
    for branch in ("ferry", "dredge"):
        merged = _git(report.root, "merge", "--no-ff", "-m", f"Merge {branch}", branch, check=False)
        assert merged.returncode == 0, merged.stdout + merged.stderr
    built = report.build()
    assert built.returncode == 0, built.stderr
    capsys.readouterr()
    assert report.checks("lint") == 0
    assert "lint: 0 errors" in capsys.readouterr().out
    assert report.checks("ledger", "show") == 0
    shown = capsys.readouterr().out
    assert shown.count(" update ") == 2, shown
    chapter = (report.root / "docs/_build/html/chapter.html").read_text(encoding="utf-8")
    assert "New information on F_FERRY" in chapter and "New information on F_DREDGE" in chapter
