"""What a forecast's outcome makes of it, as of a date: status, verdict and score.

The build writes these onto each forecast (its card, the register, ``needs.json``) and
``report-checks`` computes them from ``needs.json``: the same function for both.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tradecraft.records import Forecast, Outcome
from tradecraft.scoring import OUTCOMES, forecast_brier
from tradecraft.vocabulary import VOID_VERDICTS


def forecast_status(resolve_by: date | None, verdict: str | None, as_of: date) -> str:
    """``open``, ``due`` (past its resolve-by date, no outcome), ``resolved`` or ``void``."""
    if verdict in VOID_VERDICTS:
        return "void"
    if verdict:
        return "resolved"
    if resolve_by is not None and resolve_by <= as_of:
        return "due"
    return "open"


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
    )


def _brier(probability: float | None, verdict: str | None) -> float | None:
    if probability is None or verdict not in OUTCOMES:
        return None
    # rounded: binary noise (0.12249999999999998) helps no reader or spreadsheet
    return round(forecast_brier(probability, OUTCOMES[verdict]), 6)
