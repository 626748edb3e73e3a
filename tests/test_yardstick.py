"""The yardstick tables and option validation: pure logic, no Sphinx."""

from __future__ import annotations

import pytest

from assessments.validation import check_options, parse_date, split_list
from assessments.vocabulary import KINDS
from assessments.yardstick import ICD203, IPCC, PHIA, get_yardstick, resolve_probability


def test_term_renders_with_its_range() -> None:
    assert PHIA.lookup("likely").label == "likely (55–75%)"
    assert PHIA.lookup("remote chance").label == "remote chance (≤5%)"
    assert PHIA.lookup("almost certain").label == "almost certain (≥95%)"


@pytest.mark.parametrize(
    ("term", "midpoint"),
    [("likely", 0.65), ("remote chance", 0.025), ("almost certain", 0.975), ("unlikely", 0.30)],
)
def test_midpoint_is_scored_when_no_number_is_given(term: str, midpoint: float) -> None:
    assert resolve_probability(PHIA, term, None) == (pytest.approx(midpoint), None)


def test_bounds_are_inclusive_and_gaps_match_no_term() -> None:
    assert [t.name for t in PHIA.terms_for(0.55)] == ["likely"]
    assert [t.name for t in PHIA.terms_for(0.75)] == ["likely"]
    assert PHIA.terms_for(0.52) == [] and PHIA.terms_for(0.78) == []
    assert [t.name for t in PHIA.terms_for(0.05)] == ["remote chance"]


def test_explicit_number_wins_and_must_agree_with_the_term() -> None:
    assert resolve_probability(PHIA, "likely", 0.7) == (0.7, None)
    probability, error = resolve_probability(PHIA, "likely", 0.8)
    assert probability is None and "disagrees with 'likely' (55–75%)" in error


def test_a_term_from_another_yardstick_is_named() -> None:
    _, error = resolve_probability(PHIA, "very likely", None)
    assert "it belongs to icd203, ipcc" in error
    assert resolve_probability(ICD203, "very likely", None)[0] == pytest.approx(0.875)
    assert IPCC.lookup("very likely").range_text == "≥90%"


def test_unknown_yardstick_names_the_accepted_ones() -> None:
    with pytest.raises(KeyError, match="accepted: icd203, ipcc, phia"):
        get_yardstick("nato")


@pytest.mark.parametrize("value", ["2022-02-30", "2022-2-3", "next year", "2022-13-01", "22-01-01"])
def test_malformed_or_impossible_dates_are_rejected(value: str) -> None:
    assert parse_date(value) is None


def test_lists_split_on_commas_and_spaces() -> None:
    assert split_list("a, b  c,") == ["a", "b", "c"]


def test_options_of_another_kind_are_rejected_with_a_hint() -> None:
    checked = check_options(KINDS["forecast"], {"verdict": "yes"}, PHIA, set())
    assert any(
        "option :verdict: is not accepted on a forecast (it belongs on outcome)" in p
        for p in checked.problems
    )


def test_valid_forecast_gets_probability_and_yardstick() -> None:
    options = {
        "likelihood": "Likely",
        "confidence": "High",
        "basis": "a, b",
        "resolve_by": "2022-01-01",
        "criteria": "x",
        "made_on": "2021-08-01",
        "coding": "original",
    }
    checked = check_options(KINDS["forecast"], options, PHIA, {"a", "b"})
    assert checked.problems == []
    assert checked.options["probability"] == "0.65"
    assert checked.options["likelihood"] == "likely" and checked.options["confidence"] == "high"
    assert checked.options["yardstick"] == "phia"


def test_quote_is_stored_without_quotation_marks() -> None:
    checked = check_options(KINDS["forecast"], {"quote": "“Quoted.”"}, PHIA, None)
    assert any("without quotation marks" in p for p in checked.problems)
