"""Every report's LaTeX loads the toolkit's style, so its PDF has what the toolkit prints."""

from __future__ import annotations

import pytest


@pytest.mark.sphinx("latex", testroot="valid", freshenv=True)
def test_the_latex_loads_and_ships_assessments_sty(app) -> None:
    app.build()
    tex = next(app.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert r"\usepackage{assessments}" in tex.split(r"\begin{document}")[0]
    style = (app.outdir / "assessments.sty").read_text(encoding="utf-8")
    # the card's environment, and the characters the track record and the cards print
    assert r"\newenvironment{sphinxclassassessment}" in style
    for code in ("03BA", "2192", "2264", "2265"):
        assert rf"\DeclareUnicodeCharacter{{{code}}}" in style
