"""Many reports as one record: namespaced ids, grouped scores, a registry file, fetched URLs."""

from __future__ import annotations

import functools
import http.server
import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from checks.cli import main
from test_checks_support import forecast, outcome, write_needs
from tradecraft.registry import namespace


def _report(path: Path, *needs: dict[str, Any]) -> Path:
    return write_needs(path, *needs)


@pytest.fixture
def two(tmp_path: Path) -> tuple[Path, Path]:
    """Two reports that both hold a forecast F_X (and an open one each)."""
    alpha = _report(
        tmp_path / "alpha" / "needs.json",
        forecast("F_X", probability=0.8, authors=["Ann"], tags=["t1"]),
        outcome("O_X", "F_X", "yes", resolved_on="2022-03-01"),
        forecast("F_OPEN", resolve_by="2026-12-10", authors=["Ann"]),
    )
    beta = _report(
        tmp_path / "beta" / "needs.json",
        forecast("F_X", probability=0.3, authors=["Ann", "Bob"], tags=["t2"]),
        outcome("O_X", "F_X", "no", resolved_on="2022-12-01"),
        forecast("F_LATE", resolve_by="2026-10-01"),
    )
    return alpha, beta


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _needs(alpha: Path, beta: Path) -> list[str]:
    return ["--needs", f"alpha={alpha}", "--needs", f"beta={beta}"]


def test_colliding_ids_are_scored_as_two_forecasts(two, capsys) -> None:
    code, out, _ = _run(capsys, "score", *_needs(*two), "--format", "json")
    assert code == 0
    data = json.loads(out)
    ids = sorted(f["id"] for f in data["forecasts"])
    assert ids == ["ALPHA__F_X", "BETA__F_X"] == [namespace("alpha") + "F_X", "BETA__F_X"]
    assert data["brier"] == pytest.approx(((0.8 - 1) ** 2 + 0.3**2) / 2)


@pytest.mark.parametrize(
    ("by", "expected"),
    [
        ("report", {"alpha": [0.04], "beta": [0.09]}),
        ("author", {"Ann": [0.04, 0.09], "Bob": [0.09]}),  # a co-author counts in both
        ("tag", {"t1": [0.04], "t2": [0.09]}),
        ("year", {"2022": [0.04, 0.09]}),
    ],
)
def test_grouped_scores_match_hand_computation(two, capsys, by, expected) -> None:
    code, out, _ = _run(capsys, "score", *_needs(*two), "--by", by, "--format", "json")
    assert code == 0
    groups = json.loads(out)["groups"]
    assert sorted(groups) == sorted(expected)
    for name, briers in expected.items():
        assert groups[name]["resolved"] == len(briers)
        assert groups[name]["brier"] == pytest.approx(sum(briers) / len(briers))
        assert groups[name]["calibration"], "each group has its calibration"
        assert set(groups[name]) >= {"brier", "log", "range", "time_weighted", "contested"}


def test_what_is_due_across_reports(two, capsys) -> None:
    args = [*_needs(*two), "--as-of", "2026-11-25", "--within", "30"]
    code, out, _ = _run(capsys, "due", *args)
    assert code == 0
    assert "BETA__F_LATE  overdue by 55 days" in out and "ALPHA__F_OPEN  due in 15 days" in out
    code, out, _ = _run(capsys, "due", *args, "--format", "markdown")
    assert "| resolve by | report | forecast | state | title | authors |" in out
    assert (
        "| 2026-12-10 | alpha | ALPHA__F_OPEN | due in 15 days | Title of ALPHA__F_OPEN | Ann |"
        in (out.replace("Title of F_OPEN", "Title of ALPHA__F_OPEN"))
    )
    assert "**2 open forecasts due by 2026-12-25** (as of 2026-11-25; 1 overdue)" in out


def test_export_is_one_record(two, capsys) -> None:
    code, out, _ = _run(capsys, "export", *_needs(*two), "--format", "json")
    assert code == 0
    rows = json.loads(out)
    assert sorted(r["id"] for r in rows) == [
        "ALPHA__F_OPEN", "ALPHA__F_X", "BETA__F_LATE", "BETA__F_X"
    ]  # fmt: skip


