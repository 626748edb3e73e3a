extensions = ["myst_parser", "assessments"]
bibtex_bibfiles = ["refs.bib"]
