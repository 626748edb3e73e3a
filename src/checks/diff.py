"""``report-checks diff OLD NEW``: how the forecasts changed between two builds, as Markdown.

OLD and NEW are each a ``needs.json`` path or a git revision (a path that exists as a file wins).
Each changed forecast is shown with what the forecast ledger records of it at NEW: a correction
(the published coding was wrong) or an update (a new estimate, dated), or that no revision was
recorded. The ledger at a git revision is the committed file; for a path, ``--ledger``.
A revision is built in a temporary ``git worktree`` with sphinx-needs' ``needs`` builder (which
writes only ``needs.json``) and the result is cached by full commit hash under
``<git common dir>/report-checks/needs-<sha>.json``; the worktree is removed afterwards.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from checks.tables import table
from tradecraft.errors import InputError
from tradecraft.ledger import (
    FILE_SUFFIX,
    Ledger,
    Revision,
    load_ledger,
    other_layout,
    parse_files,
    parse_ledger,
    parse_revision,
)
from tradecraft.records import AssessmentSet, Forecast, Outcome, load_assessments
from tradecraft.resolution import readings


@dataclass
class ForecastDiff:
    """The forecast changes between two registers, each list ordered by id."""

    old_count: int
    new_count: int
    added: list[Forecast] = field(default_factory=list)
    removed: list[Forecast] = field(default_factory=list)
    reworded: list[tuple[str, str, str, str]] = field(default_factory=list)  # id, field, old, new
    reestimated: list[tuple[Forecast, Forecast]] = field(default_factory=list)
    redated: list[tuple[str, str, str, str]] = field(default_factory=list)  # id, field, old, new
    resolved: list[tuple[Forecast, Outcome | None, Outcome | None]] = field(default_factory=list)
    #: Outcomes whose second reading was added, changed or removed: forecast, before, after.
    second_read: list[tuple[Forecast, Outcome | None, Outcome | None]] = field(default_factory=list)
    #: The revisions the ledger at NEW records beyond the one at OLD, by forecast id (``None``:
    #: no ledger to tell).
    recorded: dict[str, list[Revision]] | None = None

    @property
    def empty(self) -> bool:
        """Whether no forecast changed."""
        return not (
            self.added
            or self.removed
            or self.reworded
            or self.reestimated
            or self.redated
            or self.resolved
            or self.second_read
        )


def compare(
    old: AssessmentSet,
    new: AssessmentSet,
    old_ledger: Ledger | None = None,
    new_ledger: Ledger | None = None,
) -> ForecastDiff:
    """The changes from ``old`` to ``new``, with the revisions ``new_ledger`` adds to ``old``'s."""
    before = {f.id: f for f in old.forecasts}
    after = {f.id: f for f in new.forecasts}
    result = ForecastDiff(len(before), len(after))
    if new_ledger is not None:
        result.recorded = recorded_revisions(old_ledger, new_ledger)
    result.added = [after[i] for i in sorted(after.keys() - before.keys())]
    result.removed = [before[i] for i in sorted(before.keys() - after.keys())]
    for forecast_id in sorted(after):
        now = after[forecast_id]
        then = before.get(forecast_id)
        was_outcome = old.outcome_of(then) if then is not None else None
        is_outcome = new.outcome_of(now)
        if _resolution(was_outcome) != _resolution(is_outcome):
            result.resolved.append((now, was_outcome, is_outcome))
        if _second_reading(was_outcome) != _second_reading(is_outcome):
            result.second_read.append((now, was_outcome, is_outcome))
        if then is None:
            continue
        for name, old_value, new_value in (
            ("title", then.title, now.title),
            ("statement", then.statement, now.statement),
        ):
            if " ".join(old_value.split()) != " ".join(new_value.split()):
                result.reworded.append((forecast_id, name, old_value, new_value))
        if (then.likelihood, then.probability) != (now.likelihood, now.probability):
            result.reestimated.append((then, now))
        for name, old_value, new_value in (
            ("resolve_by", str(then.resolve_by or ""), str(now.resolve_by or "")),
            ("criteria", then.criteria or "", now.criteria or ""),
        ):
            if old_value != new_value:
                result.redated.append((forecast_id, name, old_value, new_value))
    return result


