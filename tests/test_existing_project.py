"""The toolkit added to an existing Sphinx project with the documented two-line conf.py change."""

from __future__ import annotations

import json

import pytest


@pytest.mark.sphinx(
    "html", testroot="existing-project", confoverrides={"assessments_as_of": "2024-06-01"}
)
def test_two_lines_of_conf_py_add_the_toolkit(app, warning) -> None:
    app.build()
    assert not warning.getvalue(), warning.getvalue()
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert "likely (55–75%)" in html  # the card, from reStructuredText
    assert "Its own extensions keep working." in html  # sphinx.ext.todo, the project's own
    assert "City Works Department" in html  # the card and the bibliography cite through bibtex
    needs = json.loads((app.outdir / "needs.json").read_text(encoding="utf-8"))
    forecast = needs["versions"][""]["needs"]["F_BRIDGE_REOPENS"]
    assert forecast["status"] == "open" and forecast["probability"] == pytest.approx(0.65)
