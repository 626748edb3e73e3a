"""Rules across assessments once every page is read, and the fields derived from them.

The needs are read into the core's typed records, the cross rules of
:func:`tradecraft.rules.check_register` are logged at the offending assessment's file and line,
and each forecast gains what its outcome and its ledger history make of it: status as of the
build date, verdict, resolution date, its estimate as published and the Brier scores of that
estimate (:func:`tradecraft.resolution.resolve`, :func:`tradecraft.ledger.history`).

That work is done once for each state of the needs, not on every build. At ``env-get-updated``
(after every page is read, before Sphinx pickles the environment) the needs' state is digested:
every need's values as read (:func:`assessments.incremental.values_digest`), the as-of date,
the yardstick and the ledger. When the digest is the one the extension's domain already holds
(:mod:`assessments.domain`), its findings and the needs' fields stand: the needs of a page read
again, which sphinx-needs makes afresh, get back the fields their predecessors had (kept when
the page was purged). Otherwise everything is worked out anew and the domain keeps the findings
with the digest; the fields live on the needs themselves. A prose-only edit thus costs no
re-derivation, and a changed value, ledger or date re-derives all.

Derived on every build instead: a registry (sphinx-needs makes its imported needs afresh on
every build), and a report with any ``needextend`` (sphinx-needs applies it after that point, and
it may change what the rules read), at ``needs-before-sealing``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from assessments import incremental
from assessments.config import as_of
from assessments.domain import Derived, Gained, state_of
from assessments.errors import TYPE as WARNING_TYPE
from assessments.histories import ledger_of
from assessments.needs_internals import (
    NeedItem,
    NeedsMutable,
    has_needextend,
    needs_mutable,
    needs_sealed,
)
from tradecraft.ledger import history
from tradecraft.records import AssessmentSet
from tradecraft.resolution import resolve
from tradecraft.rules import check_register
from tradecraft.vocabulary import LINKS

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ForecastFields:
    """What a forecast gains from its outcome and its history (every field set, None too)."""

    status: str
    published_likelihood: str | None
    published_probability: float | None
    verdict: str | None
    resolved_on: str | None
    brier: float | None
    alternative: str | None
    alternative_brier: float | None
    resolver: list[str]
    second_reader: list[str]
    second_verdict: str | None
    readings: str | None


#: The names of the fields a forecast gains.
DERIVED = tuple(f.name for f in fields(ForecastFields))


def register_of(needs: Mapping[str, NeedItem]) -> AssessmentSet:
    """The core's register over the needs sphinx-needs holds: each need's fields, links and
    place, read once into a plain mapping (a need item answers one key at a time, slowly)."""
    return AssessmentSet(
        Path("needs"), "", {i: _values(need) for i, need in needs.items()}, docs=""
    )


def _values(need: NeedItem) -> dict[str, Any]:
    values: dict[str, Any] = dict(need.iter_core_items())
    values.update(need.iter_extra_items())
    for name in LINKS:  # the records read our links only
        links = need.get_links(name, as_str=False)
        values[name] = [link.to_filter_string() for link in links] if links else []
    return values


def derive(app: Sphinx, needs: Mapping[str, NeedItem], key: str = "") -> tuple[Derived, Gained]:
    """Run the cross rules over ``needs`` and work out each forecast's derived fields."""
    today = as_of(app.config)
    register = register_of(needs)
    # our links allow dead links in sphinx-needs (assessments.config): the rule reports them
    findings = [(need_id, finding.message) for need_id, finding in check_register(register, today)]
    ledger = ledger_of(app.env)
    values: Gained = {}
    for forecast in register.forecasts:
        published = history(ledger, forecast).published
        resolution = resolve(forecast, register.outcome_of(forecast), today, published.probability)
        gained = ForecastFields(
            status=resolution.status,
            published_likelihood=published.likelihood,
            published_probability=published.probability,
            verdict=resolution.verdict,
            resolved_on=resolution.resolved_on.isoformat() if resolution.resolved_on else None,
            brier=resolution.brier,
            alternative=resolution.alternative,
            alternative_brier=resolution.alternative_brier,
            resolver=list(resolution.resolver),
            second_reader=list(resolution.second_reader),
            second_verdict=resolution.second_verdict,
            readings=resolution.readings,
        )
        # its fields by name: dataclasses.asdict would deep-copy the lists made just above
        values[forecast.id] = {name: getattr(gained, name) for name in DERIVED}
    return Derived(key, findings), values


