"""Measure the report's build and checks against plain Sphinx and vanilla sphinx-needs.

For each size N it generates the three variants of the same text (``benchmarks/generate.py``)
and measures, each build a separate ``sphinx-build`` process, the median of ``--repeat`` runs:

- ``clean``: HTML from nothing (output and doctrees removed);
- ``nochange``: the same HTML build again, nothing changed;
- ``edit``: the HTML build after one word was added to the prose of one page (``part001.md``);
- ``flip``: the HTML build after one outcome's verdict on that page was flipped (yes to no):
  its forecast's card, the register and the track record must all show it;
- ``pdf``: ``sphinx-build -M latexpdf`` from nothing (LaTeX, then latexmk with pdflatex).

Then ``report-checks lint`` and ``report-checks score`` on the ``needs.json`` of the largest
``ours`` build, beside a bare ``python -c 'import json; json.load(open(P))'``, each a whole
process. Peak memory is the maximum resident set size of the process and the children it waited
for (``os.wait4``), so a PDF build's includes pdflatex.

Prints Markdown tables (times, ratios against the plain build of the same run, peak memory, how
the targets of issue 6 fare) and writes everything to ``benchmarks/results/<date>-<time>.json``.

    python benchmarks/run.py            # the full run (about an hour on 2 cores)
    python benchmarks/run.py --quick    # N = 100 only, one run each: a smoke test
    python benchmarks/run.py --python OTHER/bin/python   # the same, with another installation
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from datetime import datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402  (beside this file, not a package)

VARIANTS = generate.VARIANTS
BASELINE = "plain"
HTML_MEASURES = ("clean", "nochange", "edit", "flip")
#: The interpreter that runs sphinx-build and report-checks (``--python``).
PYTHON = sys.executable
#: Targets of issue 6 (2 cores).
TARGET_CLEAN_2000 = 2.5
TARGET_EDIT = 1.5
TARGET_LINT = 3.0
TARGET_SCORE = 2.0
#: The checks' targets are set for a needs.json of this many forecasts.
TARGET_CHECKS_N = 10_000


@dataclass
class Run:
    """One process: wall time, CPU time, peak memory, exit status, what Sphinx read and wrote."""

    seconds: float
    cpu: float
    peak_kb: int
    rc: int
    read: int | None = None
    written: int | None = None
    warnings: int | None = None


@dataclass
class Measure:
    """Several runs of one measurement and their median."""

    n: int
    variant: str
    measure: str
    runs: list[Run] = field(default_factory=list)

    @property
    def median(self) -> float | None:
        ok = [r.seconds for r in self.runs if r.rc == 0]
        return statistics.median(ok) if ok else None

    @property
    def peak_mb(self) -> float | None:
        return max((r.peak_kb for r in self.runs), default=0) / 1024 or None

    def to_dict(self) -> dict:
        return {
            "n": self.n,
            "variant": self.variant,
            "measure": self.measure,
            "median_s": self.median,
            "peak_mb": self.peak_mb,
            "runs": [asdict(r) for r in self.runs],
        }


_READ = re.compile(r"^reading sources\.\.\. \[", re.M)
_WRITTEN = re.compile(r"^writing output\.\.\. \[", re.M)
_WARNING = re.compile(r"WARNING|ERROR", re.M)


def timed(cmd: list[str], log: Path, cwd: Path | None = None, env: dict | None = None) -> Run:
    """Run one command to completion; its output goes to ``log``."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(
            cmd, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, cwd=cwd, env=env
        )
        _pid, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
    proc.returncode = rc = os.waitstatus_to_exitcode(status)
    text = log.read_text(encoding="utf-8", errors="replace")
    return Run(
        round(seconds, 3),
        round(usage.ru_utime + usage.ru_stime, 3),
        usage.ru_maxrss,
        rc,
        len(_READ.findall(text)),
        len(_WRITTEN.findall(text)),
        len(_WARNING.findall(text)),
    )


