"""Measure the registry at scale: many reports read as one record (issue 12).

1. Builds ``--reports`` synthetic reports of ``--forecasts`` forecasts each (``generate.py``,
   each its own seed, HTML build for its ``needs.json``), and writes a ``registry.toml``.
2. Times, as whole processes (median of ``--repeat``), a bare ``json.load`` of every file,
   ``report-checks due --registry`` and ``report-checks score --registry``, and prints each
   against the bare load (target: at most 2x).
3. Builds the registry site over the first 10%, 30% and 100% of the reports, from clean, and
   prints the time per 1,000 forecasts (target: linear).

    python benchmarks/registry.py                      # 100 reports x 100 forecasts
    python benchmarks/registry.py --reports 10 --repeat 1   # a smoke run
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402  (beside this file, not a package)

SITE_CONF = """
project = "Registry benchmark"
extensions = ["myst_parser", "sphinxcontrib.bibtex", "sphinx_needs", "assessments"]
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build"]
bibtex_bibfiles = ["refs.bib"]
assessments_registry = "registry.toml"
assessments_as_of = "2026-11-25"
html_theme = "sphinx_book_theme"
"""
SITE_INDEX = """# Registry

```{toctree}
register
track-record
```
"""
SITE_REGISTER = """# Register

```{needtable}
:types: forecast
:columns: id, title, status, verdict, brier, authors
:sort: resolve_by
```
"""
SITE_TRACK = """# Track record

```{track-record}
```

```{track-record}
:by: report
```

```{track-record}
:by: author
```
"""


def timed(cmd: list[str], repeat: int, cwd: Path | None = None) -> float:
    """The median wall time of a whole process, failing loudly."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = subprocess.run(cmd, capture_output=True, text=True, cwd=cwd)
        times.append(time.perf_counter() - start)
        if result.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(cmd)} failed:\n{result.stderr[-2000:]}")
    return statistics.median(times)


def build_reports(work: Path, reports: int, forecasts: int) -> list[Path]:
    """Each report generated and built once (kept between runs of this script)."""
    paths = []
    for number in range(1, reports + 1):
        root = work / "reports" / f"r{number:03d}"
        needs = root / "_build" / "html" / "needs.json"
        if not needs.is_file():
            generate.generate(forecasts, root, "ours", seed=number, per_page=100)
            result = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "sphinx",
                    "-q",
                    "-b",
                    "html",
                    str(root),
                    str(root / "_build" / "html"),
                ],
                capture_output=True,
                text=True,
            )
            if result.returncode != 0:
                raise SystemExit(f"report {number} did not build:\n{result.stderr[-2000:]}")
        paths.append(needs)
        print(f"\r  reports built: {number}/{reports}", end="", flush=True)
    print()
    return paths


def replicate(needs: list[Path], reports: int, folder: Path) -> list[Path]:
    """``reports`` files cycling through ``needs``, hard-linked (copied where links fail).

    Building a thousand reports takes an hour; reading them does not depend on which report a
    file came from, so a few real builds stand in for many reports.
    """
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for number in range(reports):
        file = folder / f"r{number + 1:05d}-needs.json"
        if not file.exists():
            try:
                file.hardlink_to(needs[number % len(needs)])
            except OSError:
                shutil.copyfile(needs[number % len(needs)], file)
        files.append(file)
    return files


def registry_file(path: Path, needs: list[Path]) -> Path:
    lines = []
    for number, file in enumerate(needs, 1):
        lines += [
            "[[report]]",
            f'name = "r{number:03d}"',
            f'needs = "{file}"',
            f'url = "https://example.org/r{number:03d}"',
            "",
        ]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def site(work: Path, needs: list[Path]) -> float:
    """Seconds to build the registry site over these reports, from clean."""
    root = work / f"site-{len(needs)}"
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    (root / "conf.py").write_text(SITE_CONF, encoding="utf-8")
    (root / "refs.bib").write_text("% nothing cited\n", encoding="utf-8")
    (root / "index.md").write_text(SITE_INDEX, encoding="utf-8")
    (root / "register.md").write_text(SITE_REGISTER, encoding="utf-8")
    (root / "track-record.md").write_text(SITE_TRACK, encoding="utf-8")
    registry_file(root / "registry.toml", needs)
    cmd = [
        sys.executable,
        "-m",
        "sphinx",
        "-q",
        "-E",
        "-b",
        "html",
        str(root),
        str(root / "_build"),
    ]
    return timed(cmd, 1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=100)
    parser.add_argument("--forecasts", type=int, default=100, help="forecasts per report")
    parser.add_argument("--repeat", type=int, default=5, help="runs per command (median)")
    parser.add_argument("--work", type=Path, default=HERE / "_work" / "registry")
    parser.add_argument("--no-site", action="store_true", help="skip the site builds")
    args = parser.parse_args(argv)

    needs = build_reports(args.work, args.reports, args.forecasts)
    registry = registry_file(args.work / "registry.toml", needs)
    total_mb = sum(p.stat().st_size for p in needs) / 1e6
    count = 0
    for path in needs:
        data = json.loads(path.read_text())
        found = data["versions"][data["current_version"]]["needs"].values()
        count += sum(1 for need in found if need["type"] == "forecast")
    print(f"{len(needs)} reports, {count:,} forecasts, {total_mb:.1f} MB of needs.json")

    checks = [sys.executable, "-m", "checks"]
    script = Path(sys.executable).with_name("report-checks")
    if script.is_file():
        checks = [str(script)]
    load = "import json, sys\nfor p in sys.argv[1:]: json.load(open(p))"
    baseline = timed([sys.executable, "-c", load, *map(str, needs)], args.repeat)
    rows = [("json.load of every file", baseline)]
    common = ["--registry", str(registry), "--as-of", "2026-11-25"]
    rows.append(("report-checks due", timed([*checks, "due", *common], args.repeat)))
    score = [*checks, "score", "--registry", str(registry), "--format", "json"]
    rows.append(("report-checks score", timed(score, args.repeat)))
    rows.append(("report-checks score --by author", timed([*score, "--by", "author"], args.repeat)))
    print()
    print("| command (whole process) | s | × json.load |")
    print("|---|---:|---:|")
    for name, seconds in rows:
        print(f"| {name} | {seconds:.2f} | {seconds / baseline:.2f}× |")

    if not args.no_site:
        print()
        print("| reports | forecasts | registry site, clean build s | s per 1,000 forecasts |")
        print("|---:|---:|---:|---:|")
        for share in (0.1, 0.3, 1.0):
            some = needs[: max(1, round(len(needs) * share))]
            seconds = site(args.work, some)
            n = len(some) * args.forecasts
            print(f"| {len(some)} | {n:,} | {seconds:.1f} | {seconds / n * 1000:.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
