"""One parser of field values: the fast path that reads needs.json gives the parser's answers."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tradecraft.records import assessments_from_json
from tradecraft.rules import check_need, check_record
from tradecraft.values import PARSERS, StoredReader, parse_ids, parse_value
from tradecraft.vocabulary import FIELDS, KINDS, Field
from tradecraft.yardstick import DEFAULT_YARDSTICK, YARDSTICKS

#: One field of each type, and stored values of it: well-formed, odd and malformed.
CASES: dict[str, list[Any]] = {
    "likelihood": ["likely", "  likely ", "", " ", 7, 0.5, True, ["likely"], {"a": 1}],
    "probability": [0.7, 0.0, 1, "0.7", " 0.25 ", "", "seventy", True, False, [0.7], "nan"],
    "resolve_by": ["2022-08-01", " 2022-08-01 ", "2022-02-30", "20220801", "", 20220801, True],
    "basis": [["a", "b"], ["a ", " ", ""], [], "a, b  c,", "", ["a", 1], 0, False, ("a",)],
    "authors": [["Bob Deen", " Wouter Zweers "], "Bob Deen, Wouter Zweers", [""], 3, {"x"}],
    "key": [True, False, "true", "yes", "no", "", " False ", "maybe", 1, 0, ["x"]],
}


def test_the_cases_cover_every_field_type() -> None:
    assert {FIELDS[name].type for name in CASES} == set(PARSERS)


@pytest.mark.parametrize(
    ("name", "value"), [(name, value) for name, values in CASES.items() for value in values]
)
def test_the_fast_path_reads_what_the_parser_reads(name: str, value: Any) -> None:
    field = FIELDS[name]
    bad: list[str] = []
    fast = StoredReader([field]).read({name: value}, bad)[name]
    parsed, problem = parse_value(field, value)
    # repr: the same type and value (nan included, which is not equal to itself)
    assert (repr(fast), bad) == (repr(parsed), [problem] if problem else [])


@pytest.mark.parametrize("name", CASES)
def test_a_stored_null_is_not_given(name: str) -> None:
    """Unlike an option written without a value, null in needs.json is no value, flag or not."""
    bad: list[str] = []
    assert StoredReader([FIELDS[name]]).read({name: None}, bad) == {name: None}
    assert StoredReader([FIELDS[name]]).read({}, bad) == {name: None}
    assert bad == []


@pytest.mark.parametrize(
    "value", [["A", "B"], ["A ", "", " B"], [], "A, B", "A B", "", None, ["A", 2], 5]
)
def test_links_are_read_as_parse_ids_reads_them(value: Any) -> None:
    bad: list[str] = []
    fast = StoredReader([], [("assumes", "assumes")]).read({"assumes": value}, bad)["assumes"]
    ids, problem = parse_ids("assumes", value)
    assert (fast, bad) == (ids, [problem] if problem else [])


def test_a_record_names_each_malformed_value_in_the_parsers_words() -> None:
    need = {
        "id": "F_X",
        "type": "forecast",
        "probability": "seventy",
        "resolve_by": "2022-02-30",
        "basis": ["a", 1],
        "key": "maybe",
        "assumes": 5,
    }
    data = {"current_version": "", "versions": {"": {"needs": {"F_X": need}}}}
    record = assessments_from_json(data).needs["F_X"]
    assert (record.probability, record.basis, record.assumes) == (None, (), ())
    assert record.malformed == (
        ":probability: 'seventy' is not a number; give one between 0 and 1",
        ":resolve_by: '2022-02-30' is not a real date in the form YYYY-MM-DD",
        ":basis: is ['a', 1], not a list written a, b",
        ":key: is 'maybe'; write it without a value (or true/false)",
        ":assumes: is 5, not a list of ids",
    )


def test_option_text_and_stored_json_mean_the_same() -> None:
    field = Field("when", "date", "When", "")
    assert (
        parse_value(field, "2022-08-01")
        == parse_value(field, " 2022-08-01")
        == (
            date(2022, 8, 1),
            None,
        )
    )


def test_lint_checks_the_records_values_as_the_build_checks_the_options() -> None:
    """check_record (lint, on values read once) finds what check_need finds on the raw values."""
    need = {
        "id": "F_X",
        "type": "forecast",
        "likelihood": " likely ",
        "probability": "seventy",
        "confidence": "HIGH",
        "resolve_by": "2022-02-30",
        "made_on": "2021-08-01",
        "basis": ["a ", "", 1],
        "authors": [" Bob Deen "],
        "coding": "editorial",
        "criteria": "  ",
        "verdict": "yes",
        "assumes": ["A_ONE", " "],
    }
    data = {"current_version": "", "versions": {"": {"needs": {"F_X": need}}}}
    record = assessments_from_json(data).needs["F_X"]
    kind, yardstick = KINDS["forecast"], YARDSTICKS[DEFAULT_YARDSTICK]
    given = [(name, value) for name, value in need.items() if name not in ("id", "type")]
    by_record = check_record(kind, record, given, yardstick, {"a"}, None)
    by_options = check_need(kind, dict(given), yardstick, {"a"}, None, "F_X")
    assert by_record == by_options
    assert [f.field for f in by_record.findings] == [
        "probability",
        "resolve_by",
        "basis",
        "verdict",
        "criteria",
    ]
