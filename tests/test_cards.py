"""What a reader sees on a card: where the likelihood and the date came from, the window, and
footnote marks that stay apart in the PDF."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest

ROOT = "test-cards"


@pytest.fixture(scope="module")
def card_text(rootdir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Each card of the test root as a reader reads it (tags stripped), by forecast id."""
    from sphinx.cmd.build import build_main

    work = tmp_path_factory.mktemp("cards")
    status = build_main(["-q", "-W", "-n", "-b", "html", str(rootdir / ROOT), str(work / "html")])
    assert status == 0, "the test root builds without warnings"
    html = (work / "html" / "index.html").read_text(encoding="utf-8")
    cards = re.split(r'<div class="assessment assessment-', html)[1:]
    text = {}
    for card in cards:
        plain = " ".join(unescape(re.sub(r"<[^>]+>", "", card)).split())
        text[re.search(r"Forecast (F_\w+)", plain).group(1)] = plain  # type: ignore[union-attr]
    return text


def test_an_original_forecast_says_both_came_from_the_source(card_text) -> None:
    card = card_text["F_ORIGINAL"]
    assert (
        "Likelihood and date: both from the source, by the fixed rules: the likelihood from the "
        "authors' words “will probably”, the date from the date or period they name" in card
    )
    assert "Resolve by: 2021-09-30 (source window: the date or period the source names)" in card
    assert "Coding" not in card and "original" not in card


def test_an_editorial_forecast_says_which_part_the_editors_coded(card_text) -> None:
    assert (
        "Likelihood and date: the likelihood from the authors' words “is expected”, by the "
        "fixed rules; the date coded by the editors" in card_text["F_DEFAULT"]
    )
    assert (
        "Resolve by: 2022-08-01 (default window: 12 months after the forecast was made, as the "
        "source names no date)" in card_text["F_DEFAULT"]
    )
    assert "Likelihood and date: coded by the editors" in card_text["F_EDITORS"]
    assert (
        "Resolve by: 2023-06-30 (editorial window: chosen by the editors, who say why in the "
        "text)" in card_text["F_EDITORS"]
    )
    assert not any(
        "editorial" in card.replace("editorial window", "") for card in card_text.values()
    )


@pytest.mark.sphinx("latex", testroot="cards", freshenv=True)
def test_adjacent_footnote_marks_are_kept_apart_in_latex(app) -> None:
    app.build()
    tex = next(app.outdir.glob("*.tex")).read_text(encoding="utf-8")
    comma = r"\textsuperscript{,}"
    # two notes printed in place, then two marks of notes printed before
    assert re.search(r"\\end\{footnote\}" + re.escape(comma) + r"%\n\\begin\{footnote\}\[2\]", tex)
    assert r"again\sphinxfootnotemark[1]" + comma + r"\sphinxfootnotemark[3]." in tex
    # a mark followed by text gets nothing
    assert tex.count(comma) == 2
