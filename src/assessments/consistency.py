"""Checks across assessments once every page is read, and the fields derived from them.

Link targets must exist and be of the right kind, an outcome resolves exactly one forecast, a
forecast has at most one outcome. Each forecast then gains its status as of the build date and,
once resolved, its verdict and Brier score.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from datetime import date
from typing import Any

from sphinx.application import Sphinx
from sphinx.util import logging

from assessments.config import as_of
from assessments.vocabulary import KINDS, LINKS, forecast_status
from checks.scoring import OUTCOMES, forecast_brier

logger = logging.getLogger(__name__)


def _warn(need: Any, message: str) -> None:
    logger.warning(
        "%s %s: %s",
        need["type"],
        need["id"],
        message,
        location=(need["docname"], need["lineno"]) if need.get("docname") else None,
        type="assessments",
        subtype="link",
    )


def check_links(needs: MutableMapping[str, Any]) -> None:
    """Warn, at the linking need's file and line, about dead and wrong-kind link targets."""
    for need in needs.values():
        if need["type"] not in KINDS:
            continue
        for name in KINDS[need["type"]].links:
            link = LINKS[name]
            for target in need.get(name) or []:
                other = needs.get(target)
                # a dead link is reported by sphinx-needs itself, at the same file and line
                if other is not None and other["type"] not in link.targets:
                    accepted = " or ".join(KINDS[t].title.lower() for t in link.targets)
                    _warn(
                        need,
                        f":{name}: names {target!r}, a {other['type']}; "
                        f":{name}: accepts only: {accepted}",
                    )
        if need["type"] == "forecast" and len(need.get("resolves_back") or []) > 1:
            outcomes = ", ".join(need["resolves_back"])
            _warn(
                need,
                f"has more than one outcome ({outcomes}); keep one and record a "
                "re-judgement with `report-checks ledger revise`",
            )


def derive_forecast_fields(needs: MutableMapping[str, Any], today: date) -> None:
    """Give each forecast its status, and its outcome's verdict, date and Brier score."""
    for need in needs.values():
        if need["type"] != "forecast":
            continue
        outcomes = [needs[o] for o in need.get("resolves_back") or [] if o in needs]
        outcome = outcomes[0] if len(outcomes) == 1 else None
        verdict = outcome["verdict"] if outcome else None
        need["verdict"] = verdict
        need["resolved_on"] = outcome["resolved_on"] if outcome else None
        resolve_by = need.get("resolve_by")
        need["status"] = forecast_status(
            date.fromisoformat(resolve_by) if resolve_by else None, verdict, today
        )
        p = need.get("probability")
        if verdict in OUTCOMES and p is not None:
            need["brier"] = round(forecast_brier(p, OUTCOMES[verdict]), 6)


def on_needs_sealing(app: Sphinx, needs: MutableMapping[str, Any]) -> None:
    """sphinx-needs hook: run the cross-checks, then derive the forecast fields."""
    check_links(needs)
    derive_forecast_fields(needs, as_of(app.config))
