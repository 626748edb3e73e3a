"""The report builds with warnings as errors, and report-checks lint passes on what it built."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True)


def test_the_report_builds_and_lints_clean(tmp_path: Path) -> None:
    html = tmp_path / "html"
    build = _run(
        sys.executable, "-m", "sphinx", "-W", "--keep-going", "-n", "-q", "-b", "html",
        "docs", str(html),
    )
    assert build.returncode == 0, build.stderr
    assert (html / "chapter.html").is_file()
    lint = _run(sys.executable, "-m", "checks", "lint", "--needs", str(html / "needs.json"))
    assert lint.returncode == 0, lint.stdout + lint.stderr