def sphinx(args: list[str], jobs: str | None) -> list[str]:
    # -M must come first; -j after it
    return [PYTHON, "-m", "sphinx", *args, *(["-j", jobs] if jobs else [])]


def edit_page(root: Path, count: int) -> None:
    """Add one word to the opening paragraph of the first page (its text, no assessment)."""
    page = generate.first_page(root)
    text = page.read_text(encoding="utf-8")
    text = text.replace(generate.EDIT_MARKER, f"{generate.EDIT_MARKER} (edit {count})", 1)
    page.write_text(text, encoding="utf-8")


_VERDICTS = {"plain": ("**Verdict:** yes", "**Verdict:** no")}


def flip_verdict(root: Path, variant: str, count: int) -> None:
    """Flip the verdict of one outcome of the first page (a different one each run)."""
    page = generate.first_page(root)
    text = page.read_text(encoding="utf-8")
    old, new = _VERDICTS.get(variant, (":verdict: yes", ":verdict: no"))
    at = -1
    for _ in range(count + 1):
        at = text.index(old, at + 1)
    page.write_text(text[:at] + new + text[at + len(old) :], encoding="utf-8")


def html_runs(
    n: int, variant: str, root: Path, repeat: int, jobs: str | None, logs: Path, say
) -> list[Measure]:
    out, doctrees = root / "_build" / "html", root / "_build" / "doctrees"
    cmd = sphinx(["-b", "html", "-d", str(doctrees), str(root), str(out)], jobs)
    measures = {m: Measure(n, variant, m) for m in HTML_MEASURES}
    original = generate.first_page(root).read_text(encoding="utf-8")
    for i in range(repeat):
        shutil.rmtree(root / "_build", ignore_errors=True)
        for measure in HTML_MEASURES:
            if measure == "edit":
                edit_page(root, i)
            elif measure == "flip":
                flip_verdict(root, variant, i)
            run = timed(cmd, logs / f"n{n}-{variant}-{measure}-{i}.log")
            measures[measure].runs.append(run)
            say(
                f"  N={n:>6,} {variant:<5} {measure:<8} {run.seconds:8.2f} s  "
                f"{run.peak_kb / 1024:7.0f} MB  read {run.read} written {run.written}"
                + ("" if run.rc == 0 else f"  FAILED rc={run.rc}")
            )
        generate.first_page(root).write_text(original, encoding="utf-8")
    return list(measures.values())


def pdf_runs(
    n: int, variant: str, root: Path, repeat: int, jobs: str | None, logs: Path, say
) -> Measure:
    measure = Measure(n, variant, "pdf")
    build = root / "_build_pdf"
    env = dict(os.environ, LATEXOPTS="-interaction=nonstopmode -halt-on-error")
    for i in range(repeat):
        shutil.rmtree(build, ignore_errors=True)
        run = timed(
            sphinx(["-M", "latexpdf", str(root), str(build)], jobs),
            logs / f"n{n}-{variant}-pdf-{i}.log",
            env=env,
        )
        pdf = build / "latex" / "report.pdf"
        if run.rc == 0 and not pdf.is_file():
            run.rc = -1
        measure.runs.append(run)
        size = f"{pdf.stat().st_size / 1e6:.1f} MB PDF" if pdf.is_file() else "no PDF"
        say(
            f"  N={n:>6,} {variant:<5} pdf      {run.seconds:8.2f} s  "
            f"{run.peak_kb / 1024:7.0f} MB  {size}"
            + ("" if run.rc == 0 else f"  FAILED rc={run.rc}")
        )
    return measure


def report_checks(python: str | None = None) -> list[str]:
    """The ``report-checks`` command of an installation (default: ``--python``'s)."""
    python = python or PYTHON
    script = Path(python).with_name("report-checks")
    return [str(script)] if script.is_file() else [python, "-m", "checks"]


