"""The Sphinx extension: setup() reads as a table of contents."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata

from assessments import (
    __version__,
    bibliography,
    cards,
    config,
    consistency,
    directives,
    register,
    roles,
    speedups,
)

STATIC = Path(__file__).parent / "static"


def _add_static(app: Sphinx) -> None:
    app.config.html_static_path.append(str(STATIC))
    app.add_css_file("assessments.css")


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register config values, directives, roles and event handlers, in that order."""
    app.setup_extension("sphinx_needs")
    app.setup_extension("sphinxcontrib.bibtex")
    # pybtex scans every installed distribution for each {footcite}; cache it (see speedups)
    speedups.cache_pybtex_plugins()
    speedups.fast_needs_json()

    config.add_config_values(app)
    app.connect("config-inited", config.check_config, priority=1)
    app.connect("config-inited", config.configure_needs, priority=2)
    # after sphinx-needs registered its plain need directives (config-inited, priority 500)
    app.connect("config-inited", lambda app, _: directives.add_directives(app), priority=800)

    register.setup_register(app)

    app.add_role("likelihood", roles.LikelihoodRole())
    app.add_role("unsourced", roles.UnsourcedRole())

    app.connect("needs-before-sealing", consistency.on_needs_sealing)
    # before sphinx-needs lays out its need nodes (doctree-resolved, priority 500)
    app.connect("doctree-resolved", cards.replace_need_nodes, priority=400)
    app.connect("builder-inited", _add_static)
    # the garbage collector walks every need again and again: fit it to a build (see speedups)
    app.connect("builder-inited", speedups.tune_gc)
    app.connect("build-finished", speedups.restore_gc, priority=900)
    # before sphinxcontrib-bibtex parses the same files (builder-inited, priority 500)
    app.connect("builder-inited", bibliography.check_bibfiles, priority=400)

    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
