"""Nodes that stand in for content computed once every page is read."""

from __future__ import annotations

from docutils import nodes


class pending_summary(nodes.General, nodes.Element):  # noqa: N801 (docutils naming)
    """A graph, score table or calibration diagram, drawn at ``doctree-resolved``."""
