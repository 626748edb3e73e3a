"""Every invalid assessment fails the build with one located line naming id, value and fix."""

from __future__ import annotations

import re

import pytest

CASES = {
    # test root: (line, the message's distinctive part)
    "unknown-term": (
        3,
        "forecast F_ONE: unknown likelihood 'very likely' for the phia yardstick "
        "(it belongs to icd203, ipcc); accepted: remote chance",
    ),
    "term-number-disagree": (3, "forecast F_ONE: probability 0.9 disagrees with 'likely' (55–75%)"),
    "probability-range": (3, "forecast F_ONE: probability 1.5 is outside 0–1"),
    "bad-date": (
        3,
        "forecast F_ONE: :resolve_by: '2022-02-30' is not a real date in the form YYYY-MM-DD",
    ),
    "missing-option": (3, "forecast F_ONE: :resolve_by: is required on a forecast; add it"),
    "dead-link": (
        3,
        "forecast F_ONE: :assumes: names 'A_MISSING', which is not in the report, and no "
        "assumption id is close to it; check the id",
    ),
    "wrong-kind-link": (
        11,
        "forecast F_ONE: :assumes: names 'J_ONE', a judgement; :assumes: accepts only: assumption",
    ),
    "duplicate-id": (9, "A need with ID 'A_ONE' already exists"),
    "bad-verdict": (
        16,
        "outcome O_ONE: verdict 'partly' is not one of yes, no, ambiguous, annulled",
    ),
    "outcome-no-evidence": (16, "outcome O_ONE: :evidence: is required on an outcome; add it"),
    "missing-citation": (3, "judgement J_ONE: :basis: cites nobody1999, not in the bibliography"),
    "bad-id": (3, "id 'J_WRONG_PREFIX' is not valid for a forecast; use 'F_'"),
    "confidence-as-likelihood": (3, "likelihood 'high' is a confidence level"),
}


@pytest.mark.parametrize(
    "root",
    [
        pytest.param(root, marks=pytest.mark.sphinx("html", testroot=root, freshenv=True))
        for root in sorted(CASES)
    ],
)
def test_invalid_assessment_gives_one_located_line(app, root) -> None:
    line, expected = CASES[root]
    app.build()
    warnings = [w for w in _lines(app._warning.getvalue()) if "WARNING" in w or "ERROR" in w]
    assert len(warnings) == 1, warnings
    assert re.search(rf"index\.md:{line}: (WARNING|ERROR): ", warnings[0]), warnings[0]
    assert expected in warnings[0]


@pytest.mark.sphinx("html", testroot="valid", freshenv=True)
def test_valid_report_builds_clean(app) -> None:
    app.build()
    assert _lines(app._warning.getvalue()) == []


def _lines(text: str) -> list[str]:
    # colour codes off; one entry per message
    text = re.sub(r"\x1b\[[0-9;]*m", "", text)
    return [line for line in text.splitlines() if line.strip()]


@pytest.mark.sphinx("html", testroot="valid", freshenv=True)
def test_needs_json_carries_typed_fields(app) -> None:
    import json

    app.build()
    data = json.loads((app.outdir / "needs.json").read_text())
    needs = data["versions"][data["current_version"]]["needs"]
    forecast, outcome = needs["F_ONE"], needs["O_ONE"]
    assert forecast["probability"] == 0.7  # the explicit number wins over the midpoint
    assert forecast["likelihood"] == "likely" and forecast["yardstick"] == "phia"
    assert forecast["basis"] == ["src2021"] and forecast["resolve_by"] == "2022-01-31"
    assert forecast["status"] == "resolved" and forecast["verdict"] == "yes"
    assert forecast["brier"] == pytest.approx(0.09)
    assert outcome["resolves"] == ["F_ONE"] and outcome["evidence"] == ["src2021"]
    assert needs["J_ONE"]["key"] is True
    assert {n["type"] for n in needs.values()} >= {
        "forecast",
        "judgement",
        "outcome",
        "assumption",
        "indicator",
    }


@pytest.mark.sphinx("html", testroot="valid", freshenv=True)
def test_card_shows_term_with_range_and_quote(app) -> None:
    app.build()
    html = (app.outdir / "index.html").read_text()
    assert "likely (55–75%), p = 0.70" in html
    assert "“It will happen, probably.”" in html
    assert 'class="inline unsourced"' in html or "unsourced" in html
    assert "[unsourced]" in html


@pytest.mark.sphinx("latex", testroot="valid", freshenv=True)
def test_latex_renders_cards_breakable(app) -> None:
    app.build()
    tex = next(app.outdir.glob("*.tex")).read_text()
    assert r"\begin{sphinxuseclass}{assessment}" in tex
    assert r"likely (55\textendash{}75\%)" in tex
    assert "tabulary" not in tex.split(r"\begin{document}")[1]


