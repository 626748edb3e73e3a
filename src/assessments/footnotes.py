"""Adjacent footnote marks kept apart in the PDF: notes 10 and 11 print as "10,11", not "1011".

A citation of two sources in one note role (``{footcite}`a,b```), or two note references side
by side, gives LaTeX two superscript marks with nothing between them, and a reader cannot tell
notes 10 and 11 from note 1011. HTML sets each mark in its own brackets and needs nothing. After
Sphinx has placed the LaTeX footnotes (:class:`~sphinx.builders.latex.transforms.
LaTeXFootnoteTransform`), a superscript comma goes between two marks that touch.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.builders.latex.nodes import footnotemark, footnotetext
from sphinx.transforms.post_transforms import SphinxPostTransform

#: What LaTeX sets between two adjacent footnote marks.
SEPARATOR = r"\textsuperscript{,}"


class FootnoteSeparator(SphinxPostTransform):
    """Put :data:`SEPARATOR` between footnote marks that follow each other directly."""

    # after LaTeXFootnoteTransform (600) has turned references into footnotes and marks
    default_priority = 610
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        """Insert the separator after every mark whose next mark follows without text."""
        for mark in list(self.document.findall(_is_mark)):
            following = _next_printed(mark)
            if following is not None and _is_mark(following):
                parent = mark.parent
                parent.insert(parent.index(mark) + 1, nodes.raw("", SEPARATOR, format="latex"))


def _is_mark(node: nodes.Node) -> bool:
    """A node LaTeX prints as a superscript footnote number."""
    return isinstance(node, (nodes.footnote, footnotemark))


def _next_printed(node: nodes.Node) -> nodes.Node | None:
    """The next sibling that prints inline: footnote texts print at the foot of the page."""
    parent = node.parent
    if parent is None:
        return None
    for sibling in parent.children[parent.index(node) + 1 :]:
        if not isinstance(sibling, footnotetext):
            return sibling
    return None
