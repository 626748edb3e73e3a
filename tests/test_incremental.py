"""An incremental or parallel build publishes exactly what a clean build of the same sources does.

Each step edits the sources of the ``test-incremental`` root, rebuilds the same output
incrementally, builds the same sources from nothing, and compares every HTML page (sphinx-needs'
random ``SNCB-`` ids normalised).
"""

from __future__ import annotations

import pickle
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from sphinx.cmd.build import build_main

from assessments.domain import AssessmentsDomain
from assessments.incremental import filter_scope
from checks.cli import main

pytestmark = pytest.mark.sphinx(testroot="incremental")
_WRITTEN = re.compile(r"writing output\.\.\. \[\s*\d+%\] (\S+)")


def build(src: Path, out: Path, jobs: int = 1) -> None:
    args = ["-q", "-W", "--keep-going", "-b", "html", "-j", str(jobs), str(src), str(out)]
    assert build_main(args) == 0


def written(src: Path, out: Path, capsys: pytest.CaptureFixture[str]) -> set[str]:
    """The pages an incremental build writes."""
    capsys.readouterr()
    assert build_main(["-W", "--keep-going", "-b", "html", str(src), str(out)]) == 0
    return set(_WRITTEN.findall(capsys.readouterr().out))


def pages(out: Path) -> dict[str, str]:
    """Every HTML page, and needs.json (what report-checks reads), by path."""
    return {
        path.relative_to(out).as_posix(): re.sub(r"SNCB-[0-9a-f]+", "SNCB-x", path.read_text())
        for path in sorted([*out.rglob("*.html"), out / "needs.json"])
    }


def edit(src: Path, name: str, old: str, new: str) -> None:
    path = src / name
    text = path.read_text()
    assert old in text, (name, old)
    path.write_text(text.replace(old, new, 1))


def _edit_prose(src: Path, out: Path) -> None:
    # the page is read again: sphinx-needs makes its needs afresh, without the fields derived
    # from other pages (a forecast's verdict and score come from the outcomes' page)
    edit(src, "forecasts.md", "Some prose before", "Some more prose before")


def _edit_prose_of_outcomes(src: Path, out: Path) -> None:
    edit(src, "outcomes.md", "# Outcomes\n", "# Outcomes\n\nA new first paragraph.\n")


def _flip_verdict(src: Path, out: Path) -> None:
    edit(src, "outcomes.md", ":verdict: yes", ":verdict: no")


def _add_link(src: Path, out: Path) -> None:
    edit(src, "forecasts.md", ":supports: F_ONE", ":supports: F_ONE, F_TWO")


def _re_estimate(src: Path, out: Path) -> None:
    edit(
        src,
        "forecasts.md",
        ":likelihood: likely\n:confidence: low",
        ":likelihood: unlikely\n:confidence: low",
    )


def _record_correction(src: Path, out: Path) -> None:
    # the ledger is an input too: the card of F_TWO shows its history
    args = ["ledger", "revise", "F_TWO", "--kind", "correction", "--reason", "mis-coded"]
    args += ["--needs", str(out / "needs.json"), "--ledger", str(src / "forecast-ledger")]
    assert main([*args, "--as-of", "2025-06-01"]) == 0


def _delete_page(src: Path, out: Path) -> None:
    (src / "extra.md").unlink()
    edit(src, "index.md", "extra\n", "")


STEPS: dict[str, Callable[[Path, Path], None]] = {
    "edit the prose of the forecasts' page": _edit_prose,
    "flip a verdict": _flip_verdict,
    "edit the prose of the outcomes' page": _edit_prose_of_outcomes,
    "add a link": _add_link,
    "re-estimate a forecast": _re_estimate,
    "record the correction in the ledger": _record_correction,
    "delete a page": _delete_page,
}


@pytest.fixture
def src(own_copy: Path) -> Path:
    """The test's own copy of the root: each step edits it."""
    return own_copy


def _extend(src: Path) -> None:
    """An author's needextend: sphinx-needs applies it late, so the fields are derived then."""
    with (src / "extra.md").open("a") as page:
        page.write("\n:::{needextend} F_ONE\n:+tags: extended\n:::\n")


@pytest.mark.parametrize("jobs", [1, 2])
def test_each_incremental_build_equals_a_clean_build(src: Path, tmp_path: Path, jobs: int) -> None:
    incremental = tmp_path / "incremental"
    build(src, incremental, jobs)
    for n, (what, step) in enumerate(STEPS.items()):
        step(src, incremental)
        build(src, incremental, jobs)
        clean = tmp_path / f"clean{n}"
        build(src, clean)
        got, want = pages(incremental), pages(clean)
        assert got.keys() == want.keys(), f"after '{what}': pages differ"
        stale = [name for name in want if got[name] != want[name]]
        assert stale == [], f"after '{what}', stale: {stale}"
    assert not (incremental / "extra.html").exists(), "a deleted page's old file stays"


def test_parallel_build_equals_serial_build(src: Path, tmp_path: Path) -> None:
    build(src, tmp_path / "serial", jobs=1)
    build(src, tmp_path / "parallel", jobs=2)
    assert pages(tmp_path / "parallel") == pages(tmp_path / "serial")


