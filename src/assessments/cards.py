"""A light card for each assessment, in place of sphinx-needs' own table layout.

sphinx-needs renders a need as a one-column table that LaTeX cannot break across pages (its
issue #141) and spends most of a build doing so. The card is a plain container with a header
line, the statement, and the fields a reader needs; every builder can render it, and LaTeX
breaks it like any paragraph.
"""

from __future__ import annotations

from typing import cast

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx_needs.api import get_needs_view

from assessments.badges import badge
from assessments.config import yardstick
from assessments.directives import CITATIONS, CITE_ROLE, CITED
from assessments.histories import history_node, ledger_of
from assessments.needs_internals import Need, NeedItem, NeedsView
from tradecraft.coding import DEFAULT_WINDOW_MONTHS, LONG_HORIZON_YEARS
from tradecraft.ledger import history
from tradecraft.records import Forecast, read_record
from tradecraft.resolution import readings
from tradecraft.vocabulary import CITATION_FIELDS, FIELDS, KINDS, LINKS
from tradecraft.yardstick import Yardstick


def likelihood_text(need: NeedItem, active: Yardstick) -> str | None:
    """``likely (55–75%)``, ``likely (55–75%), p = 0.60``, ``p = 0.52`` or ``None``."""
    term = active.lookup(need.get("likelihood") or "") if need.get("likelihood") else None
    p = need.get("probability")
    if term is not None:
        explicit = p is not None and abs(p - term.midpoint) > 1e-9
        return term.label + (f", p = {p:.2f}" if explicit else "")
    if p is not None:
        return f"p = {p:.2f}"
    return None


#: Each window of the method page as a reader reads it beside the resolve-by date.
WINDOW_WORDS: dict[str, str] = {
    "source": "source window: the date or period the source names",
    "default": f"default window: {DEFAULT_WINDOW_MONTHS} months after the forecast was made, "
    "as the source names no date",
    "long": f"long window: 31 December, {LONG_HORIZON_YEARS} years after the year the forecast "
    "was made",
    "editorial": "editorial window: chosen by the editors, who say why in the text",
}


def _resolve_by(resolve_by: str, window: str | None) -> nodes.inline:
    """``2022-08-01 (default window: 12 months after …)``, or the date alone without a window."""
    node = nodes.inline("", resolve_by)
    words = WINDOW_WORDS.get(window or "")
    if words:
        node += nodes.inline("", f" ({words})", classes=["assessment-window"])
    return node


def coding_text(coding: str, hedge: str | None, window: str | None) -> str:
    """Where a forecast's likelihood and date came from, in a reader's words.

    ``original`` means both came from the source by the fixed rules (the method page's
    "Original or editorial"); ``editorial`` that at least one did not, and the hedge and the
    window say which.
    """
    hedged = f"the likelihood from the authors' words “{hedge}”"
    dated = "the date from the date or period they name"
    if coding == "original":
        return f"both from the source, by the fixed rules: {hedged}, {dated}"
    if hedge:
        return f"{hedged}, by the fixed rules; the date coded by the editors"
    if window == "source":
        return f"the likelihood coded by the editors; {dated.replace('they', 'the authors')}"
    return "coded by the editors"


def _field(label: str, value: str | nodes.Node) -> nodes.inline:
    node = nodes.inline("", "", classes=["assessment-field"])
    node += nodes.strong("", f"{label}: ")
    node += value if isinstance(value, nodes.Node) else nodes.Text(value)
    return node


def _second_reading(need: NeedItem) -> nodes.inline:
    """``Second reading: no (by A Reader; disagrees)``: the second verdict and who gave it."""
    second = nodes.inline("", "", badge("second_verdict", need["second_verdict"]))
    notes = []
    if need.get("second_reader"):
        notes.append(f"by {', '.join(need['second_reader'])}")
    if readings(need.get("verdict") or None, need["second_verdict"]) == "disagree":
        notes.append("disagrees: contested")
    if notes:
        second += nodes.Text(f" ({'; '.join(notes)})")
    return _field(FIELDS["second_verdict"].label, second)


def _links(app: Sphinx, fromdocname: str, ids: list[str], needs: NeedsView) -> nodes.inline:
    node = nodes.inline()
    for i, target in enumerate(ids):
        if i:
            node += nodes.Text(", ")
        other = needs.get(target)
        docname = other["docname"] if other is not None else None
        if docname is not None:
            ref = nodes.reference("", target, internal=True)
            ref["refuri"] = app.builder.get_relative_uri(fromdocname, docname) + "#" + target
            node += ref
        elif other is not None and other["external_url"]:  # a need imported from elsewhere
            node += nodes.reference("", target, refuri=other["external_url"])
        else:
            node += nodes.Text(target)
    return node


