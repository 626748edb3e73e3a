"""A paragraph line that opens a directive with two colons (``::{forecast}``) is a warning.

MyST reads ``::{forecast}`` and everything up to the next blank line as one plain paragraph:
without this check the forecast silently vanishes from the report. Code blocks are literal
blocks, never paragraphs, so an example in a fenced code block is left alone. The wording is
:func:`tradecraft.fences.two_colons`, which ``report-checks lint`` also uses.
"""

from __future__ import annotations

from typing import Any, cast

from docutils import nodes
from docutils.parsers.rst import directives, languages
from sphinx.errors import ExtensionError
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from assessments.errors import TYPE as WARNING_TYPE
from tradecraft.fences import two_colons
from tradecraft.vocabulary import KINDS

logger = logging.getLogger(__name__)


class TwoColonFences(SphinxTransform):
    """Warn, at its file and line, of each paragraph line ``::{name}`` naming a directive."""

    # early: before anything rewrites or moves paragraphs
    default_priority = 200

    def apply(self, **kwargs: Any) -> None:
        """Look at the first line of every paragraph and at each line after a line break."""
        for paragraph in self.document.findall(nodes.paragraph):
            source = paragraph.rawsource or paragraph.astext()
            if "::{" not in source:
                continue
            for offset, line in enumerate(source.splitlines()):
                message = two_colons(line, self._known)
                if message is None:
                    continue
                where = paragraph.source or self.env.doc2path(self.env.docname)
                lineno = (paragraph.line or 1) + offset
                logger.warning(
                    message,
                    location=f"{where}:{lineno}",
                    type=WARNING_TYPE,
                    subtype="fence",
                )

    def _known(self, name: str) -> bool:
        """Whether ``name`` is a directive here: one of our kinds, docutils' or Sphinx's own, an
        extension's, or a domain's (``py:function``)."""
        if name in KINDS:
            return True
        domain, _, short = name.rpartition(":")
        if domain:
            try:
                return self.env.get_domain(domain).directive(short) is not None
            except ExtensionError:
                return False
        language = languages.get_language(self.config.language or "en", self.document.reporter)
        # the stubs type the rst language module apart from the one directive() takes
        found, _ = directives.directive(name, cast("Any", language), self.document)
        return found is not None
