extensions = ["myst_parser", "assessments"]
myst_enable_extensions = ["colon_fence", "dollarmath"]
bibtex_bibfiles = ["refs.bib"]
