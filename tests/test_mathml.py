"""Formulas are MathML written at build time: a page with mathematics loads no script, the PDF
typesets the same TeX, and an author who chose a renderer of their own keeps it."""

from __future__ import annotations

import re

import pytest

from assessments.mathml import to_mathml

BUILDS = pytest.mark.sphinx("html", testroot="math", freshenv=True)


def _run(app):
    app.build()
    warnings = re.sub(r"\x1b\[[0-9;]*m", "", app._warning.getvalue()).splitlines()
    return app, [w for w in warnings if w.strip()]


@BUILDS
def test_formulas_are_mathml_and_the_page_loads_no_mathjax(app) -> None:
    app, warnings = _run(app)
    assert warnings == []
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    scripts = re.findall(r'<script[^>]* src="([^"]+)"', html)
    assert scripts and not [src for src in scripts if "mathjax" in src.lower()], scripts
    # inline in the prose and in a card, displayed with its number and permalink
    assert html.count('<math xmlns="http://www.w3.org/1998/Math/MathML" display="inline">') == 2
    assert '<span class="eqno">(1)<a class="headerlink" href="#equation-brier"' in html
    block = html.split('display="block">', 1)[1].split("</math>", 1)[0]
    assert "<mfrac>" in block and "<munderover><mo>&#x02211;</mo>" in block
    assert r"\frac" not in html, "no TeX is left for a script to typeset"


@BUILDS
@pytest.mark.sphinx("latex")
def test_the_pdf_typesets_the_same_tex(app) -> None:
    app, warnings = _run(app)
    assert warnings == []
    tex = next(app.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert r"\((p - o)^2\)" in tex
    assert r"\frac{1}{N} \sum_{i=1}^{N} (p_i - o_i)^2" in tex
    assert "<math" not in tex


@pytest.mark.parametrize(
    ("overrides", "script"),
    [
        ({"html_math_renderer": "mathjax"}, "https://cdn.jsdelivr.net/npm/mathjax@"),
        ({"mathjax_path": "mathjax/tex-chtml.js"}, "_static/mathjax/tex-chtml.js"),
    ],
    ids=["html_math_renderer", "mathjax_path"],
)
@BUILDS
def test_an_author_who_chose_mathjax_keeps_it(
    make_app, app_params, overrides: dict[str, str], script: str
) -> None:
    app, warnings = _run(make_app(*app_params.args, **app_params.kwargs, confoverrides=overrides))
    assert warnings == []
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert f'src="{script}' in html
    assert r"\((p - o)^2\)" in html and "<math" not in html


@BUILDS
def test_a_formula_it_cannot_write_is_reported_at_file_and_line(
    own_copy, make_app, app_params
) -> None:
    page = own_copy / "index.md"
    lines = page.read_text(encoding="utf-8").splitlines()
    lines[2] = r"The Brier score is $\brier{p}$, and $\frac{1}{$ is unfinished."
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    app, warnings = _run(make_app(*app_params.args, **app_params.kwargs))
    fix = (
        "use the commands of LaTeX's math mode that latex2mathml knows, or set "
        "html_math_renderer in conf.py [assessments.math]"
    )
    assert warnings == [
        f"{page}:3: WARNING: formula `\\brier{{p}}` cannot be written as MathML (\\brier): {fix}",
        f"{page}:3: WARNING: formula `\\frac{{1}}{{` cannot be written as MathML "
        f"(it ends before a command has all its arguments): {fix}",
    ]
    # without -W the reader sees the TeX as code, not a half-made formula
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert r"<code>\brier{p}</code>" in html


@pytest.mark.parametrize(
    ("latex", "problem"),
    [
        (r"(p - o)^2", None),
        (r"\begin{split} a &= b \\ c &= d \end{split}", None),
        (r"a & b", "&"),
        (r"a}", "}"),
        (r"\left( x", "extra left or missing right"),
        (r"x^", "missing super script or subscript"),
    ],
)
def test_what_cannot_be_converted_is_named(latex: str, problem: str | None) -> None:
    assert to_mathml(latex, "inline")[1] == problem


# without this extension Sphinx would choose imgmath over its default, MathJax: so do we
@BUILDS
@pytest.mark.sphinx(
    confoverrides={"extensions": ["myst_parser", "assessments", "sphinx.ext.imgmath"]}
)
def test_an_author_who_loads_another_renderer_keeps_it(app) -> None:
    assert app.builder.math_renderer_name == "imgmath"