def citation(
    app: Sphinx,
    fromdocname: str,
    need: NeedItem,
    target: str,
    ref_id: str,
    resolved: dict[str, nodes.Element],
) -> nodes.inline:
    """The citations the directive noted (``key1,key2``, under ``ref_id``), each resolved by
    sphinxcontrib-bibtex as its cite role would be (author and year, linked to the bibliography),
    joined by "; ". A warning about a key names the assessment's file and line.

    ``resolved`` keeps, by key, each citation resolved so far on the page being written: the
    same key on the next card is a copy of it (pybtex formats an entry anew on every call)."""
    sources = nodes.inline(classes=[CITATIONS], ids=[ref_id] if ref_id else [])
    domain = app.env.get_domain("cite")
    _, role = CITE_ROLE.split(":")
    for number, key in enumerate(target.split(",")):
        if number:
            sources += nodes.Text("; ")
        done = resolved.get(key)
        if done is not None:
            sources += done.deepcopy()
            continue
        xref = addnodes.pending_xref(key, refdomain="cite", reftype=role, reftarget=key)
        xref["refdoc"] = fromdocname
        if need["docname"]:
            xref.source, xref.line = str(app.env.doc2path(need["docname"])), need["lineno"]
        contnode = nodes.inline(key, key)
        made = domain.resolve_xref(app.env, fromdocname, app.builder, role, key, xref, contnode)
        if made is None:  # not found: warned, at this card
            sources += contnode
            continue
        resolved[key] = made.deepcopy()
        sources += made
    return sources


def build_card(
    app: Sphinx,
    need: NeedItem,
    content: list[nodes.Node],
    fromdocname: str,
    needs: NeedsView,
    cited: dict[str, tuple[str, str]],
    resolved: dict[str, nodes.Element],
) -> nodes.container:
    """The card for one assessment: header, statement, details; ``cited`` holds the citations
    of ``:basis:`` and ``:evidence:`` by field (target and id), as the directive noted them,
    and ``resolved`` the citations resolved so far on the page (see :func:`citation`)."""
    kind = KINDS[need["type"]]
    card = nodes.container(classes=["assessment", f"assessment-{kind.name}"])
    card += _header(kind.title, need)
    facts = _facts(app, need, fromdocname, needs)
    if facts:
        card += _joined(facts)
    body = nodes.container(classes=["assessment-body"])
    body.extend(content)
    card += body
    details = _details(need) + _sources(app, need, fromdocname, cited, resolved)
    details += _link_details(app, need, fromdocname, needs)
    listing = _history(app, need) if need["type"] == "forecast" else None
    if details or listing is not None:
        card += _details_block(details, listing)
    return card


def _header(title: str, need: NeedItem) -> nodes.paragraph:
    """``Forecast F_X — the title``, with the target the card's links point to."""
    header = nodes.paragraph(classes=["assessment-header"])
    # an explicit target: LaTeX writes a label for it (it writes none for a container's ids)
    header += nodes.target("", "", ids=[need["id"]])
    header += nodes.strong("", f"{title} {need['id']}")
    header += nodes.Text(" — " + need["title"])
    return header


def _facts(app: Sphinx, need: NeedItem, fromdocname: str, needs: NeedsView) -> list[nodes.Node]:
    """The line under the header: likelihood, confidence, dates, status and verdicts."""
    facts: list[nodes.Node] = []
    text = likelihood_text(need, yardstick(app.config))
    if text:
        facts.append(_field("Likelihood", badge("likelihood", need.get("likelihood") or "p", text)))
    if need.get("confidence"):
        facts.append(_field("Confidence", need["confidence"]))
    if need.get("key"):
        facts.append(_field("Key judgement", "yes"))
    if need.get("resolve_by"):
        when = _resolve_by(need["resolve_by"], need.get("window"))
        facts.append(_field(FIELDS["resolve_by"].label, when))
    if need["type"] == "forecast":
        facts += _forecast_facts(app, need, fromdocname, needs)
    if need["type"] == "outcome":
        facts += _outcome_facts(need)
    return facts


def _forecast_facts(
    app: Sphinx, need: NeedItem, fromdocname: str, needs: NeedsView
) -> list[nodes.Node]:
    """A forecast's status, and its outcome's verdict, other reading and second reading."""
    facts: list[nodes.Node] = [_field("Status", badge("status", need.get("status") or "open"))]
    if need.get("verdict"):
        verdict = nodes.inline("", "", badge("verdict", need["verdict"]))
        by = f"; resolver: {', '.join(need['resolver'])}" if need.get("resolver") else ""
        verdict += nodes.Text(f" ({need.get('resolved_on')}{by})")
        facts.append(_field("Verdict", verdict))
    if need.get("alternative"):
        other = nodes.inline("", "", badge("alternative", need["alternative"]))
        other += nodes.Text(" (contested)")
        facts.append(_field(FIELDS["alternative"].label, other))
    if need.get("second_verdict"):
        facts.append(_second_reading(need))
    if need.get("resolves_back"):
        facts.append(_field("Outcome", _links(app, fromdocname, need["resolves_back"], needs)))
    return facts


