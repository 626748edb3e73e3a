"""``report-checks new``: a new report that builds, tests, lints and scores at once, on its own
and beside this report; a folder that holds files is refused and left as it was."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from checks.cli import main
from checks.new import requirement, slug, template_files

REPO = Path(__file__).resolve().parent.parent
PUBLISHED = "2025-03-14"


def _new(target: Path, *extra: str) -> int:
    return main(
        [
            "new",
            str(target),
            "--title",
            "Arctic Shipping to 2030",
            "--author",
            "Ann Example",
            "--author",
            "Bo O'Sample",
            "--published",
            PUBLISHED,
            *extra,
        ]
    )


def _sphinx(source: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-n", "-q", "-b", "html"]
        + [str(source), str(out)],
        capture_output=True,
        text=True,
    )


@pytest.fixture(scope="module")
def new_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A report written by ``new`` and built once, with warnings as errors."""
    target = tmp_path_factory.mktemp("new") / "arctic"
    assert _new(target) == 0
    build = _sphinx(target / "docs", target / "docs" / "_build" / "html")
    assert build.returncode == 0, build.stderr
    return target


def test_new_writes_every_part_of_a_report(new_report: Path, capsys) -> None:
    written = {
        p.relative_to(new_report).as_posix()
        for p in new_report.rglob("*")
        if p.is_file() and "_build" not in p.parts
    }
    for part in (
        "pyproject.toml",
        "tox.ini",
        "README.md",
        ".gitignore",
        "refs.bib",
        "forecast-ledger/README",
        "docs/conf.py",
        "docs/index.md",
        "docs/chapter.md",
        "docs/method.md",
        "docs/register.md",
        "docs/track-record.md",
        "docs/bibliography.md",
        "tests/test_report.py",
        ".github/workflows/review.yml",
        ".github/workflows/publish.yml",
        ".github/workflows/reminders.yml",
        ".github/PULL_REQUEST_TEMPLATE.md",
    ):
        assert part in written, part
    assert not [p for p in written if "@@" in (new_report / p).read_text(encoding="utf-8")]
    chapter = (new_report / "docs" / "chapter.md").read_text(encoding="utf-8")
    for kind in ("judgement", "forecast", "assumption", "indicator", "scenario", "outcome"):
        assert f":::{{{kind}}}" in chapter, kind
    conf = (new_report / "docs" / "conf.py").read_text(encoding="utf-8")
    assert 'assessments_authors = ["Ann Example", "Bo O\'Sample"]' in conf
    assert len(conf.splitlines()) < 35, "conf.py stays a few lines"
    pyproject = (new_report / "pyproject.toml").read_text(encoding="utf-8")
    assert 'name = "arctic-shipping-to-2030"' in pyproject
    assert '"report-as-code>=' in pyproject and "PIP_FIND_LINKS" in pyproject
    gitignore = (new_report / ".gitignore").read_text(encoding="utf-8")
    assert "docs/_build/" in gitignore and ".tox/" in gitignore
    assert "tox -e html" in (new_report / "README.md").read_text(encoding="utf-8")


def test_the_worked_example_is_dated_by_published(new_report: Path) -> None:
    needs = json.loads((new_report / "docs/_build/html/needs.json").read_text(encoding="utf-8"))
    forecast = needs["versions"][""]["needs"]["F_NORTH_TERMINAL_OPENS"]
    assert forecast["made_on"] == PUBLISHED
    assert forecast["resolve_by"] == "2026-12-31"
    assert forecast["authors"] == ["Ann Example", "Bo O'Sample"]
    assert forecast["verdict"] == "yes" and forecast["status"] == "resolved"


