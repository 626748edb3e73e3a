"""Figures drawn with matplotlib (the assessment graph, the calibration diagram) and their nodes.

Drawn as PNG so that HTML and PDF show the same picture with nothing but Python installed (a
graphviz needflow would need ``dot`` and is HTML-only). matplotlib is imported only when a figure
is drawn.
"""

from __future__ import annotations

import posixpath
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from tradecraft.vocabulary import KINDS

#: Left to right: what rests on what.
COLUMNS: dict[str, int] = {
    "assumption": 0,
    "indicator": 0,
    "judgement": 1,
    "forecast": 2,
    "scenario": 2,
    "outcome": 3,
}


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


#: Beyond this many assessments the graph shows kinds and counts instead of every node.
MAX_NODES = 120


def graph_edges(needs: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Edges pointing the way the argument flows: assumption → judgement → forecast → outcome."""
    edges = []
    for need in needs.values():
        for target in need.get("assumes") or []:
            edges.append((target, need["id"]))
        for name in ("supports", "signals"):
            for target in need.get(name) or []:
                edges.append((need["id"], target))
        for target in need.get("resolves") or []:
            edges.append((target, need["id"]))
    return [(a, b) for a, b in edges if a in needs and b in needs]


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def draw_graph(needs: Mapping[str, Any], path: Path) -> None:
    """Draw every assessment and its links in four columns, or a summary for large reports."""
    ours = {i: n for i, n in needs.items() if n["type"] in COLUMNS}
    if len(ours) > MAX_NODES:
        _draw_summary(ours, path)
        return
    plt = _pyplot()
    edges = graph_edges(ours)
    columns: dict[int, list[str]] = defaultdict(list)
    for need_id in sorted(ours):
        columns[COLUMNS[ours[need_id]["type"]]].append(need_id)
    position: dict[str, tuple[float, float]] = {}
    neighbours: dict[str, list[str]] = defaultdict(list)
    for a, b in edges:
        neighbours[a].append(b)
        neighbours[b].append(a)
    tallest = max(len(c) for c in columns.values()) if columns else 1
    for col in sorted(columns):
        # order each column by its neighbours' rows in the columns already placed (fewer crossings)
        def rank(need_id: str) -> float:
            placed = [position[n][1] for n in neighbours[need_id] if n in position]
            return sum(placed) / len(placed) if placed else 0.0

        ids = sorted(columns[col], key=rank, reverse=True) if col else columns[col]
        step = tallest / max(len(ids), 1)
        for row, need_id in enumerate(ids):
            position[need_id] = (col * 3.2, tallest - (row + 0.5) * step)
    fig, ax = plt.subplots(figsize=(10, max(3.0, tallest * 0.42)))
    for a, b in edges:
        (x1, y1), (x2, y2) = position[a], position[b]
        style = "arc3,rad=0.3" if x1 == x2 else "arc3,rad=0.0"
        ax.annotate(
            "",
            xy=(x2 - 1.25, y2),
            xytext=(x1 + 1.25, y1) if x1 != x2 else (x1 + 1.25, y1),
            arrowprops={
                "arrowstyle": "->",
                "color": "#9a9a9a",
                "lw": 0.6,
                "connectionstyle": style,
            },
            zorder=1,
        )
    for need_id, (x, y) in position.items():
        kind = KINDS[ours[need_id]["type"]]
        ax.text(
            x,
            y,
            need_id,
            ha="center",
            va="center",
            fontsize=6.5,
            zorder=3,
            bbox={"boxstyle": "round,pad=0.3", "fc": kind.color, "ec": "#555555", "lw": 0.5},
        )
    for col, title in enumerate(
        ("Assumptions, indicators", "Judgements", "Forecasts, scenarios", "Outcomes")
    ):
        ax.text(col * 3.2, tallest + 0.4, title, ha="center", fontsize=8, weight="bold")
    ax.set_xlim(-1.7, 3 * 3.2 + 1.7)
    ax.set_ylim(-0.3, tallest + 0.8)
    ax.axis("off")
    fig.tight_layout()
    fig.savefig(path, dpi=160)
    plt.close(fig)


def _draw_summary(needs: Mapping[str, Any], path: Path) -> None:
    plt = _pyplot()
    counts = Counter(n["type"] for n in needs.values())
    links = Counter((needs[a]["type"], needs[b]["type"]) for a, b in graph_edges(needs))
    kinds = [k for k in COLUMNS if counts[k]]
    place = {
        k: (
            COLUMNS[k] * 3.2,
            1.0 if k in ("assumption", "judgement", "forecast", "outcome") else 0.0,
        )
        for k in kinds
    }
    fig, ax = plt.subplots(figsize=(10, 3))
    for (a, b), n in links.items():
        (x1, y1), (x2, y2) = place[a], place[b]
        ax.annotate(
            "",
            xy=(x2 - 0.9, y2),
            xytext=(x1 + 0.9, y1),
            arrowprops={"arrowstyle": "->", "color": "#888888"},
        )
        ax.text((x1 + x2) / 2, (y1 + y2) / 2 + 0.12, f"{n:,} links", ha="center", fontsize=7)
    for kind, (x, y) in place.items():
        ax.text(
            x,
            y,
            f"{KINDS[kind].title}s\n{counts[kind]:,}",
            ha="center",
            va="center",
            fontsize=8,
            bbox={"boxstyle": "round,pad=0.4", "fc": KINDS[kind].color},
        )
    ax.set_xlim(-1.5, 11.1)
    ax.set_ylim(-0.6, 1.6)
    ax.axis("off")
    fig.tight_layout()
    fig.savefig(path, dpi=160)
    plt.close(fig)


def draw_calibration(bins: Iterable[tuple[float, float, int]], path: Path) -> None:
    """A reliability diagram: forecast probability against observed frequency, with counts."""
    plt = _pyplot()
    points: Sequence[tuple[float, float, int]] = list(bins)
    fig, ax = plt.subplots(figsize=(4.6, 4.2))
    ax.plot([0, 1], [0, 1], ls="--", color="#999999", lw=0.8, label="perfect calibration")
    if points:
        xs, ys, ns = zip(*points, strict=True)
        ax.scatter(
            xs,
            ys,
            s=[30 + 25 * n for n in ns],
            color="#d98c00",
            edgecolor="#6b4400",
            zorder=3,
            label="forecasts (area ~ count)",
        )
        for x, y, n in points:
            ax.annotate(f"n={n}", (x, y), textcoords="offset points", xytext=(7, -11), fontsize=7)
    ax.set_xlim(0, 1)
    ax.set_ylim(-0.05, 1.05)
    ax.set_xlabel("probability given")
    ax.set_ylabel("share that resolved yes")
    ax.legend(loc="lower right", fontsize=7, frameon=False)
    fig.tight_layout()
    fig.savefig(path, dpi=160)
    plt.close(fig)