def test_a_verdict_rewrites_the_cards_and_summaries_that_show_it(
    src: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    build(src, out)
    _flip_verdict(src, out)
    # forecasts: F_ONE's card; register: the table and the track record; index: Sphinx's own
    assert written(src, out, capsys) >= {"outcomes", "forecasts", "register"}


def test_a_register_split_by_page_is_rewritten_only_where_the_change_shows(
    src: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A needtable kept to one page's needs by its filter shows those needs only: a verdict on
    the forecasts rewrites their page's table, not the table of another page."""
    out = tmp_path / "out"
    build(src, out)
    _flip_verdict(src, out)
    pages_written = written(src, out, capsys)
    assert "forecasts-by-page" in pages_written
    assert "indicators-by-page" not in pages_written
    assert "register" in pages_written, "the unfiltered register shows every forecast"
    edit(
        src,
        "extra.md",
        "# Extra\n",
        "# Extra\n\n:::{indicator} Another sign\n:id: I_OTHER\n\nWatch.\n:::\n",
    )
    assert "indicators-by-page" in written(src, out, capsys), "a new need of its page shows"


@pytest.mark.parametrize(
    ("text", "pages"),
    [
        ('docname == "part001"', {"part001"}),
        ("'part001' == docname", {"part001"}),
        ('docname in ["a", "b"]', {"a", "b"}),
        ('docname in ("a",) and status == "open"', {"a"}),
        ('type == "forecast" and docname in {"a", "b"} and docname == "b"', {"b"}),
        ('docname == "a" or docname == "b"', {"a", "b"}),
        (' docname == "a"\n', {"a"}),
        ('docname == "a" or status == "open"', None),
        ('status == "open"', None),
        ('docname != "a"', None),
        ('docname.startswith("part")', None),
        ("docname in pages", None),
        ('docname in ["a", 1]', None),
        ('"a" < docname', None),
        ('docname == "a" ==', None),
        ("", None),
        (None, None),
    ],
)
def test_a_filter_keeps_to_the_pages_it_names_plainly(
    text: str | None, pages: set[str] | None
) -> None:
    assert filter_scope(text) == (None if pages is None else frozenset(pages))


def test_a_prose_only_edit_rewrites_nothing_extra(
    src: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    build(src, out)
    edit(src, "forecasts.md", "Some prose before", "Some more prose before")
    assert written(src, out, capsys) - {"index"} == {"forecasts"}
    assert written(src, out, capsys) == set(), "a build with no change writes nothing"


def test_a_rule_across_pages_is_reported_again_on_every_build(
    src: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The cross rules' findings are kept with the state of the needs they were found in, and
    printed at the assessment's current line on each build, whether or not a page was read."""
    edit(src, "outcomes.md", ":resolved_on: 2022-01-15", ":resolved_on: 2019-03-01")
    out = tmp_path / "out"
    lines = []
    for step in ("first build", "no change", "prose edit above the outcome"):
        if step == "prose edit above the outcome":
            edit(src, "outcomes.md", "# Outcomes\n", "# Outcomes\n\nOne.\n\nTwo.\n")
        capsys.readouterr()
        assert build_main(["-q", "-b", "html", str(src), str(out)]) == 0
        found = [
            ln for ln in capsys.readouterr().err.splitlines() if "resolved_on 2019-03-01" in ln
        ]
        assert len(found) == 1, (step, found)
        lines.append(re.search(r"outcomes\.md:(\d+)", found[0]))
    first, again, moved = (int(m.group(1)) for m in lines if m)
    assert first == again and moved == first + 4


def test_a_report_with_needextend_stays_true_too(src: Path, tmp_path: Path) -> None:
    _extend(src)
    incremental = tmp_path / "incremental"
    build(src, incremental)
    for n, step in enumerate((_edit_prose, _flip_verdict, _edit_prose_of_outcomes)):
        step(src, incremental)
        build(src, incremental)
        clean = tmp_path / f"clean{n}"
        build(src, clean)
        got, want = pages(incremental), pages(clean)
        assert [name for name in want if got.get(name) != want[name]] == [], step.__name__
    assert '"extended"' in want["needs.json"]


_READ = re.compile(r"reading sources\.\.\. \[\s*\d+%\] (\S+)")


def test_an_environment_pickled_by_an_older_extension_is_read_again(
    src: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """After an upgrade that changes the shape of the extension's state, no page is left stale:
    Sphinx discards the old environment and reads every page again."""
    out = tmp_path / "out"
    build(src, out)
    pickled = out / ".doctrees" / "environment.pickle"
    env = pickle.loads(pickled.read_bytes())
    env.domaindata[AssessmentsDomain.name]["version"] = AssessmentsDomain.data_version - 1
    pickled.write_bytes(pickle.dumps(env, pickle.HIGHEST_PROTOCOL))
    capsys.readouterr()
    assert build_main(["-W", "--keep-going", "-b", "html", str(src), str(out)]) == 0
    read = set(_READ.findall(capsys.readouterr().out))
    assert read == {p.stem for p in src.glob("*.md")}