def _outcome_facts(need: NeedItem) -> list[nodes.Node]:
    """An outcome's verdict and resolver, date, other reading and second reading."""
    facts: list[nodes.Node] = []
    if need.get("verdict"):
        verdict = nodes.inline("", "", badge("verdict", need["verdict"]))
        if need.get("resolver"):
            verdict += nodes.Text(f" (resolver: {', '.join(need['resolver'])})")
        facts.append(_field("Verdict", verdict))
    facts.append(_field("Resolved on", need.get("resolved_on") or ""))
    if need.get("alternative"):
        facts.append(_field(FIELDS["alternative"].label, badge("alternative", need["alternative"])))
    if need.get("second_verdict"):
        facts.append(_second_reading(need))
    return facts


def _joined(facts: list[nodes.Node]) -> nodes.paragraph:
    """The facts on one line, separated by middle dots."""
    line = nodes.paragraph(classes=["assessment-facts"])
    for i, fact in enumerate(facts):
        if i:
            line += nodes.Text(" · ")
        line += fact
    return line


def _details(need: NeedItem) -> list[nodes.Node]:
    """The lines under the statement: wording, criteria, dates, coding, authors, tags."""
    details: list[nodes.Node] = []
    if need.get("quote"):
        quote = nodes.inline("", f"“{need['quote']}”")
        details.append(_field("Original wording", quote))
    if need.get("criteria"):
        details.append(_field("Resolves yes if", need["criteria"]))
    if need.get("contested"):
        details.append(_field(FIELDS["contested"].label, need["contested"]))
    if need.get("made_on"):
        details.append(_field(FIELDS["made_on"].label, need["made_on"]))
    if need.get("coding"):
        told = coding_text(need["coding"], need.get("hedge"), need.get("window"))
        details.append(_field(FIELDS["coding"].label, told))
    if need.get("authors"):
        details.append(_field(FIELDS["authors"].label, ", ".join(need["authors"])))
    if need.get("tags"):
        details.append(_field("Tags", ", ".join(need["tags"])))
    return details


def _sources(
    app: Sphinx,
    need: NeedItem,
    fromdocname: str,
    cited: dict[str, tuple[str, str]],
    resolved: dict[str, nodes.Element],
) -> list[nodes.Node]:
    """The basis and evidence, each citation resolved (see :func:`citation`)."""
    sources: list[nodes.Node] = [
        _field(FIELDS[name].label, citation(app, fromdocname, need, *cited[name], resolved))
        for name in CITATION_FIELDS
        if name in cited
    ]
    return sources


def _link_details(
    app: Sphinx, need: NeedItem, fromdocname: str, needs: NeedsView
) -> list[nodes.Node]:
    """Each link both ways (a forecast's outcome is among its facts, not here)."""
    details: list[nodes.Node] = []
    for name, link in LINKS.items():
        if need.get(name):
            details.append(
                _field(link.outgoing.capitalize(), _links(app, fromdocname, need[name], needs))
            )
        back = [b for b in need.get(f"{name}_back") or [] if name != "resolves"]
        if back:
            details.append(
                _field(link.incoming.capitalize(), _links(app, fromdocname, back, needs))
            )
    return details


def _details_block(details: list[nodes.Node], listing: nodes.Node | None) -> nodes.container:
    """The details, one paragraph each, then the forecast's history."""
    lines = nodes.container(classes=["assessment-details"])
    for detail in details:
        para = nodes.paragraph()
        para += detail
        lines += para
    if listing is not None:
        lines += nodes.paragraph("", "", nodes.strong("", "History:"))
        lines += listing
    return lines


def _history(app: Sphinx, need: NeedItem) -> nodes.Node | None:
    """The forecast's estimates and revisions from the ledger, if it has any."""
    ledger = ledger_of(app.env)
    if ledger is None:
        return None
    entry = ledger.forecasts.get(need["id"]) or {}
    record = history(ledger, cast(Forecast, read_record(need["id"], need)))
    return history_node(record, entry.get("published"))


def replace_need_nodes(app: Sphinx, doctree: nodes.document, fromdocname: str) -> None:
    """Swap each assessment's need node for its card, before sphinx-needs lays it out."""
    needs = get_needs_view(app)
    resolved: dict[str, nodes.Element] = {}
    for node in list(doctree.findall(Need)):
        need = needs.get(node["ids"][0]) if node["ids"] else None
        if (
            need is None
            or need["type"] not in KINDS
            or node.get("docname", need["docname"]) != need["docname"]
        ):
            continue
        if need.get("hide"):
            node.parent.remove(node)
            continue
        noted: list[tuple[str, str, str]] = node.get(CITED, [])
        cited = {name: (target, ref_id) for name, target, ref_id in noted}
        card = build_card(app, need, list(node.children), fromdocname, needs, cited, resolved)
        node.parent.replace(node, card)