def check_commands(root: Path, logs: Path, python: str | None = None) -> dict[str, list[str]]:
    """json.load, lint and score of the ours build's needs.json under ``root``, as processes.

    ``lint`` checks the ledger too: one is frozen first (not timed) if ``root`` has none.
    """
    needs = root / "_build" / "html" / "needs.json"
    ledger = root / "forecast-ledger"
    common = ["--needs", str(needs), "--docs", str(root)]
    as_of = ["--as-of", generate.AS_OF]
    checks = report_checks(python)
    if not ledger.exists():
        timed(
            [*checks, "ledger", "freeze", *common, *as_of, "--ledger", str(ledger)]
            + ["--published", generate.AS_OF],
            logs / f"ledger-freeze-{root.name}.log",
        )
    return {
        "json.load": [sys.executable, "-c", f"import json; json.load(open({str(needs)!r}))"],
        "lint": [
            *checks,
            "lint",
            *common,
            "--bib",
            str(root / "refs.bib"),
            *as_of,
            "--ledger",
            str(ledger),
        ],
        "score": [*checks, "score", "--needs", str(needs)],
    }


def check_runs(root: Path, n: int, repeat: int, logs: Path, say) -> list[Measure]:
    """json.load, lint and score on the ours build's needs.json, each a whole process."""
    commands = check_commands(root, logs)
    measures = []
    for name, cmd in commands.items():
        measure = Measure(n, "ours", name)
        for i in range(repeat):
            run = timed(cmd, logs / f"check-{name}-{i}.log")
            # lint exits 1 when it finds errors: a finished run all the same
            if name == "lint" and run.rc == 1:
                run.rc = 0
            measure.runs.append(run)
        say(
            f"  {name:<10} {measure.median or float('nan'):6.3f} s  "
            f"{measure.peak_mb or 0:6.0f} MB"
            + ("" if all(r.rc == 0 for r in measure.runs) else "  FAILED")
        )
        measures.append(measure)
    return measures


# --- reporting ------------------------------------------------------------------------------


def machine() -> dict:
    """The machine and the versions the numbers belong to."""
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                ram = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    versions = {}
    for package in (
        "sphinx",
        "sphinx-needs",
        "myst-parser",
        "docutils",
        "sphinxcontrib-bibtex",
        "pybtex",
        "sphinx-book-theme",
        "matplotlib",
    ):
        try:
            versions[package] = version(package)
        except PackageNotFoundError:
            versions[package] = None
    tex = shutil.which("pdflatex")
    if tex:
        first = subprocess.run([tex, "--version"], capture_output=True, text=True).stdout
        versions["pdflatex"] = first.splitlines()[0] if first else None
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "ram_gb": ram,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "versions": versions,
    }


def _fmt(seconds: float | None) -> str:
    return "—" if seconds is None else f"{seconds:.2f}"


def _ratio(a: float | None, b: float | None) -> str:
    return "—" if a is None or not b else f"{a / b:.2f}×"


def _find(measures: list[Measure], n: int, variant: str, measure: str) -> Measure | None:
    for m in measures:
        if (m.n, m.variant, m.measure) == (n, variant, measure):
            return m
    return None


def build_table(measures: list[Measure]) -> str:
    """Times, ratios against the plain build and peak memory, one row per N and measure."""
    lines = [
        "| N forecasts | build | plain s | ours s | ours/plain | needs s | needs/plain "
        "| peak MB plain / ours / needs | pages read / written (ours) |",
        "|---:|---|---:|---:|---:|---:|---:|---|---|",
    ]
    sizes = sorted({m.n for m in measures if m.variant in VARIANTS})
    for n in sizes:
        for name in (*HTML_MEASURES, "pdf"):
            row = {v: _find(measures, n, v, name) for v in VARIANTS}
            if not any(row.values()):
                continue
            base = row[BASELINE].median if row[BASELINE] else None
            ours, needs = row["ours"], row["needs"]
            peaks = " / ".join(
                f"{m.peak_mb:.0f}" if m and m.peak_mb else "—"
                for m in (row["plain"], row["ours"], row["needs"])
            )
            pages = "—"
            if ours and ours.runs and ours.runs[-1].read is not None and name != "pdf":
                pages = f"{ours.runs[-1].read} / {ours.runs[-1].written}"
            lines.append(
                f"| {n:,} | {name} | {_fmt(base)} | {_fmt(ours.median if ours else None)} | "
                f"{_ratio(ours.median if ours else None, base)} | "
                f"{_fmt(needs.median if needs else None)} | "
                f"{_ratio(needs.median if needs else None, base)} | {peaks} | {pages} |"
            )
    return "\n".join(lines)


