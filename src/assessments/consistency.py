"""Rules across assessments once every page is read, and the fields derived from them.

At ``needs-before-sealing`` the needs are read into the core's typed records, the cross rules of
:func:`tradecraft.rules.check_register` are logged at the offending assessment's file and line,
and each forecast gains what its outcome and its ledger history make of it: status as of the
build date, verdict, resolution date, its estimate as published and the Brier scores of that
estimate (:func:`tradecraft.resolution.resolve`, :func:`tradecraft.ledger.history`).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx_needs.data import NeedsMutable
from sphinx_needs.need_item import NeedItem

from assessments.config import as_of
from assessments.histories import ledger_of
from tradecraft.ledger import history
from tradecraft.records import Register
from tradecraft.resolution import resolve
from tradecraft.rules import check_register
from tradecraft.vocabulary import LINKS

logger = logging.getLogger(__name__)


def register_of(needs: Mapping[str, NeedItem]) -> Register:
    """The core's register over the needs sphinx-needs holds: each need's fields, links and
    place, read once into a plain mapping (a need item answers one key at a time, slowly)."""
    return Register(Path("needs"), "", {i: _values(need) for i, need in needs.items()}, docs="")


def _values(need: NeedItem) -> dict[str, Any]:
    values: dict[str, Any] = dict(need.iter_core_items())
    values.update(need.iter_extra_items())
    for name in LINKS:  # the records read our links only
        links = need.get_links(name, as_str=False)
        values[name] = [link.to_filter_string() for link in links] if links else []
    return values


def on_needs_sealing(app: Sphinx, needs: NeedsMutable) -> None:
    """sphinx-needs hook: run the cross rules, then derive each forecast's fields."""
    today = as_of(app.config)
    register = register_of(needs)
    # a dead link is reported by sphinx-needs itself, at the same file and line
    for need_id, finding in check_register(register, today, dead_links=False):
        need = needs[need_id]
        logger.warning(
            "%s %s: %s",
            need["type"],
            need_id,
            finding.message,
            location=(need["docname"], need["lineno"]) if need.get("docname") else None,
            type="assessments",
            subtype="rule",
        )
    ledger = ledger_of(app.env)
    for forecast in register.forecasts:
        published = history(ledger, forecast).published
        resolution = resolve(forecast, register.outcome_of(forecast), today, published.probability)
        need = needs[forecast.id]
        need["status"] = resolution.status
        derived = {
            "published_likelihood": published.likelihood,
            "published_probability": published.probability,
            "verdict": resolution.verdict,
            "resolved_on": resolution.resolved_on.isoformat() if resolution.resolved_on else None,
            "brier": resolution.brier,
            "alternative": resolution.alternative,
            "alternative_brier": resolution.alternative_brier,
        }
        for name, value in derived.items():
            if value is not None:  # a forecast carries none of these until now
                need[name] = value
