"""Measure the speed goals of issue 19: two installations against plain Sphinx, in the same rounds.

Each goal is a ratio measured in one run: the ``before`` and ``after`` installations (two
interpreters of two non-editable installations of the toolkit) and the baseline take turns in
every round (the order rotating between rounds), so both share the machine's drift. A build is a
separate ``sphinx-build`` process on projects written by ``generate.py``; plain Sphinx (the
generator's ``plain`` variant) is built by the ``after`` interpreter.

- ``one-page``: 1,000 forecasts on one page, clean build: ours/plain ≤ 1.8×;
- ``pages``: 2,000 forecasts on 20 pages: clean ≤ 1.8× and a one-word prose edit ≤ 1.3× plain;
- ``headings``: the held-out shape, 2,000 forecasts on 100 pages of 20 headings: the same goals;
- ``checks``: at 10,000 forecasts, ``report-checks lint`` ≤ 2.5× and ``score`` ≤ 1.5× a bare
  ``json.load`` of the same ``needs.json`` (each installation's own), alternating in one loop;
- ``flip``: at 10,000, one outcome's verdict flipped (yes to no): the rebuild ≤ 2.5× plain's
  rebuild after the same one-line edit, rewriting no page but plain's and those that show the
  change (the register and the track record);
- ``registry``: 1,000 reports × 100 forecasts: ``report-checks score --registry`` ≤ 2× a bare
  ``json.load`` of the same files, and how time and memory grow at 2,000 and 5,000 reports (a few
  real reports, hard-linked many times: see ``registry.replicate``).

    python benchmarks/goals.py --before /work/venv-before/bin/python \\
        --after /work/venv-after/bin/python            # the issue's sizes, 3 rounds
    python benchmarks/goals.py --before B --after A --quick        # small sizes, 1 round
    python benchmarks/goals.py --before B --after A --only pages,checks --rounds 5

It prints one table (goal | plain s | before s | after s | before/plain | after/plain | met?),
the ratios as the median over rounds with their range, and writes every run to
``benchmarks/results/<date>-<time>-goals.json``. Run it with any interpreter: without the
toolkit it runs itself again under ``--after``.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import re
import shutil
import statistics
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
SIDES = ("before", "after")
GOALS = ("one-page", "pages", "headings", "checks", "flip", "registry")
#: The issue's sizes: forecasts per project, and reports in the registry (the first is the goal's).
SIZES = {"one-page": 1000, "pages": 2000, "headings": 2000, "big": 10_000, "registry": 1000}
QUICK_SIZES = {"one-page": 100, "pages": 200, "headings": 200, "big": 400, "registry": 20}
GROWTH = (2000, 5000)
#: Pages that show a flipped verdict besides the outcome's own (plain Sphinx has them too): the
#: register's page (the graph, which counts verdicts), the split register's page of the first
#: chapter page (generate.register_name(1)), and the track record.
SHOW_VERDICTS = {"register", "register-01", "track-record"}


def _run_under_after() -> None:
    """Start again under ``--after`` when this interpreter lacks the toolkit the generator needs."""
    if importlib.util.find_spec("tradecraft") is not None:
        return
    argv = sys.argv[1:]
    after = next((a.split("=", 1)[1] for a in argv if a.startswith("--after=")), None)
    if after is None and "--after" in argv[:-1]:
        after = argv[argv.index("--after") + 1]
    if not after:
        raise SystemExit(
            "goals.py: this interpreter has no tradecraft to generate the projects with: "
            "give --after PYTHON, or run it with the after installation's python"
        )
    os.execv(after, [after, str(Path(__file__).resolve()), *argv])


if __name__ == "__main__":
    _run_under_after()

sys.path.insert(0, str(HERE))

import generate  # noqa: E402  (beside this file, not a package)
import registry  # noqa: E402
from compare import build_cmd  # noqa: E402
from run import (  # noqa: E402
    Run,
    check_commands,
    edit_page,
    flip_verdict,
    machine,
    report_checks,
    timed,
)

_WRITTEN = re.compile(r"^writing output\.\.\. \[\s*\d+%\] (\S+)", re.M)


@dataclass
class Row:
    """One goal's seconds per round; ``plain`` is the baseline, unless a side has its own."""

    goal: str
    label: str
    limit: float | None
    seconds: dict[str, list[float]] = field(default_factory=dict)
    base: dict[str, list[float]] = field(default_factory=dict)
    written: dict[str, list[list[str]]] = field(default_factory=dict)
    peak_mb: dict[str, list[float]] = field(default_factory=dict)

    def add(self, side: str, run: Run, log: Path | None = None) -> None:
        self.seconds.setdefault(side, []).append(run.seconds)
        self.peak_mb.setdefault(side, []).append(round(run.peak_kb / 1024, 1))
        if log is not None:
            text = log.read_text(encoding="utf-8", errors="replace")
            self.written.setdefault(side, []).append(_WRITTEN.findall(text))

    def baseline(self, side: str) -> list[float]:
        return self.base.get(side) or self.seconds["plain"]

    def ratios(self, side: str) -> list[float]:
        """Per round: the side's seconds over its baseline's in the same round."""
        return [a / b for a, b in zip(self.seconds[side], self.baseline(side), strict=True)]

    def pages_ok(self, side: str) -> bool | None:
        """For a flip: every page written is plain's or one that shows a verdict."""
        if "plain" not in self.written or side not in self.written:
            return None
        allowed = {p for pages in self.written["plain"] for p in pages} | SHOW_VERDICTS
        return all(set(pages) <= allowed for pages in self.written[side])

    def met(self, side: str) -> str:
        if self.limit is None or side not in self.seconds:
            return "—"
        ok = statistics.median(self.ratios(side)) <= self.limit
        pages = self.pages_ok(side)
        verdict = "yes" if ok and pages is not False else "**no**"
        if pages is not None:
            counts = sorted({len(p) for p in self.written[side]})
            verdict += f" ({'/'.join(map(str, counts))} pages"
            verdict += ")" if pages else ", more than show it)"
        return verdict

    def to_dict(self) -> dict[str, object]:
        return {
            "goal": self.goal,
            "label": self.label,
            "limit": self.limit,
            "seconds": self.seconds,
            "base": self.base,
            "written": self.written,
            "peak_mb": self.peak_mb,
            "ratios": {s: self.ratios(s) for s in SIDES if s in self.seconds},
        }


