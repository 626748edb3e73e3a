"""Roles for prose: a quantified hedge and a visible mark for an unsourced claim."""

from __future__ import annotations

from docutils import nodes
from sphinx.util.docutils import SphinxRole

from assessments.config import yardstick


class LikelihoodRole(SphinxRole):
    """``{likelihood}`likely``` renders the term with its range: "likely (55–75%)"."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        active = yardstick(self.config)
        term = active.lookup(self.text)
        if term is None:
            msg = self.inliner.reporter.error(
                f"unknown likelihood {self.text!r} for the {active.key} yardstick; "
                f"accepted: {', '.join(active.names())}",
                line=self.lineno,
            )
            return [nodes.problematic(self.rawtext, self.rawtext)], [msg]
        node = nodes.inline(self.rawtext, term.label, classes=["likelihood"])
        return [node], []


class UnsourcedRole(SphinxRole):
    """``{unsourced}`why``` marks a claim without a source, visibly, in every output format."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        reason = self.text.strip()
        mark = nodes.inline(self.rawtext, "", classes=["unsourced"])
        mark += nodes.strong("", "[unsourced]")
        if reason:
            mark += nodes.Text(f" ({reason})")
        return [mark], []
