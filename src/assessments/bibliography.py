"""Check the bibliography files before sphinxcontrib-bibtex reads them.

sphinxcontrib-bibtex turns a BibTeX syntax error into an extension crash report; this stops
the build with one line naming the file, the line and the fix instead, using the same parser
and message as ``report-checks``.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

from assessments.errors import stop
from tradecraft.errors import InputError


def check_bibfiles(app: Sphinx) -> None:
    """Parse each ``bibtex_bibfiles`` entry; a syntax error ends the build with one line."""
    from tradecraft.bibliography import load_bibliography

    if not app.config.bibtex_bibfiles:
        stop(
            "bibtex_bibfiles is not set: assessments cite their basis and evidence through "
            'sphinxcontrib-bibtex; add bibtex_bibfiles = ["refs.bib"] to conf.py'
        )
    for name in app.config.bibtex_bibfiles:
        try:
            load_bibliography(Path(app.srcdir, name))
        except InputError as problem:
            stop(str(problem))