def recorded_revisions(old: Ledger | None, new: Ledger) -> dict[str, list[Revision]]:
    """The revisions of ``new`` that ``old`` lacks (all of them without ``old``), by forecast."""
    known = {_key(r) for r in old.revisions} if old is not None else set()
    found: dict[str, list[Revision]] = {}
    for raw in new.revisions:
        if _key(raw) not in known:
            revision = parse_revision(raw)
            found.setdefault(revision.id, []).append(revision)
    return found


def _key(raw: dict[str, object]) -> str:
    """A revision by what it records, not its chain value (which a migration recomputes)."""
    return json.dumps({k: v for k, v in raw.items() if k != "chain"}, sort_keys=True)


def _resolution(outcome: Outcome | None) -> tuple[str | None, str | None] | None:
    if outcome is None:
        return None
    return outcome.verdict, str(outcome.resolved_on) if outcome.resolved_on else None


def _second_reading(outcome: Outcome | None) -> tuple[tuple[str, ...], str | None]:
    if outcome is None:
        return (), None
    return outcome.second_reader, outcome.second_verdict


def estimate(forecast: Forecast) -> str:
    """``likely (p=0.65)``, ``p=0.7`` or ``likely``: a forecast's stated estimate."""
    p = f"p={forecast.probability:g}" if forecast.probability is not None else None
    if forecast.likelihood and p:
        return f"{forecast.likelihood} ({p})"
    return forecast.likelihood or p or "no estimate"


def to_markdown(result: ForecastDiff) -> str:
    """The Markdown a reviewer pastes into a pull request."""
    if result.empty:
        return "No forecast changes.\n"
    parts = [_summary(result)]
    for heading, forecasts in (("Added", result.added), ("Removed", result.removed)):
        if forecasts:
            rows = [(f.id, f.title, estimate(f), str(f.resolve_by or "")) for f in forecasts]
            parts.append(_section(heading, ("id", "title", "estimate", "resolve by"), rows))
    if result.reworded:
        parts.append(_section("Re-worded", ("id", "field", "old", "new"), result.reworded))
    if result.reestimated:
        parts.append(_reestimated(result))
    if result.redated:
        parts.append(
            _section("Re-dated / criteria changed", ("id", "field", "old", "new"), result.redated)
        )
    if result.resolved:
        parts.append(_newly_resolved(result))
    if result.second_read:
        parts.append(
            _section(
                "Second readings",
                ("id", "verdict", "second reading", "second reader"),
                [_second_row(forecast, was, now) for forecast, was, now in result.second_read],
            )
        )
    if result.recorded:
        parts.append(_recorded(result.recorded))
    return "\n\n".join(parts) + "\n"


def _summary(result: ForecastDiff) -> str:
    """The first line: the forecasts before and after, and how many changed in each way."""
    counts = [
        (len(result.added), "added"),
        (len(result.removed), "removed"),
        (len({r[0] for r in result.reworded}), "re-worded"),
        (len(result.reestimated), "re-estimated"),
        (len({r[0] for r in result.redated}), "re-dated / criteria changed"),
        (len(result.resolved), "newly resolved"),
    ]
    if result.second_read:
        counts.append((len(result.second_read), "second readings added or changed"))
    return (
        f"**Forecasts: {result.old_count} → {result.new_count}**; "
        + ", ".join(f"{n} {label}" for n, label in counts)
        + "."
    )


def _reestimated(result: ForecastDiff) -> str:
    """The re-estimated forecasts, old and new, and how the ledger records each change."""
    header: tuple[str, ...] = ("id", "title", "old → new")
    estimated: list[tuple[str, ...]] = [
        (new.id, new.title, f"{estimate(old)} → {estimate(new)}") for old, new in result.reestimated
    ]
    if result.recorded is not None:
        header += ("recorded as",)
        estimated = [(*row, _recorded_as(result.recorded, row[0])) for row in estimated]
    return _section("Re-estimated", header, estimated)


def _newly_resolved(result: ForecastDiff) -> str:
    """The forecasts resolved (or re-resolved, or whose outcome was removed) by the change."""
    rows = []
    for forecast, was, now in result.resolved:
        verdict = (now.verdict or "") if now else "(outcome removed)"
        if was is not None:
            verdict += f" (was {was.verdict})"
        day = str(now.resolved_on or "") if now else ""
        rows.append((forecast.id, forecast.title, verdict, day))
    return _section("Newly resolved", ("id", "title", "verdict", "resolved on"), rows)


