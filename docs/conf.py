"""Sphinx configuration for the report."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version as _version
from pathlib import Path

project = "An Ever Closer Union? Security and Defence — a report-as-code edition"
author = "The report-as-code editors, after Deen, Roggeveen and Zweers (Clingendael, 2021)"
copyright = "2026, the editors (this edition); the original report: Clingendael"
try:
    release = _version("report-as-code")
except PackageNotFoundError:  # building from a checkout that was never installed
    release = "0.0.0+unknown"
version = release

extensions = [
    "myst_parser",
    "sphinxcontrib.bibtex",
    "sphinx_needs",
    "assessments",
]

# --- sources -------------------------------------------------------------------------------------
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store"]
myst_enable_extensions = ["colon_fence", "deflist", "substitution", "dollarmath"]
myst_substitutions = {"release": release}
myst_heading_anchors = 3
nitpicky = True
numfig = True

# --- citations -----------------------------------------------------------------------------------
bibtex_bibfiles = ["../refs.bib"]
bibtex_default_style = "report"
bibtex_reference_style = "author_year"
bibtex_foot_reference_style = "foot"

# --- assessments ---------------------------------------------------------------------------------
assessments_yardstick = "phia"
# the record of published forecasts: each card shows its forecast's history from it
assessments_ledger = "../forecast-ledger"
# the chapter's forecasts are its authors' claims (coded by the editors: see the method page)
assessments_authors = ["Bob Deen", "Barbara Roggeveen", "Wouter Zweers"]
# every outcome is read a second time, by someone who is not an author of its forecast
assessments_second_reading = "required"
# as of: SOURCE_DATE_EPOCH if set, else today (see the method page)

# --- HTML ----------------------------------------------------------------------------------------
html_theme = "sphinx_book_theme"
html_title = "An Ever Closer Union? Security and defence"
html_theme_options = {
    "show_toc_level": 2,
    "use_download_button": False,
    "show_navbar_depth": 1,
}
html_last_updated_fmt = None
# pydata-sphinx-theme reads the colour mode from localStorage, else from this; left empty, every
# page logs "Got invalid theme mode" to the console on a reader's first visit.
html_context = {"default_mode": "auto"}
# Browsers ask for /favicon.ico by themselves: serve it at the root as well as in the <link>.
html_favicon = "_static/favicon.ico"
html_extra_path = ["_static/favicon.ico"]

# --- LaTeX / PDF ---------------------------------------------------------------------------------
latex_engine = "pdflatex"
latex_documents = [
    ("index", "report.tex", "An Ever Closer Union? Security and Defence",
     r"Report-as-code edition \and after Deen, Roggeveen and Zweers (Clingendael, 2021)",
     "manual", False),
]
latex_toplevel_sectioning = "chapter"
latex_show_urls = "no"
latex_elements = {
    "papersize": "a4paper",
    "pointsize": "11pt",
    "fontpkg": r"\usepackage{tgtermes}\usepackage{tgheros}\usepackage{tgcursor}",
    "preamble": r"""
\setlength{\headheight}{14pt}
\setcounter{tocdepth}{1}
""",
    "releasename": "Version",
}


# --- HTML fixes that belong to no extension of ours -----------------------------------------------
def _citation_as_listitem(self, node) -> None:
    """docutils puts each bibliography entry, a ``role="list"`` child, in the deprecated role
    ``doc-biblioentry``; assistive technology then finds no list items in the list (axe:
    aria-required-children, critical). DPUB-ARIA 1.1 says to use ``listitem`` instead."""
    type(self).visit_citation(self, node)
    self.body[-1] = self.body[-1].replace('role="doc-biblioentry"', 'role="listitem"', 1)


def _depart_citation(self, node) -> None:
    type(self).depart_citation(self, node)


def _inline_theme_css(app, exception) -> None:
    """Write Sphinx's basic.css into the theme's ``styles/theme.css`` in place of its one line,
    ``@import "../basic.css"``: one request fewer before the page can render, and no relative
    @import for axe-core to resolve against the page instead of the sheet (axe-core issue 5268),
    which asks for /basic.css and gets a 404."""
    if exception is not None or app.builder.format != "html":
        return
    static = Path(app.outdir, "_static")
    theme_css, basic_css = static / "styles" / "theme.css", static / "basic.css"
    if not (theme_css.is_file() and basic_css.is_file()):
        return
    text = theme_css.read_text(encoding="utf-8")
    if '@import "../basic.css";' in text:
        basic = basic_css.read_text(encoding="utf-8")
        theme_css.write_text(text.replace('@import "../basic.css";', basic, 1), encoding="utf-8")


def setup(app):
    from docutils import nodes

    app.add_node(nodes.citation, override=True, html=(_citation_as_listitem, _depart_citation))
    app.connect("build-finished", _inline_theme_css)