def test_lint_score_and_due_run_on_the_new_report(new_report: Path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(new_report)
    assert main(["lint"]) == 0
    assert "lint: 0 errors" in capsys.readouterr().out
    assert main(["score", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["resolved"] == 1
    assert main(["due", "--as-of", "2026-12-01"]) == 0
    capsys.readouterr()


def test_the_new_report_and_this_one_read_as_one_record(
    new_report: Path, report_html: Path, capsys
) -> None:
    both = [
        "--needs",
        f"ours={report_html / 'needs.json'}",
        "--needs",
        f"arctic={new_report / 'docs/_build/html/needs.json'}",
    ]
    assert main(["score", "--format", "json", "--by", "report", *both]) == 0
    groups = json.loads(capsys.readouterr().out)["groups"]
    assert sorted(groups) == ["arctic", "ours"]
    assert groups["arctic"]["resolved"] == 1
    assert main(["lint", *both]) == 0, capsys.readouterr().out
    assert "lint: 0 errors" in capsys.readouterr().out


def test_a_folder_that_holds_files_is_refused_and_left_alone(new_report: Path, capsys) -> None:
    before = {p: p.read_bytes() for p in new_report.rglob("*") if p.is_file()}
    assert _new(new_report, "--title", "Another") == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "the folder is not empty" in err, err
    after = {p: p.read_bytes() for p in new_report.rglob("*") if p.is_file()}
    assert after == before


def test_a_file_in_the_way_or_a_future_date_is_refused(tmp_path: Path, capsys) -> None:
    (tmp_path / "taken").write_text("x", encoding="utf-8")
    assert _new(tmp_path / "taken") == 2
    assert "a file of that name exists" in capsys.readouterr().err
    later = date.today().replace(year=date.today().year + 1).isoformat()
    args = ["new", str(tmp_path / "r"), "--title", "T", "--author", "A", "--published", later]
    assert main(args) == 2
    assert "is after today" in capsys.readouterr().err
    assert not (tmp_path / "r").exists()


def test_new_works_from_any_folder(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["new", "report", "--title", "T", "--author", "A", "--yardstick", "icd203"]) == 0
    assert "cd report" in capsys.readouterr().out
    assert 'assessments_yardstick = "icd203"' in Path("report/docs/conf.py").read_text("utf-8")


def test_help_lists_every_option(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["new", "--help"])
    text = capsys.readouterr().out
    for option in ("DIR", "--title", "--author", "--yardstick", "--published"):
        assert option in text


def _sentences(text: str) -> set[str]:
    """Every run of eight words of a text, lower-cased: what copying a sentence would share."""
    words = re.findall(r"[a-z]+", text.lower())
    return {" ".join(words[i : i + 8]) for i in range(len(words) - 7)}


def test_the_new_report_holds_none_of_this_reports_text(new_report: Path) -> None:
    ours = set()
    for page in ("chapter.md", "outcomes.md", "about.md", "index.md"):
        ours |= _sentences((REPO / "docs" / page).read_text(encoding="utf-8"))
    for relative, item in template_files():
        if relative.endswith((".md", ".bib", ".py", ".py_t")):
            shared = _sentences(item.read_text(encoding="utf-8")) & ours
            assert not shared, f"{relative} repeats this report: {sorted(shared)[:3]}"
    text = "\n".join(p.read_text("utf-8") for p in (new_report / "docs").glob("*.md"))
    for name in ("Belarus", "Zapad", "Clingendael", "Lukashenko"):
        assert name not in text


@pytest.mark.parametrize(
    ("version", "expected"),
    [
        ("0.3.0", "report-as-code>=0.3.0,<0.4"),
        ("0.3.2", "report-as-code>=0.3.2,<0.4"),
        ("1.2.0", "report-as-code>=1.2.0,<2"),
        ("unknown", "report-as-code"),
    ],
)
def test_the_toolkit_range_accepts_fixes_not_the_next_release(version, expected) -> None:
    assert requirement(version) == expected


def test_slug_is_a_distribution_name() -> None:
    assert slug("Arctic Shipping, 2030: Öresund & Beyond") == "arctic-shipping-2030-oresund-beyond"
    assert slug("«»") == "report"


@pytest.mark.newreport
def test_the_new_reports_own_tox_passes_with_the_toolkit_from_a_wheel_folder(
    tmp_path: Path,
) -> None:
    """The whole first hour: build a wheel of the toolkit into a folder, start a report, and
    run the report's own ``tox -e html`` and ``tox`` with ``PIP_FIND_LINKS`` pointing there."""
    pytest.importorskip("tox", reason="tox comes with the test extra")
    wheels = tmp_path / "wheels"
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(REPO)],
        capture_output=True,
        text=True,
    )
    assert built.returncode == 0, built.stderr
    target = tmp_path / "arctic"
    assert _new(target) == 0
    env = {**os.environ, "PIP_FIND_LINKS": str(wheels)}
    for name in ("VIRTUAL_ENV", "TOX_ENV_NAME", "TOX_WORK_DIR", "TOX_ENV_DIR", "PYTHONPATH"):
        env.pop(name, None)
    run = subprocess.run(
        [sys.executable, "-m", "tox", "run", "-e", "html,tests"],
        cwd=target,
        capture_output=True,
        text=True,
        env=env,
    )
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    assert (target / "docs/_build/html/chapter.html").is_file()
    assert "1 passed" in run.stdout


def test_no_page_of_the_new_report_loads_anything_from_another_host(new_report: Path) -> None:
    from test_offline import outside_assets

    found = outside_assets(new_report / "docs/_build/html")
    assert not found, found


@pytest.mark.skipif(shutil.which("latexmk") is None, reason="needs TeX Live (see README)")
def test_the_new_report_builds_a_pdf(new_report: Path, tmp_path: Path) -> None:
    pdf = subprocess.run(
        [sys.executable, "-m", "sphinx", "-M", "latexpdf", str(new_report / "docs"), str(tmp_path)]
        + ["-W", "--keep-going", "-n", "-q"],
        capture_output=True,
        text=True,
    )
    assert pdf.returncode == 0, pdf.stdout[-3000:] + pdf.stderr[-2000:]
    assert (tmp_path / "latex" / "report.pdf").stat().st_size > 10_000
