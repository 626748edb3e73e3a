"""Each forecast's history from the forecast ledger: read once per build, shown on its card.

``assessments_ledger`` names the ledger (relative to ``conf.py``): a directory of one file per
forecast, or an old single file; a missing one is empty, so a new report builds before its first
``report-checks ledger freeze``. Its estimates are the core's
(:func:`tradecraft.ledger.history`), so the card, the register, the track record and
``report-checks score`` tell one story.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from assessments import registry_site
from assessments.domain import state_of
from assessments.errors import warn_unusable
from tradecraft.errors import InputError
from tradecraft.ledger import Estimate, History, Ledger, Revision, load_ledger
from tradecraft.registry import load_ledgers


def load(app: Sphinx) -> None:
    """``builder-inited``: read the ledger the configuration names.

    A ledger that cannot be read is one warning at its file (and line, where known), so ``-W``
    fails the build; without ``-W`` the cards show no history.
    """
    setting = app.config.assessments_ledger
    found: Ledger | None = None
    if not setting and app.config.assessments_registry:  # a registry: each report's ledger
        try:
            found = load_ledgers(registry_site.sources(app))
        except InputError as problem:
            warn_unusable(problem, "ledger")
    if setting:
        path = Path(app.confdir, setting)
        try:
            found = load_ledger(path)
        except InputError as problem:
            warn_unusable(problem, "ledger")
    state_of(app.env).ledger = found


def ledger_of(env: BuildEnvironment) -> Ledger | None:
    """The ledger of this build, or ``None`` when the report names none."""
    return state_of(env).ledger


def estimate_text(estimate: Estimate) -> str:
    """``likely (p = 0.65)``, ``p = 0.65`` or ``unknown``."""
    p = f"p = {estimate.probability:.2f}" if estimate.probability is not None else None
    if estimate.likelihood and p:
        return f"{estimate.likelihood} ({p})"
    return estimate.likelihood or p or "unknown"


def history_node(record: History, published_on: str | None) -> nodes.bullet_list | None:
    """The history of a forecast as a list every builder renders, or ``None`` if it has none.

    The published estimate, then each correction, update and withdrawal with what it changed
    and why, in the order they took effect (the published estimate from ``made_on``, each
    revision from its date; entries of one day, and undated revisions, last, as recorded).
    """
    if not record.revisions:
        return None
    items = nodes.bullet_list(classes=["assessment-history"])
    first = record.estimates[0]
    since = f" (in force from {first.on})" if first.on else ""
    published = f"Published {published_on}" if published_on else "Published"
    entries = [(first.on or date.min, f"{published}: {estimate_text(first)}{since}.")]
    for revision in record.revisions:
        kind = "Update" if revision.kind == "update" else "Correction"
        text = f"{kind} of {revision.on}: {_change(revision)}. {revision.reason}"
        entries.append((revision.on or date.max, text.rstrip()))
    for _, text in sorted(entries, key=lambda entry: entry[0]):  # stable: same day, as recorded
        items += _item(text)
    return items


def _change(revision: Revision) -> str:
    """What a revision changed, in a reader's words: ``resolve by 2022-12-31 → 2022-08-01``."""
    if revision.withdrawal:
        return "withdrawn"
    if revision.before is None or revision.after is None:
        return "changed (values not recorded)"
    before, after = revision.before, revision.after
    changes = []
    was, now = estimate_text(_estimate(before)), estimate_text(_estimate(after))
    if was != now:
        changes.append(f"{was} → {now}")
    if before.get("resolve_by") != after.get("resolve_by"):
        changes.append(f"resolve by {before.get('resolve_by')} → {after.get('resolve_by')}")
    changes += [
        f"{name} re-worded"
        for name in ("title", "statement", "criteria")
        if before.get(name) != after.get(name)
    ]
    return "; ".join(changes) or "re-worded or re-dated"


def _estimate(values: dict[str, object]) -> Estimate:
    p = values.get("probability")
    likelihood = values.get("likelihood")
    return Estimate(
        None,
        likelihood if isinstance(likelihood, str) else None,
        float(p) if isinstance(p, (int, float)) else None,
    )


def _item(text: str) -> nodes.list_item:
    return nodes.list_item("", nodes.paragraph(text=text))
