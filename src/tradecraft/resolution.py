"""What a forecast's outcome makes of it, as of a date: status, verdict and score.

The build writes these onto each forecast (its card, the register, ``needs.json``) and
``report-checks`` computes them from ``needs.json``: the same function for both.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tradecraft.records import Forecast, Outcome
from tradecraft.scoring import OUTCOMES, forecast_brier
from tradecraft.vocabulary import AGREEMENTS, STATUSES, VERDICTS, VOID_VERDICTS


def forecast_status(resolve_by: date | None, verdict: str | None, as_of: date) -> str:
    """``open``, ``due`` (past its resolve-by date, no outcome), ``resolved`` or ``void``."""
    if verdict in VOID_VERDICTS:
        return "void"
    if verdict:
        return "resolved"
    if resolve_by is not None and resolve_by <= as_of:
        return "due"
    return "open"


#: What each verdict says happened (the method page prints them with :func:`verdict_rules`).
VERDICT_MEANINGS: dict[str, str] = {
    "yes": "the criteria were met within the forecast's window",
    "no": "the criteria were not met within the window, or an event made a yes impossible",
    "ambiguous": "the facts needed to apply the criteria are not known",
    "annulled": "the question itself failed",
}


@dataclass(frozen=True)
class VerdictRule:
    """A row of the method page's verdict table: what a verdict means and does to a forecast."""

    verdict: str
    meaning: str
    scored: str
    status: str


def verdict_rules() -> tuple[VerdictRule, ...]:
    """Each verdict, its meaning, how it is scored and the status it gives its forecast."""
    return tuple(
        VerdictRule(
            verdict,
            VERDICT_MEANINGS[verdict],
            str(OUTCOMES[verdict]) if verdict in OUTCOMES else "not scored",
            forecast_status(None, verdict, date.min),
        )
        for verdict in VERDICTS
    )


def status_rules() -> dict[str, str]:
    """When a forecast has each status, in the order of :data:`~tradecraft.vocabulary.STATUSES`."""
    scored = " or ".join(f"`{v}`" for v in VERDICTS if v not in VOID_VERDICTS)
    void = " or ".join(f"`{v}`" for v in VOID_VERDICTS)
    when = {
        "open": "no outcome yet, and the `resolve_by` date is after the as-of date",
        "due": "no outcome yet, and the `resolve_by` date is on or before the as-of date",
        "resolved": f"an outcome with verdict {scored}",
        "void": f"an outcome with verdict {void}",
    }
    return {status: when[status] for status in STATUSES}


@dataclass(frozen=True)
class Resolution:
    """A forecast as its outcome leaves it."""

    status: str
    verdict: str | None = None
    resolved_on: date | None = None
    brier: float | None = None
    #: The verdict and Brier score under the other reading of a contested outcome.
    alternative: str | None = None
    alternative_brier: float | None = None
    #: Who gave the verdict; who read it a second time, with what verdict, and whether the two
    #: readings agree (``agree``, ``disagree``, or ``None`` without a second reading).
    resolver: tuple[str, ...] = ()
    second_reader: tuple[str, ...] = ()
    second_verdict: str | None = None
    readings: str | None = None


def resolve(
    forecast: Forecast,
    outcome: Outcome | None,
    as_of: date,
    published: float | None = None,
) -> Resolution:
    """The status, verdict and scores a forecast has, given its outcome (or none).

    The scores are of ``published``, the probability as first published with corrections
    applied (:func:`tradecraft.ledger.history`), else of the forecast's probability.
    """
    if outcome is None:
        return Resolution(forecast_status(forecast.resolve_by, None, as_of))
    probability = forecast.probability if published is None else published
    # an outcome counts even with an unreadable verdict: the forecast is no longer due
    verdict = outcome.verdict
    alternative = outcome.alternative if outcome.contested else None
    return Resolution(
        status=forecast_status(forecast.resolve_by, verdict or "resolved", as_of),
        verdict=verdict,
        resolved_on=outcome.resolved_on,
        brier=_brier(probability, verdict),
        alternative=alternative,
        alternative_brier=_brier(probability, alternative),
        resolver=outcome.resolver,
        second_reader=outcome.second_reader,
        second_verdict=outcome.second_verdict,
        readings=readings(verdict, outcome.second_verdict),
    )


def readings(verdict: str | None, second_verdict: str | None) -> str | None:
    """``agree`` or ``disagree``: whether a second reading gives the verdict; ``None`` without
    one (or without a verdict to compare it with)."""
    if verdict is None or second_verdict is None:
        return None
    return AGREEMENTS[verdict != second_verdict]


def _brier(probability: float | None, verdict: str | None) -> float | None:
    if probability is None or verdict not in OUTCOMES:
        return None
    # rounded: binary noise (0.12249999999999998) helps no reader or spreadsheet
    return round(forecast_brier(probability, OUTCOMES[verdict]), 6)
