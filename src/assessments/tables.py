"""Plain docutils tables that every builder renders (LaTeX makes a long one a longtable)."""

from __future__ import annotations

from collections.abc import Sequence

from docutils import nodes


def simple_table(
    headers: list[str],
    rows: Sequence[Sequence[str | nodes.Element]],
    widths: list[int] | None = None,
    classes: list[str] | None = None,
) -> nodes.table:
    """A docutils table every builder renders (LaTeX makes it a longtable when long).

    A cell is text, or a node (a paragraph with markup) put in as it is.
    """
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
        for cell in values:
            row += nodes.entry("", nodes.paragraph(text=cell) if isinstance(cell, str) else cell)
        body += row
    return table
