"""``report-checks lint``: every check of the report at once.

Errors (``lint`` exits 1):

- the rules the build applies, from :mod:`tradecraft.rules`, in the same words: required fields,
  likelihood and probability on the yardstick, confidence, dates, the coding rules, citation keys,
  links between kinds, one outcome per forecast, dates that must agree;
- overdue: an open forecast whose resolve-by date plus the grace period is before the as-of date;
- ``refs.bib``: see :mod:`tradecraft.bibliography`;
- the forecast ledger: see :mod:`tradecraft.ledger`.

Warnings (listed; ``lint`` still exits 0): ``{unsourced}`` markers (counted), hedges in prose
outside assessment directives (:mod:`checks.hedges`), forecasts not yet in the ledger.

A ``needs.json`` whose build failed is not linted: ``lint`` says so with the build's first
message and exits 2, as for any input it cannot judge (:mod:`tradecraft.build_status`). Over
several reports, each report's needs are checked as that report wrote them, and only the
problems found are named with the report's namespace (:mod:`tradecraft.registry`).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path

from checks import hedges, markdown
from tradecraft.build_status import failed_build
from tradecraft.errors import InputError
from tradecraft.fences import two_colons
from tradecraft.ledger import Ledger, load_ledger, published_likelihood
from tradecraft.ledger import check as check_ledger
from tradecraft.problems import Problem, error, warning
from tradecraft.records import AssessmentSet, Outcome
from tradecraft.registry import reports
from tradecraft.rules import check_id, check_record, check_register
from tradecraft.vocabulary import DERIVED_ONLY, FIELDS, KINDS, LINKS
from tradecraft.yardstick import DEFAULT_YARDSTICK, YARDSTICKS

#: Days after a resolve-by date before a missing outcome is an error.
GRACE_DAYS = 30


@dataclass
class DocsScan:
    """What the Markdown sources hold: citations, unsourced markers, hedges."""

    cited: set[str] = field(default_factory=set)
    unsourced: list[Problem] = field(default_factory=list)
    hedges: list[Problem] = field(default_factory=list)
    #: Directives opened with two colons (``::{forecast}``): errors, the build fails on them.
    fences: list[Problem] = field(default_factory=list)


@dataclass
class LintReport:
    """All problems, errors first in the order found, and the counts the summary prints."""

    problems: list[Problem]
    unsourced: int = 0
    hedges: int = 0

    @property
    def errors(self) -> list[Problem]:
        """The problems that fail ``lint``."""
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        """The problems listed but not failing."""
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def exit_code(self) -> int:
        """1 when there is any error, else 0."""
        return 1 if self.errors else 0

    def summary(self) -> str:
        """One line of counts."""
        errors, warnings = len(self.errors), len(self.warnings)
        return (
            f"lint: {errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)} "
            f"({self.unsourced} unsourced claim{'s' * (self.unsourced != 1)}, "
            f"{self.hedges} line{'s' * (self.hedges != 1)} with unquantified hedges)"
        )


def rule_problems(
    register: AssessmentSet,
    as_of: date,
    citation_keys: Collection[str] | None = None,
    ledger: Ledger | None = None,
) -> list[Problem]:
    """Every assessment checked by the rules the build applies (:mod:`tradecraft.rules`).

    The same functions and the same words as the build; ``lint`` adds the location and the id.
    ``citation_keys`` (lower case) are the bibliography's keys, or ``None`` to skip that rule;
    ``ledger`` the forecast ledger, whose published estimates the hedges code.
    """
    problems: list[Problem] = []
    records = register.needs
    for need_id, raw in register.raw.items():
        record = records.get(str(raw.get("id") or need_id))
        if record is None:
            continue
        where = record.location
        reported = set()
        kind = KINDS.get(record.kind or "")
        if kind is not None:
            yardstick = YARDSTICKS.get(record.yardstick or DEFAULT_YARDSTICK)
            if yardstick is None:
                accepted = ", ".join(sorted(YARDSTICKS))
                message = f"unknown yardstick {record.yardstick!r}; accepted: {accepted}"
                problems.append(error(record.id, where, message))
                yardstick = YARDSTICKS[DEFAULT_YARDSTICK]
            id_finding = check_id(kind, record.id)
            if id_finding is not None:
                problems.append(error(record.id, where, id_finding.message))
            derived = _DERIVED[kind.name]
            given = [
                (name, value)
                for name in _OURS
                if name not in derived
                # what an author wrote: anything but None, "", [] and False (and 0, == False)
                and ((value := raw.get(name)) or (value is not None and value not in _NOT_GIVEN))
            ]
            published = published_likelihood(ledger, record.id) if ledger else None
            checked = check_record(kind, record, given, yardstick, citation_keys, published)
            for finding in checked.findings:
                reported.add(finding.message)
                problems.append(error(record.id, where, finding.message))
        for message in record.malformed:
            if message not in reported:
                problems.append(error(record.id, where, f"{message}; fix the directive's option"))
    for need_id, finding in check_register(register, as_of):
        need = records.get(need_id)
        problems.append(error(need_id, need.location if need else None, finding.message))
    return problems


#: The keys of needs.json that the rules look at: the fields and links authors write, in order.
_OURS = tuple(name for name in (*FIELDS, *LINKS) if name not in DERIVED_ONLY)


#: Values that mean "not given" in needs.json (sphinx-needs writes every field of every need).
_NOT_GIVEN: tuple[object, ...] = (None, "", [], False)
#: Each kind's derived fields, which no author writes (a set: asked for every need).
_DERIVED = {name: frozenset(kind.derived) for name, kind in KINDS.items()}


def overdue_problems(
    register: AssessmentSet, as_of: date, grace: int = GRACE_DAYS
) -> list[Problem]:
    """Open forecasts more than ``grace`` days past their resolve-by date."""
    problems = []
    for forecast in register.forecasts:
        if forecast.outcomes or forecast.resolve_by is None:
            continue
        late = (as_of - forecast.resolve_by).days
        if forecast.resolve_by + timedelta(days=grace) < as_of:
            problems.append(
                error(
                    forecast.id,
                    forecast.location,
                    f"overdue: resolve-by {forecast.resolve_by} passed {late} days ago "
                    f"(grace {grace} days) and no outcome resolves it; add an outcome "
                    f"directive with :resolves: {forecast.id}",
                )
            )
    return problems


def scan_docs(docs: Path) -> DocsScan:
    """Citations, unsourced markers and hedges of every ``*.md`` under ``docs``."""
    if not docs.is_dir():
        raise InputError(f"{docs}: no such directory; pass the report's sources with --docs DIR")
    result = DocsScan()
    for path in markdown.markdown_files(docs):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as problem:
            raise InputError(f"{path}: cannot read it ({problem})") from None
        for segment in markdown.segments(text):
            if segment[2] == markdown.PROSE or segment[2] == markdown.ASSESSMENT:
                _scan_segment(path, segment, result)
    return result


def _scan_segment(path: Path, segment: markdown.Segment, result: DocsScan) -> None:
    """One run of prose or of an assessment's body, line by line where it may hold something
    (most runs hold nothing: a look at the whole run decides)."""
    region = segment[2]
    blob = "\n".join(segment[1])
    cites, unsourced = "cite" in blob, "{unsourced}" in blob
    hedged = region == markdown.PROSE and hedges.might_hedge(blob)
    fenced = "::{" in blob
    if not (cites or unsourced or hedged or fenced):
        return
    for lineno, line, line_region in markdown.lines_of(segment):
        if line_region == markdown.MARKUP:
            continue
        where = f"{path}:{lineno}"
        if fenced and (message := two_colons(line, markdown.is_directive)):
            result.fences.append(error(None, where, message))
        if cites and "cite" in line:
            result.cited.update(markdown.cited_keys(line))
        if unsourced and "{unsourced}" in line:
            result.unsourced += _unsourced(where, line)
        if hedged:
            result.hedges += _hedged(where, line)


def _unsourced(where: str, line: str) -> list[Problem]:
    """A warning for each ``{unsourced}`` marker on the line."""
    return [
        warning(
            None,
            where,
            f"unsourced claim ({' '.join(body.split())!r}); "
            "find a source and cite it, or keep the marker knowingly",
        )
        for body in markdown.unsourced_markers(line)
    ]


def _hedged(where: str, line: str) -> list[Problem]:
    """A warning when the line's prose hedges without a number."""
    found = hedges.find_hedges(markdown.plain_prose(line))
    if not found:
        return []
    words = ", ".join(f'"{w}"' for w in dict.fromkeys(found))
    return [warning(None, where, f"hedge {words} without a number; {hedges.FIX}")]


