"""The Sphinx extension: setup() reads as a table of contents."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata

from assessments import (
    __version__,
    badges,
    bibliography,
    build_status,
    cards,
    config,
    consistency,
    directives,
    domain,
    fences,
    footnotes,
    histories,
    incremental,
    latex_support,
    mathml,
    method_tables,
    needs_internals,
    rawhtml,
    registry_site,
    roles,
    speedups,
    summaries,
)

STATIC = Path(__file__).parent / "static"


def _add_static(app: Sphinx) -> None:
    app.config.html_static_path.append(str(STATIC))
    app.add_css_file("assessments.css")
    app.add_js_file("assessments-filters.js", loading_method="defer")


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register config values, our part of sphinx-needs, the state's domain, directives, roles
    and events."""
    app.setup_extension("sphinx_needs")
    app.setup_extension("sphinxcontrib.bibtex")
    speedups.install(app)
    needs_internals.fast_needs_json()

    config.add_config_values(app)
    app.connect("config-inited", config.check_config, priority=1)
    # fields: right after sphinx-needs is set up (its setup() empties its registry)
    config.add_fields()
    # types and links: after sphinx-needs normalises needs_types (12), before it reads them (500)
    app.connect("config-inited", config.add_to_needs, priority=100)
    app.connect("config-inited", registry_site.add_external_needs, priority=110)
    # after sphinx-needs registered its plain need directive for each type (priority 500)
    app.connect("config-inited", lambda app, _: directives.add_directives(app), priority=800)

    # every page's record, purged with the page and merged after a parallel read
    app.add_domain(domain.AssessmentsDomain)
    app.add_transform(rawhtml.RawHtmlGuard)
    app.add_transform(fences.TwoColonFences)
    app.add_post_transform(footnotes.FootnoteSeparator)
    mathml.setup_mathml(app)
    latex_support.setup_latex(app)
    summaries.setup_summaries(app)
    method_tables.setup_method_tables(app)
    app.add_role("likelihood", roles.LikelihoodRole())
    app.add_role("unsourced", roles.UnsourcedRole())

    # before sphinxcontrib-bibtex parses the same files (builder-inited, priority 500)
    app.connect("builder-inited", bibliography.check_bibfiles, priority=400)
    app.connect("builder-inited", _add_static)
    # beside needs.json: whether this build failed, for report-checks lint
    app.connect("builder-inited", build_status.watch)
    app.connect("builder-inited", histories.load)
    app.connect("doctree-read", incremental.record_page)
    # before sphinx-needs forgets the page's needs (priority 500) and the domain its record
    app.connect("env-purge-doc", consistency.keep_fields, priority=400)
    app.connect("env-before-read-docs", consistency.start_reading)
    # derive before the pages to rewrite are worked out (that forgets which pages were read)
    app.connect("env-get-updated", consistency.on_env_updated, priority=400)
    app.connect("env-get-updated", incremental.pages_to_rewrite)
    app.connect(needs_internals.BEFORE_SEALING, consistency.on_needs_sealing)
    # before sphinx-needs lays out its need nodes (doctree-resolved, priority 500)
    app.connect("doctree-resolved", cards.replace_need_nodes, priority=400)
    # after sphinx-needs lays out its tables (doctree-resolved, priority 500)
    app.connect("doctree-resolved", badges.badge_table_cells, priority=600)

    return {
        "version": __version__,
        "env_version": incremental.ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
