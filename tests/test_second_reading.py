"""Two readings per outcome: the rules (build and lint, one wording), the score's range over every
reading, agreement and Cohen's κ by hand, and what cards, the register, diff and due show."""

from __future__ import annotations

import json
import math
import re
from datetime import date
from pathlib import Path

import pytest
from sphinx.errors import ConfigError

from checks.diff import compare, to_markdown
from checks.due import format_waiting, waiting_for_reading
from checks.lint import rule_problems
from checks.score_text import format_report
from test_checks_support import document as needs_document
from test_checks_support import forecast, outcome
from tradecraft.records import assessments_from_json
from tradecraft.scoring import agreement, score, score_range
from tradecraft.track_record import score_record

AS_OF = date(2026, 1, 1)

#: What the build and lint say about each outcome of the ``test-second-reading`` root.
MESSAGES = {
    "O_BY_AUTHOR": "resolver 'Ann Author' is an author of F_BY_AUTHOR; an outcome is read by "
    "someone who did not make the forecast: name another reader",
    "O_OWN_AUTHOR": "second_reader 'Cy Writer' is an author of F_OWN_AUTHOR; an outcome is read "
    "by someone who did not make the forecast: name another reader",
    "O_SAME_READER": "second_reader 'the  Editors' is also the resolver; a second reading is made "
    "independently: ask someone who did not give the verdict",
    "O_UNREAD": 'has no second reading, and assessments_second_reading is "required"; add '
    ":second_reader: (someone who is not an author of the forecast) and :second_verdict: (the "
    "verdict they gave, reading the criteria and the evidence)",
    "O_HALF": ":second_reader: and :second_verdict: come together: give who read the outcome a "
    "second time and the verdict they gave, or neither",
}


# --- scoring, by hand ---------------------------------------------------------------------------


def test_three_readings_of_one_outcome_give_the_range_over_all_three() -> None:
    # F_1: verdict yes, other reading no, second reader ambiguous: Brier 0.09, 0.49 or void
    items = [("F_1", 0.7, "yes", "no", "ambiguous"), ("F_2", 0.2, "no")]  # F_2: Brier 0.04
    report = score(items)
    assert report.brier == pytest.approx((0.09 + 0.04) / 2)  # as coded
    assert report.range.contested == 1
    assert report.range.brier == (pytest.approx(0.04), pytest.approx((0.49 + 0.04) / 2))
    best_log, worst_log = report.range.log
    assert best_log == pytest.approx(math.log(0.8))  # F_1 void: F_2 alone, ln (1 - 0.2)
    assert worst_log == pytest.approx((math.log(0.3) + math.log(0.8)) / 2)


def test_a_disagreement_turns_an_outcome_contested() -> None:
    agreed = score([("F_1", 0.8, "yes", None, "yes")])
    assert agreed.range.contested == 0
    assert agreed.range.brier == (pytest.approx(0.04), pytest.approx(0.04))
    disputed = score([("F_1", 0.8, "yes", None, "no")])
    assert disputed.brier == pytest.approx(0.04)  # the verdict stands as coded
    assert disputed.range.contested == 1
    assert disputed.range.brier == (pytest.approx(0.04), pytest.approx(0.64))


def test_a_second_reading_equal_to_the_other_reading_adds_no_reading() -> None:
    assert score_range([("F_1", 0.8, "yes", "no", "no")]).contested == 1
    assert score_range([("F_1", 0.8, "yes", "no", "no")]).brier == (
        pytest.approx(0.04),
        pytest.approx(0.64),
    )


