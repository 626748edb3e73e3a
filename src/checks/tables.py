"""Markdown tables, as GitHub renders them in issues and pull requests."""

from __future__ import annotations

from collections.abc import Sequence

#: Longest text shown in a table cell before it is shortened with an ellipsis.
CELL = 120


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A Markdown table; cells are one line, escaped and shortened."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell(value) for value in row) + " |" for row in rows]
    return "\n".join(lines)


def cell(value: object) -> str:
    """One cell's text: whitespace folded, pipes and backslashes escaped, long text shortened."""
    text = " ".join(str(value).split())
    if len(text) > CELL:
        text = text[: CELL - 1].rstrip() + "…"
    return text.replace("\\", "\\\\").replace("|", "\\|") or " "
