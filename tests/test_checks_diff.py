"""``report-checks diff`` on two crafted needs.json files, and on git revisions."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from checks import diff
from checks.cli import main
from test_checks_support import document, forecast, write_needs
from tradecraft import ledger
from tradecraft.errors import InputError
from tradecraft.records import assessments_from_json, load_assessments

DATA = Path(__file__).parent / "data" / "checks"
OLD, NEW = DATA / "diff-old.json", DATA / "diff-new.json"


@pytest.fixture
def changes() -> diff.ForecastDiff:
    return diff.compare(load_assessments(OLD), load_assessments(NEW))


def test_markdown_matches_the_expected_file(changes: diff.ForecastDiff) -> None:
    assert diff.to_markdown(changes) == (DATA / "diff-expected.md").read_text(encoding="utf-8")


def test_sections_in_order(changes: diff.ForecastDiff) -> None:
    text = diff.to_markdown(changes)
    titles = [line[4:] for line in text.splitlines() if line.startswith("### ")]
    assert titles == [
        "Added",
        "Removed",
        "Re-worded",
        "Re-estimated",
        "Re-dated / criteria changed",
        "Newly resolved",
    ]
    assert text.startswith("**Forecasts: 6 → 6**; 1 added, 1 removed, 1 re-worded, 1 re-estimated")


def test_each_kind_of_change(changes: diff.ForecastDiff) -> None:
    assert [f.id for f in changes.added] == ["F_NEW"]
    assert [f.id for f in changes.removed] == ["F_GONE"]
    assert [r[:2] for r in changes.reworded] == [
        ("F_REWORD", "statement")
    ]  # not F_KEEP: whitespace
    assert [(o.id, diff.estimate(o), diff.estimate(n)) for o, n in changes.reestimated] == [
        ("F_REEST", "likely (p=0.65)", "highly likely (p=0.85)")
    ]
    assert [r[:2] for r in changes.redated] == [
        ("F_REDATE", "resolve_by"),
        ("F_REDATE", "criteria"),
    ]
    [(resolved, was, now)] = changes.resolved
    assert resolved.id == "F_RES" and was is None and now is not None and now.verdict == "yes"
    assert "| F_RES | Zapad scrutiny | yes | 2021-10-01 |" in diff.to_markdown(changes)


def test_probability_alone_is_a_re_estimate() -> None:
    old = assessments_from_json(document(forecast("F_A", likelihood=None, probability=0.3)))
    new = assessments_from_json(document(forecast("F_A", likelihood=None, probability=0.35)))
    changes = diff.compare(old, new)
    assert [(diff.estimate(o), diff.estimate(n)) for o, n in changes.reestimated] == [
        ("p=0.3", "p=0.35")
    ]
    assert "| F_A | Title of F_A | p=0.3 → p=0.35 |" in diff.to_markdown(changes)


def test_pipes_are_escaped(changes: diff.ForecastDiff) -> None:
    assert "Lukashenko in power \\| no transition." in diff.to_markdown(changes)


def test_no_changes() -> None:
    same = diff.compare(load_assessments(OLD), load_assessments(OLD))
    assert same.empty
    assert diff.to_markdown(same) == "No forecast changes.\n"


def test_cli_prints_markdown(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    no_ledger = str(tmp_path / "no-ledger.json")
    assert main(["diff", str(OLD), str(NEW), "--ledger", no_ledger]) == 0
    assert capsys.readouterr().out == (DATA / "diff-expected.md").read_text(encoding="utf-8")


def _ledger_with(*revisions: dict) -> ledger.Ledger:
    book = ledger.Ledger(Path("forecast-ledger.json"))
    for revision in revisions:
        book.append(dict(revision))
    return book


def test_corrections_and_updates_are_told_apart(capsys: pytest.CaptureFixture[str]) -> None:
    old_book = _ledger_with(
        {"id": "F_OLD", "kind": "correction", "date": "2021-09-01", "reason": "typo"}
    )
    new_book = _ledger_with(
        *old_book.revisions,
        {"id": "F_REEST", "kind": "update", "date": "2022-02-01", "reason": "new talks"},
    )
    changes = diff.compare(load_assessments(OLD), load_assessments(NEW), old_book, new_book)
    assert list(changes.recorded) == ["F_REEST"]  # the old revision is not new
    text = diff.to_markdown(changes)
    assert "| id | title | old → new | recorded as |" in text
    assert (
        "| F_REEST | Doctrine update | likely (p=0.65) → highly likely (p=0.85) | update of "
        in text
    )
    assert "### Recorded in the forecast ledger" in text
    assert "| F_REEST | update | 2022-02-01 | new talks |" in text
    unrecorded = diff.compare(load_assessments(OLD), load_assessments(NEW), old_book, old_book)
    assert "| **no revision recorded** |" in diff.to_markdown(unrecorded)


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    root = tmp_path / "repo"
    (root / "docs").mkdir(parents=True)
    write_needs(
        root / "docs" / "fixture.json", forecast("F_A", probability=0.7, likelihood="likely")
    )
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "first")
    return root


def test_revision_is_built_in_a_worktree_and_cached(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a stand-in for `python -m sphinx -q -b needs SRC OUT`: copies SRC/fixture.json to OUT
    fake = tmp_path / "fake-python"
    fake.write_text(
        '#!/bin/sh\nmkdir -p "$7" && cp "$6/fixture.json" "$7/needs.json"\n', encoding="utf-8"
    )
    fake.chmod(0o755)
    monkeypatch.setattr(sys, "executable", str(fake))
    sha = git(repo, "rev-parse", "HEAD")
    path = diff.needs_path("HEAD", cwd=repo)
    assert path == (repo / ".git" / "report-checks" / f"needs-{sha}.json").resolve()
    assert load_assessments(path).needs["F_A"].probability == 0.7
    assert len(git(repo, "worktree", "list").splitlines()) == 1  # the temporary one is gone
    fake.unlink()  # a second call must use the cache, not build
    assert diff.needs_path(sha[:10], cwd=repo) == path


def test_failed_build_is_one_line(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = tmp_path / "fake-python"
    fake.write_text(
        "#!/bin/sh\necho 'Traceback ...' >&2\necho 'ExtensionError: boom' >&2\nexit 1\n"
    )
    fake.chmod(0o755)
    monkeypatch.setattr(sys, "executable", str(fake))
    with pytest.raises(
        InputError, match=r"HEAD \(\w{12}\): building its report failed: ExtensionError: boom"
    ):
        diff.needs_path("HEAD", cwd=repo)
    assert len(git(repo, "worktree", "list").splitlines()) == 1


def test_file_wins_over_revision_name(repo: Path) -> None:
    shutil.copy(NEW, repo / "HEAD")
    assert diff.needs_path("HEAD", cwd=repo) == repo / "HEAD"


def test_unknown_revision(repo: Path) -> None:
    with pytest.raises(InputError, match="neither a needs.json file nor a known git revision"):
        diff.needs_path("no-such-branch", cwd=repo)


def test_outside_git(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not in a git repository"):
        diff.needs_path("HEAD", cwd=tmp_path)
