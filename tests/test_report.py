"""The real report under docs/ builds cleanly and holds the chapter, its notes and its sources."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from pybtex.database import parse_file

REPO = Path(__file__).parent.parent

SECTIONS = (
    "Military cooperation since the 1990s",
    "Russia’s anxieties about the West",
    "NATO spectre",
    "Zapad 2021",
    "Conclusion",
)


@pytest.fixture(scope="module")
def built(report_html: Path) -> Path:
    """The report built once (see conftest), warnings as errors."""
    return report_html


def _text(path: Path) -> str:
    return re.sub(r"<[^>]+>", "", path.read_text(encoding="utf-8"))


def test_chapter_sections_are_in_the_html(built: Path) -> None:
    text = _text(built / "chapter.html").replace("'", "’")
    for section in SECTIONS:
        assert section in text, section


def test_chapter_notes_are_numbered_footnotes(built: Path) -> None:
    html = (built / "chapter.html").read_text(encoding="utf-8")
    labels = re.findall(
        r'<aside class="footnote brackets"[^>]*>\s*<span class="label">'
        r'<span class="fn-bracket">\[</span>(?:<a[^>]*>)?(\d+)',
        html,
    )
    assert len(labels) >= 17, "the chapter keeps its footnoted sources and explanatory notes"
    assert [int(n) for n in labels] == list(range(1, len(labels) + 1))


def test_every_cited_key_is_in_refs_bib() -> None:
    keys = set(parse_file(str(REPO / "refs.bib")).entries)
    cited: set[str] = set()
    for page in (REPO / "docs").rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        for group in re.findall(r"\{foot(?:cite|cite:p)?\}`([^`]+)`", text):
            cited.update(k.strip() for k in group.split(","))
        for group in re.findall(r"^:(?:basis|evidence): (.+)$", text, flags=re.M):
            cited.update(k.strip() for k in group.split(","))
    assert cited, "the report cites its sources"
    assert cited <= keys, f"cited but not in refs.bib: {sorted(cited - keys)}"


def test_notes_keep_capitals_publisher_and_date(built: Path) -> None:
    text = _text(built / "chapter.html")
    assert "Possible Scenarios of Russian-Belarusian Military Integration" in text
    assert "17 December 2020" in text
    assert "Polish Institute of International Affairs" in text


def test_needs_json_holds_every_kind(built: Path) -> None:
    data = json.loads((built / "needs.json").read_text())
    needs = data["versions"][data["current_version"]]["needs"]
    kinds = {n["type"] for n in needs.values()}
    assert kinds == {"judgement", "forecast", "assumption", "indicator", "scenario", "outcome"}
    forecasts = [n for n in needs.values() if n["type"] == "forecast"]
    for f in forecasts:
        assert isinstance(f["probability"], float) and f["yardstick"] == "phia", f["id"]
        assert re.match(r"^\d{4}-\d{2}-\d{2}$", f["resolve_by"]), f["id"]
        assert f["criteria"] and f["basis"] and f["coding"] in ("original", "editorial")
        assert len(f["resolves_back"]) <= 1


def test_register_and_track_record_are_generated(built: Path) -> None:
    register = _text(built / "register.html")
    assert "F_NO_PERMANENT_BASE" in register
    assert (built / "_images" / "assessment-graph.png").stat().st_size > 5_000
    record = _text(built / "track-record.html")
    assert "Mean Brier score" in record
    assert (built / "_images" / "calibration.png").exists()


def test_every_forecast_follows_the_coding_rules(built: Path) -> None:
    """Window, coding and the hedge mapping of the quoted sentence, for every forecast."""
    from tradecraft.coding import coding_findings, window_end
    from tradecraft.records import load_assessments
    from tradecraft.yardstick import PHIA

    register = load_assessments(built / "needs.json")
    assert len(register.forecasts) >= 12
    for forecast in register.forecasts:
        values = {
            name: getattr(forecast, name)
            for name in (
                "hedge",
                "quote",
                "likelihood",
                "window",
                "coding",
                "made_on",
                "resolve_by",
            )
        }
        assert coding_findings(values, PHIA) == [], forecast.id
        assert forecast.window in ("source", "default", "long", "editorial"), forecast.id
        rule = window_end(forecast.window, forecast.made_on)
        assert rule is None or rule == forecast.resolve_by, forecast.id
        if forecast.coding == "original":
            assert forecast.hedge and forecast.window == "source", forecast.id
        if forecast.window == "editorial":  # a departure says why in the text
            assert "rule" in forecast.content, forecast.id


def _card(built: Path, page: str, need_id: str) -> str:
    """One card of a page as a reader reads it: tags stripped, whitespace collapsed."""
    html = (built / page).read_text(encoding="utf-8")
    start = html.rindex('<div class="assessment ', 0, html.index(f'id="{need_id}"'))
    end = html.index("</ul>", start)  # a forecast of the report ends with its history
    return " ".join(re.sub(r"<[^>]+>", "", html[start:end]).split())


def test_a_card_says_in_words_how_its_forecast_was_coded(built: Path) -> None:
    card = _card(built, "chapter.html", "F_DOCTRINE_UPDATE")
    assert "Resolve by: 2022-08-01 (default window: 12 months after the forecast was made" in card
    assert (
        "Likelihood and date: the likelihood from the authors' words “is expected”, by the fixed "
        "rules; the date coded by the editors" in card
    )
    assert "Correction of 2026-11-25: resolve by 2022-12-31 → 2022-08-01;" in card
    assert "Coding" not in card


#: A reference to the project's tracker: "issue 10", "issues 10 and 12", "#10".
TRACKER = re.compile(r"\bissues? #?\d+|(?<![\w&])#\d+\b", re.IGNORECASE)


def _reader_pages(built: Path) -> dict[str, str]:
    return {
        page.name: re.sub(
            r"<(script|style).*?</\1>", "", page.read_text(encoding="utf-8"), flags=re.S
        )
        for page in built.glob("*.html")
    }


def test_reader_pages_cite_no_tracker_numbers(built: Path) -> None:
    """No page names an issue of the project: not the text, not a card's history."""
    for name, html in _reader_pages(built).items():
        assert not TRACKER.findall(_strip(html)), name


def _strip(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)
