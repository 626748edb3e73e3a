"""``report-checks lint`` and ``score`` against a bare ``json.load`` of the same ``needs.json``.

The checks' goals (issue 19) are ratios to ``python -c 'import json; json.load(open(P))'``, each
command a whole process with its start-up. The runs alternate (json.load, lint, score, then the
same with ``--before``, round after round), so that a machine shared with other work slows every
command alike; each ratio is the median of the per-round ratios, of wall time (the goal) and of
CPU time (user + system, steadier when other work shares the cores).

    python benchmarks/generate.py 10000 /tmp/bench --variant ours
    sphinx-build -q -b html /tmp/bench/ours /tmp/bench/ours/_build/html    # a few minutes
    python benchmarks/checks.py /tmp/bench/ours --repeat 7
    python benchmarks/checks.py /tmp/bench/ours --before /path/to/old/checkout/src

``--before SRC`` runs the same commands with ``PYTHONPATH=SRC`` too (another checkout's ``src``),
so that before and after are measured in one run. The forecast ledger ``lint`` checks is frozen
from the same build first (not timed), as ``run.py`` does; ``score`` is given only the
``needs.json`` and runs in an empty directory (no ``forecast-ledger`` beside it to read).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402  (beside this file, not a package)

#: The goals of issue 19: at most this many times json.load, at 10,000 forecasts.
GOALS = {"lint": 2.5, "score": 1.5}


def commands(root: Path, python: str) -> dict[str, list[str]]:
    """json.load, lint and score on the build's ``needs.json``, as ``run.py`` measures them."""
    needs = root / "_build" / "html" / "needs.json"
    checks = [python, "-m", "checks"]
    return {
        "json.load": [python, "-c", f"import json; json.load(open({str(needs)!r}))"],
        "lint": [
            *checks,
            "lint",
            "--needs",
            str(needs),
            "--docs",
            str(root),
            "--bib",
            str(root / "refs.bib"),
            "--as-of",
            generate.AS_OF,
            "--ledger",
            str(root / "forecast-ledger"),
        ],
        "score": [*checks, "score", "--needs", str(needs)],
    }


def freeze_ledger(root: Path, python: str) -> None:
    """The ledger lint checks: every forecast published on the as-of date (not timed)."""
    if (root / "forecast-ledger").exists():
        return
    subprocess.run(
        [python, "-m", "checks", "ledger", "freeze", "--needs"]
        + [str(root / "_build" / "html" / "needs.json"), "--docs", str(root)]
        + ["--as-of", generate.AS_OF, "--published", generate.AS_OF]
        + ["--ledger", str(root / "forecast-ledger")],
        check=True,
        stdout=subprocess.DEVNULL,
    )


def timed(cmd: list[str], env: dict[str, str], cwd: str) -> tuple[float, float]:
    """Wall and CPU seconds (user + system) of one whole process (lint's exit 1, errors found,
    is a finished run)."""
    start = time.perf_counter()
    process = subprocess.Popen(
        cmd, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed ({process.returncode})")
    return seconds, usage.ru_utime + usage.ru_stime


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("root", type=Path, help="a generated 'ours' project, built")
    parser.add_argument("--repeat", type=int, default=7, help="rounds (default: 7)")
    parser.add_argument("--before", help="another checkout's src, measured in the same run")
    parser.add_argument("--python", default=sys.executable, help="the interpreter to run")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    freeze_ledger(root, args.python)
    plain = dict(os.environ)
    sides = {"": plain}
    if args.before:
        sides = {"before ": {**plain, "PYTHONPATH": args.before}, "after ": plain}
    cmds = commands(root, args.python)
    # an empty working directory: score reads no forecast-ledger that happens to be there
    cwd = tempfile.mkdtemp(prefix="checks-bench-")
    runs: dict[str, list[tuple[float, float]]] = {}
    ratios: dict[str, list[tuple[float, float]]] = {}
    for _ in range(args.repeat):
        base = timed(cmds["json.load"], plain, cwd)
        runs.setdefault("json.load", []).append(base)
        for side, env in sides.items():
            for name in ("lint", "score"):
                run = timed(cmds[name], env, cwd)
                runs.setdefault(side + name, []).append(run)
                ratios.setdefault(side + name, []).append((run[0] / base[0], run[1] / base[1]))
    size = (root / "_build" / "html" / "needs.json").stat().st_size / 1e6
    print(f"needs.json {size:.1f} MB; {args.repeat} rounds, alternating; medians")
    print("| command | wall s | CPU s | × json.load, wall | × json.load, CPU | goal (wall) |")
    print("|---|---:|---:|---:|---:|---|")
    for name, values in runs.items():
        wall = statistics.median(r[0] for r in values)
        cpu = statistics.median(r[1] for r in values)
        if name == "json.load":
            print(f"| json.load | {wall:.2f} | {cpu:.2f} | 1.00× | 1.00× | |")
            continue
        by_wall = statistics.median(r[0] for r in ratios[name])
        by_cpu = statistics.median(r[1] for r in ratios[name])
        goal = GOALS[name.split()[-1]]
        verdict = "met" if by_wall <= goal else "missed"
        print(
            f"| {name} | {wall:.2f} | {cpu:.2f} | {by_wall:.2f}× | {by_cpu:.2f}× "
            f"| ≤ {goal}×: {verdict} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