def test_agreement_and_kappa_by_hand() -> None:
    items = [
        ("F_1", 0.7, "yes", None, "yes"),
        ("F_2", 0.7, "yes", None, "no"),
        ("F_3", 0.3, "no", None, "no"),
        ("F_4", 0.5, "ambiguous", None, "ambiguous"),
        ("F_5", 0.3, "no", None, "no"),
        ("F_6", 0.3, "no"),  # not read twice
    ]
    report = score(items)
    # observed 4/5; first reader yes 2, no 2, ambiguous 1; second yes 1, no 3, ambiguous 1
    expected = (2 * 1 + 2 * 3 + 1 * 1) / 25
    kappa = (0.8 - expected) / (1 - expected)
    assert kappa == pytest.approx(0.6875)
    assert report.second_read == 5
    data = report.to_dict()
    assert data["second_read"] == 5
    assert data["agreement"] == {"agree": 4, "disagree": 1, "kappa": pytest.approx(0.6875)}
    assert data["contested"] == 1  # F_2
    assert "second readings: 5 (agree 4, disagree 1; Cohen's kappa 0.69)" in format_report(report)


def test_kappa_is_null_where_it_is_undefined() -> None:
    # both readers said yes every time: chance agreement is 1
    same = score([("F_1", 0.7, "yes", None, "yes"), ("F_2", 0.6, "yes", None, "yes")])
    assert same.to_dict()["agreement"] == {"agree": 2, "disagree": 0, "kappa": None}
    unread = score([("F_1", 0.7, "yes")])
    assert unread.to_dict()["second_read"] == 0
    assert unread.to_dict()["agreement"] == {"agree": 0, "disagree": 0, "kappa": None}
    # complete disagreement on two categories: observed 0, expected 1/2, kappa -1
    assert agreement([("yes", "no"), ("no", "yes")]).kappa == pytest.approx(-1.0)


def test_the_register_reads_the_second_verdict_for_scoring() -> None:
    needs = [
        forecast("F_A", probability=0.8),
        outcome("O_A", "F_A", "yes", second_reader=["B"], second_verdict="no"),
        forecast("F_B", probability=0.3),
        outcome("O_B", "F_B", "no", second_reader=["B"], second_verdict="no"),
    ]
    fast = assessments_from_json(needs_document(*needs))
    assert fast.readings() == [("F_A", 0.8, "yes", None, "no"), ("F_B", 0.3, "no", None, "no")]
    slow = assessments_from_json(needs_document(*needs))
    slow.needs  # noqa: B018  (builds the typed records)
    assert slow.readings() == fast.readings()
    data = score_record(fast).to_dict()
    assert (data["second_read"], data["contested"]) == (2, 1)
    assert data["agreement"] == {"agree": 1, "disagree": 1, "kappa": pytest.approx(0.0)}


# --- the rules: build and lint, one wording -------------------------------------------------------