def checks_table(checks: list[Measure], needs_mb: float | None) -> str:
    if not checks:
        return ""
    base = next((m.median for m in checks if m.measure == "json.load"), None)
    n = checks[0].n
    lines = [
        f"needs.json of the ours build at N = {n:,} ({needs_mb or 0:.1f} MB):",
        "",
        "| command (whole process) | s | × json.load | peak MB |",
        "|---|---:|---:|---:|",
    ]
    for m in checks:
        lines.append(
            f"| {m.measure} | {_fmt(m.median)} | {_ratio(m.median, base)} | {m.peak_mb or 0:.0f} |"
        )
    return "\n".join(lines)


def targets(measures: list[Measure], checks: list[Measure]) -> list[str]:
    """How the targets of issue 6 fare in this run (only those it measured)."""
    out = []

    def ratio(n: int, name: str) -> float | None:
        a, b = _find(measures, n, "ours", name), _find(measures, n, BASELINE, name)
        return a.median / b.median if a and b and a.median and b.median else None

    r = ratio(2000, "clean")
    if r is not None:
        out.append(
            f"clean HTML at 2,000: ours/plain {r:.2f}× (target ≤ {TARGET_CLEAN_2000}×) "
            + ("met" if r <= TARGET_CLEAN_2000 else "MISSED")
        )
    sizes = sorted({m.n for m in measures if m.measure == "clean" and m.variant == "ours"})
    if len(sizes) > 1:
        per = []
        for n in sizes:
            m = _find(measures, n, "ours", "clean")
            ratio_n = ratio(n, "clean")
            if m and m.median:
                per.append(
                    f"{n:,}: {m.median / n * 1000:.2f} s per 1,000"
                    + (f" ({ratio_n:.2f}× plain)" if ratio_n else "")
                )
        out.append("clean HTML, ours, growth: " + "; ".join(per))
    for n in sorted({m.n for m in measures}):
        r = ratio(n, "flip")
        if r is not None:
            out.append(f"verdict flip at {n:,}: ours/plain {r:.2f}×")
    for n in sorted({m.n for m in measures}):
        r = ratio(n, "edit")
        if r is not None:
            out.append(
                f"one-page edit at {n:,}: ours/plain {r:.2f}× (target ≤ {TARGET_EDIT}×) "
                + ("met" if r <= TARGET_EDIT else "MISSED")
            )
    for n in sorted({m.n for m in measures if m.measure == "pdf"}):
        m = _find(measures, n, "ours", "pdf")
        if m:
            ok = m.runs and all(run.rc == 0 for run in m.runs)
            out.append(f"PDF at {n:,}: " + ("builds" if ok else "FAILED"))
    base = next((m.median for m in checks if m.measure == "json.load"), None)
    for name, limit in (("lint", TARGET_LINT), ("score", TARGET_SCORE)):
        m = next((c for c in checks if c.measure == name), None)
        if m and m.median and base:
            r = m.median / base
            verdict = "met" if r <= limit else "MISSED"
            if m.n < TARGET_CHECKS_N:  # start-up dominates a small file: no verdict
                verdict = f"target applies at {TARGET_CHECKS_N:,}"
            out.append(
                f"{name} on {m.n:,} forecasts: {r:.2f}× json.load (target ≤ {limit}×) {verdict}"
            )
    return out


