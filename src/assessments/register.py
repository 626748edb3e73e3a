"""Report-level tables and figures generated from the vocabulary, the rules and the assessments."""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective, SphinxRole
from sphinx_needs.api import get_needs_view

from assessments import track_record
from assessments.config import as_of, yardstick
from assessments.figures import draw_graph, figure, image_for
from assessments.nodes import pending_summary
from assessments.tables import simple_table
from tradecraft.coding import HEDGES, WINDOW_RULES


class YardstickTable(SphinxDirective):
    """The active yardstick: each term, its range and the number scored for it."""

    def run(self) -> list[nodes.Node]:
        active = yardstick(self.config)
        rows = [
            [
                t.name + (f" (also: {', '.join(t.synonyms)})" if t.synonyms else ""),
                t.range_text,
                f"{t.midpoint:.3f}".rstrip("0").rstrip("."),
            ]
            for t in active.terms
        ]
        table = simple_table(["Term", "Range", "Probability scored"], rows, [4, 2, 2])
        caption = nodes.paragraph(text=f"{active.title}. Source: {active.source}.")
        return [caption, table]


class HedgeTable(SphinxDirective):
    """The fixed mapping from the source's hedges to the active yardstick's terms."""

    def run(self) -> list[nodes.Node]:
        active = yardstick(self.config)
        rows = []
        for row in HEDGES:
            term = active.lookup(row.term)
            coded = term.label if term else f"{row.term} (not in {active.key})"
            rows.append([f"“{row.phrase}”", coded, row.note])
        return [simple_table(["Hedge in the source", "Coded as", "Note"], rows, [3, 3, 5])]


class WindowTable(SphinxDirective):
    """The window rule: each value of ``:window:`` and how it sets the resolve-by date."""

    def run(self) -> list[nodes.Node]:
        rows = [[f"{window}", rule] for window, rule in WINDOW_RULES.items()]
        return [simple_table([":window:", "The resolve-by date is"], rows, [2, 6])]


class AsOfRole(SphinxRole):
    """``{as-of}`date``` renders the build's "as of" date (the role's text is ignored)."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        return [nodes.inline(self.rawtext, as_of(self.config).isoformat(), classes=["as-of"])], []


class AssessmentGraph(SphinxDirective):
    """The graph of assumptions → judgements → forecasts → outcomes, as a figure."""

    def run(self) -> list[nodes.Node]:
        return [pending_summary(what="graph")]


def resolve_summaries(app: Sphinx, doctree: nodes.document, fromdocname: str) -> None:
    """Draw each pending figure or table now that every assessment is known."""
    pending = list(doctree.findall(pending_summary))
    if not pending:
        return
    needs = get_needs_view(app)
    for node in pending:
        if node["what"] == "graph":
            path, uri = image_for(app, fromdocname, "assessment-graph.png")
            draw_graph(needs, path)
            node.replace_self(
                figure(
                    uri,
                    "How the report's assessments rest on each other: assumptions and indicators, "
                    "judgements, forecasts and scenarios, outcomes.",
                    "Graph of assessments",
                )
            )
        elif node.get("by"):
            node.replace_self(track_record.build_groups(app, needs, node["by"]))
        else:
            node.replace_self(track_record.build(app, needs, fromdocname))


def setup_register(app: Sphinx) -> None:
    """Register the report-level directives and roles."""
    app.add_directive("yardstick-table", YardstickTable)
    app.add_directive("hedge-table", HedgeTable)
    app.add_directive("window-table", WindowTable)
    app.add_directive("assessment-graph", AssessmentGraph)
    app.add_directive("track-record", track_record.TrackRecord)
    app.add_role("as-of", AsOfRole())
    app.add_node(pending_summary)
    app.connect("doctree-resolved", resolve_summaries, priority=450)
