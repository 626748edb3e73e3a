extensions = ["myst_parser", "assessments"]
myst_enable_extensions = ["colon_fence"]
bibtex_bibfiles = ["refs.bib"]
assessments_as_of = "2026-01-01"
assessments_authors = ["Ann Author"]
assessments_second_reading = "required"