@pytest.mark.sphinx("html", testroot="valid")
def test_corrupt_refs_bib_is_one_located_warning(own_copy, make_app, app_params, rootdir) -> None:
    src = own_copy  # its cards cite src2021 in :basis:
    (src / "refs.bib").write_text((rootdir / "test-corrupt-bib" / "refs.bib").read_text())
    text = (src / "index.md").read_text()
    (src / "index.md").write_text(
        f"{text}\nAs {{cite:t}}`src2021` found.\n\n```{{bibliography}}\n```\n"
    )
    app = make_app(*app_params.args, **app_params.kwargs)
    app.build()  # goes on without the bibliography: no crash report
    warnings = _lines(app._warning.getvalue())
    # one line, at the file and line, naming the fix; the citations it breaks add none
    assert len(warnings) == 1, warnings
    assert re.search(
        r"refs\.bib:2: WARNING: BibTeX syntax error: '\}' expected; fix that entry "
        r"\[assessments\.bibtex\]$",
        warnings[0],
    )


@pytest.mark.sphinx("html", testroot="corrupt-bib")
def test_corrupt_refs_bib_fails_a_w_build_with_that_line(own_copy, tmp_path, capsys) -> None:
    from sphinx.cmd.build import build_main

    status = build_main(["-q", "-W", "-b", "html", str(own_copy), str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert status == 1
    assert "Traceback" not in err and "Extension error" not in err
    assert re.search(r"refs\.bib:2: WARNING: BibTeX syntax error: '\}' expected; fix that", err)


@pytest.mark.sphinx("html", testroot="contested", freshenv=True)
def test_a_contested_outcome_shows_both_readings_and_the_scores_range(app) -> None:
    app.build()
    assert _lines(app._warning.getvalue()) == []
    text = re.sub(r"<[^>]+>", "", (app.outdir / "index.html").read_text())
    text = " ".join(text.split())
    assert "Other reading: no" in text  # on the outcome's card
    assert "Contested: the criteria" in text
    # as coded (0.04 + 0.09) / 2; best and worst over the other reading of O_TWO
    assert "Mean Brier score as coded (0 best; 0.25 = always 50%) 0.065" in text
    assert "over the other readings of 1 contested outcome 0.065 – 0.265" in text


@pytest.mark.sphinx("html", testroot="contested", freshenv=True)
def test_score_json_has_contested_and_range(app, capsys) -> None:
    import json

    from checks.cli import main

    app.build()
    capsys.readouterr()
    assert main(["score", "--needs", str(app.outdir / "needs.json"), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["contested"] == 1
    assert data["range"]["brier"] == [pytest.approx(0.065), pytest.approx(0.265)]


@pytest.mark.sphinx("html", testroot="valid", freshenv=True)
def test_cards_cite_their_sources_never_show_keys(app) -> None:
    app.build()
    html = (app.outdir / "index.html").read_text()
    text = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    # author and year, as the notes cite: on every card, though the page notes a source once
    assert text.count("Basis: Example Institute, 2021") == 2
    assert "Evidence: Example Institute, 2021" in text
    assert "src2021" not in text, "a raw BibTeX key is visible"
    # each citation links to its entry in the bibliography
    link = r'Basis: </strong><span class="assessment-citations"[^>]*>(<span[^>]*>)?'
    link += r'<a class="reference internal" href="#id\d+" title="Example Institute\. A source'
    assert re.search(link, html)
    # the bibliography on the same page links back to each card that cites it
    backlinks = re.findall(r'role="doc-backlink" href="#([^"]+)"', html)
    assert backlinks, "the bibliography has no way back to the citations"
    for anchor in backlinks:
        assert re.search(rf'id="{anchor}"', html), f"backlink to #{anchor}, not on the page"


@pytest.mark.sphinx("latex", testroot="valid", freshenv=True)
def test_latex_cards_cite_too(app) -> None:
    app.build()
    tex = next(app.outdir.glob("*.tex")).read_text()
    body = tex.split(r"\begin{document}")[1]
    assert "Example Institute, 2021" in body
    assert "src2021" not in re.sub(r"\\(?:sphinxcite|hyperlink|label|hyperref)[^}]*\}", "", body)


@pytest.mark.sphinx(
    "html", testroot="valid", confoverrides={"assessments_ledger": "forecast-ledger"}
)
def test_corrupt_ledger_file_is_one_located_warning(own_copy, make_app, app_params) -> None:
    (own_copy / "forecast-ledger").mkdir()
    (own_copy / "forecast-ledger" / "F_ONE.json").write_text('{\n  "format": 3,\n  oops\n}\n')
    app = make_app(*app_params.args, **app_params.kwargs)
    app.build()  # goes on, the cards without a history
    warnings = _lines(app._warning.getvalue())
    assert len(warnings) == 1, warnings
    assert re.search(
        r"forecast-ledger/F_ONE\.json:3: WARNING: not valid JSON \(line 3 column 3: .*\); "
        r"restore it from git \(git checkout -- .*F_ONE\.json\).* \[assessments\.ledger\]$",
        warnings[0],
    )