def test_lint_checks_every_report(two, capsys) -> None:
    code, out, _ = _run(capsys, "lint", *_needs(*two), "--as-of", "2026-11-25")
    assert code == 1  # F_LATE is overdue beyond the grace period
    assert "BETA__F_LATE: overdue" in out


def test_a_registry_file_stands_in_for_the_list(two, tmp_path, capsys) -> None:
    alpha, beta = two
    registry = tmp_path / "registry.toml"
    registry.write_text(
        f'[[report]]\nname = "alpha"\nneeds = "{alpha.relative_to(tmp_path)}"\n\n'
        f'[[report]]\nname = "beta"\nneeds = "{beta}"\nurl = "https://example.org/beta"\n'
    )
    code, out, _ = _run(capsys, "score", "--registry", str(registry), "--format", "json")
    assert code == 0 and json.loads(out)["resolved"] == 2


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda a, b, t: ["--needs", f"alpha={a}", "--needs", f"alpha={b}"],
         "two reports are named 'alpha'"),
        (lambda a, b, t: ["--needs", f"alpha={a}", "--needs", "http://127.0.0.1:9/needs.json"],
         "http://127.0.0.1:9/needs.json: cannot fetch it"),
        (lambda a, b, t: ["--needs", str(a), "--needs", str(_foreign(t))],
         "not a needs.json written by sphinx-needs"),
        (lambda a, b, t: ["--needs", "Bad Name=x.json", "--needs", str(a)],
         "Bad Name=x.json: no such file"),
    ],
)  # fmt: skip
def test_bad_input_is_one_line_and_exit_2(two, tmp_path, capsys, make, message) -> None:
    code, out, err = _run(capsys, "score", *make(*two, tmp_path))
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and message in err, err


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (None, "no such registry file"),
        ("[[report]\nname = 'a'", "not valid TOML"),
        ("title = 'no reports'\n", "no [[report]] tables; list each report with name and needs"),
        ("[[report]]\nname = 'alpha'\n", 'report 1: give its needs.json as needs = "path or URL"'),
    ],
)  # fmt: skip
def test_a_bad_registry_file_is_one_line_and_exit_2(tmp_path, capsys, text, message) -> None:
    registry = tmp_path / "registry.toml"
    if text is not None:
        registry.write_text(text)
    code, out, err = _run(capsys, "due", "--registry", str(registry))
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1, err
    assert str(registry) in err and message in err, err


def _foreign(tmp_path: Path) -> Path:
    path = tmp_path / "package.json"
    path.write_text('{"name": "some-tool", "version": "1.0.0"}')
    return path


@pytest.fixture
def served(two) -> Iterator[tuple[str, list[str]]]:
    """The two reports on a local http server, and the paths it was asked for."""
    root = two[0].parent.parent
    asked: list[str] = []

    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            asked.append(self.path)

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Handler, directory=str(root))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", asked
    finally:
        server.shutdown()


def test_urls_are_fetched_and_cached(served, tmp_path, monkeypatch, capsys) -> None:
    from checks import fetch

    base, asked = served
    monkeypatch.setenv("REPORT_CHECKS_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(fetch, "_FETCHED", {})
    args = ["--needs", f"alpha={base}/alpha/needs.json", "--needs", f"beta={base}/beta/needs.json"]
    code, out, _ = _run(capsys, "score", *args, "--format", "json")
    assert code == 0 and json.loads(out)["resolved"] == 2
    assert len(asked) == 2
    assert len(list((tmp_path / "cache").glob("*.json"))) == 2  # kept for the next run
    # the next run asks again, and the server's "not modified" reuses the copy
    monkeypatch.setattr(fetch, "_FETCHED", {})
    code, out, _ = _run(capsys, "score", *args, "--format", "json")
    assert code == 0 and json.loads(out)["resolved"] == 2 and len(asked) == 4