def _apply(needs: Mapping[str, NeedItem], values: Gained, ids: Iterable[str]) -> None:
    """Set the derived fields of the forecasts among ``ids`` (a need item recomputes itself on
    every set, so only what differs is set)."""
    for need_id in ids:
        fields = values.get(need_id)
        need = needs.get(need_id)
        if fields is None or need is None:
            continue
        for name, value in fields.items():
            if need.get(name) != value:
                need[name] = value


def _state(app: Sphinx, env: BuildEnvironment) -> str:
    """A digest of everything the rules and the derived fields read from a report's pages."""
    _, ledger = incremental.ledger_digest(env)
    pages = incremental.values_digest(state_of(env).pages)
    return incremental.digest(
        [pages, ledger, app.config.assessments_as_of, app.config.assessments_yardstick]
    )


def keep_fields(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    """``env-purge-doc``, before sphinx-needs forgets the page's needs: keep their fields."""
    state = state_of(env)
    page = state.pages.get(docname)
    if page is None or needs_sealed(env):
        return
    needs = needs_mutable(env)
    kept = state.kept
    for need_id in page.needs:
        need = needs.get(need_id)
        if need is not None and need["type"] == "forecast":
            kept[need_id] = {name: need.get(name) for name in DERIVED}


def start_reading(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """``env-before-read-docs``: what the environment holds is not yet this build's."""
    derived = state_of(env).derived
    if derived is not None:
        derived.current = False


def on_env_updated(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-get-updated`` (before :func:`assessments.incremental.pages_to_rewrite`): derive,
    or take what the environment holds for the same state of the needs."""
    state = state_of(env)
    kept = state.kept
    if needs_sealed(env) or has_needextend(env):
        # sealed while reading (by another extension), or changed later by needextend
        state.derived = None
        kept.clear()
        return []  # derive at sealing
    needs = needs_mutable(env)
    key = _state(app, env)
    derived = state.derived
    fresh = _fresh_forecasts(env, needs)
    if (
        derived is None
        or derived.key != key
        or not kept.keys() >= fresh
        or _imported(env, needs)  # a registry: made afresh on every build, derived with them
    ):
        derived, values = derive(app, needs, key)
        _apply(needs, values, values)  # the needs keep them in the environment
        state.derived = derived
    else:  # the same state: each forecast read again gets back what it had
        _apply(needs, kept, fresh)
    kept.clear()
    derived.current = True
    return []


def _imported(env: BuildEnvironment, needs: Mapping[str, NeedItem]) -> bool:
    """Whether some needs are on no page of the report (imported from other reports)."""
    on_pages = sum(len(page.needs) for page in state_of(env).pages.values())
    return on_pages != len(needs)


def _fresh_forecasts(env: BuildEnvironment, needs: Mapping[str, NeedItem]) -> set[str]:
    """The forecasts on the pages read in this build (sphinx-needs made them afresh)."""
    state = state_of(env)
    records = state.pages
    return {
        need_id
        for docname in state.touched
        if docname in records
        for need_id in records[docname].needs
        if need_id in needs and needs[need_id]["type"] == "forecast"
    }


def on_needs_sealing(app: Sphinx, needs: NeedsMutable) -> None:
    """sphinx-needs hook: log the cross rules' findings (deriving first if not done yet)."""
    derived = state_of(app.env).derived
    if derived is None or not derived.current:
        derived, values = derive(app, needs)
        _apply(needs, values, values)
    for need_id, message in derived.findings:
        need = needs[need_id]
        logger.warning(
            "%s %s: %s",
            need["type"],
            need_id,
            message,
            location=(need["docname"], need["lineno"]) if need.get("docname") else None,
            type=WARNING_TYPE,
            subtype="rule",
        )
