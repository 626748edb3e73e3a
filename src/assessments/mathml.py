"""Formulas as MathML, written at build time: a page with mathematics loads no script.

Sphinx's default HTML math renderer loads MathJax from a CDN, so an offline reader (or an
institute that publishes on an intranet) sees raw TeX and a console error, and every report
inherits it. Browsers render MathML Core natively, so the build converts each formula with
latex2mathml and the page needs nothing from another host. The LaTeX builder is untouched:
the PDF typesets the same TeX as before.

This is the default, not a rule: a report whose ``conf.py`` names ``html_math_renderer``, points
``mathjax_path`` at a copy of its own, or loads another renderer (``sphinx.ext.imgmath``) keeps it.
"""

from __future__ import annotations

import re

from docutils import nodes
from latex2mathml.converter import convert
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.ext.mathjax import MATHJAX_URL
from sphinx.locale import _
from sphinx.util import logging
from sphinx.util.math import get_node_equation_number
from sphinx.writers.html5 import HTML5Translator

from assessments.errors import TYPE as WARNING_TYPE

logger = logging.getLogger(__name__)

#: The renderer's name, as ``html_math_renderer`` would give it.
NAME = "mathml"

#: What latex2mathml leaves as text: a command it does not know (``<mi>\foo</mi>``), a column
#: separator ``&`` outside an environment with columns, a brace that closes nothing.
_UNCONVERTED = re.compile(r">(\\[A-Za-z]+|&|\{|\})<")


def setup_mathml(app: Sphinx) -> None:
    """Register the renderer and make it the default where the author chose none."""
    app.add_html_math_renderer(
        NAME,
        inline_renderers=(visit_math, None),
        block_renderers=(visit_displaymath, None),
    )
    app.connect("config-inited", choose_renderer)


def choose_renderer(app: Sphinx, config: Config) -> None:
    """Set ``html_math_renderer`` to MathML unless the author configured math of their own."""
    if config.html_math_renderer is not None:
        return
    others = [n for n in app.registry.html_inline_math_renderers if n not in (NAME, "mathjax")]
    if len(others) > 1:
        return  # Sphinx asks the author to choose, as it would without this extension
    if others:
        config.html_math_renderer = others[0]  # what Sphinx would choose without us
    elif config.mathjax_path != MATHJAX_URL:
        config.html_math_renderer = "mathjax"  # the author serves MathJax from a copy of theirs
    else:
        config.html_math_renderer = NAME


def to_mathml(latex: str, display: str) -> tuple[str, str | None]:
    """``latex`` as a MathML ``<math>`` element (``display`` "inline" or "block"), and what in it
    could not be converted (an unknown command, a stray ``&``, unbalanced braces), or None."""
    try:
        markup = convert(latex, display=display)
    except Exception as error:  # latex2mathml's errors are plain Exceptions, named for the fault
        return "", _fault(error)
    unconverted = sorted(set(_UNCONVERTED.findall(markup)))
    if unconverted:
        return markup, ", ".join(unconverted)
    return markup, None


def _fault(error: Exception) -> str:
    """latex2mathml's error in words: ``MissingEndError`` is "missing end"."""
    name = type(error).__name__.removesuffix("Error")
    if name == "NoAvailableTokens":
        return "it ends before a command has all its arguments"
    return re.sub(r"(?<!^)(?=[A-Z])", " ", name).lower()


def _render(self: HTML5Translator, node: nodes.Element, latex: str, display: str) -> str:
    markup, problem = to_mathml(latex, display)
    if problem is None:
        return markup
    logger.warning(
        "formula `%s` cannot be written as MathML (%s): use the commands of LaTeX's math mode "
        "that latex2mathml knows, or set html_math_renderer in conf.py",
        latex,
        problem,
        location=node,
        type=WARNING_TYPE,
        subtype="math",
    )
    return f"<code>{self.encode(latex)}</code>"


def visit_math(self: HTML5Translator, node: nodes.math) -> None:
    """An inline formula: ``<math>`` in a span, as Sphinx's MathJax renderer wraps it."""
    self.body.append(self.starttag(node, "span", "", CLASS="math notranslate nohighlight"))
    self.body.append(_render(self, node, node.astext(), "inline"))
    self.body.append("</span>")
    raise nodes.SkipNode


def visit_displaymath(self: HTML5Translator, node: nodes.math_block) -> None:
    """A displayed formula with its number and permalink; paragraphs of it (a blank line
    between) are one ``<math>`` each, as Sphinx's MathJax renderer aligns them."""
    self.body.append(self.starttag(node, "div", CLASS="math notranslate nohighlight"))
    if node["number"]:
        self.body.append(f'<span class="eqno">({get_node_equation_number(self, node)})')
        self.add_permalink_ref(node, _("Link to this equation"))
        self.body.append("</span>")
    text = node.astext()
    wrapped = node.get("no-wrap", node.get("nowrap", False))
    for part in [text] if wrapped else [p for p in text.split("\n\n") if p.strip()]:
        # several lines of one formula: align them, as Sphinx's MathJax renderer does
        lines = r"\\" in part and r"\begin" not in part and not wrapped
        latex = rf"\begin{{split}}{part}\end{{split}}" if lines else part
        self.body.append(_render(self, node, latex, "block"))
    self.body.append("</div>\n")
    raise nodes.SkipNode
