"""A report's track record: the record as published, time-weighted, and its range.

Scored as forecasting platforms do. The record **as published** scores each forecast's first
published estimate, corrections applied (a correction says the published coding was wrong).
The **time-weighted** record weights every estimate, updates included, by the days it was in
force, from its date to the earlier of the outcome and the resolve-by date (Good Judgment Open
averages daily). Without updates the two agree. The **range** says how far the record as coded
moves over the other readings of contested outcomes (a second reading that differs from the
verdict is one). ``report-checks score`` and the track
record page both call :func:`score_record`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

from tradecraft.records import AssessmentSet, Resolved

if TYPE_CHECKING:
    from tradecraft.ledger import Ledger
from tradecraft.registry import group_names
from tradecraft.scoring import (
    OUTCOMES,
    RESAMPLES,
    SEED,
    ScoreReport,
    Timeline,
    score,
    time_weighted,
)


def score_record(
    register: AssessmentSet,
    ledger: Ledger | None = None,
    bins: int | None = None,
    seed: int = SEED,
    resamples: int = RESAMPLES,
) -> ScoreReport:
    """The scores of every resolved forecast of the register, with the ledger's histories."""
    if ledger is None or not ledger.revisions:  # the readings alone: no record is built
        report = score(register.readings(), bins=bins, seed=seed, resamples=resamples)
        return replace(report, time_weighted={"brier": report.brier, "log": report.log})
    return score_resolved(register.resolved(), ledger, bins, seed, resamples)


def score_groups(
    register: AssessmentSet,
    by: str,
    ledger: Ledger | None = None,
    bins: int | None = None,
    seed: int = SEED,
    resamples: int = RESAMPLES,
) -> dict[str, ScoreReport]:
    """The scores of each group of resolved forecasts (by report, author, tag or year).

    A forecast with several authors or tags counts in each of their groups.
    """
    groups: dict[str, list[Resolved]] = {}
    for resolved in register.resolved():
        for name in group_names(by, resolved, register.origin):
            groups.setdefault(name, []).append(resolved)
    return {
        name: score_resolved(groups[name], ledger, bins, seed, resamples) for name in sorted(groups)
    }


def score_resolved(
    items: Iterable[Resolved],
    ledger: Ledger | None = None,
    bins: int | None = None,
    seed: int = SEED,
    resamples: int = RESAMPLES,
) -> ScoreReport:
    """The scores of some resolved forecasts, with the ledger's histories."""
    if ledger is None or not ledger.revisions:
        # no revision: every forecast's one estimate is as published, and in force throughout
        readings = [r.reading for r in items]
        report = score(readings, bins=bins, seed=seed, resamples=resamples)
        return replace(report, time_weighted={"brier": report.brier, "log": report.log})
    from tradecraft.ledger import history  # only a ledger with revisions needs it

    readings = []
    timelines = []
    updates = 0
    for resolved in items:
        record = history(ledger, resolved.forecast)
        published = record.published.probability
        if published is None:
            published = resolved.probability
        # what scoring reads, with the probability as published
        readings.append((resolved.id, published, *resolved.reading[2:]))
        estimates = tuple(
            (e.on, e.probability) for e in record.estimates if e.probability is not None
        )
        timelines.append(Timeline(resolved.id, estimates, resolved.end, resolved.verdict))
        if resolved.verdict in OUTCOMES:
            updates += record.updates
    report = score(readings, bins=bins, seed=seed, resamples=resamples)
    return replace(report, time_weighted=time_weighted(timelines), updates=updates)
