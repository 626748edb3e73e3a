"""Report-level tables generated from the vocabulary and the assessments."""

from __future__ import annotations

import posixpath
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective, SphinxRole
from sphinx_needs.data import SphinxNeedsData

from assessments import track_record
from assessments.config import as_of, yardstick
from assessments.figures import draw_graph
from assessments.nodes import pending_summary
from assessments.vocabulary import HEDGE_MAPPING


def simple_table(
    headers: list[str],
    rows: list[list[str]],
    widths: list[int] | None = None,
    classes: list[str] | None = None,
) -> nodes.table:
    """A docutils table every builder renders (LaTeX makes it a longtable when long)."""
    table = nodes.table(classes=classes or [])
    group = nodes.tgroup(cols=len(headers))
    table += group
    for width in widths or [1] * len(headers):
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    group += head
    row = nodes.row()
    for text in headers:
        row += nodes.entry("", nodes.paragraph(text=text))
    head += row
    body = nodes.tbody()
    group += body
    for values in rows:
        row = nodes.row()
        for text in values:
            row += nodes.entry("", nodes.paragraph(text=text))
        body += row
    return table


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
        for hedges, name in HEDGE_MAPPING:
            term = active.lookup(name)
            rows.append([hedges, term.label if term else f"{name} (not in {active.key})"])
        return [simple_table(["Hedge in the source", "Coded as"], rows, [5, 3])]


class AsOfRole(SphinxRole):
    """``{as-of}`date``` renders the build's "as of" date (the role's text is ignored)."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        return [nodes.inline(self.rawtext, as_of(self.config).isoformat(), classes=["as-of"])], []


class AssessmentGraph(SphinxDirective):
    """The graph of assumptions → judgements → forecasts → outcomes, as a figure."""

    def run(self) -> list[nodes.Node]:
        return [pending_summary(what="graph")]


def image_for(app: Sphinx, fromdocname: str, name: str) -> tuple[Path, str]:
    """Where to draw a generated figure in the output, and the URI the page uses for it."""
    if app.builder.format == "html":
        folder = Path(app.outdir) / "_images"
        uri = posixpath.relpath(f"_images/{name}", posixpath.dirname(fromdocname) or ".")
    else:
        folder, uri = Path(app.outdir), name
    folder.mkdir(parents=True, exist_ok=True)
    return folder / name, uri


def figure(uri: str, caption: str, alt: str, width: str = "100%") -> nodes.figure:
    """A figure node around a generated image."""
    # an id of its own: numfig warns about a figure without one
    node = nodes.figure(align="center", ids=[uri.rsplit("/", 1)[-1].rsplit(".", 1)[0]])
    node += nodes.image(uri=uri, alt=alt, candidates={"*": uri}, width=width)
    node += nodes.caption(text=caption)
    return node


def resolve_summaries(app: Sphinx, doctree: nodes.document, fromdocname: str) -> None:
    """Draw each pending figure or table now that every assessment is known."""
    pending = list(doctree.findall(pending_summary))
    if not pending:
        return
    needs = SphinxNeedsData(app.env).get_needs_view()
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
        else:
            node.replace_self(track_record.build(app, needs, fromdocname))


def setup_register(app: Sphinx) -> None:
    """Register the report-level directives and roles."""
    app.add_directive("yardstick-table", YardstickTable)
    app.add_directive("hedge-table", HedgeTable)
    app.add_directive("assessment-graph", AssessmentGraph)
    app.add_directive("track-record", track_record.TrackRecord)
    app.add_role("as-of", AsOfRole())
    app.add_node(pending_summary)
    app.connect("doctree-resolved", resolve_summaries, priority=450)
