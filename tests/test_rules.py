"""The one rule set (tradecraft.rules, tradecraft.coding): pure logic, no Sphinx."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tradecraft.records import assessments_from_json
from tradecraft.rules import check_id, check_need, check_register
from tradecraft.values import parse_value
from tradecraft.vocabulary import FIELDS, KINDS
from tradecraft.yardstick import PHIA

FORECAST = KINDS["forecast"]
VALID: dict[str, Any] = {
    "likelihood": "Likely",
    "confidence": "High",
    "basis": "a, b",
    "resolve_by": "2022-08-01",
    "criteria": "x",
    "made_on": "2021-08-01",
    "coding": "editorial",
}


def messages(kind: str, raw: dict[str, Any], keys: set[str] | None = None) -> list[str]:
    return [f.message for f in check_need(KINDS[kind], raw, PHIA, keys).findings]


def test_valid_forecast_gets_probability_and_yardstick() -> None:
    checked = check_need(FORECAST, VALID, PHIA, {"a", "b"})
    assert checked.findings == []
    assert checked.values["probability"] == 0.65 and checked.values["yardstick"] == "phia"
    assert checked.values["likelihood"] == "likely" and checked.values["confidence"] == "high"
    assert checked.values["basis"] == ("a", "b")
    assert checked.values["made_on"] == date(2021, 8, 1)


def test_text_and_json_values_read_the_same() -> None:
    as_text = check_need(FORECAST, {**VALID, "probability": "0.7", "basis": "a, b"}, PHIA)
    as_json = check_need(FORECAST, {**VALID, "probability": 0.7, "basis": ["a", "b"]}, PHIA)
    assert as_text.values == as_json.values


@pytest.mark.parametrize("value", ["2022-02-30", "2022-2-3", "next year", "2022-13-01", "20220801"])
def test_malformed_or_impossible_dates_are_rejected(value: str) -> None:
    assert parse_value(FIELDS["resolve_by"], value) == (
        None,
        f":resolve_by: {value!r} is not a real date in the form YYYY-MM-DD",
    )


def test_keys_split_on_commas_and_spaces_names_on_commas() -> None:
    assert parse_value(FIELDS["basis"], "a, b  c,")[0] == ("a", "b", "c")
    assert parse_value(FIELDS["authors"], "Bob Deen, Wouter Zweers")[0] == (
        "Bob Deen",
        "Wouter Zweers",
    )


def test_options_of_another_kind_are_rejected_with_a_hint() -> None:
    found = messages("forecast", {**VALID, "verdict": "yes"})
    assert any(
        "option :verdict: is not accepted on a forecast (it belongs on outcome)" in m for m in found
    )


def test_required_fields_and_estimate() -> None:
    assert messages("forecast", {**VALID, "criteria": ""}) == [
        ":criteria: is required on a forecast; add it"
    ]
    no_estimate = {k: v for k, v in VALID.items() if k != "likelihood"}
    assert messages("forecast", no_estimate) == [
        "a forecast needs :likelihood: (a phia term) or :probability:"
    ]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ({"likelihood": "high"}, "likelihood 'high' is a confidence level; give a phia term"),
        ({"likelihood": "very likely"}, "unknown likelihood 'very likely' for the phia yardstick"),
        ({"probability": "1.5"}, "probability 1.5 is outside 0–1"),
        ({"probability": "0.9"}, "probability 0.9 disagrees with 'likely' (55–75%)"),
        ({"probability": "lots"}, ":probability: 'lots' is not a number; give one between 0 and 1"),
        ({"confidence": "hgih"}, "confidence 'hgih' is not one of low, moderate, high"),
        ({"coding": "guess"}, "coding 'guess' is not one of original, editorial"),
        ({"quote": "“It will.”"}, ":quote: is stored without quotation marks"),
        ({"made_on": "2022-09-01"}, "made_on 2022-09-01 is not before resolve_by 2022-08-01"),
    ],
)
def test_each_bad_value_has_one_wording(raw: dict[str, Any], expected: str) -> None:
    found = messages("forecast", {**VALID, **raw})
    assert len(found) == 1 and found[0].startswith(expected), found


def test_missing_citation_keys_are_named() -> None:
    assert messages("forecast", VALID, {"a"}) == [
        ":basis: cites b, not in the bibliography; add the entry to refs.bib or fix the key"
    ]


def test_ids_carry_the_kind_prefix() -> None:
    assert check_id(FORECAST, "F_GOOD") is None
    assert "is not valid for a forecast; use 'F_'" in check_id(FORECAST, "J_BAD").message
    assert "missing :id:" in check_id(FORECAST, None).message


OUTCOME = {"verdict": "yes", "resolved_on": "2022-01-01", "evidence": "a", "resolves": "F_A"}


def test_contested_and_alternative_come_together() -> None:
    assert any("come together" in m for m in messages("outcome", {**OUTCOME, "contested": "x"}))
    assert any("come together" in m for m in messages("outcome", {**OUTCOME, "alternative": "no"}))
    assert messages("outcome", {**OUTCOME, "contested": "x", "alternative": "no"}) == []
    same = messages("outcome", {**OUTCOME, "contested": "x", "alternative": "yes"})
    assert same == [
        "alternative 'yes' is the verdict itself; give the verdict under the other reading"
    ]


def test_an_outcome_resolves_exactly_one_forecast() -> None:
    assert messages("outcome", {**OUTCOME, "resolves": "F_A, F_B"}) == [
        ":resolves: must name exactly 1 forecast, got F_A, F_B"
    ]
    assert messages("outcome", {k: v for k, v in OUTCOME.items() if k != "resolves"}) == [
        ":resolves: must name exactly 1 forecast"
    ]


# --- the coding rules ---------------------------------------------------------------------

QUOTE = "Zapad 2021 will probably yield new levels of integration."


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ({"window": "default", "resolve_by": "2022-08-01"}, None),
        ({"window": "default", "resolve_by": "2022-08-31"}, "does not follow the default window"),
        ({"window": "long", "resolve_by": "2025-12-31"}, None),
        ({"window": "long", "resolve_by": "2025-12-30"}, "give 2025-12-31"),
        ({"window": "soon"}, "window 'soon' is not one of source, default, long, editorial"),
        (
            {"hedge": "will probably", "quote": QUOTE, "window": "source", "coding": "original"},
            None,
        ),
        (
            {
                "hedge": "will probably",
                "quote": QUOTE,
                "likelihood": "highly likely",
                "window": "source",
                "coding": "original",
            },
            "hedge 'will probably' maps to 'likely' in the hedge table, not 'highly likely'",
        ),
        ({"hedge": "may", "quote": QUOTE}, "hedge 'may' does not occur in :quote:"),
        ({"hedge": "perhaps", "quote": QUOTE}, "hedge 'perhaps' is not in the hedge table"),
        ({"hedge": "will probably"}, ":hedge: needs the :quote: it is taken from"),
        ({"coding": "original", "window": "source"}, "coding 'original' needs a :hedge:"),
        (
            {"hedge": "will probably", "quote": QUOTE, "window": "source"},
            "coding 'editorial' but :hedge: and :window: source make it original",
        ),
    ],
)
def test_coding_rules(raw: dict[str, Any], expected: str | None) -> None:
    found = messages("forecast", {**VALID, **raw})
    if expected is None:
        assert found == []
    else:
        assert len(found) == 1 and expected in found[0], found


# --- rules across assessments ---------------------------------------------------------------


def register(*needs: dict[str, Any]):
    data = {"current_version": "", "versions": {"": {"needs": {n["id"]: n for n in needs}}}}
    return assessments_from_json(data)


def forecast(fid: str = "F_A", **values: Any) -> dict[str, Any]:
    return {
        "id": fid,
        "type": "forecast",
        "made_on": "2021-08-01",
        "resolve_by": "2022-08-01",
        **values,
    }


def outcome(oid: str = "O_A", target: str = "F_A", **values: Any) -> dict[str, Any]:
    return {
        "id": oid,
        "type": "outcome",
        "resolves": [target],
        "verdict": "yes",
        "resolved_on": "2022-01-01",
        **values,
    }


def cross(*needs: dict[str, Any], as_of: date = date(2026, 1, 1)) -> list[tuple[str, str]]:
    return [(i, f.message) for i, f in check_register(register(*needs), as_of)]


def test_consistent_register_passes() -> None:
    assert cross(forecast(), outcome()) == []


@pytest.mark.parametrize(
    ("needs", "who", "expected"),
    [
        (
            (forecast(), outcome(resolved_on="2021-07-01")),
            "O_A",
            "resolved_on 2021-07-01 is before F_A was made on 2021-08-01; a forecast cannot "
            "resolve before it is made: give the date its criteria were met, on or after "
            "2021-08-01",
        ),
        (
            (forecast(), outcome(resolved_on="2022-09-01")),
            "O_A",
            "verdict 'yes' on 2022-09-01 is after F_A's resolve_by 2022-08-01",
        ),
        (
            (forecast(), outcome(verdict="no", resolved_on="2022-09-01")),
            "O_A",
            "verdict 'no' on 2022-09-01 is after F_A's resolve_by 2022-08-01",
        ),
        (
            (forecast(), outcome(resolved_on="2026-06-01")),
            "O_A",
            "resolved_on 2026-06-01 is after the as-of date 2026-01-01",
        ),
        (
            (forecast(made_on="2026-02-01", resolve_by="2027-01-01"),),
            "F_A",
            "made_on 2026-02-01 is after the as-of date 2026-01-01",
        ),
        ((forecast(), outcome(), outcome("O_B")), "F_A", "has more than one outcome (O_A, O_B)"),
        (
            (forecast(), outcome(), {"id": "J_A", "type": "judgement", "assumes": ["F_A"]}),
            "J_A",
            ":assumes: names 'F_A', a forecast; :assumes: accepts only: assumption",
        ),
        (
            (outcome(target="F_GONE"),),
            "O_A",
            ":resolves: names 'F_GONE', which is not in the report",
        ),
    ],
)
def test_dates_and_links_across_assessments(needs, who: str, expected: str) -> None:
    found = cross(*needs)
    assert any(i == who and m.startswith(expected) for i, m in found), found


def test_void_verdicts_may_come_after_the_window() -> None:
    assert cross(forecast(), outcome(verdict="annulled", resolved_on="2023-01-01")) == []


def test_a_hedge_is_read_longest_first() -> None:
    quote = "Zapad 2021 will probably yield new levels of integration."
    found = messages(
        "forecast",
        {**VALID, "hedge": "will", "quote": quote, "likelihood": "highly likely"},
    )
    assert found == [
        "hedge 'will' occurs in :quote: only as part of a longer hedge of the table "
        "(will probably); give that one"
    ]
    # the same word on its own elsewhere in the sentence is a hedge of its own
    both = "It will probably rain, and it will snow."
    assert (
        messages(
            "forecast",
            {**VALID, "hedge": "will", "quote": both, "likelihood": "highly likely"},
        )
        == []
    )
