"""Check the bibliography files before sphinxcontrib-bibtex reads them.

sphinxcontrib-bibtex turns a BibTeX syntax error into an extension crash report. This reads
each file first, with the parser and message of ``report-checks``: a file it cannot read is one
warning at its file and line (``-W`` fails the build), and the build goes on without a
bibliography rather than crashing. Citations are then not checked against it, so the one
warning is not followed by one for every citation.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

from assessments.errors import warn_unusable
from tradecraft.errors import InputError

#: sphinxcontrib-bibtex's warning for a cited key it cannot find (``type.subtype``).
_KEY_NOT_FOUND = "bibtex.key_not_found"


def check_bibfiles(app: Sphinx) -> None:
    """``builder-inited``: parse each ``bibtex_bibfiles`` entry; a syntax error is one warning."""
    from tradecraft.bibliography import load_bibliography

    unreadable = False
    for name in app.config.bibtex_bibfiles:
        try:
            load_bibliography(Path(app.confdir, name))  # where sphinxcontrib-bibtex looks
        except InputError as problem:
            warn_unusable(problem, "bibtex")
            unreadable = True
    if unreadable:
        # no bibliography at all (assessments.directives.citation_keys then checks no key);
        # the changed setting also makes the next build, with the file fixed, read every page
        app.config.bibtex_bibfiles = []
        app.config.suppress_warnings = [*app.config.suppress_warnings, _KEY_NOT_FOUND]