def citation_uses(register: AssessmentSet) -> Iterable[tuple[str, str, str | None, str]]:
    """``(key, need id, location, field)`` for every basis and evidence key."""
    for need in register.needs.values():
        for key in need.basis:
            yield key, need.id, need.location, "basis"
        if isinstance(need, Outcome):
            for key in need.evidence:
                yield key, need.id, need.location, "evidence"


def lint(
    register: AssessmentSet,
    bib_path: Path | None,
    docs: Path | None,
    as_of: date,
    grace: int = GRACE_DAYS,
    ledger_path: Path | None = None,
) -> LintReport:
    """Run every check; ``None`` skips the bibliography, the sources or the ledger (a registry
    of many reports has one of each per report, in their own repositories)."""
    from tradecraft import bibliography  # pybtex is imported only here

    parts = reports(register)
    for _, part in parts:
        failed = failed_build(part.path)
        if failed is not None:
            raise InputError(failed)
    refs = bibliography.load_bibliography(bib_path) if bib_path is not None else None
    forecast_ledger = load_ledger(ledger_path) if ledger_path is not None else None
    problems = []
    for prefix, part in parts:  # each report as it wrote its ids; named with its report after
        found = rule_problems(
            part, as_of, refs.known if refs is not None else None, forecast_ledger
        )
        found += overdue_problems(part, as_of, grace)
        problems += [_named(prefix, problem) for problem in found]
    scan = scan_docs(docs) if docs is not None else DocsScan()
    problems += scan.fences
    if refs is not None:
        uses = list(citation_uses(register))
        problems += bibliography.entry_problems(refs)
        problems += bibliography.unused_entries(refs, scan.cited | {key for key, *_ in uses})
    if forecast_ledger is not None:
        problems += check_ledger(forecast_ledger, register)
    problems += scan.unsourced
    problems += scan.hedges
    return LintReport(problems, unsourced=len(scan.unsourced), hedges=len(scan.hedges))


def _named(prefix: str, problem: Problem) -> Problem:
    """A problem of one report of several, its id carrying the report's namespace."""
    if not prefix or problem.subject is None:
        return problem
    return replace(problem, subject=prefix + problem.subject)
