"""``report-checks export``: the forecast register as CSV or JSON, for spreadsheets and tools."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from typing import Any

from checks.needsfile import Register, forecast_status
from checks.scoring import OUTCOMES, forecast_brier

#: The columns, in order.
COLUMNS: tuple[str, ...] = (
    "id",
    "title",
    "likelihood",
    "probability",
    "yardstick",
    "confidence",
    "made_on",
    "resolve_by",
    "status",
    "verdict",
    "resolved_on",
    "brier",
    "criteria",
    "docname",
    "lineno",
)


def rows(register: Register, as_of: date) -> list[dict[str, Any]]:
    """One row per forecast, in the file's order; status is open/due/resolved/void as of a date."""
    result = []
    for forecast in register.forecasts:
        outcome = register.outcome_of(forecast)
        verdict = outcome.verdict if outcome else None
        brier = None
        if verdict in OUTCOMES and forecast.probability is not None:
            # rounded: binary noise (0.12249999999999998) helps no spreadsheet
            brier = round(forecast_brier(forecast.probability, OUTCOMES[verdict]), 6)
        result.append(
            {
                "id": forecast.id,
                "title": forecast.title,
                "likelihood": forecast.likelihood,
                "probability": forecast.probability,
                "yardstick": forecast.yardstick,
                "confidence": forecast.confidence,
                "made_on": _iso(forecast.made_on),
                "resolve_by": _iso(forecast.resolve_by),
                "status": forecast_status(register, forecast, as_of),
                "verdict": verdict,
                "resolved_on": _iso(outcome.resolved_on) if outcome else None,
                "brier": brier,
                "criteria": forecast.criteria,
                "docname": forecast.docname,
                "lineno": forecast.lineno,
            }
        )
    return result


def to_csv(table: list[dict[str, Any]]) -> str:
    """CSV with a header row; empty cells for missing values."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in table:
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return buffer.getvalue()


def to_json(table: list[dict[str, Any]]) -> str:
    """A JSON list of objects with the same keys as the CSV columns."""
    return json.dumps(table, indent=2, ensure_ascii=False) + "\n"


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None
