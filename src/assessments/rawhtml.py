"""No raw HTML on a published page, unless the page is named as an exception.

MyST passes HTML written in Markdown (``<script>``, ``<img onerror=…>``, an ``{raw} html``
block) to the page unchanged, and MyST has no setting against it. Reviewers read Markdown
diffs, not rendered pages, so a report must not be able to carry script or markup nobody saw.
Right after a page is read, every ``raw`` node whose format includes HTML is reported at its
file and line (a ``-W`` build fails on it) and replaced by its text, shown as code: without
``-W`` the page shows the markup escaped, never runs it. A page that needs raw HTML is named in
``assessments_raw_html_allowed`` (a list of docnames), so the exception is itself reviewed.
What authors type in titles and options is text, escaped by docutils, and needs nothing here.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from assessments.errors import TYPE as WARNING_TYPE

logger = logging.getLogger(__name__)
SETTING = "assessments_raw_html_allowed"


class RawHtmlGuard(SphinxTransform):
    """Report every raw HTML node of a page not allowed to carry one, and escape it."""

    # after MyST and docutils have made the raw nodes, before Sphinx collects the page
    default_priority = 400

    def apply(self) -> None:
        """Warn at each raw HTML node's file and line and put its markup in as text."""
        if self.env.docname in getattr(self.config, SETTING):
            return
        for node in list(self.document.findall(nodes.raw)):
            if "html" not in node.get("format", "").split():
                continue
            markup = node.astext()
            shown = " ".join(markup.split())
            logger.warning(
                "raw HTML is not published (%r): a report carries no markup its reviewers did "
                "not see rendered; write it in Markdown, or name the page in %s",
                shown if len(shown) <= 60 else shown[:57] + "...",
                SETTING,
                location=node,
                type=WARNING_TYPE,
                subtype="raw_html",
            )
            block = not isinstance(node.parent, nodes.TextElement)
            escaped = (
                nodes.literal_block(markup, markup) if block else nodes.literal(markup, markup)
            )
            node.replace_self(escaped)