def _recorded(recorded: dict[str, list[Revision]]) -> str:
    """The revisions the forecast ledger records for the change, by forecast."""
    rows = [
        (r.id, r.kind, str(r.on or ""), r.reason)
        for forecast_id in sorted(recorded)
        for r in recorded[forecast_id]
    ]
    return _section("Recorded in the forecast ledger", ("id", "kind", "date", "reason"), rows)


def _second_row(forecast: Forecast, was: Outcome | None, now: Outcome | None) -> tuple[str, ...]:
    """A row of the second readings: the verdict, the second one (and what it was), the reader."""
    second = (now.second_verdict or "") if now else ""
    agreement = readings(now.verdict or None, now.second_verdict or None) if now else None
    if agreement is not None:
        second += " (agrees)" if agreement == "agree" else " (**disagrees**)"
    if was is not None and was.second_verdict:
        second += f" (was {was.second_verdict})"
    if not second:
        second = "(removed)"
    reader = ", ".join(now.second_reader) if now else ""
    return forecast.id, (now.verdict or "") if now else "", second, reader


def _recorded_as(recorded: dict[str, list[Revision]], forecast_id: str) -> str:
    """How a changed forecast's change is recorded: ``update of 2022-02-01`` or a warning."""
    revisions = recorded.get(forecast_id)
    if not revisions:
        return "**no revision recorded**"
    return "; ".join(f"{r.kind} of {r.on}" for r in revisions)


