"""Forecast histories: a correction is not an update, and both records are scored."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from checks.cli import main
from test_checks_support import forecast, outcome, write_needs
from tradecraft import ledger

MADE_ON, UPDATED, RESOLVED = "2021-08-01", "2022-02-01", "2022-07-31"
# days in force: 2021-08-01 to 2022-02-01 = 184, 2022-02-01 to 2022-07-31 = 180 (of 364)
PUBLISHED_BRIER, UPDATED_BRIER = (0.65 - 1) ** 2, (0.85 - 1) ** 2


class Report:
    """One forecast, likely (0.65), resolved yes on 2022-07-31, published in a ledger."""

    def __init__(self, root: Path) -> None:
        self.needs, self.ledger = root / "needs.json", root / "forecast-ledger"
        self.write(likelihood="likely", probability=0.65)
        assert self.run("ledger", "freeze", "--as-of", MADE_ON) == 0

    def write(self, **fields: Any) -> None:
        write_needs(
            self.needs,
            forecast("F_A", **{"made_on": MADE_ON, "resolve_by": "2022-12-31", **fields}),
            outcome("O_A", "F_A", resolved_on=RESOLVED),
        )

    def run(self, *args: str) -> int:
        return main([*args, "--needs", str(self.needs), "--ledger", str(self.ledger)])

    def score(self, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
        capsys.readouterr()
        assert self.run("score", "--format", "json") == 0
        return json.loads(capsys.readouterr().out)

    def revise(self, kind: str, on: str = UPDATED) -> int:
        self.write(likelihood="highly likely", probability=0.85)  # towards the outcome
        return self.run(
            "ledger", "revise", "F_A", "--kind", kind, "--on", on, "--reason", "new information",
            "--as-of", "2026-11-25",
        )  # fmt: skip


@pytest.fixture
def report(tmp_path: Path) -> Report:
    return Report(tmp_path)


def test_without_updates_both_records_agree(report: Report, capsys) -> None:
    data = report.score(capsys)
    assert data["brier"] == pytest.approx(PUBLISHED_BRIER)
    assert data["time_weighted"]["brier"] == pytest.approx(PUBLISHED_BRIER)
    assert data["time_weighted"]["log"] == pytest.approx(data["log"])
    assert data["updates"] == 0


def test_an_update_towards_the_outcome_moves_only_the_time_weighted_score(
    report: Report, capsys
) -> None:
    assert report.revise("update") == 0
    data = report.score(capsys)
    assert data["brier"] == pytest.approx(PUBLISHED_BRIER)  # the record as published stands
    weighted = (184 * PUBLISHED_BRIER + 180 * UPDATED_BRIER) / 364
    assert data["time_weighted"]["brier"] == pytest.approx(weighted)
    assert PUBLISHED_BRIER - weighted == pytest.approx(
        180 / 364 * (PUBLISHED_BRIER - UPDATED_BRIER)
    )
    assert data["updates"] == 1


def test_a_correction_changes_both_records(report: Report, capsys) -> None:
    assert report.revise("correction") == 0
    data = report.score(capsys)
    assert data["brier"] == pytest.approx(UPDATED_BRIER)
    assert data["time_weighted"]["brier"] == pytest.approx(UPDATED_BRIER)
    assert data["updates"] == 0


@pytest.mark.parametrize(
    ("kind", "on", "message"),
    [
        ("update", "2022-08-15", "an update dated 2022-08-15 is after its outcome O_A"),
        ("update", "2021-07-01", "an update dated 2021-07-01 is before the forecast was made"),
        ("update", "2027-01-01", "a revision dated 2027-01-01 is after the as-of date"),
    ],
)
def test_bad_revisions_exit_2_with_one_line(report: Report, capsys, kind, on, message) -> None:
    before = (report.ledger / "F_A.json").read_bytes()
    capsys.readouterr()
    assert report.revise(kind, on) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and message in err[0], err
    after = (report.ledger / "F_A.json").read_bytes()
    assert after == before, "a refused revision leaves the ledger alone"


def test_an_unknown_kind_is_a_usage_error(report: Report, capsys) -> None:
    with pytest.raises(SystemExit) as stopped:
        report.revise("guess")
    assert stopped.value.code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "invalid choice: 'guess'" in err[0]


def test_updates_are_kept_in_order(report: Report) -> None:
    assert report.revise("update", "2022-03-01") == 0
    report.write(likelihood="almost certain", probability=0.95)
    assert report.run(
        "ledger", "revise", "F_A", "--kind", "update", "--on", "2022-02-01", "--reason", "x",
        "--as-of", "2026-11-25",
    ) == 2  # fmt: skip


def test_a_relabelled_revision_breaks_the_chain(report: Report, capsys) -> None:
    assert report.revise("update") == 0
    file = report.ledger / "F_A.json"
    data = json.loads(file.read_text())
    data["revisions"][0]["kind"] = "correction"  # would improve the record as published
    file.write_text(json.dumps(data))
    problems = [str(p) for p in ledger.check(ledger.load_ledger(report.ledger), _register(report))]
    assert problems == [
        f"{file}: error: F_A: revision 1 (correction of 2022-02-01) does not follow from the ones "
        "before it (was the file edited by hand?); restore it from git and record changes with "
        "report-checks ledger revise F_A "
        '--kind correction|update --reason "..."'
    ]


def test_a_format_1_ledger_reads_its_revisions_as_corrections(report: Report, capsys) -> None:
    assert report.revise("correction") == 0
    data = json.loads((report.ledger / "F_A.json").read_text())
    for revision in data["revisions"]:
        for key in ("kind", "before", "after", "chain"):
            del revision[key]
    old = report.ledger.with_suffix(".json")  # the single file of format 1
    old.write_text(json.dumps({"format": 1, **_single(data)}))
    shutil.rmtree(report.ledger)
    book = ledger.load_ledger(report.ledger)  # the directory is missing: the file is read
    assert book.path == old and [r.kind for r in book.revisions_of("F_A")] == ["correction"]
    assert report.score(capsys)["brier"] == pytest.approx(UPDATED_BRIER)
    assert main(["ledger", "migrate", "--ledger", str(report.ledger)]) == 0
    saved = json.loads((report.ledger / "F_A.json").read_text())
    assert saved["format"] == 3 and saved["revisions"][0]["kind"] == "correction"
    assert not old.exists()
    assert ledger.check(ledger.load_ledger(report.ledger), _register(report)) == []
    assert report.score(capsys)["brier"] == pytest.approx(UPDATED_BRIER)


def _single(data: dict[str, Any]) -> dict[str, Any]:
    """A forecast's file as the ``forecasts`` and ``revisions`` of a single-file ledger."""
    return {"forecasts": {data["id"]: data["entry"]}, "revisions": data["revisions"]}


