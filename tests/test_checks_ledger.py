"""The forecast ledger against each kind of tampering."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from checks.cli import main
from test_checks_support import BIB, forecast, write_needs
from tradecraft import ledger
from tradecraft.errors import InputError
from tradecraft.records import load_assessments

PUBLISHED = date(2021, 8, 1)
LATER = date(2022, 1, 10)
ORIGINAL = {
    "F_BASE": {"content": "No new permanent Russian base in Belarus.", "resolve_by": "2022-08-31"},
    "F_DOCTRINE": {"content": "The 2014 doctrine is updated shortly.", "likelihood": "likely"},
}


class Project:
    """A tiny report in a temporary directory: needs.json, refs.bib, docs and the ledger."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.needs = root / "needs.json"
        self.ledger = root / "forecast-ledger"
        (root / "refs.bib").write_text(BIB, encoding="utf-8")
        (root / "docs").mkdir()
        (root / "docs" / "chapter.md").write_text(
            "# Chapter\n\nAs {footcite}`dyner2020scenarios` argues.\n", encoding="utf-8"
        )
        self.build(ORIGINAL)

    def build(self, forecasts: dict[str, dict[str, Any]]) -> None:
        write_needs(self.needs, *(forecast(i, **fields) for i, fields in forecasts.items()))

    def register(self):  # type: ignore[no-untyped-def]
        return load_assessments(self.needs)

    def run(self, *args: str) -> int:
        common = ["--needs", str(self.needs), "--ledger", str(self.ledger), "--as-of", "2022-01-10"]
        if args[0] == "lint":
            common += ["--bib", str(self.root / "refs.bib"), "--docs", str(self.root / "docs")]
        return main([*args, *common])


@pytest.fixture
def project(tmp_path: Path) -> Project:
    p = Project(tmp_path)
    book = ledger.load_ledger(p.ledger)
    ledger.freeze(book, p.register(), PUBLISHED)
    book.save()
    return p


def changed(**override: Any) -> dict[str, dict[str, Any]]:
    forecasts = {k: dict(v) for k, v in ORIGINAL.items()}
    forecasts["F_BASE"].update(override)
    return forecasts


