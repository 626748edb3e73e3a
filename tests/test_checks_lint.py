"""Each lint rule on a tiny crafted report (needs.json, refs.bib and docs in tmp_path)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from checks import hedges, markdown
from checks.cli import main
from checks.lint import LintReport, lint
from test_checks_support import BIB, forecast, need, outcome, write_needs
from tradecraft.records import load_assessments

AS_OF = date(2023, 3, 1)
CHAPTER = "# Chapter\n\nAs {footcite}`dyner2020scenarios` shows.\n"


def run_lint(
    tmp_path: Path,
    *needs: dict[str, Any],
    docs: str = CHAPTER,
    bib: str = BIB,
    grace: int = 30,
) -> LintReport:
    path = write_needs(tmp_path / "needs.json", *needs)
    (tmp_path / "refs.bib").write_text(bib, encoding="utf-8")
    (tmp_path / "docs").mkdir(exist_ok=True)
    (tmp_path / "docs" / "chapter.md").write_text(docs, encoding="utf-8")
    return lint(load_assessments(path), tmp_path / "refs.bib", tmp_path / "docs", AS_OF, grace)


def messages(report: LintReport, severity: str = "error") -> list[str]:
    return [f"{p.subject}: {p.message}" for p in report.problems if p.severity == severity]


def test_clean_report_passes(tmp_path: Path) -> None:
    report = run_lint(tmp_path, forecast("F_A"), outcome("O_A", "F_A"))
    assert report.problems == []
    assert report.exit_code == 0


@pytest.mark.parametrize("field", ["criteria", "resolve_by", "confidence", "basis"])
def test_forecast_tradecraft(tmp_path: Path, field: str) -> None:
    report = run_lint(
        tmp_path,
        forecast("F_A", **{field: None}),
        outcome("O_A", "F_A"),
        bib=BIB
        if field != "basis"
        else BIB.split("@online")[0] + "@online" + BIB.split("@online")[1],
    )
    assert f"F_A: :{field}: is required on a forecast; add it" in messages(report)
    assert report.exit_code == 1


def test_forecast_needs_likelihood_or_probability(tmp_path: Path) -> None:
    report = run_lint(
        tmp_path, forecast("F_A", likelihood=None, probability=None), outcome("O_A", "F_A")
    )
    assert "F_A: a forecast needs :likelihood: (a phia term) or :probability:" in messages(report)
    report = run_lint(
        tmp_path, forecast("F_A", likelihood=None, probability=0.3), outcome("O_A", "F_A")
    )
    assert messages(report) == []


@pytest.mark.parametrize("field", ["confidence", "basis"])
def test_judgement_tradecraft(tmp_path: Path, field: str) -> None:
    judgement = need("J_A", "judgement", confidence="high", basis=["deen2021evercloser"])
    judgement[field] = None
    report = run_lint(tmp_path, judgement, outcome("O_A", "F_A"), forecast("F_A"))
    assert messages(report) == [f"J_A: :{field}: is required on a judgement; add it"]


def test_confidence_word_is_not_a_likelihood(tmp_path: Path) -> None:
    report = run_lint(
        tmp_path, forecast("F_A", likelihood="high", probability=None), outcome("O_A", "F_A")
    )
    assert any("F_A: likelihood 'high' is a confidence level" in m for m in messages(report))


def test_confidence_must_be_a_level(tmp_path: Path) -> None:
    report = run_lint(tmp_path, forecast("F_A", confidence="likely"), outcome("O_A", "F_A"))
    assert any(
        "confidence 'likely' is not one of low, moderate, high" in m for m in messages(report)
    )


def test_overdue_forecast_without_outcome(tmp_path: Path) -> None:
    late = forecast("F_LATE", resolve_by="2023-01-01")  # 59 days before the as-of date
    fresh = forecast("F_GRACE", resolve_by="2023-02-15")  # within 30 days of grace
    done = forecast("F_DONE", resolve_by="2022-01-01")
    done_outcome = outcome("O_DONE", "F_DONE", resolved_on="2021-12-01")
    report = run_lint(tmp_path, late, fresh, done, done_outcome)
    errors = messages(report)
    assert len(errors) == 1
    assert errors[0].startswith("F_LATE: overdue: resolve-by 2023-01-01 passed 59 days ago")
    assert ":resolves: F_LATE" in errors[0]
    assert report.errors[0].location == "docs/chapter.md:10"
    assert messages(run_lint(tmp_path, late, done, done_outcome, grace=60)) == []


def test_forecast_with_two_outcomes(tmp_path: Path) -> None:
    report = run_lint(tmp_path, forecast("F_A"), outcome("O_A", "F_A"), outcome("O_B", "F_A", "no"))
    assert any(m.startswith("F_A: has more than one outcome (O_A, O_B)") for m in messages(report))


def test_outcome_resolving_nothing(tmp_path: Path) -> None:
    report = run_lint(tmp_path, forecast("F_A"), outcome("O_A", "F_A"), outcome("O_X", "J_NOPE"))
    assert (
        "O_X: :resolves: names 'J_NOPE', which is not in the report, and no forecast id is close "
        "to it; check the id"
    ) in messages(report)


BAD_BIB = """\
@book{noauthor,
  title = {Nobody wrote this},
  year = {2020},
}
@book{notitle,
  author = {Doe, Jane},
  year = {2020},
}
@book{noyear,
  author = {Doe, Jane},
  title = {Timeless},
}
@misc{ftp,
  organization = {Org},
  title = {Files},
  date = {2020-01-01},
  url = {ftp://example.org/x},
}
@book{deen2021evercloser,
  author = {Deen, Bob},
  title = {An Ever Closer Union?},
  year = {2021},
}
@book{dyner2020scenarios,
  author = {Dyner, Anna Maria},
  title = {Possible Scenarios},
  year = {2020},
}
@book{Deen2021EverCloser,
  author = {Deen, Bob},
  title = {Again},
  year = {2021},
}
"""


def test_bibliography_rules(tmp_path: Path) -> None:
    docs = CHAPTER + "See {cite:p}`noauthor,notitle` and {footcite}`noyear`.\n"
    report = run_lint(tmp_path, forecast("F_A"), outcome("O_A", "F_A"), docs=docs, bib=BAD_BIB)
    errors = messages(report)
    bib = str(tmp_path / "refs.bib")
    assert any(m.startswith("noauthor: no author or organisation") for m in errors)
    assert "notitle: no title; add title = {...}" in errors
    assert any(m.startswith("noyear: no year or date") for m in errors)
    assert any(m.startswith("ftp: url 'ftp://example.org/x' is not http(s)") for m in errors)
    assert any(m.startswith("ftp: entry is never cited") for m in errors)
    assert any(
        m.startswith("Deen2021EverCloser: duplicate key (already defined on line 19)")
        for m in errors
    )
    duplicate = next(p for p in report.problems if "duplicate key" in p.message)
    assert duplicate.location == f"{bib}:29"
    assert not any(
        m.startswith(("noauthor: entry is never", "deen2021evercloser: entry is never"))
        for m in errors
    )


def test_unknown_basis_and_evidence_keys(tmp_path: Path) -> None:
    report = run_lint(
        tmp_path,
        forecast("F_A", basis=["deen2021evercloser", "nosuchkey"]),
        outcome("O_A", "F_A", evidence=["dyner2020scenarios", "alsomissing"]),
    )
    errors = messages(report)
    assert (
        "F_A: :basis: cites nosuchkey, not in the bibliography; add the entry to refs.bib or "
        "fix the key" in errors
    )
    assert any(
        m.startswith("O_A: :evidence: cites alsomissing, not in the bibliography") for m in errors
    )


def test_unsourced_markers_are_counted_warnings(tmp_path: Path) -> None:
    docs = CHAPTER + (
        "\nMinsk agreed {unsourced}`no public record`.\n\n"
        ":::{forecast} T\n:id: F_A\n\nIt {unsourced}`x` holds.\n:::\n"
    )
    report = run_lint(tmp_path, forecast("F_A"), outcome("O_A", "F_A"), docs=docs)
    assert report.exit_code == 0
    assert report.unsourced == 2
    locations = [p.location for p in report.warnings if "unsourced" in p.message]
    assert locations == [
        f"{tmp_path / 'docs' / 'chapter.md'}:5",
        f"{tmp_path / 'docs' / 'chapter.md'}:10",
    ]
    assert "2 unsourced claims" in report.summary()


HEDGED = """\
---
title: Probably not a hedge in front matter
---
# Russia may act

Russia will probably deploy more troops.
A new base is {likelihood}`likely` but `code may` is not prose.
In May 2021 and on 9 May and in May the parade took place.
May the talks fail? Perhaps.
It is expected that Minsk complies.

:::{forecast} This title may hedge but it is in a directive
:id: F_A
:likelihood: likely

Russia might build a base.
:::

```python
maybe = "could be"  # probably fine in code
```

::::{note}
:class: could-be-an-option

Lukashenko could still resist.
::::

<!-- a comment that could hedge -->
% a MyST comment that could hedge
"""


def test_estimative_language(tmp_path: Path) -> None:
    report = run_lint(tmp_path, forecast("F_A"), outcome("O_A", "F_A"), docs=HEDGED)
    found = {
        int(p.location.rsplit(":", 1)[1]): p.message  # type: ignore[union-attr]
        for p in report.warnings
        if "hedge" in p.message
    }
    assert sorted(found) == [4, 6, 9, 10, 26]
    assert found[6].startswith('hedge "probably" without a number')
    assert hedges.FIX in found[6]
    assert '"May", "Perhaps"' in found[9]
    assert report.hedges == 5
    assert report.exit_code == 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It is likely and unlikely.", ["likely", "unlikely"]),
        ("Likelihood and mayor and couldn't", []),
        ("In May 2021; on 9 May; early May.", []),
        ("May they succeed.", ["May"]),
        ("Troops are expected. Troops are expected to stay.", ["are expected to"]),
        (
            "It is expected that they stay; it is expected to last.",
            ["It is expected", "it is expected"],
        ),
        ("The force is expected to grow.", ["is expected to"]),
    ],
)
def test_find_hedges(text: str, expected: list[str]) -> None:
    assert hedges.find_hedges(text) == expected


def test_scan_regions() -> None:
    text = "a\n::::{judgement} T\n:id: J_A\n\nbody\n:::{note}\ninner\n:::\n::::\nafter\n"
    regions = [(lineno, region) for lineno, _text, region in markdown.scan(text)]
    assert regions == [
        (1, "prose"),
        (2, "markup"),
        (3, "options"),
        (4, "assessment"),
        (5, "assessment"),
        (6, "markup"),
        (7, "assessment"),
        (8, "markup"),
        (9, "markup"),
        (10, "prose"),
    ]


def test_scan_fence_on_first_line_and_no_final_newline() -> None:
    text = ":::{forecast} T\r\n:id: F_A\r\n:basis: a\r\nIt may.\r\n:::\r\n```\nmay\n```\nIt may"
    regions = [region for _lineno, _text, region in markdown.scan(text)]
    assert regions == ["markup", "options", "options", "assessment", "markup"] + [
        "markup",
        "code",
        "markup",
        "prose",
    ]
    assert [r for *_, r in markdown.scan(":::{note}\n:class: x")] == ["markup", "options"]


def test_cited_keys() -> None:
    line = "See {cite:p}`a, b` and {footcite}`c` and :footcite:`d` and {cite:t}`{see}e`."
    assert markdown.cited_keys(line) == ["a", "b", "c", "d", "e"]


def test_cli_lint_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_needs(
        tmp_path / "needs.json", forecast("F_A", criteria=None), outcome("O_A", "F_A")
    )
    (tmp_path / "refs.bib").write_text(BIB, encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "chapter.md").write_text(CHAPTER + "It may rain.\n", encoding="utf-8")
    args = [
        "lint",
        "--needs",
        str(path),
        "--bib",
        str(tmp_path / "refs.bib"),
        "--docs",
        str(tmp_path / "docs"),
        "--as-of",
        "2023-03-01",
        "--ledger",
        str(tmp_path / "ledger.json"),
    ]
    assert main(args) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == (
        f"{tmp_path}/docs/chapter.md:10: error: F_A: :criteria: is required on a forecast; add it"
    )
    assert out[-1].startswith("lint: 1 error, 2 warnings (0 unsourced claims, 1 line with")
    write_needs(path, forecast("F_A"), outcome("O_A", "F_A"))
    assert main(args) == 0  # warnings alone (a hedge, no ledger) pass
