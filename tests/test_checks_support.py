"""Helpers that craft small ``needs.json`` documents for the checks' tests (and tests of them).

Other test modules import them: ``from test_checks_support import forecast, outcome, write_needs``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tradecraft.records import Forecast, Outcome, assessments_from_json
from tradecraft.vocabulary import FIELDS, LINKS

BIB = """\
@report{deen2021evercloser,
  author      = {Deen, Bob and Roggeveen, Barbara and Zweers, Wouter},
  title       = {An Ever Closer Union?},
  institution = {Clingendael},
  year        = {2021},
  url         = {https://www.clingendael.org/},
}

@online{dyner2020scenarios,
  author       = {Dyner, Anna Maria},
  title        = {Possible Scenarios of Russian-Belarusian Military Integration},
  organization = {PISM},
  date         = {2020-12-17},
}
"""


def need(need_id: str, kind: str, **fields: Any) -> dict[str, Any]:
    """A need as sphinx-needs 9.1 writes it (the keys the checks read), with overrides."""
    base: dict[str, Any] = {
        "id": need_id,
        "type": kind,
        "title": f"Title of {need_id}",
        "content": f"The argument of {need_id}.",
        "docname": "chapter",
        "doctype": ".md",
        "lineno": 10,
        "status": None,
        **dict.fromkeys(FIELDS),
        "yardstick": "phia",
        **{name: [] for name in LINKS},
        **{link.back: [] for link in LINKS.values()},
    }
    base.update(fields)
    return base


def forecast(need_id: str, **fields: Any) -> dict[str, Any]:
    """A complete, well-formed forecast (likely, 0.65, due 2022-12-31) unless overridden."""
    values: dict[str, Any] = {
        "likelihood": "likely",
        "probability": 0.65,
        "confidence": "moderate",
        "resolve_by": "2022-12-31",
        "made_on": "2021-08-01",
        "criteria": f"What counts as yes for {need_id}.",
        "coding": "editorial",
        "basis": ["deen2021evercloser"],
    }
    values.update(fields)
    return need(need_id, "forecast", **values)


def outcome(need_id: str, resolves: str, verdict: str = "yes", **fields: Any) -> dict[str, Any]:
    """An outcome resolving one forecast."""
    values: dict[str, Any] = {
        "resolves": [resolves],
        "verdict": verdict,
        "resolved_on": "2022-12-20",
        "evidence": ["dyner2020scenarios"],
    }
    values.update(fields)
    return need(need_id, "outcome", **values)


def document(*needs: dict[str, Any], version: str = "") -> dict[str, Any]:
    """A whole ``needs.json`` holding ``needs``; back links of ``resolves`` are filled in."""
    by_id = {n["id"]: json.loads(json.dumps(n)) for n in needs}
    for item in by_id.values():
        for target in item.get("resolves") or []:
            if target in by_id:
                by_id[target]["resolves_back"] = [*by_id[target]["resolves_back"], item["id"]]
    return {
        "current_version": version,
        "project": "test",
        "versions": {
            version: {
                "creator": {"program": "sphinx_needs", "version": "9.1.0"},
                "needs": by_id,
                "needs_amount": len(by_id),
                "needs_schema": {},
            }
        },
    }


def write_needs(path: Path, *needs: dict[str, Any]) -> Path:
    """Write a ``needs.json`` holding ``needs`` to ``path``; return the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document(*needs), indent=2), encoding="utf-8")
    return path


def test_document_loads_as_typed_records() -> None:
    register = assessments_from_json(document(forecast("F_A"), outcome("O_A", "F_A", "no")))
    f, o = register.needs["F_A"], register.needs["O_A"]
    assert isinstance(f, Forecast) and isinstance(o, Outcome)
    assert f.outcomes == ("O_A",)
    assert f.location == "docs/chapter.md:10"
    assert list(register.resolutions()) == [("F_A", 0.65, "no")]


def test_missing_back_links_are_rebuilt_from_outcomes() -> None:
    data = document(forecast("F_A"), outcome("O_A", "F_A"))
    del data["versions"][""]["needs"]["F_A"]["resolves_back"]
    assert assessments_from_json(data).needs["F_A"].outcomes == ("O_A",)  # type: ignore[union-attr]


def test_missing_probability_is_the_terms_midpoint() -> None:
    register = assessments_from_json(
        document(forecast("F_A", probability=None, likelihood="unlikely"))
    )
    assert register.needs["F_A"].probability == 0.3


def test_malformed_values_are_recorded_not_fatal() -> None:
    data = document(forecast("F_A", resolve_by="soon", basis=[1, 2], confidence=["high"], title=7))
    record = assessments_from_json(data).needs["F_A"]
    assert record.resolve_by is None  # type: ignore[union-attr]
    assert record.confidence is None and record.title == "7"
    assert ":confidence: is ['high'], not text" in record.malformed
    assert any(m.startswith(":resolve_by: 'soon' is not a real date") for m in record.malformed)
    assert any(m.startswith(":basis: is [1, 2]") for m in record.malformed)


def test_fast_resolutions_agree_with_the_records() -> None:
    """``resolutions()`` read from the JSON equal those computed through typed records."""
    data = document(
        forecast("F_A"),
        outcome("O_A", "F_A", "no"),
        forecast("F_B", probability=None, likelihood="highly likely"),
        outcome("O_B", "F_B", "ambiguous"),
        forecast("F_C", probability=None, likelihood="no such term"),
        outcome("O_C", "F_C", 1),
        forecast("F_D", resolves_back=["J_X", "O_D2"]),
        outcome("O_D1", "F_D", "yes"),
        outcome("O_D2", "F_D", "no"),
        forecast("F_E", probability="0.4"),
        outcome("O_E", "F_E"),
        forecast("F_OPEN"),
        need("J_X", "judgement"),
    )
    needs = data["versions"][""]["needs"]
    needs["O_E"]["resolves"] = "F_E"  # an old export's option text, and no back link
    needs["F_E"]["resolves_back"] = None
    fast = assessments_from_json(data).resolutions()
    slow_register = assessments_from_json(data)
    assert slow_register.needs  # builds the records, so resolutions() goes through them
    assert fast == slow_register.resolutions()
    assert [r[0] for r in fast] == ["F_A", "F_B", "F_C", "F_D", "F_E"]
    assert fast[1] == ("F_B", 0.85, "ambiguous")
    assert fast[3] == ("F_D", 0.65, "no")  # the first back link that is an outcome
    assert fast[4] == ("F_E", 0.4, "yes")


def test_readings_read_raw_agree_with_the_records() -> None:
    """The fast path of score (no record built) reads what the typed records read."""
    needs = [
        forecast("F_A", probability=0.8),
        outcome("O_A", "F_A", "yes", contested=" a reason ", alternative="no"),
        forecast("F_B", probability=None, likelihood="unlikely"),
        outcome("O_B", "F_B", " no "),
        forecast("F_C", probability=1),  # an int, as a hand-written file may hold
        outcome("O_C", "F_C", "annulled", alternative="yes"),  # not contested: no other reading
    ]
    fast = assessments_from_json(document(*needs)).readings()
    slow = assessments_from_json(document(*needs))
    slow.needs  # noqa: B018  (builds the typed records, so readings() goes through them)
    assert (
        fast
        == slow.readings()
        == [
            ("F_A", 0.8, "yes", "no", None),  # the fifth: a second verdict, none here
            ("F_B", 0.3, "no", None, None),
            ("F_C", 1.0, "annulled", None, None),
        ]
    )