def test_untouched_forecasts_pass(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    assert ledger.check(ledger.load_ledger(project.ledger), project.register()) == []
    assert project.run("lint") == 0
    assert "F_BASE" not in capsys.readouterr().out


@pytest.mark.parametrize(
    ("override", "words"),
    [
        ({"content": "No new permanent Russian base in Belarus soon."}, "re-worded"),
        ({"content": "  No new permanent\n Russian base   in Belarus.  "}, None),  # whitespace only
        ({"title": "Another title"}, "re-titled"),
        ({"probability": 0.7}, "re-estimated (probability)"),
        ({"likelihood": "highly likely", "probability": 0.85}, "re-estimated (likelihood)"),
        ({"resolve_by": "2023-08-31"}, "re-dated"),
        ({"criteria": "A base is announced."}, "given new criteria"),
    ],
)
def test_each_tampering_fails_lint_naming_the_id(
    project: Project,
    capsys: pytest.CaptureFixture[str],
    override: dict[str, Any],
    words: str | None,
) -> None:
    project.build(changed(**override))
    problems = ledger.check(ledger.load_ledger(project.ledger), project.register())
    if words is None:
        assert problems == []
        return
    assert [p.subject for p in problems] == ["F_BASE"]
    assert words in problems[0].message
    assert "report-checks ledger revise F_BASE --kind correction|update" in problems[0].message
    assert project.run("lint") == 1
    out = capsys.readouterr().out
    assert "error: F_BASE:" in out and "F_DOCTRINE" not in out


def test_deletion_fails_lint(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    project.build({"F_DOCTRINE": ORIGINAL["F_DOCTRINE"]})
    assert project.run("lint") == 1
    out = capsys.readouterr().out
    assert "F_BASE: published on 2021-08-01 but deleted from the report" in out
    assert "ledger revise F_BASE" in out


def test_recorded_revision_passes(project: Project) -> None:
    project.build(changed(probability=0.7))
    assert (
        project.run(
            "ledger", "revise", "F_BASE", "--kind", "correction", "--reason", "New basing talks"
        )
        == 0
    )
    assert project.run("lint") == 0
    data = json.loads((project.ledger / "F_BASE.json").read_text(encoding="utf-8"))
    [revision] = data["revisions"]
    assert revision["id"] == "F_BASE" and revision["reason"] == "New basing talks"
    assert revision["date"] == "2022-01-10"
    assert revision["old_fingerprint"] != revision["new_fingerprint"]
    assert data["entry"]["probability"] == 0.7
    assert data["entry"]["published"] == "2021-08-01"


def test_withdrawal_is_recorded_and_passes(project: Project) -> None:
    project.build({"F_DOCTRINE": ORIGINAL["F_DOCTRINE"]})
    assert (
        project.run(
            "ledger",
            "revise",
            "F_BASE",
            "--kind",
            "correction",
            "--reason",
            "Question was badly posed",
        )
        == 0
    )
    assert project.run("lint") == 0
    data = json.loads((project.ledger / "F_BASE.json").read_text(encoding="utf-8"))
    assert data["entry"]["withdrawn"] == "2022-01-10"
    assert data["revisions"][0]["new_fingerprint"] is None
    project.build(ORIGINAL)  # a withdrawn forecast that comes back must be recorded again
    assert project.run("lint") == 1


def test_freeze_is_idempotent(project: Project) -> None:
    before = {p.name: p.read_bytes() for p in project.ledger.iterdir()}
    assert project.run("ledger", "freeze") == 0
    assert {p.name: p.read_bytes() for p in project.ledger.iterdir()} == before
    book = ledger.load_ledger(project.ledger)
    assert ledger.freeze(book, project.register(), LATER) == []


def test_freeze_adds_new_and_leaves_published_untouched(project: Project) -> None:
    project.build({**changed(probability=0.7), "F_NEW": {}})
    book = ledger.load_ledger(project.ledger)
    assert ledger.freeze(book, project.register(), LATER) == ["F_NEW"]
    assert book.forecasts["F_NEW"]["published"] == "2022-01-10"
    assert book.forecasts["F_BASE"]["probability"] == 0.65  # freezing never launders a change
    assert [p.subject for p in ledger.check(book, project.register())] == ["F_BASE"]


def test_hand_edited_ledger_fails(project: Project) -> None:
    file = project.ledger / "F_BASE.json"
    data = json.loads(file.read_text(encoding="utf-8"))
    data["entry"]["probability"] = 0.9
    file.write_text(json.dumps(data), encoding="utf-8")
    problems = ledger.check(ledger.load_ledger(project.ledger), project.register())
    assert [(p.subject, p.location) for p in problems] == [("F_BASE", str(file))]
    assert "edited by hand" in problems[0].message


def test_unpublished_forecast_is_a_warning(project: Project) -> None:
    project.build({**ORIGINAL, "F_NEW": {}})
    problems = ledger.check(ledger.load_ledger(project.ledger), project.register())
    assert [(p.severity, p.subject) for p in problems] == [("warning", "F_NEW")]


def test_revise_refuses_without_change_or_reason(project: Project) -> None:
    book = ledger.load_ledger(project.ledger)
    with pytest.raises(InputError, match="no change to record"):
        ledger.revise(book, project.register(), "F_BASE", "because", LATER)
    with pytest.raises(InputError, match="needs a reason"):
        ledger.revise(book, project.register(), "F_BASE", "  ", LATER)
    with pytest.raises(InputError, match="neither"):
        ledger.revise(book, project.register(), "F_NOPE", "because", LATER)


def test_fingerprint_is_canonical() -> None:
    fields = {
        "title": "T",
        "statement": "S",
        "likelihood": "likely",
        "probability": 0.65,
        "criteria": "C",
        "resolve_by": "2022-12-31",
    }
    shuffled = dict(reversed(list(fields.items())))
    assert ledger.fingerprint(fields) == ledger.fingerprint({**shuffled, "published": "x"})
    assert ledger.fingerprint(fields) != ledger.fingerprint({**fields, "probability": 0.66})
    assert len(ledger.fingerprint(fields)) == 64


def test_bad_ledger_file_is_input_error(tmp_path: Path) -> None:
    path = tmp_path / "forecast-ledger.json"
    path.write_text('{"format": 1, "forecasts": {', encoding="utf-8")
    with pytest.raises(InputError, match="not valid JSON"):
        ledger.load_ledger(path)
    path.write_text('{"format": 99}', encoding="utf-8")
    with pytest.raises(InputError, match="format 1 or 2"):
        ledger.load_ledger(path)


# --- a first hour without traps: no ledger yet, init, the publication date -------------------


def test_a_missing_ledger_is_empty_and_lint_names_freeze(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    p = Project(tmp_path)
    book = ledger.load_ledger(p.ledger)
    assert not book.exists and book.forecasts == {}
    capsys.readouterr()
    assert p.run("lint") == 0  # a warning, not an error: the report is not published yet
    assert (
        f"{p.ledger}: warning: no forecast ledger yet: none of the report's 2 forecast(s) is in "
        "it, so none is protected once published; when they are published, record them: "
        "report-checks ledger freeze"
    ) in capsys.readouterr().out.splitlines()


def test_init_starts_an_empty_ledger_git_keeps(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    p = Project(tmp_path)
    assert main(["ledger", "init", "--ledger", str(p.ledger)]) == 0
    assert capsys.readouterr().out == (
        f"started an empty ledger in {p.ledger}/; commit it, and once the report is published "
        "record its forecasts: report-checks ledger freeze\n"
    )
    assert [f.name for f in p.ledger.iterdir()] == ["README"]  # an empty directory is no commit
    assert ledger.load_ledger(p.ledger).exists
    p.run("lint")
    out = capsys.readouterr().out
    assert (
        "F_BASE: not in the forecast ledger yet (unpublished); once published, record it: " in out
    )
    assert main(["ledger", "init", "--ledger", str(p.ledger)]) == 0  # again: nothing changes
    assert "already holds a ledger of 0 forecast(s)" in capsys.readouterr().out


def test_freeze_dates_the_forecasts_by_their_shared_made_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    p = Project(tmp_path)
    p.build({k: {**v, "made_on": "2023-10-15"} for k, v in ORIGINAL.items()})
    assert p.run("ledger", "freeze") == 0  # --as-of 2022-01-10 is not the publication date
    assert "froze 2 forecast(s) as published on 2023-10-15" in capsys.readouterr().out
    assert ledger.load_ledger(p.ledger).forecasts["F_BASE"]["published"] == "2023-10-15"


def test_freeze_asks_for_the_date_when_made_on_disagree(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    p = Project(tmp_path)
    p.build({"F_BASE": {"made_on": "2023-10-15"}, "F_DOCTRINE": {"made_on": "2024-01-15"}})
    capsys.readouterr()
    assert p.run("ledger", "freeze") == 2
    assert capsys.readouterr().err == (
        "report-checks: error: the forecasts to freeze do not share one made_on (2023-10-15: "
        "F_BASE; 2024-01-15: F_DOCTRINE); give the date they were published: report-checks "
        "ledger freeze --published YYYY-MM-DD\n"
    )
    assert not p.ledger.exists(), "nothing is written"
    assert p.run("ledger", "freeze", "--published", "2024-02-01") == 0
    assert "as published on 2024-02-01" in capsys.readouterr().out
    assert {e["published"] for e in ledger.load_ledger(p.ledger).forecasts.values()} == {
        "2024-02-01"
    }


def test_freeze_refuses_a_publication_before_a_forecast_was_made(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    p = Project(tmp_path)
    capsys.readouterr()
    assert p.run("ledger", "freeze", "--published", "2021-07-01") == 2
    assert capsys.readouterr().err == (
        "report-checks: error: F_BASE was made on 2021-08-01, after the publication date "
        "2021-07-01; give the date it was published: report-checks ledger freeze --published "
        "YYYY-MM-DD\n"
    )


# --- one file per forecast: forks, edits and the old single file -----------------------------


def _revise(p: Project, probability: float, on: str, reason: str) -> None:
    p.build(changed(probability=probability))
    args = ["ledger", "revise", "F_BASE", "--kind", "update", "--on", on, "--reason", reason]
    assert p.run(*args) == 0


def test_two_revisions_following_the_same_one_are_named(project: Project) -> None:
    _revise(project, 0.7, "2021-09-01", "Basing talks")
    file = project.ledger / "F_BASE.json"
    base = file.read_text(encoding="utf-8")
    _revise(project, 0.75, "2021-10-01", "An airbase named")
    one = json.loads(file.read_text(encoding="utf-8"))
    file.write_text(base, encoding="utf-8")  # the other branch, from the same revision
    _revise(project, 0.6, "2021-11-01", "Talks stalled " + "and more " * 10)
    other = json.loads(file.read_text(encoding="utf-8"))
    other["revisions"].insert(1, one["revisions"][1])  # a merge that kept both
    file.write_text(json.dumps(other), encoding="utf-8")
    problems = [
        str(p) for p in ledger.check(ledger.load_ledger(project.ledger), project.register())
    ]
    assert problems == [
        f"{file}: error: F_BASE: revisions of 2021-10-01 (update, 'An airbase named') and "
        "2021-11-01 (update, 'Talks stalled and more and more and more and more and more…') "
        "both follow revision 1; the same forecast was revised on two branches: keep "
        "one and record the other again with report-checks ledger revise F_BASE "
        '--kind correction|update --reason "..."'
    ]


def test_an_entry_its_last_revision_did_not_leave_fails(project: Project) -> None:
    _revise(project, 0.7, "2021-09-01", "Basing talks")
    file = project.ledger / "F_BASE.json"
    data = json.loads(file.read_text(encoding="utf-8"))
    data["entry"] = {**data["entry"], "probability": 0.9}  # edited, fingerprint made to match
    data["entry"]["fingerprint"] = ledger.fingerprint(data["entry"])
    file.write_text(json.dumps(data), encoding="utf-8")
    problems = [
        str(p) for p in ledger.check(ledger.load_ledger(project.ledger), project.register())
    ]
    assert problems[0] == (
        f"{file}: error: F_BASE: the entry is not what its last revision (1, update of "
        "2021-09-01) left (was the file edited by hand?); restore it from git and record changes "
        "with report-checks ledger revise F_BASE "
        '--kind correction|update --reason "..."'
    )


def test_a_file_named_for_another_forecast_is_input_error(project: Project) -> None:
    (project.ledger / "F_BASE.json").rename(project.ledger / "F_OTHER.json")
    with pytest.raises(InputError, match="F_OTHER.json: holds the ledger of 'F_BASE', not of"):
        ledger.load_ledger(project.ledger)


def test_the_old_single_file_is_read_warned_and_migrated(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    p = Project(tmp_path)
    old = tmp_path / "forecast-ledger.json"
    book = ledger.Ledger(old, format=2)
    ledger.freeze(book, p.register(), PUBLISHED)
    p.build(changed(probability=0.7))
    ledger.revise(book, p.register(), "F_BASE", "Basing talks", LATER, "update")
    old.write_text(
        json.dumps({"format": 2, "forecasts": book.forecasts, "revisions": book.revisions}),
        encoding="utf-8",
    )
    capsys.readouterr()
    assert p.run("lint") == 0  # --ledger forecast-ledger is missing: the file beside it is read
    assert (
        f"{old}: warning: a ledger of format 2 in one file, where two branches that revise "
        "different forecasts conflict; move it to one file per forecast: report-checks ledger "
        "migrate"
    ) in capsys.readouterr().out
    p.build(changed(probability=0.75))
    assert p.run("ledger", "revise", "F_BASE", "--kind", "update", "--reason", "x") == 2
    assert "report-checks ledger migrate" in capsys.readouterr().err
    p.build(changed(probability=0.7))
    assert main(["ledger", "migrate", "--ledger", str(p.ledger)]) == 0
    assert "moved 2 forecast(s) and 1 revision(s)" in capsys.readouterr().out
    assert not old.exists()
    assert p.run("lint") == 0
    assert "0 errors, 0 warnings" in capsys.readouterr().out
    migrated = ledger.load_ledger(p.ledger)
    assert migrated.forecasts == book.forecasts
    assert [{**r, "chain": None} for r in migrated.revisions] == [
        {**r, "chain": None} for r in book.revisions
    ]