@pytest.fixture(scope="module")
def built(rootdir: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The ``test-second-reading`` root built once, where it lies (a build writes only to its
    output folder): the output folder and the warnings."""
    from sphinx.cmd.build import build_main

    work = tmp_path_factory.mktemp("second")
    src = rootdir / "test-second-reading"
    warnings = work / "warnings.txt"
    build_main(
        ["-q", "--keep-going", "-w", str(warnings), "-b", "html", str(src), str(work / "out")]
    )
    return work / "out", warnings.read_text()


def test_each_reading_rule_in_the_build_names_the_file_and_line(built: tuple[Path, str]) -> None:
    _, warnings = built
    found = dict(
        re.findall(r"index\.md:\d+: WARNING: outcome (O_\w+): (.*) \[assessments\.", warnings)
    )
    assert found == MESSAGES


def test_lint_gives_the_same_words_by_id(built: tuple[Path, str]) -> None:
    out, _ = built
    register = assessments_from_json(json.loads((out / "needs.json").read_text()))
    found = {p.subject: p.message for p in rule_problems(register, AS_OF)}
    assert found == MESSAGES


def test_optional_asks_for_no_second_reading() -> None:
    needs = [forecast("F_A"), outcome("O_A", "F_A", second_reading="optional")]
    assert rule_problems(assessments_from_json(needs_document(*needs)), AS_OF) == []
    needs[1]["second_reading"] = "required"
    (problem,) = rule_problems(assessments_from_json(needs_document(*needs)), AS_OF)
    assert problem.subject == "O_A" and problem.message == MESSAGES["O_UNREAD"]


@pytest.mark.sphinx(
    "html", testroot="valid", confoverrides={"assessments_second_reading": "always"}
)
def test_a_bad_setting_stops_the_build_with_one_line(make_app, app_params):
    expected = "assessments_second_reading = 'always' is not one of 'optional', 'required'"
    with pytest.raises(ConfigError, match=expected):
        make_app(*app_params.args, **app_params.kwargs)


# --- what readers and reviewers see ---------------------------------------------------------------


def _text(html: str) -> str:
    """The page's words as a reader sees them."""
    import html as entities

    return " ".join(entities.unescape(re.sub(r"<[^>]+>", "", html)).split())


def test_cards_show_both_readings_and_who_gave_them(built: tuple[Path, str]) -> None:
    out, _ = built
    text = _text((out / "index.html").read_text())
    assert (
        "Verdict: yes (resolver: The editors) · Resolved on: 2022-01-15 · Second reading: no "
        "(by A second reader; disagrees: contested)" in text
    )
    assert "Verdict: yes (2022-01-15; resolver: The editors) · Second reading: no" in text


def test_the_register_and_the_track_record_show_agreement(built: tuple[Path, str]) -> None:
    out, _ = built
    html = (out / "index.html").read_text()
    rows = dict(re.findall(r'<tr [^>]*data-need-id="(F_\w+)">(.*?)</tr>', html, re.S))
    assert ">disagree</span>" in rows["F_DISAGREE"] and ">agree</span>" in rows["F_BY_AUTHOR"]
    assert "badge-readings-disagree" in rows["F_DISAGREE"]  # marked, not coloured alone
    text = _text(html)
    # first reader yes five times; second yes 3, no 2: observed 0.6, expected 0.6, kappa 0
    assert "Outcomes read a second time 5" in text
    assert "second reading agrees / disagrees with the verdict 3 / 2" in text
    assert "Cohen's κ between the two readers (1 full agreement, 0 chance) 0.00" in text


def test_diff_lists_second_readings_added_or_changed() -> None:
    before = [forecast("F_A"), outcome("O_A", "F_A"), forecast("F_B"), outcome("O_B", "F_B")]
    after = [
        forecast("F_A"),
        outcome("O_A", "F_A", second_reader=["A second reader"], second_verdict="no"),
        forecast("F_B"),
        outcome("O_B", "F_B"),
    ]
    markdown = to_markdown(
        compare(
            assessments_from_json(needs_document(*before)),
            assessments_from_json(needs_document(*after)),
        )
    )
    assert "1 second readings added or changed" in markdown
    assert "### Second readings" in markdown
    assert "| F_A | yes | no (**disagrees**) | A second reader |" in markdown
    again = [
        forecast("F_A"),
        outcome("O_A", "F_A", second_reader=["A second reader"], second_verdict="yes"),
    ]
    changed = to_markdown(
        compare(
            assessments_from_json(needs_document(*after)),
            assessments_from_json(needs_document(*again)),
        )
    )
    assert "| F_A | yes | yes (agrees) (was no) | A second reader |" in changed


def test_due_lists_the_outcomes_waiting_for_a_second_reading() -> None:
    needs = [
        forecast("F_A", authors=["Ann Author"]),
        outcome("O_A", "F_A", resolver=["The editors"]),
        forecast("F_B"),
        outcome("O_B", "F_B", second_reader=["B"], second_verdict="yes"),
    ]
    waiting = waiting_for_reading(assessments_from_json(needs_document(*needs)))
    assert [r.outcome.id for r in waiting] == ["O_A"]
    text = format_waiting(waiting)
    assert (
        text
        == "O_A  waiting for a second reading (resolves F_A, verdict yes)  [docs/chapter.md:10]\n"
    )
    markdown = format_waiting(waiting, "markdown")
    assert "**1 outcome waiting for a second reading.**" in markdown
    assert "| O_A | F_A | yes | The editors | Ann Author |" in markdown
    assert format_waiting([]) == "Every outcome has a second reading.\n"
