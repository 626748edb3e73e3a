"""The build and ``report-checks lint`` say the same words about the same bad value.

Each case writes one bad value into a directive of the ``test-valid`` root and builds it, then
puts the same value into the same need of a ``needs.json`` and lints it: the message after the
id is the same text.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from checks.lint import rule_problems
from test_checks_support import document as needs_document
from test_checks_support import forecast, outcome
from tradecraft.records import assessments_from_json

#: (need, option, the bad value as written in the directive, the same value in needs.json)
CASES: list[tuple[str, str, str | None, Any]] = [
    ("F_ONE", "likelihood", "high", "high"),
    ("F_ONE", "likelihood", "very likely", "very likely"),
    ("F_ONE", "probability", "1.5", 1.5),
    ("F_ONE", "probability", "0.9", 0.9),
    ("F_ONE", "confidence", "hgih", "hgih"),
    ("F_ONE", "resolve_by", "2022-02-30", "2022-02-30"),
    ("F_ONE", "made_on", "20210801", "20210801"),
    ("F_ONE", "coding", "guess", "guess"),
    ("F_ONE", "window", "soon", "soon"),
    ("F_ONE", "criteria", None, None),
    ("O_ONE", "verdict", "partly", "partly"),
    ("O_ONE", "resolved_on", "2021-07-01", "2021-07-01"),
    ("O_ONE", "alternative", "no", "no"),
    # misspelt: the nearest accepted value ("did you mean"), in the same words
    ("F_ONE", "likelihood", "lkely", "lkely"),
    ("F_ONE", "window", "sorce", "sorce"),  # codespell:ignore sorce
    ("F_ONE", "coding", "editoral", "editoral"),
    ("O_ONE", "verdict", "yess", "yess"),
    ("F_ONE", "basis", "src2012", ["src2012"]),
    ("O_ONE", "resolves", "F_ONN", ["F_ONN"]),
]

#: What each misspelt value of CASES is told: the end of its message.
SUGGESTED = {
    ("F_ONE", "likelihood", "lkely"): "; did you mean 'likely'?",
    ("F_ONE", "confidence", "hgih"): "; did you mean 'high'?",
    ("F_ONE", "window", "sorce"): "; did you mean 'source'?",  # codespell:ignore sorce
    ("F_ONE", "coding", "editoral"): "; did you mean 'editorial'?",
    ("O_ONE", "verdict", "yess"): "; did you mean 'yes'?",
    ("F_ONE", "basis", "src2012"): (
        ":basis: cites src2012, not in the bibliography; did you mean 'src2021'? If not, add "
        "the entry to refs.bib"
    ),
    ("O_ONE", "resolves", "F_ONN"): (
        ":resolves: names 'F_ONN', which is not in the report; did you mean 'F_ONE'?"
    ),
}
#: The bibliography's keys, as the test-valid root's refs.bib and the crafted needs cite them.
KEYS = {"src2021", "deen2021evercloser"}


def _build_message(src: Path, tmp_path: Path, need_id: str, option: str, value: str | None) -> str:
    from sphinx.cmd.build import build_main

    text = (src / "index.md").read_text()
    block = re.search(rf":id: {need_id}\n(?::[^\n]*\n)*", text)
    assert block is not None
    options = re.sub(rf":{option}:[^\n]*\n", "", block.group())
    if value is not None:
        options += f":{option}: {value}\n"
    (src / "index.md").write_text(text.replace(block.group(), options))
    warnings = tmp_path / "warnings.txt"
    build_main(
        ["-q", "--keep-going", "-w", str(warnings), "-b", "html", str(src), str(tmp_path / "out")]
    )
    lines = [line for line in warnings.read_text().splitlines() if need_id in line]
    assert len(lines) == 1, lines
    return lines[0].split(f"{need_id}: ", 1)[1].rsplit(" [assessments.", 1)[0]


def _lint_message(need_id: str, option: str, value: Any) -> str:
    needs = {
        "F_ONE": forecast("F_ONE", probability=0.7, resolve_by="2022-01-31"),
        "O_ONE": outcome("O_ONE", "F_ONE", resolved_on="2022-01-15", evidence=["src2021"]),
    }
    needs[need_id][option] = value
    register = assessments_from_json(needs_document(*needs.values()))
    problems = rule_problems(register, date(2026, 1, 1), KEYS)
    found = [p.message for p in problems if p.subject == need_id]
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(("need_id", "option", "written", "stored"), CASES)
@pytest.mark.sphinx("html", testroot="valid")
def test_build_and_lint_use_the_same_words(
    own_copy: Path, tmp_path: Path, need_id: str, option: str, written: str | None, stored: Any
) -> None:
    assert _build_message(own_copy, tmp_path, need_id, option, written) == _lint_message(
        need_id, option, stored
    )


@pytest.mark.parametrize(("need_id", "option", "written"), sorted(SUGGESTED))
def test_misspelt_values_get_the_nearest_accepted_one(
    need_id: str, option: str, written: str
) -> None:
    stored = next(c[3] for c in CASES if c[:3] == (need_id, option, written))
    assert _lint_message(need_id, option, stored).endswith(SUGGESTED[need_id, option, written])