def _section(title: str, header: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> str:
    return f"### {title}\n\n" + table(header, rows)


def load_side(spec: str, docs: str = "docs", cwd: Path | None = None) -> AssessmentSet:
    """The register of a ``needs.json`` path or of a git revision (built and cached)."""
    return load_assessments(needs_path(spec, docs, cwd), docs)


def ledger_at(spec: str, ledger: str, cwd: Path | None = None) -> Ledger | None:
    """The forecast ledger as it stands at a side of the diff, or ``None`` where there is none.

    For a git revision, the ledger committed there at ``ledger``'s place in the repository (the
    directory, or the single file of before a migration); for a ``needs.json`` path, ``ledger``
    as it is now.
    """
    cwd = cwd or Path.cwd()
    if (cwd / spec).is_file():
        now = load_ledger(cwd / ledger)
        return now if now.exists else None
    toplevel = _git(cwd, "rev-parse", "--show-toplevel")
    sha = _git(cwd, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{spec}^{{commit}}")
    if toplevel is None or sha is None:
        return None
    try:
        relative = (cwd / ledger).resolve().relative_to(Path(toplevel).resolve())
    except ValueError:
        return None
    place = PurePosixPath(relative.as_posix())
    # the layout named, else the other (before or after migrating)
    for path in (place.as_posix(), other_layout(place).as_posix()):
        found = _ledger_in_tree(cwd, f"{sha}:{path}", f"{spec}:{path}")
        if found is not None:
            return found
    return None


def _ledger_in_tree(cwd: Path, name: str, shown: str) -> Ledger | None:
    """The ledger at ``name`` (``SHA:PATH``) in git: a directory of one file per forecast, or a
    single file; ``None`` where there is neither."""
    kind = _git(cwd, "cat-file", "-t", name)
    if kind == "blob":
        text = _git(cwd, "show", name)
        return parse_ledger(text, shown) if text else None
    if kind != "tree":
        return None
    listing = (_git(cwd, "ls-tree", "--name-only", name) or "").splitlines()
    names = [file for file in listing if file.endswith(FILE_SUFFIX)]
    texts = _blobs(cwd, [f"{name}/{file}" for file in names])
    return parse_files(dict(zip(names, texts, strict=True)), shown)


def _blobs(cwd: Path, names: list[str]) -> list[str]:
    """The text of each ``SHA:PATH`` blob, in order, read by one ``git cat-file --batch`` (one
    process for a ledger of 10,000 files, not one each); ``""`` for one that is missing."""
    if not names:
        return []
    try:
        result = subprocess.run(
            ["git", "cat-file", "--batch"],
            cwd=cwd,
            input="".join(f"{n}\n" for n in names).encode(),
            capture_output=True,
            check=False,
        )
    except OSError:
        return [""] * len(names)
    out, at, texts = result.stdout, 0, []
    for _ in names:
        end = out.find(b"\n", at)
        header = out[at:end].split() if end >= 0 else []
        if len(header) != 3 or header[1] != b"blob":  # "<name> missing", or git failed
            texts.append("")
            at = end + 1 if end >= 0 else len(out)
            continue
        size = int(header[2])
        texts.append(out[end + 1 : end + 1 + size].decode("utf-8", errors="replace"))
        at = end + 1 + size + 1  # the content is followed by a newline
    return texts


def needs_path(spec: str, docs: str = "docs", cwd: Path | None = None) -> Path:
    """A path to ``needs.json`` for a file or a git revision (building it if not cached)."""
    cwd = cwd or Path.cwd()
    path = cwd / spec
    if path.is_file():
        return path
    if path.is_dir():
        raise InputError(f"{spec}: is a directory; give a needs.json file or a git revision")
    toplevel = _git(cwd, "rev-parse", "--show-toplevel")
    if toplevel is None:
        raise InputError(
            f"{spec}: no such file, and {cwd} is not in a git repository "
            "to look it up as a revision"
        )
    sha = _git(cwd, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{spec}^{{commit}}")
    if sha is None:
        raise InputError(
            f"{spec}: neither a needs.json file nor a known git revision; "
            "give a path, a commit, a branch or a tag"
        )
    common = _git(cwd, "rev-parse", "--git-common-dir")
    cache = (cwd / (common or ".git")).resolve() / "report-checks" / f"needs-{sha}.json"
    if cache.is_file():
        return cache
    try:
        relative_docs = (cwd / docs).resolve().relative_to(Path(toplevel).resolve())
    except ValueError:
        relative_docs = Path(docs)
    build_revision(Path(toplevel), sha, relative_docs, cache, spec)
    return cache


def build_revision(toplevel: Path, sha: str, docs: Path, cache: Path, name: str) -> None:
    """Build ``needs.json`` of a commit in a temporary worktree and store it at ``cache``."""
    with tempfile.TemporaryDirectory(prefix="report-checks-") as scratch:
        tree, out = Path(scratch) / "tree", Path(scratch) / "out"
        added = subprocess.run(
            ["git", "-C", str(toplevel), "worktree", "add", "--detach", "--quiet", str(tree), sha],
            capture_output=True,
            text=True,
            check=False,
        )
        if added.returncode != 0:
            raise InputError(f"{name}: cannot check it out in a worktree: {_last(added.stderr)}")
        try:
            env = dict(os.environ)
            env["PYTHONPATH"] = os.pathsep.join(
                p for p in (str(tree / "src"), env.get("PYTHONPATH", "")) if p
            )
            built = subprocess.run(
                [sys.executable, "-m", "sphinx", "-q", "-b", "needs", str(tree / docs), str(out)],
                cwd=tree,
                env=env,
                capture_output=True,
                text=True,
                check=False,
            )
            if built.returncode != 0:
                raise InputError(
                    f"{name} ({sha[:12]}): building its report failed: {_last(built.stderr)}"
                )
            produced = out / "needs.json"
            if not produced.is_file():
                raise InputError(
                    f"{name} ({sha[:12]}): its build wrote no needs.json; does {docs}/conf.py "
                    "load sphinx_needs?"
                )
            cache.parent.mkdir(parents=True, exist_ok=True)
            partial = cache.with_suffix(".partial")
            shutil.copyfile(produced, partial)
            os.replace(partial, cache)
        finally:
            subprocess.run(
                ["git", "-C", str(toplevel), "worktree", "remove", "--force", str(tree)],
                capture_output=True,
                check=False,
            )
            subprocess.run(
                ["git", "-C", str(toplevel), "worktree", "prune"], capture_output=True, check=False
            )


def _git(cwd: Path, *args: str) -> str | None:
    """A git command's stripped output, or ``None`` when it fails or git is missing."""
    try:
        result = subprocess.run(
            ["git", *args], cwd=cwd, capture_output=True, text=True, check=False
        )
    except OSError:
        return None
    return result.stdout.strip() if result.returncode == 0 else None


def _last(text: str) -> str:
    """The most telling line of a build's stderr: its last error, else its last line."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for line in reversed(lines):
        if _ERROR_LINE.search(line) and "report this" not in line:
            return line
    return lines[-1] if lines else "no message"


_ERROR_LINE = re.compile(r"(\w(Error|Exception)\b|\berror\b|^ERROR|^WARNING)", re.IGNORECASE)
