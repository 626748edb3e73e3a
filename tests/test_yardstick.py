"""The yardstick tables: pure logic, no Sphinx."""

from __future__ import annotations

import pytest

from tradecraft.yardstick import ICD203, IPCC, PHIA, get_yardstick, resolve_probability


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
