"""Raw HTML in Markdown never reaches a published page unseen; titles and options stay text."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.sphinx("html", testroot="raw-html", freshenv=True)


def _build(app):
    app.build()
    warnings = re.sub(r"\x1b\[[0-9;]*m", "", app._warning.getvalue()).splitlines()
    return (app.outdir / "index.html").read_text(), [w for w in warnings if w.strip()]


def test_script_in_a_card_and_in_prose_is_reported_at_file_and_line(app) -> None:
    html, warnings = _build(app)
    assert len(warnings) == 2, warnings
    assert re.search(r"index\.md:3: WARNING: raw HTML is not published \('<img src", warnings[0])
    assert re.search(r"index\.md:17: WARNING: raw HTML is not published \(\"<script>", warnings[1])
    assert "name the page in assessments_raw_html_allowed" in warnings[0]
    # and without -W the page shows the markup as text, never as markup
    assert "<script>alert" not in html and 'onerror="alert' not in html
    assert "&lt;script&gt;" in html


def test_titles_and_options_are_text(app) -> None:
    html, _ = _build(app)
    assert "A forecast titled &lt;script&gt;alert('title')&lt;/script&gt;" in html
    assert "Yes if &lt;img src=x onerror=alert('criteria')&gt; happens." in html
    assert "<img src=x" not in html


@pytest.mark.sphinx(confoverrides={"assessments_raw_html_allowed": ["index"]})
def test_a_named_page_may_carry_raw_html(app) -> None:
    html, warnings = _build(app)
    assert warnings == []
    assert "<script>alert('card')</script>" in html
