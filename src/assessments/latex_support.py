"""What the LaTeX builder needs for the extension's pages: ``assessments.sty``, loaded in every
report built with the toolkit (the cards' margin bar, ids that break after an underscore, the
characters the toolkit prints), so that no report copies it into its own preamble."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config

STYLE = Path(__file__).parent / "latex" / "assessments.sty"


def _ship_style(app: Sphinx, config: Config) -> None:
    """``config-inited``: copy the style beside the .tex (``latex_additional_files`` takes a
    path; an absolute one is kept as it is)."""
    config.latex_additional_files = [*config.latex_additional_files, str(STYLE)]


def setup_latex(app: Sphinx) -> None:
    """Load ``assessments.sty`` in the LaTeX output."""
    app.add_latex_package("assessments")
    app.connect("config-inited", _ship_style)