def _register(report: Report):  # type: ignore[no-untyped-def]
    from tradecraft.records import load_assessments

    return load_assessments(report.needs)


def _card_history(report: Report) -> list[str]:
    """The history a card shows for F_A, one line per entry."""
    from assessments.histories import history_node
    from tradecraft.records import load_assessments

    book = ledger.load_ledger(report.ledger)
    forecast = load_assessments(report.needs).needs["F_A"]
    listing = history_node(
        ledger.history(book, forecast),  # type: ignore[arg-type]
        book.forecasts["F_A"].get("published"),
    )
    assert listing is not None
    return [item.astext() for item in listing.children]


def test_a_card_lists_the_history_in_the_order_it_took_effect(report: Report) -> None:
    assert report.revise("correction", "2022-03-01") == 0  # recorded first, dated later
    report.write(likelihood="almost certain", probability=0.95)
    assert report.run(
        "ledger", "revise", "F_A", "--kind", "update", "--on", "2022-02-01",
        "--reason", "A new report.", "--as-of", "2026-11-25",
    ) == 0  # fmt: skip
    assert _card_history(report) == [
        "Published 2021-08-01: highly likely (p = 0.85) (in force from 2021-08-01).",
        "Update of 2022-02-01: highly likely (p = 0.85) → almost certain (p = 0.95). A new report.",
        "Correction of 2022-03-01: likely (p = 0.65) → highly likely (p = 0.85). new information",
    ]


def test_a_card_says_what_a_revision_changed_besides_the_estimate(report: Report) -> None:
    report.write(
        likelihood="likely", probability=0.65, resolve_by="2022-09-30", criteria="Now exact."
    )
    assert report.run(
        "ledger", "revise", "F_A", "--kind", "correction", "--on", "2022-01-10",
        "--reason", "The source names September.", "--as-of", "2026-11-25",
    ) == 0  # fmt: skip
    assert _card_history(report)[1] == (
        "Correction of 2022-01-10: resolve by 2022-12-31 → 2022-09-30; criteria re-worded. "
        "The source names September."
    )
