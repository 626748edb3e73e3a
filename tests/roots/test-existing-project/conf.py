# An existing Sphinx project in reStructuredText, with its own extensions and settings.
project = "An existing project"
extensions = ["sphinx.ext.todo", "sphinx.ext.intersphinx"]
todo_include_todos = True
html_theme = "alabaster"

# --- the change that adds the toolkit (docs: "Add the toolkit to an existing Sphinx project") ---
extensions += ["assessments"]
bibtex_bibfiles = ["refs.bib"]
