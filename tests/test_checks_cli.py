"""``report-checks``: exit codes, one-line errors for bad input; due, iCalendar, score, export."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from checks import due
from checks.cli import main
from test_checks_support import BIB, document, forecast, need, outcome, write_needs

SRC = Path(__file__).resolve().parents[1] / "src"


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m checks ARGS`` in a fresh interpreter, as a user runs it."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(SRC), env.get("PYTHONPATH", "")) if p)
    env.pop("REPORT_AS_OF", None)
    return subprocess.run(
        [sys.executable, "-m", "checks", *args], cwd=cwd, env=env, capture_output=True, text=True
    )


def assert_one_line_error(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode == 2, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in lines[0]


def test_help() -> None:
    result = run("--help")
    assert result.returncode == 0
    for command in ("lint", "due", "score", "export", "diff", "ledger"):
        assert command in result.stdout
    assert run("ledger", "revise", "--help").returncode == 0


def test_missing_needs(tmp_path: Path) -> None:
    result = run("score", "--needs", str(tmp_path / "nope.json"))
    assert_one_line_error(
        result, "report-checks: error:", "nope.json", "no such file", "tox -e html"
    )


def test_truncated_needs(tmp_path: Path) -> None:
    path = write_needs(tmp_path / "needs.json", forecast("F_A"))
    path.write_text(path.read_text(encoding="utf-8")[:200], encoding="utf-8")
    result = run("score", "--needs", str(path))
    assert_one_line_error(result, str(path), "not valid JSON", "line ", "tox -e html")


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ('{"name": "some other tool"}', ("not a needs.json written by sphinx-needs", "'versions'")),
        ("[1, 2, 3]", ("not a needs.json written by sphinx-needs",)),
        ('{"current_version": "1.0", "versions": {"": {"needs": {}}}}', ("current_version '1.0'",)),
        ('{"current_version": "", "versions": {"": {"needs": []}}}', ("no 'needs' object",)),
    ],
)
def test_foreign_needs(tmp_path: Path, content: str, words: tuple[str, ...]) -> None:
    path = tmp_path / "needs.json"
    path.write_text(content, encoding="utf-8")
    assert_one_line_error(run("export", "--needs", str(path)), str(path), *words)


def lint_args(tmp_path: Path, bib: str, *extra: str) -> list[str]:
    write_needs(tmp_path / "needs.json", forecast("F_A"), outcome("O_A", "F_A"))
    (tmp_path / "refs.bib").write_text(bib, encoding="utf-8")
    (tmp_path / "docs").mkdir(exist_ok=True)
    return [
        "lint",
        "--needs",
        str(tmp_path / "needs.json"),
        "--bib",
        str(tmp_path / "refs.bib"),
        "--docs",
        str(tmp_path / "docs"),
        "--ledger",
        str(tmp_path / "l.json"),
        *extra,
    ]


def test_unparsable_bib(tmp_path: Path) -> None:
    broken = BIB + "\n@book{broken,\n  title = {Unclosed,\n  year = 2020,\n"
    result = run(*lint_args(tmp_path, broken, "--as-of", "2023-01-10"))
    assert_one_line_error(
        result, f"{tmp_path / 'refs.bib'}:", "BibTeX syntax error", "premature end"
    )


def test_missing_bib(tmp_path: Path) -> None:
    args = lint_args(tmp_path, BIB, "--as-of", "2023-01-10")
    (tmp_path / "refs.bib").unlink()
    assert_one_line_error(run(*args), "refs.bib: no such file", "--bib")


@pytest.mark.parametrize("value", ["2021-13-01", "yesterday", "20210801", "2021-02-30"])
def test_bad_as_of(tmp_path: Path, value: str) -> None:
    result = run(*lint_args(tmp_path, BIB, "--as-of", value))
    assert_one_line_error(result, "argument --as-of", repr(value), "YYYY-MM-DD")


def test_bad_as_of_from_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("REPORT_AS_OF", "soon")
    assert main(lint_args(tmp_path, BIB)) == 2
    assert capsys.readouterr().err == (
        "report-checks: error: REPORT_AS_OF 'soon' is not a real date in the form YYYY-MM-DD\n"
    )


def test_unknown_revision(tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    result = run("diff", "no-such-rev", "HEAD", cwd=tmp_path)
    assert_one_line_error(
        result, "no-such-rev", "neither a needs.json file nor a known git revision"
    )


def test_unknown_command_is_one_line() -> None:
    result = run("frobnicate")
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1


REGISTER = (
    forecast("F_LATE", resolve_by="2022-12-01", title="Late; one, with comma"),
    forecast("F_SOON", resolve_by="2023-01-20", criteria="Yes if \\ a; b, c\nnext"),
    forecast("F_LATER", resolve_by="2023-06-30", title="Ж" * 60),
    forecast("F_DONE", resolve_by="2022-06-30"),
    outcome("O_DONE", "F_DONE", "no"),
)


def test_due_lists_soonest_first(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_needs(tmp_path / "needs.json", *REGISTER)
    assert main(["due", "--needs", str(path), "--as-of", "2023-01-10", "--within", "14"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[1] for line in lines] == ["F_LATE", "F_SOON"]
    assert "overdue by 40 days" in lines[0] and "due in 10 days" in lines[1]


def unfold(text: str) -> list[str]:
    """Content lines of an iCalendar file (RFC 5545 section 3.1), checking the line rules."""
    assert text.endswith("\r\n")
    physical = text[:-2].split("\r\n")
    assert all("\n" not in line and "\r" not in line for line in physical)
    assert all(len(line.encode("utf-8")) <= 75 for line in physical)
    lines: list[str] = []
    for line in physical:
        if line.startswith(" "):
            lines[-1] += line[1:]
        else:
            lines.append(line)
    return lines


def test_ical_parses(tmp_path: Path) -> None:
    path = write_needs(tmp_path / "needs.json", *REGISTER)
    ics = tmp_path / "due.ics"
    assert main(["due", "--needs", str(path), "--as-of", "2023-01-10", "--ical", str(ics)]) == 0
    lines = unfold(ics.read_bytes().decode("utf-8"))
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert "VERSION:2.0" in lines and any(line.startswith("PRODID:") for line in lines)
    events: list[dict[str, str]] = []
    for line in lines:
        if line == "BEGIN:VEVENT":
            events.append({})
        elif events and line != "END:VEVENT" and "END:" not in line[:4]:
            name, _, value = line.partition(":")
            events[-1][name] = value
    assert [e["UID"] for e in events] == ["F_LATE@report", "F_SOON@report", "F_LATER@report"]
    assert events[0]["DTSTART;VALUE=DATE"] == "20221201"
    assert events[0]["DTEND;VALUE=DATE"] == "20221202"
    assert events[0]["SUMMARY"] == "Resolve F_LATE: Late\\; one\\, with comma"
    assert events[1]["DESCRIPTION"] == "Yes if \\\\ a\\; b\\, c\\nnext"
    assert events[2]["SUMMARY"] == "Resolve F_LATER: " + "Ж" * 60
    assert all("DTSTAMP" in e for e in events)


def test_fold_uses_the_full_75_octets() -> None:
    parts = due.fold("X" * 200).split("\r\n")
    assert [len(p) for p in parts] == [75, 75, 52]  # 75 + 74 + 51 characters
    assert all(p.startswith(" ") for p in parts[1:])
    assert due.fold("X" * 75) == "X" * 75


def test_fold_never_splits_a_character() -> None:
    folded = due.fold("SUMMARY:" + "€" * 40)
    parts = folded.split("\r\n")
    assert len(parts) > 1
    assert all(len(p.encode("utf-8")) <= 75 for p in parts)
    assert "".join(p[1:] if i else p for i, p in enumerate(parts)) == "SUMMARY:" + "€" * 40


def test_score_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_needs(
        tmp_path / "needs.json",
        forecast("F_A", probability=0.8, likelihood=None),
        outcome("O_A", "F_A", "yes"),
        forecast("F_B", probability=0.3, likelihood=None),
        outcome("O_B", "F_B", "no"),
        forecast("F_C", probability=0.65),
        outcome("O_C", "F_C", "no"),
        forecast("F_V"),
        outcome("O_V", "F_V", "annulled"),
        forecast("F_OPEN"),
    )
    assert main(["score", "--needs", str(path), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["resolved"] == 3 and data["void"] == 1
    assert data["brier"] == pytest.approx(0.5525 / 3)
    assert main(["score", "--needs", str(path)]) == 0
    text = capsys.readouterr().out
    assert (
        "Brier score, as published: 0.184" in text
        and "void (ambiguous, annulled; not scored): 1" in text
    )


def test_export_csv_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_needs(
        tmp_path / "needs.json",
        *REGISTER,
        forecast("F_VOID"),
        outcome("O_VOID", "F_VOID", "ambiguous"),
    )
    assert main(["export", "--needs", str(path), "--as-of", "2023-01-10"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    status = {r["id"]: r["status"] for r in rows}
    assert status == {
        "F_LATE": "due",
        "F_SOON": "open",
        "F_LATER": "open",
        "F_DONE": "resolved",
        "F_VOID": "void",
    }
    done = next(r for r in rows if r["id"] == "F_DONE")
    assert done["verdict"] == "no" and float(done["brier"]) == pytest.approx(0.65**2)
    assert done["docname"] == "chapter" and done["lineno"] == "10"
    out = tmp_path / "register.json"
    assert main(["export", "--needs", str(path), "--format", "json", "--output", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [r["id"] for r in data] == [r["id"] for r in rows]


def test_ledger_show_and_freeze(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_needs(tmp_path / "needs.json", forecast("F_A"), need("J_A", "judgement"))
    ledger = str(tmp_path / "ledger")
    common = ["--needs", str(path), "--ledger", ledger, "--as-of", "2021-08-01"]
    assert main(["ledger", "show", *common]) == 0  # no ledger yet: an empty one
    assert capsys.readouterr().out == (
        f"{ledger}: no ledger yet; start one: report-checks ledger init, or record the "
        "published forecasts: report-checks ledger freeze\n"
    )
    assert main(["ledger", "freeze", *common]) == 0
    assert "froze 1 forecast(s) as published on 2021-08-01" in capsys.readouterr().out
    assert main(["ledger", "show", *common]) == 0
    assert "F_A  published 2021-08-01  unchanged" in capsys.readouterr().out


def test_commands_import_no_sphinx(tmp_path: Path) -> None:
    """Start-up stays light: no Sphinx, and no pybtex for score."""
    path = write_needs(tmp_path / "needs.json", *REGISTER)
    code = (
        "import sys; from checks.cli import main; main(['score', '--needs', sys.argv[1]]); "
        "heavy = sorted(m for m in sys.modules "
        "if m.split('.')[0] in ('sphinx', 'pybtex', 'docutils'));"
        "print(heavy, file=sys.stderr)"
    )
    env = dict(os.environ, PYTHONPATH=str(SRC))
    result = subprocess.run(
        [sys.executable, "-c", code, str(path)], env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == "[]"


def test_json_document_helper_round_trips() -> None:
    data = document(forecast("F_A"))
    assert json.loads(json.dumps(data)) == data
