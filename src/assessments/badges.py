"""Status, verdict and likelihood as labelled badges, on the cards and in the register.

A badge is the word itself (never colour alone), in an ``inline`` with classes every builder
renders: the HTML colours it (``assessments.css``, with accessible contrast in light and dark
mode), the PDF prints the word. The register's needtable cells of these columns get the same
badges once sphinx-needs has laid the table out, and ``assessments-filters.js`` adds filters by
status, verdict and kind to every needtable that shows one of them.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

#: The columns (fields) whose values become badges.
BADGED: tuple[str, ...] = ("status", "verdict", "alternative", "second_verdict", "readings", "type")


def badge(field: str, value: str, text: str | None = None) -> nodes.inline:
    """A badge for one value of a field: ``badge badge-verdict badge-verdict-yes``."""
    token = "-".join(value.lower().split())
    classes = ["badge", f"badge-{field}", f"badge-{field}-{token}"]
    return nodes.inline("", text if text is not None else value, classes=classes)


def badge_table_cells(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``, after sphinx-needs' tables: badges in their status and verdict
    cells, and, in HTML, ids that break after an underscore rather than mid-word."""
    html = app.builder.format == "html"
    for entry in doctree.findall(nodes.entry):
        field = next((c[6:] for c in entry["classes"] if c.startswith("needs_")), None)
        if field == "id" and html:
            for text in list(entry.findall(nodes.Text)):
                breakable(text)
        if field not in BADGED:
            continue
        for para in entry.findall(nodes.paragraph):
            value = para.astext().strip()
            if value and len(para.children) == 1 and isinstance(para[0], nodes.Text):
                para.replace(para[0], badge(field, value))


def breakable(text: nodes.Text) -> None:
    """Let a long id (``F_ZAPAD_OPERATIONAL_INTEGRATION``) break after its underscores (HTML)."""
    parts = str(text).split("_")
    if len(parts) < 3 or text.parent is None:
        return
    pieces: list[nodes.Node] = []
    for number, part in enumerate(parts):
        last = number == len(parts) - 1
        pieces.append(nodes.Text(part if last else part + "_"))
        if not last:
            pieces.append(nodes.raw("", "<wbr>", format="html"))
    parent = text.parent
    at = parent.index(text)
    parent.remove(text)
    for offset, piece in enumerate(pieces):
        parent.insert(at + offset, piece)
