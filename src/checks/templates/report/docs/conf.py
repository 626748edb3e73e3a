"""Sphinx configuration of @@title_py@@ (written by report-checks new)."""

project = "@@title_py@@"
author = "@@authors_joined_py@@"
copyright = "@@year@@, @@authors_joined_py@@"

# assessments brings sphinx-needs and sphinxcontrib-bibtex with it
extensions = ["myst_parser", "assessments"]
myst_enable_extensions = ["colon_fence", "dollarmath"]
exclude_patterns = ["_build"]
nitpicky = True

# the probability yardstick every likelihood is a term of: phia, icd203 or ipcc
assessments_yardstick = "@@yardstick@@"
# who made the report's forecasts (a forecast's own :authors: overrides this)
assessments_authors = @@authors_list_py@@
# the record of published forecasts (report-checks ledger freeze, revise)
assessments_ledger = "../@@ledger@@"

# sources, cited as footnotes
bibtex_bibfiles = ["../refs.bib"]
bibtex_default_style = "report"
bibtex_reference_style = "author_year"

html_theme = "sphinx_book_theme"
html_title = project
latex_documents = [("index", "report.tex", project, author, "manual")]
