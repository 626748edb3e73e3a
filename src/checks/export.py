"""``report-checks export``: the forecast register as CSV or JSON, for spreadsheets and tools.

The columns are the forecast's fields as the vocabulary declares them (those authors write, then
those the build derives from the outcome), its status as of a date, and where it is written.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict
from datetime import date
from typing import Any

from tradecraft.ledger import Ledger, history
from tradecraft.records import AssessmentSet
from tradecraft.resolution import resolve
from tradecraft.vocabulary import FIELDS, KINDS

_FORECAST = KINDS["forecast"]
#: The forecast's own fields, in the vocabulary's order (what the build derives is below).
_WRITTEN: tuple[str, ...] = tuple(n for n in FIELDS if n in _FORECAST.fields or n == "yardstick")
#: What the outcome makes of a forecast (:class:`tradecraft.resolution.Resolution`).
_RESOLVED: tuple[str, ...] = tuple(n for n in FIELDS if n in _FORECAST.derived and n != "yardstick")
#: The columns, in order.
COLUMNS: tuple[str, ...] = ("id", "title", *_WRITTEN, "status", *_RESOLVED, "docname", "lineno")


def rows(
    register: AssessmentSet, as_of: date, ledger: Ledger | None = None
) -> list[dict[str, Any]]:
    """One row per forecast, in the file's order; status is open/due/resolved/void as of a date.

    With the ledger, ``published_*`` is the estimate as first published (corrections applied)
    and the scores are of it, as ``report-checks score`` and the build have them.
    """
    result = []
    for forecast in register.forecasts:
        published = history(ledger, forecast).published
        outcome = register.outcome_of(forecast)
        resolution = asdict(resolve(forecast, outcome, as_of, published.probability))
        resolution["published_likelihood"] = published.likelihood
        resolution["published_probability"] = published.probability
        row: dict[str, Any] = {"id": forecast.id, "title": forecast.title}
        row.update({name: _plain(getattr(forecast, name)) for name in _WRITTEN})
        row["status"] = resolution["status"]
        row.update({name: _plain(resolution[name]) for name in _RESOLVED})
        row["docname"], row["lineno"] = forecast.docname, forecast.lineno
        result.append(row)
    return result


def to_csv(table: list[dict[str, Any]]) -> str:
    """CSV with a header row; empty cells for missing values, lists joined with "; "."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in table:
        writer.writerow({k: _cell(v) for k, v in row.items()})
    return buffer.getvalue()


def to_json(table: list[dict[str, Any]]) -> str:
    """A JSON list of objects with the same keys as the CSV columns."""
    return json.dumps(table, indent=2, ensure_ascii=False) + "\n"


def _plain(value: Any) -> Any:
    """A JSON-ready value: dates as ISO text, tuples as lists."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(value)
    return value
