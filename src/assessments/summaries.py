"""Report-level figures and summaries drawn from the assessments: the graph, the track record.

The method page's tables of rules are in :mod:`assessments.method_tables`.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective, SphinxRole
from sphinx_needs.api import get_needs_view

from assessments import track_record
from assessments.config import as_of
from assessments.figures import draw_graph, figure, image_for
from assessments.nodes import pending_summary


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


def setup_summaries(app: Sphinx) -> None:
    """Register the report-level directives and roles."""
    app.add_directive("assessment-graph", AssessmentGraph)
    app.add_directive("track-record", track_record.TrackRecord)
    app.add_role("as-of", AsOfRole())
    app.add_node(pending_summary)
    app.connect("doctree-resolved", resolve_summaries, priority=450)
