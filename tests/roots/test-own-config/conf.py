extensions = ["myst_parser", "assessments"]
myst_enable_extensions = ["colon_fence"]
bibtex_bibfiles = ["refs.bib"]
# the author's own sphinx-needs configuration, beside the extension's
needs_types = [{"directive": "risk", "title": "Risk", "prefix": "R_", "color": "#f4cccc"}]
needs_fields = {"owner": {"schema": {"type": "string"}, "nullable": True}}
needs_links = {"mitigates": {"incoming": "mitigated by", "outgoing": "mitigates"}}
