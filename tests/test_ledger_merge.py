"""Many hands on one ledger: branches that revise different forecasts merge with plain
``git merge``; the same forecast revised on two branches is a conflict, and kept twice a lint
error naming both revisions, never a silent loss."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from checks.cli import main
from test_checks_support import BIB, forecast, outcome, write_needs
from tradecraft import ledger

AS_OF = "2026-11-25"
PUBLISHED = {"likelihood": "likely", "probability": 0.65}
UPDATED = {"likelihood": "highly likely", "probability": 0.85}


def git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        check=check,
        capture_output=True,
        text=True,
    )


class Repo:
    """A report in git: the ledger and the sources are committed; needs.json is built, so it
    lives outside the repository and is written for the state each step needs."""

    def __init__(self, root: Path) -> None:
        self.root, self.needs = root / "repo", root / "needs.json"
        self.ledger = self.root / "forecast-ledger"
        (self.root / "docs").mkdir(parents=True)
        (self.root / "refs.bib").write_text(BIB, encoding="utf-8")
        (self.root / "docs" / "chapter.md").write_text(
            "# Chapter\n\nAs {footcite}`dyner2020scenarios` argues.\n", encoding="utf-8"
        )
        self.build()
        git(self.root, "init", "-q", "-b", "main")
        assert self.run("ledger", "freeze") == 0
        git(self.root, "add", ".")
        git(self.root, "commit", "-q", "-m", "publish")

    def build(self, **estimates: dict[str, Any]) -> None:
        """needs.json with F_A, F_B and F_C (each resolved yes), re-estimated as given."""
        write_needs(
            self.needs,
            *(forecast(f, **estimates.get(f, PUBLISHED)) for f in ("F_A", "F_B", "F_C")),
            *(outcome(f"O_{f[2:]}", f) for f in ("F_A", "F_B", "F_C")),
        )

    def run(self, *args: str) -> int:
        common = ["--needs", str(self.needs), "--ledger", str(self.ledger)]
        if args[0] != "score":
            common += ["--as-of", AS_OF]
        if args[0] == "lint":
            common += ["--bib", str(self.root / "refs.bib"), "--docs", str(self.root / "docs")]
        return main([*args, *common])

    def branch_with_update(self, name: str, forecast_id: str, on: str, reason: str) -> None:
        """A branch off main whose one commit records an update of one forecast."""
        git(self.root, "checkout", "-q", "-b", name, "main")
        self.build(**{forecast_id: UPDATED})
        revise = ["ledger", "revise", forecast_id, "--kind", "update", "--on", on]
        assert self.run(*revise, "--reason", reason) == 0
        git(self.root, "add", ".")
        git(self.root, "commit", "-q", "-m", f"update {forecast_id}")
        git(self.root, "checkout", "-q", "main")


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    return Repo(tmp_path)


def test_updates_of_different_forecasts_merge_and_both_count(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    repo.branch_with_update("a", "F_A", "2022-02-01", "Basing talks reported")
    repo.branch_with_update("b", "F_B", "2022-03-01", "Exercise announced")
    for branch in ("a", "b"):
        merged = git(
            repo.root, "merge", "--no-ff", "-q", "-m", f"merge {branch}", branch, check=False
        )
        assert merged.returncode == 0, merged.stdout + merged.stderr
    assert git(repo.root, "status", "--porcelain").stdout == ""
    repo.build(F_A=UPDATED, F_B=UPDATED)  # the merged sources, built
    capsys.readouterr()
    assert repo.run("lint") == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith("lint: 0 errors, 0 warnings")
    assert repo.run("score", "--format", "json") == 0
    assert json.loads(capsys.readouterr().out)["updates"] == 2


def test_the_same_forecast_revised_on_two_branches_is_caught(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    repo.branch_with_update("a", "F_A", "2022-02-01", "Basing talks reported")
    repo.branch_with_update("c", "F_A", "2022-03-01", "Exercise announced")
    assert git(repo.root, "merge", "-q", "a").returncode == 0
    merged = git(repo.root, "merge", "-q", "c", check=False)
    assert merged.returncode != 0
    assert "CONFLICT (content): Merge conflict in forecast-ledger/F_A.json" in merged.stdout
    file = repo.ledger / "F_A.json"
    repo.build(F_A=UPDATED)
    capsys.readouterr()
    assert repo.run("lint") == 2  # the conflict left in the file: one line, the way out
    assert capsys.readouterr().err == (
        f"report-checks: error: {file}: an unresolved git merge conflict: the forecast was "
        f"revised on two branches; keep one side (git checkout --ours -- {file}, or --theirs) "
        "and record the other revision again with report-checks ledger revise\n"
    )
    # resolved by keeping both revisions, one after the other: the fork is named
    ours = json.loads(git(repo.root, "show", "a:forecast-ledger/F_A.json").stdout)
    theirs = json.loads(git(repo.root, "show", "c:forecast-ledger/F_A.json").stdout)
    ours["revisions"] += theirs["revisions"]
    file.write_text(json.dumps(ours, indent=2), encoding="utf-8")
    assert repo.run("lint") == 1
    assert (
        f"{file}: error: F_A: revisions of 2022-02-01 (update, 'Basing talks reported') and "
        "2022-03-01 (update, 'Exercise announced') both follow the forecast as published; the "
        "same forecast was revised on two branches: keep one and record the other again with "
        "report-checks ledger revise F_A "
        '--kind correction|update --reason "..."'
    ) in capsys.readouterr().out


def test_a_conflict_resolved_by_recording_again_lints_clean(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    """What CONTRIBUTING tells a reviewer: keep main's file, record the branch's revision again."""
    repo.branch_with_update("a", "F_A", "2022-02-01", "Basing talks reported")
    repo.branch_with_update("c", "F_A", "2022-03-01", "Exercise announced")
    git(repo.root, "merge", "-q", "a")
    git(repo.root, "checkout", "-q", "c")
    assert git(repo.root, "merge", "-q", "main", check=False).returncode != 0
    git(repo.root, "checkout", "main", "--", "forecast-ledger/F_A.json")  # main's side
    repo.build(F_A={"likelihood": "almost certain", "probability": 0.95})
    revise = ["ledger", "revise", "F_A", "--kind", "update", "--on", "2022-03-01"]
    assert repo.run(*revise, "--reason", "Exercise announced") == 0
    git(repo.root, "commit", "-q", "-am", "merge main")
    capsys.readouterr()
    assert repo.run("lint") == 0
    assert repo.run("score", "--format", "json") == 0
    assert json.loads(capsys.readouterr().out.splitlines()[-1])["updates"] == 2


def test_diff_reads_the_ledger_at_each_side_of_the_migration(repo: Repo) -> None:
    """A pull request that migrates the ledger records no revision: the diff says so."""
    from checks.diff import ledger_at, recorded_revisions

    repo.branch_with_update("a", "F_A", "2022-02-01", "Basing talks reported")
    git(repo.root, "merge", "-q", "a")
    book = ledger.load_ledger(repo.ledger)
    single = {"format": 2, "forecasts": book.forecasts, "revisions": [], "frozen_on": None}
    for revision in book.revisions:  # chained across all forecasts, as format 2 was
        previous = single["revisions"][-1]["chain"] if single["revisions"] else None
        single["revisions"].append({**revision, "chain": ledger.chain(previous, revision)})
    shutil.rmtree(repo.ledger)
    (repo.root / "forecast-ledger.json").write_text(json.dumps(single), encoding="utf-8")
    git(repo.root, "add", "-A")
    git(repo.root, "commit", "-q", "-m", "the old layout")
    assert main(["ledger", "migrate", "--ledger", str(repo.ledger)]) == 0
    git(repo.root, "add", "-A")
    git(repo.root, "commit", "-q", "-m", "migrate")
    before = ledger_at("HEAD~1", "forecast-ledger", cwd=repo.root)
    after = ledger_at("HEAD", "forecast-ledger", cwd=repo.root)
    assert before is not None and before.single_file
    assert after is not None and not after.single_file
    assert after.forecasts == before.forecasts
    assert recorded_revisions(before, after) == {}
    published = git(repo.root, "rev-list", "--max-parents=0", "HEAD").stdout.strip()
    assert list(recorded_revisions(ledger_at(published, "forecast-ledger", repo.root), after)) == [
        "F_A"
    ]
