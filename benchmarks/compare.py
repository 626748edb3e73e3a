"""Compare two installations of the extension on the same rebuilds, interleaved with plain Sphinx.

``run.py`` measures one installation at a time: comparing an older release with this one means
two runs, minutes apart, each with its own plain-Sphinx baseline, and the machine's drift between
them (5 % and more here) is as large as the difference sought. This script measures both
installations and plain Sphinx in the same rounds: for each size it generates the ``ours`` and
``plain`` projects (``generate.py``), builds each from nothing (``ours`` twice, once per
installation, in separate copies), then repeats rounds of

- ``edit``: one word added to the prose of ``part001.md``, then the incremental HTML build;
- ``nochange``: the same build again, nothing changed;

running the three projects one after another within each round (the order rotates between
rounds). Each build is a separate ``sphinx-build`` process. It prints, per size and measure, the
median seconds, each installation's ratio to plain Sphinx, and after/before with the range of
the per-round ratios, and writes everything as JSON.

    python benchmarks/compare.py --before OLD_VENV/bin/python             # 2,000 and 10,000
    python benchmarks/compare.py --before OLD_VENV/bin/python --sizes 2000 --rounds 9
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402  (beside this file, not a package)
from run import edit_page, machine, timed  # noqa: E402

MEASURES = ("edit", "nochange")


def build_cmd(python: str, root: Path) -> list[str]:
    out, doctrees = root / "_build" / "html", root / "_build" / "doctrees"
    return [python, "-m", "sphinx", "-b", "html", "-d", str(doctrees), str(root), str(out)]


def compare(
    n: int, pythons: dict[str, str], rounds: int, work: Path, say
) -> dict[str, dict[str, list[float]]]:
    """Seconds of each build, by measure and installation (``plain`` included), per round."""
    logs = work / "logs"
    ours = generate.generate(n, work / f"n{n}" / "ours", "ours")
    roots = {"plain": generate.generate(n, work / f"n{n}" / "plain", "plain")}
    for name in pythons:
        if name == "plain":
            continue
        root = work / f"n{n}" / f"ours-{name}"
        shutil.rmtree(root, ignore_errors=True)
        shutil.copytree(ours, root, ignore=shutil.ignore_patterns("_build"))
        roots[name] = root
    for name, root in roots.items():
        shutil.rmtree(root / "_build", ignore_errors=True)
        run = timed(build_cmd(pythons[name], root), logs / f"n{n}-{name}-clean.log")
        if run.rc != 0:
            raise SystemExit(f"the clean build of {root} failed: see {logs}")
        say(f"  N={n:>6,} {name:<7} clean    {run.seconds:8.2f} s")
    seconds: dict[str, dict[str, list[float]]] = {m: {k: [] for k in roots} for m in MEASURES}
    order = list(roots)
    for i in range(rounds):
        turn = order[i % len(order) :] + order[: i % len(order)]
        for measure in MEASURES:
            for name in turn:
                root = roots[name]
                if measure == "edit":
                    edit_page(root, i)
                run = timed(build_cmd(pythons[name], root), logs / f"n{n}-{name}-{measure}-{i}.log")
                if run.rc != 0:
                    raise SystemExit(f"{measure} build of {root} failed: see {logs}")
                seconds[measure][name].append(run.seconds)
                say(f"  N={n:>6,} {name:<7} {measure:<8} {run.seconds:8.2f} s  round {i + 1}")
    return seconds


def table(results: dict[int, dict[str, dict[str, list[float]]]]) -> str:
    rows = [
        "| N | build | plain s | before s | after s | before/plain | after/plain "
        "| after/before (range over rounds) |",
        "|---:|---|---:|---:|---:|---:|---:|---|",
    ]
    for n, by_measure in results.items():
        for measure, by_name in by_measure.items():
            plain, before, after = (
                statistics.median(by_name[k]) for k in ("plain", "before", "after")
            )
            per_round = [a / b for a, b in zip(by_name["after"], by_name["before"], strict=True)]
            rows.append(
                f"| {n:,} | {measure} | {plain:.2f} | {before:.2f} | {after:.2f} "
                f"| {before / plain:.2f}× | {after / plain:.2f}× | {after / before:.3f} "
                f"({min(per_round):.3f}–{max(per_round):.3f}) |"
            )
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", required=True, help="the older installation's interpreter")
    parser.add_argument(
        "--after", default=sys.executable, help="the newer one's (default: this interpreter)"
    )
    parser.add_argument(
        "--sizes", default="2000,10000", help="forecast counts (default: 2000,10000)"
    )
    parser.add_argument("--rounds", type=int, default=7, help="rounds per size (default: 7)")
    parser.add_argument("--work", type=Path, default=HERE / "_compare", help="build directory")
    parser.add_argument("--output", type=Path, default=None, help="results JSON")
    args = parser.parse_args(argv)
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    pythons = {"plain": args.after, "before": args.before, "after": args.after}

    def say(text: str) -> None:
        print(text, flush=True)

    results = {n: compare(n, pythons, args.rounds, args.work, say) for n in sizes}
    say("")
    say(table(results))
    stamp = datetime.now().strftime("%Y-%m-%d-%H%M%S")
    output = args.output or HERE / "results" / f"{stamp}-compare.json"
    output.parent.mkdir(parents=True, exist_ok=True)
    record = {
        "date": datetime.now().isoformat(timespec="seconds"),
        "machine": machine(),
        "args": {k: str(v) for k, v in vars(args).items()},
        "seconds": {str(n): r for n, r in results.items()},
    }
    output.write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
    say(f"\nresults: {output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
