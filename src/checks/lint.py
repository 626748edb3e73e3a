"""``report-checks lint``: every check of the report at once.

Errors (``lint`` exits 1):

- tradecraft: each kind's required fields (:data:`assessments.vocabulary.KINDS`), a likelihood or
  a probability for every forecast, confidence one of low/moderate/high and never used as a
  likelihood, likelihood terms known to the yardstick, readable dates;
- overdue: an open forecast whose resolve-by date plus the grace period is before the as-of date;
- outcomes: a forecast with more than one outcome, an outcome that resolves no forecast;
- ``refs.bib``: see :mod:`checks.bib`; keys used as basis or evidence but missing;
- the forecast ledger: see :mod:`checks.ledger`.

Warnings (listed; ``lint`` still exits 0): ``{unsourced}`` markers (counted), hedges in prose
outside assessment directives (:mod:`checks.hedges`), forecasts not yet in the ledger.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from assessments.vocabulary import KINDS, LINKS, VERDICTS
from assessments.yardstick import (
    CONFIDENCE_LEVELS,
    DEFAULT_YARDSTICK,
    YARDSTICKS,
    resolve_probability,
)
from checks import hedges, markdown
from checks.errors import ChecksInputError
from checks.needsfile import Assessment, Forecast, Outcome, Register
from checks.problems import Problem, error, warning

#: Days after a resolve-by date before a missing outcome is an error.
GRACE_DAYS = 30


@dataclass
class DocsScan:
    """What the Markdown sources hold: citations, unsourced markers, hedges."""

    cited: set[str] = field(default_factory=set)
    unsourced: list[Problem] = field(default_factory=list)
    hedges: list[Problem] = field(default_factory=list)


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


def tradecraft_problems(register: Register) -> list[Problem]:
    """Missing required fields, confidence and likelihood misuse, unreadable values."""
    problems = []
    for need in register.needs.values():
        for message in need.malformed:
            problems.append(error(need.id, need.location, f"{message}; fix the directive's option"))
        kind = KINDS.get(need.kind or "")
        if kind is None:
            continue
        for name in kind.required:
            if _missing(getattr(need, name, None)):
                problems.append(
                    error(
                        need.id,
                        need.location,
                        f"{kind.name} without {name}; add :{name}: to the directive",
                    )
                )
        if isinstance(need, Forecast) and need.likelihood is None and need.probability is None:
            problems.append(
                error(
                    need.id,
                    need.location,
                    "forecast without a likelihood or probability; add :likelihood: term "
                    "or :probability: 0-1",
                )
            )
        problems += _estimate_problems(need)
    return problems


def _estimate_problems(need: Assessment) -> list[Problem]:
    problems = []
    levels = "/".join(CONFIDENCE_LEVELS)
    if need.confidence is not None and need.confidence not in CONFIDENCE_LEVELS:
        problems.append(
            error(
                need.id,
                need.location,
                f"confidence {need.confidence!r} is not one of {levels}; use one of them",
            )
        )
    if not need.likelihood:
        return problems
    words = need.likelihood.lower().split()
    if any(word in CONFIDENCE_LEVELS or word == "confidence" for word in words):
        problems.append(
            error(
                need.id,
                need.location,
                f"likelihood {need.likelihood!r} is a confidence level, not a likelihood; "
                f"give a yardstick term as :likelihood: and {levels} as :confidence:",
            )
        )
        return problems
    message = _estimate_message(
        need.yardstick or DEFAULT_YARDSTICK, need.likelihood, need.probability
    )
    if message:
        problems.append(error(need.id, need.location, message))
    return problems


@functools.cache
def _estimate_message(yardstick: str, likelihood: str, probability: float | None) -> str | None:
    """What is wrong with a term and number on a yardstick (cached: few distinct estimates)."""
    if yardstick not in YARDSTICKS:
        return f"unknown yardstick {yardstick!r}; accepted: {', '.join(sorted(YARDSTICKS))}"
    return resolve_probability(YARDSTICKS[yardstick], likelihood, probability)[1]


def _missing(value: object) -> bool:
    return value is None or value == "" or value == ()


def overdue_problems(register: Register, as_of: date, grace: int = GRACE_DAYS) -> list[Problem]:
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


def outcome_problems(register: Register, as_of: date) -> list[Problem]:
    """Forecasts with several outcomes; outcomes that resolve nothing or bear a bad verdict."""
    problems = []
    for forecast in register.forecasts:
        if len(forecast.outcomes) > 1:
            problems.append(
                error(
                    forecast.id,
                    forecast.location,
                    f"resolved by {len(forecast.outcomes)} outcomes "
                    f"({', '.join(forecast.outcomes)}); keep one outcome per forecast",
                )
            )
    limit = LINKS["resolves"].max_items
    for outcome in register.outcomes:
        targets = [register.needs.get(t) for t in outcome.resolves]
        if not outcome.resolves:
            problems.append(
                error(outcome.id, outcome.location, "resolves no forecast; add :resolves: F_ID")
            )
        elif limit is not None and len(outcome.resolves) > limit:
            problems.append(
                error(
                    outcome.id,
                    outcome.location,
                    f"resolves {len(outcome.resolves)} needs; "
                    "an outcome resolves exactly one forecast",
                )
            )
        for target_id, target in zip(outcome.resolves, targets, strict=True):
            if not isinstance(target, Forecast):
                problems.append(
                    error(
                        outcome.id,
                        outcome.location,
                        f"resolves {target_id}, which is not a forecast; fix :resolves:",
                    )
                )
        if outcome.verdict is not None and outcome.verdict not in VERDICTS:
            problems.append(
                error(
                    outcome.id,
                    outcome.location,
                    f"verdict {outcome.verdict!r} is not one of {'/'.join(VERDICTS)}",
                )
            )
        if outcome.resolved_on is not None and outcome.resolved_on > as_of:
            problems.append(
                error(
                    outcome.id,
                    outcome.location,
                    f"resolved_on {outcome.resolved_on} is after the as-of date {as_of}; "
                    "give the date the outcome was known",
                )
            )
    return problems


def scan_docs(docs: Path) -> DocsScan:
    """Citations, unsourced markers and hedges of every ``*.md`` under ``docs``."""
    if not docs.is_dir():
        raise ChecksInputError(
            f"{docs}: no such directory; pass the report's sources with --docs DIR"
        )
    result = DocsScan()
    for path in markdown.markdown_files(docs):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as problem:
            raise ChecksInputError(f"{path}: cannot read it ({problem})") from None
        for segment in markdown.segments(text):
            region = segment[2]
            if region != markdown.PROSE and region != markdown.ASSESSMENT:
                continue
            # look at single lines only in runs that may hold something (most hold nothing)
            blob = "\n".join(segment[1])
            cites, unsourced = "cite" in blob, "{unsourced}" in blob
            hedged = region == markdown.PROSE and hedges.might_hedge(blob)
            if not (cites or unsourced or hedged):
                continue
            for lineno, line, line_region in markdown.lines_of(segment):
                if line_region == markdown.MARKUP:
                    continue
                if cites and "cite" in line:
                    result.cited.update(markdown.cited_keys(line))
                if unsourced and "{unsourced}" in line:
                    for body in markdown.unsourced_markers(line):
                        result.unsourced.append(
                            warning(
                                None,
                                f"{path}:{lineno}",
                                f"unsourced claim ({' '.join(body.split())!r}); "
                                "find a source and cite it, or keep the marker knowingly",
                            )
                        )
                if hedged:
                    found = hedges.find_hedges(markdown.plain_prose(line))
                    if found:
                        words = ", ".join(f'"{w}"' for w in dict.fromkeys(found))
                        message = f"hedge {words} without a number; {hedges.FIX}"
                        result.hedges.append(warning(None, f"{path}:{lineno}", message))
    return result


def citation_uses(register: Register) -> Iterable[tuple[str, str, str | None, str]]:
    """``(key, need id, location, field)`` for every basis and evidence key."""
    for need in register.needs.values():
        for key in need.basis:
            yield key, need.id, need.location, "basis"
        if isinstance(need, Outcome):
            for key in need.evidence:
                yield key, need.id, need.location, "evidence"


def lint(
    register: Register,
    bib_path: Path,
    docs: Path,
    as_of: date,
    grace: int = GRACE_DAYS,
    ledger_path: Path | None = None,
) -> LintReport:
    """Run every check; ``ledger_path=None`` skips the ledger."""
    from checks import bib as bibliography  # pybtex is imported only here

    problems = tradecraft_problems(register)
    problems += overdue_problems(register, as_of, grace)
    problems += outcome_problems(register, as_of)
    refs = bibliography.load_bibliography(bib_path)
    scan = scan_docs(docs)
    uses = list(citation_uses(register))
    problems += bibliography.entry_problems(refs)
    problems += bibliography.missing_keys(refs, uses)
    problems += bibliography.unused_entries(refs, scan.cited | {key for key, *_ in uses})
    if ledger_path is not None:
        from checks import ledger

        problems += ledger.check(ledger.load_ledger(ledger_path), register)
    problems += scan.unsourced
    problems += scan.hedges
    return LintReport(problems, unsourced=len(scan.unsourced), hedges=len(scan.hedges))
