"""A forecast registry: an institute's reports read as one record (``tox -e registry``).

The reports are listed in ``registry.toml``; the ``assessments`` extension imports each one's
``needs.json`` through sphinx-needs' ``needs_external_needs``, with the report's namespace as
``id_prefix`` (the ids ``report-checks --registry`` prints), and links every forecast back to
its card in its own report. The pages do not notice a changed ``needs.json`` on an incremental
build, so ``tox -e registry`` builds from clean.
"""

project = "Forecast registry"
author = "The editors"
copyright = "2026, the editors"

extensions = ["myst_parser", "sphinxcontrib.bibtex", "sphinx_needs", "assessments"]
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build"]
nitpicky = True

# the registry cites nothing itself: each report keeps its own bibliography
bibtex_bibfiles = ["refs.bib"]

assessments_registry = "registry.toml"

html_theme = "sphinx_book_theme"
html_title = "Forecast registry"
html_context = {"default_mode": "auto"}
