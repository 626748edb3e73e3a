"""The method page's tables are rendered from the rules the build and the checks apply."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from docutils import nodes

from tradecraft import coding, resolution, scoring
from tradecraft.vocabulary import CODINGS, STATUSES, VERDICTS, WINDOWS
from tradecraft.yardstick import PHIA

MADE_ON = date(2021, 8, 1)  # the :made_on: the test root's window table gives


def _tables(app) -> dict[str, list[list[str]]]:
    """Each table of the built page by its first header cell: its body rows, as text."""
    doctree = app.env.get_doctree("index")
    tables = {}
    for table in doctree.findall(nodes.table):
        head = [e.astext() for e in next(table.findall(nodes.thead)).findall(nodes.entry)]
        body = next(table.findall(nodes.tbody))
        tables[head[0]] = [[e.astext() for e in row.findall(nodes.entry)] for row in body]
    return tables


BUILDS = pytest.mark.sphinx("html", testroot="method-tables", freshenv=True)


def _build(app):
    app.build()
    assert app._warning.getvalue() == ""
    return app


# --- the core's descriptions cover exactly the values the checks accept ---------------------------


def test_every_value_has_its_rule() -> None:
    assert tuple(r.window for r in coding.window_rules()) == WINDOWS
    assert tuple(r.coding for r in coding.coding_rules()) == CODINGS
    assert tuple(r.verdict for r in resolution.verdict_rules()) == VERDICTS
    assert tuple(resolution.status_rules()) == STATUSES


def test_window_examples_are_the_dates_the_check_demands() -> None:
    rows = {r.window: r.resolve_by for r in coding.window_rules(date(2023, 1, 31))}
    assert rows["default"] == "12 months after `made_on`: 2023-01-31 gives 2024-01-31"
    assert rows["long"].endswith("2023 gives 2027-12-31")
    for window, made_on in (("default", date(2023, 1, 31)), ("long", date(2023, 1, 31))):
        resolve_by = coding.window_end(window, made_on)
        values = {"window": window, "made_on": made_on, "resolve_by": resolve_by}
        assert coding.coding_findings(values, PHIA) == []
        assert str(resolve_by) in rows[window]


# --- the page ------------------------------------------------------------------------------------


@BUILDS
def test_method_tables_render_the_core(app) -> None:
    tables = _tables(_build(app))

    windows = {row[0]: row for row in tables["Window"]}
    assert list(windows) == list(WINDOWS)
    assert windows["default"][2] == (
        f"{coding.DEFAULT_WINDOW_MONTHS} months after made_on: 2021-08-01 gives "
        f"{coding.window_end('default', MADE_ON)}"
    )
    assert windows["long"][2] == (
        "31 December of the 4th year after the year of made_on: 2021 gives 2025-12-31"
    )
    coded = {row[0]: row[1] for row in tables["Coding"]}
    assert coded["original"].endswith(f"and window is {coding.ORIGINAL_WINDOW}")

    assert tables["Verdict"] == [
        # the page sets apostrophes as typographic ones
        [v, resolution.VERDICT_MEANINGS[v].replace("'", "’"), scored, status]
        for v, scored, status in (
            ("yes", "1", "resolved"),
            ("no", "0", "resolved"),
            ("ambiguous", "not scored", "void"),
            ("annulled", "not scored", "void"),
        )
    ]
    assert [row[0] for row in tables["Status"]] == list(STATUSES)
    scores = {row[0]: row for row in tables["Measure"]}
    assert scores["Brier score"][2] == "from 0 (perfect) to 1; always saying 50% scores 0.25"
    assert f"over {scoring.RESAMPLES} resamples" in scores["Bootstrap interval"][1]
    assert f"seed {scoring.SEED}" in scores["Bootstrap interval"][1]
    assert "[0.001, 0.999]" in scores["Log score"][1]
    assert [row[0] for row in tables["Hedge in the source"]] == [
        f"“{h.phrase}”" for h in coding.HEDGES
    ]
    assert tables["Term"][4] == ["likely (also: probable)", "55–75%", "0.65"]

    html = (app.outdir / "index.html").read_text()
    assert (
        "Confidence is <span" in html and "<em>low</em>, <em>moderate</em> or <em>high</em>" in html
    )


@BUILDS
def test_a_changed_rule_changes_the_page_and_the_check_alike(app, monkeypatch) -> None:
    """The numbers on the page are the ones the check applies, not text beside it."""
    monkeypatch.setattr(coding, "DEFAULT_WINDOW_MONTHS", 18)
    monkeypatch.setattr(coding, "LONG_HORIZON_YEARS", 2)
    windows = {row[0]: row[2] for row in _tables(_build(app))["Window"]}
    assert windows["default"] == "18 months after made_on: 2021-08-01 gives 2023-02-01"
    assert windows["long"] == (
        "31 December of the 2nd year after the year of made_on: 2021 gives 2023-12-31"
    )
    forecast = {"window": "default", "made_on": MADE_ON, "resolve_by": date(2022, 8, 1)}
    assert (
        "made_on 2021-08-01 gives 2023-02-01" in coding.coding_findings(forecast, PHIA)[0].message
    )


@BUILDS
@pytest.mark.sphinx("latex")
def test_method_tables_in_the_pdf(app) -> None:
    _build(app)
    tex = next(Path(app.outdir).glob("*.tex")).read_text()
    # the widths are kept, so the column of values is not squeezed and hyphenated
    assert r"\begin{tabular}[t]{\X{2}{12}\X{5}{12}\X{5}{12}}" in tex
    assert r"\sphinxcode{\sphinxupquote{default}}" in tex
    assert r"12 months after \sphinxcode{\sphinxupquote{made\_on}}: 2021\sphinxhyphen{}08" in tex
    # the table of scores may break across pages rather than leave one blank
    assert r"\begin{longtable}" in tex and "Bootstrap interval" in tex


@BUILDS
def test_bad_input_names_the_line_and_the_fix(own_copy, make_app, app_params) -> None:
    index = own_copy / "index.md"
    text = index.read_text().replace(":made_on: 2021-08-01", ":made_on: 1 August 2021")
    index.write_text(text + "\nWindows: {choices}`colour`.\n")
    app = make_app(*app_params.args, **app_params.kwargs)
    app.build()
    warnings = app._warning.getvalue()
    assert (
        "index.md:9: ERROR: :made_on: '1 August 2021' is not a real date in the form YYYY-MM-DD; "
        "give the date the examples start from, e.g. :made_on: 2024-03-15"
    ) in warnings
    assert (
        "ERROR: {choices} of 'colour': not a field with fixed values; accepted: confidence, "
        "coding, window, verdict, alternative"
    ) in warnings