# --- main -----------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="smoke run: N = 100, one run each")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (median)")
    parser.add_argument(
        "--big-repeat", type=int, default=2, help="runs per measurement at N >= 5,000 (default: 2)"
    )
    parser.add_argument(
        "--check-repeat", type=int, default=5, help="runs of each checks command (default: 5)"
    )
    parser.add_argument(
        "--sizes",
        default="100,1000,2000,10000",
        help="forecast counts (default: 100,1000,2000,10000)",
    )
    parser.add_argument(
        "--pdf-max", type=int, default=2000, help="PDF only up to this N (default: 2000; 0: no PDF)"
    )
    parser.add_argument("--variants", default=",".join(VARIANTS))
    parser.add_argument("--jobs", "-j", default=None, help="sphinx-build -j (default: serial)")
    parser.add_argument(
        "--work",
        type=Path,
        default=HERE / "_work",
        help="where the projects are generated and built",
    )
    parser.add_argument(
        "--output",
        type=Path,
        default=None,
        help="results JSON (default: benchmarks/results/<date>-<time>.json)",
    )
    parser.add_argument("--no-checks", action="store_true", help="skip lint/score")
    parser.add_argument(
        "--python",
        default=sys.executable,
        help="the interpreter of the installation to measure (e.g. an older release's "
        "virtual environment; default: this one)",
    )
    parser.add_argument(
        "--stock-baselines",
        action="store_true",
        help="leave the baselines without the extension's process-level speed-ups "
        "(pybtex cache, GC freeze)",
    )
    args = parser.parse_args(argv)
    global PYTHON
    PYTHON = args.python

    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    repeat, big_repeat, check_repeat = args.repeat, args.big_repeat, args.check_repeat
    if args.quick:
        sizes, repeat, big_repeat, check_repeat = [100], 1, 1, 1
    variants = [v.strip() for v in args.variants.split(",") if v.strip()]
    stamp = datetime.now().strftime("%Y-%m-%d-%H%M%S")
    output = args.output or HERE / "results" / f"{stamp}{'-quick' if args.quick else ''}.json"
    logs = args.work / "logs"

    def say(text: str) -> None:
        print(text, flush=True)

    info = machine()
    say(
        f"machine: {info['nproc']} cores, {info['cpu']}, {info['ram_gb']} GB; Python "
        f"{info['python']}; Sphinx {info['versions']['sphinx']}; sphinx-needs "
        f"{info['versions']['sphinx-needs']}"
    )
    measures: list[Measure] = []
    checks: list[Measure] = []
    results = {
        "date": datetime.now().isoformat(timespec="seconds"),
        "machine": info,
        "args": {k: str(v) for k, v in vars(args).items()},
        "sizes": sizes,
        "measures": [],
        "checks": [],
    }

    def save() -> None:
        results["measures"] = [m.to_dict() for m in measures]
        results["checks"] = [m.to_dict() for m in checks]
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")

    for n in sizes:
        runs = big_repeat if n >= 5000 else repeat
        say(f"N = {n:,} ({runs} run{'s' * (runs != 1)} each)")
        for variant in variants:
            root = generate.generate(
                n, args.work / f"n{n}" / variant, variant, speedups=not args.stock_baselines
            )
            measures += html_runs(n, variant, root, runs, args.jobs, logs, say)
            save()
        if n <= args.pdf_max:
            for variant in variants:
                measures.append(
                    pdf_runs(n, variant, args.work / f"n{n}" / variant, runs, args.jobs, logs, say)
                )
                save()

    needs_mb = None
    if not args.no_checks and "ours" in variants:
        n = max(sizes)
        root = args.work / f"n{n}" / "ours"
        needs = root / "_build" / "html" / "needs.json"
        if needs.is_file():
            needs_mb = needs.stat().st_size / 1e6
            say(f"checks on {needs} ({needs_mb:.1f} MB)")
            checks = check_runs(root, n, check_repeat, logs, say)
            results["needs_json_mb"] = needs_mb
    save()

    say("")
    say(build_table(measures))
    if checks:
        say("")
        say(checks_table(checks, needs_mb))
    say("")
    for line in targets(measures, checks):
        say(f"- {line}")
    say(f"\nresults: {output}")
    failed = [m for m in measures + checks if any(r.rc != 0 for r in m.runs)]
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