def _median(values: list[float]) -> str:
    return f"{statistics.median(values):.2f}" if values else "—"


def _ratio(values: list[float]) -> str:
    if not values:
        return "—"
    middle = statistics.median(values)
    spread = f" ({min(values):.2f}–{max(values):.2f})" if len(values) > 1 else ""
    return f"{middle:.2f}×{spread}"


def table(rows: list[Row]) -> str:
    """The goals, one row each: medians over rounds, ratios with their range over rounds."""
    lines = [
        "| goal | plain s | before s | after s | before/plain | after/plain | goal met? "
        "(before / after) |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for row in rows:
        plain = _median(row.baseline("after"))
        if row.base and _median(row.baseline("before")) != plain:
            plain = f"{_median(row.baseline('before'))} / {plain}"
        ratios = [_ratio(row.ratios(s)) if s in row.seconds else "—" for s in SIDES]
        limit = f" ≤ {row.limit}×" if row.limit is not None else ""
        lines.append(
            f"| {row.label}{limit} | {plain} | {_median(row.seconds.get('before', []))} "
            f"| {_median(row.seconds.get('after', []))} | {ratios[0]} | {ratios[1]} "
            f"| {row.met('before')} / {row.met('after')} |"
        )
    return "\n".join(lines)


# --- the runs ----------------------------------------------------------------------------------


class Bench:
    """The installations, the work folder and the rounds, shared by every goal."""

    def __init__(
        self, pythons: dict[str, str], rounds: int, work: Path, say: Callable[[str], None]
    ):
        self.pythons = pythons  # plain, before, after
        self.rounds = rounds
        self.work = work
        self.logs = work / "logs"
        self.say = say

    def projects(self, name: str, n: int, per_page: int, heading_every: int) -> dict[str, Path]:
        """The plain project and a copy of the ours project per installation."""
        folder = self.work / name
        make = {"per_page": per_page, "heading_every": heading_every}
        roots = {"plain": generate.generate(n, folder / "plain", "plain", **make)}
        ours = generate.generate(n, folder / "ours", "ours", **make)
        for side in SIDES:
            root = folder / f"ours-{side}"
            shutil.rmtree(root, ignore_errors=True)
            shutil.copytree(ours, root)
            roots[side] = root
        return roots

    def turns(self, i: int, names: list[str]) -> list[str]:
        """The order of round ``i``: rotated, so no installation always goes first."""
        return names[i % len(names) :] + names[: i % len(names)]

    def build(self, side: str, root: Path, tag: str) -> tuple[Run, Path]:
        log = self.logs / f"{root.parent.name}-{side}-{tag}.log"
        run = timed(build_cmd(self.pythons[side], root), log)
        if run.rc != 0:
            raise SystemExit(
                f"goals.py: the {tag} build of {root} failed (exit {run.rc}): see {log}"
            )
        self.say(f"  {root.parent.name:<9} {side:<7} {tag:<10} {run.seconds:8.2f} s")
        return run, log

    def clean(self, side: str, root: Path, tag: str) -> tuple[Run, Path]:
        shutil.rmtree(root / "_build", ignore_errors=True)
        return self.build(side, root, tag)

    def builds(self, goal: str, n: int, pages: int, headings: int | None) -> list[Row]:
        """Clean build and prose-only edit of ``n`` forecasts on ``pages`` pages, each round."""
        per_page, every = generate.shape(n, pages, headings)
        shape = f"{n:,} forecasts on {pages} page{'s' * (pages != 1)}"
        if headings:
            shape += f" of {headings} headings"
        roots = self.projects(goal, n, per_page, every)
        clean = Row(goal, f"{shape}: clean", 1.8)
        edit = Row(goal, f"{shape}: prose edit", 1.3) if goal != "one-page" else None
        for i in range(self.rounds):
            order = self.turns(i, list(roots))
            for side in order:
                clean.add(side, self.clean(side, roots[side], f"clean-{i}")[0])
            if edit is None:
                continue
            for side in order:
                edit_page(roots[side], i)
                run, log = self.build(side, roots[side], f"edit-{i}")
                edit.add(side, run, log)
        return [clean] if edit is None else [clean, edit]

    def big(self, n: int, goals: set[str], repeat: int) -> list[Row]:
        """At ``n`` forecasts: one clean build each, then the checks and the verdict flips."""
        roots = self.projects("big", n, generate.PER_PAGE, generate.HEADING_EVERY)
        rows = [Row("big", f"{n:,} forecasts: clean (1 run, no goal)", None)]
        for side in roots:
            rows[0].add(side, self.clean(side, roots[side], "clean")[0])
        if "checks" in goals:
            rows += self.checks(n, {s: roots[s] for s in SIDES}, repeat)
        if "flip" in goals:
            flip = Row("flip", f"{n:,} forecasts: verdict flip", 2.5)
            for i in range(self.rounds):
                for side in self.turns(i, list(roots)):
                    flip_verdict(roots[side], "plain" if side == "plain" else "ours", i)
                    run, log = self.build(side, roots[side], f"flip-{i}")
                    flip.add(side, run, log)
            rows.append(flip)
        return rows

    def checks(self, n: int, roots: dict[str, Path], repeat: int) -> list[Row]:
        """lint and score against json.load of each side's needs.json, alternating in one loop."""
        commands = {s: check_commands(roots[s], self.logs, self.pythons[s]) for s in SIDES}
        runs: dict[tuple[str, str], list[float]] = {}
        rows = {
            c: Row("checks", f"{n:,} forecasts: `{c}` vs json.load", lim)
            for c, lim in (("lint", 2.5), ("score", 1.5))
        }
        for i in range(self.rounds):
            for k in range(repeat):
                for side in self.turns(i + k, list(SIDES)):
                    for name, cmd in commands[side].items():
                        run = timed(cmd, self.logs / f"check-{side}-{name}-{i}-{k}.log")
                        if run.rc not in (0, 1):  # lint exits 1 when it finds errors
                            raise SystemExit(f"goals.py: {' '.join(cmd)} failed (exit {run.rc})")
                        runs.setdefault((side, name), []).append(run.seconds)
            for side in SIDES:
                load = statistics.median(runs.pop((side, "json.load")))
                for name, row in rows.items():
                    row.seconds.setdefault(side, []).append(
                        statistics.median(runs.pop((side, name)))
                    )
                    row.base.setdefault(side, []).append(load)
            self.say(
                f"  checks    round {i + 1}: "
                + ", ".join(f"{s} {c} {rows[c].seconds[s][-1]:.2f} s" for s in SIDES for c in rows)
                + ", json.load "
                + " / ".join(f"{rows['lint'].base[s][-1]:.2f}" for s in SIDES)
            )
        return list(rows.values())

    def registry(
        self, sizes: list[int], distinct: int
    ) -> tuple[list[Row], list[dict[str, object]]]:
        """score --registry against json.load of the same files, at each registry size."""
        folder = self.work / "registry"
        built = registry.build_reports(folder, distinct, 100)
        rows, growth = [], []
        for reports in sizes:
            files = registry.replicate(built, reports, folder / "copies")
            path = registry.registry_file(folder / f"registry-{reports}.toml", files)
            load = "import json, sys\nfor p in sys.argv[1:]: json.load(open(p))"
            commands = {"plain": [self.pythons["after"], "-c", load, *map(str, files)]}
            for side in SIDES:
                commands[side] = [
                    *report_checks(self.pythons[side]),
                    "score",
                    "--registry",
                    str(path),
                    "--format",
                    "json",
                ]
            row = Row("registry", f"registry of {reports:,} reports × 100: score", 2.0)
            rounds = self.rounds if reports == sizes[0] else 1
            for i in range(rounds):
                for side in self.turns(i, list(commands)):
                    run = timed(commands[side], self.logs / f"registry-{reports}-{side}-{i}.log")
                    if run.rc != 0:
                        raise SystemExit(f"goals.py: score --registry ({side}) failed: see logs")
                    row.add(side, run)
                    self.say(
                        f"  registry  {reports:>5} {side:<7} {run.seconds:8.2f} s "
                        f"{run.peak_kb / 1024:6.0f} MB"
                    )
            megabytes = sum(f.stat().st_size for f in files) / 1e6
            growth.append({"reports": reports, "mb": round(megabytes, 1), **row.to_dict()})
            if reports == sizes[0]:
                rows.append(row)
        return rows, growth


def growth_table(growth: list[dict[str, object]]) -> str:
    lines = [
        "| reports | MB of needs.json | json.load s | score before s | score after s "
        "| after/json.load | peak MB json.load / before / after |",
        "|---:|---:|---:|---:|---:|---:|---|",
    ]
    for g in growth:
        secs, peaks = g["seconds"], g["peak_mb"]
        assert isinstance(secs, dict) and isinstance(peaks, dict)
        load, before, after = (statistics.median(secs[s]) for s in ("plain", *SIDES))
        peak = " / ".join(f"{max(peaks[s]):.0f}" for s in ("plain", *SIDES))
        lines.append(
            f"| {g['reports']:,} | {g['mb']} | {load:.2f} | {before:.2f} | {after:.2f} "
            f"| {after / load:.2f}× | {peak} |"
        )
    return "\n".join(lines)


def _sizes(text: str, quick: bool) -> dict[str, int]:
    sizes = dict(QUICK_SIZES if quick else SIZES)
    for part in filter(None, (p.strip() for p in text.split(","))):
        key, _, value = part.partition("=")
        if key not in sizes or not value.replace("_", "").isdigit():
            raise SystemExit(
                f"goals.py: --sizes {part!r}: give NAME=COUNT with NAME one of {', '.join(sizes)}"
            )
        sizes[key] = int(value.replace("_", ""))
    return sizes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", required=True, help="the older installation's interpreter")
    parser.add_argument("--after", default=sys.executable, help="the newer one's (default: this)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds (default: 3)")
    parser.add_argument("--quick", action="store_true", help="small sizes, 1 round: a smoke run")
    parser.add_argument(
        "--sizes",
        default="",
        help="override sizes, e.g. one-page=1000,pages=2000,headings=2000,big=10000,registry=1000",
    )
    parser.add_argument("--only", default=",".join(GOALS), help=f"goals ({', '.join(GOALS)})")
    parser.add_argument(
        "--growth", default=",".join(map(str, GROWTH)), help="more registry sizes, 1 round each"
    )
    parser.add_argument("--distinct", type=int, default=10, help="real reports in the registry")
    parser.add_argument("--check-repeat", type=int, default=3, help="checks runs per round")
    parser.add_argument("--work", type=Path, default=HERE / "_goals", help="build directory")
    parser.add_argument("--output", type=Path, default=None, help="results JSON")
    args = parser.parse_args(argv)
    goals = {g.strip() for g in args.only.split(",") if g.strip()}
    if goals - set(GOALS):
        parser.error(f"--only: unknown {', '.join(sorted(goals - set(GOALS)))}; one of {GOALS}")
    sizes = _sizes(args.sizes, args.quick)
    rounds = 1 if args.quick else args.rounds
    growth_sizes = [] if args.quick else [int(s) for s in args.growth.split(",") if s.strip()]

    def say(text: str) -> None:
        print(text, flush=True)

    load_start = os.getloadavg()
    say(f"load average at start: {' '.join(f'{x:.2f}' for x in load_start)}")
    bench = Bench(
        {"plain": args.after, "before": args.before, "after": args.after},
        rounds,
        args.work.resolve(),  # registry.toml names its files relative to itself
        say,
    )
    rows: list[Row] = []
    growth: list[dict[str, object]] = []
    stamp = datetime.now().strftime("%Y-%m-%d-%H%M%S")
    output = args.output or HERE / "results" / f"{stamp}-goals{'-quick' if args.quick else ''}.json"
    output.parent.mkdir(parents=True, exist_ok=True)

    def save(load_end: tuple[float, float, float] | None = None) -> None:
        """Write what is measured so far (after each goal: a long run keeps its first goals)."""
        record = {
            "date": datetime.now().isoformat(timespec="seconds"),
            "machine": machine(),
            "load_average": {"start": load_start, "end": load_end},
            "args": {k: str(v) for k, v in vars(args).items()},
            "sizes": sizes,
            "rows": [r.to_dict() for r in rows],
            "registry_growth": growth,
        }
        output.write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
        text = table(rows) + ("\n\n" + growth_table(growth) if growth else "") + "\n"
        output.with_suffix(".md").write_text(text, encoding="utf-8")

    if "one-page" in goals:
        rows += bench.builds("one-page", sizes["one-page"], 1, None)
        save()
    if "pages" in goals:
        rows += bench.builds("pages", sizes["pages"], 20, None)
        save()
    if "headings" in goals:
        rows += bench.builds("headings", sizes["headings"], 100, 20)
        save()
    if goals & {"checks", "flip"}:
        rows += bench.big(sizes["big"], goals, args.check_repeat)
        save()
    if "registry" in goals:
        more, growth = bench.registry([sizes["registry"], *growth_sizes], args.distinct)
        rows += more
    load_end = os.getloadavg()
    save(load_end)

    say("")
    say(table(rows))
    if growth:
        say("")
        say(growth_table(growth))
    say(f"\nload average at start {load_start[0]:.2f}, at end {load_end[0]:.2f} (1 minute)")
    say(f"results: {output} (and .md)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
