"""The forecast register and the cards it links to, used as a reader would: at desktop and
phone widths, sorted, searched, followed by permalink, and in dark mode."""

from __future__ import annotations

from typing import Any

import pytest

REGISTER = "register.html"
#: The forecast register: the page's first needtable (the table of every assessment follows).
TABLE = "table#needtable-register-0-table_node"
EVERY = "table#needtable-register-2-table_node"

#: A desktop and a phone.
WIDTHS = (1280, 390)

#: The columns a reader needs once forecasts resolve (issue 11): visible before any scrolling.
FIRST_SEEN = ("status", "verdict", "brier")


def _show_all_rows(page: Any) -> None:
    """The register pages its rows (10 at a time) and detaches the rest: ask for all of them."""
    page.locator("select.needstable-page-size-select").first.select_option("0")


def _column(page: Any, name: str) -> list[str]:
    return page.locator(f"{TABLE} tbody td.needs_{name}").all_inner_texts()


_WHERE = """([table, column, scroll]) => {
    const th = document.querySelector(`${table} th[data-col="${column}"]`);
    if (scroll) th.scrollIntoView({block: "nearest", inline: "nearest"});
    const frame = th.closest(".needstable-scroll, .pst-scrollable-table-container");
    const cell = th.getBoundingClientRect(), box = frame.getBoundingClientRect();
    return {left: cell.left, right: cell.right, frameLeft: box.left, frameRight: box.right,
            innerWidth: window.innerWidth, scrollX: window.scrollX,
            pageWidth: document.scrollingElement.scrollWidth};
}"""


def _header(page: Any, column: str, *, scroll: bool = False) -> dict[str, float]:
    """Where a column's header cell is, against its scroll frame and the window."""
    return page.evaluate(_WHERE, [TABLE, column, scroll])


def _in_frame(where: dict[str, float]) -> bool:
    right_edge = min(where["frameRight"], where["innerWidth"])
    return where["frameLeft"] - 1 <= where["left"] and where["right"] <= right_edge + 1


@pytest.mark.parametrize("width", WIDTHS)
def test_every_column_is_reachable_without_the_page_scrolling_sideways(visit, width) -> None:
    page = visit(REGISTER, width=width).page
    page.wait_for_selector(f"{TABLE} button.needstable-sort")  # enhanced by needstable.js
    page_width = "document.scrollingElement.scrollWidth <= window.innerWidth"
    assert page.evaluate(page_width), "the page itself scrolls sideways"

    columns = page.locator(f"{TABLE} thead th").evaluate_all(
        "cells => cells.map(c => c.dataset.col)"
    )
    assert set(FIRST_SEEN) <= set(columns), columns
    for column in columns:
        where = _header(page, column, scroll=True)
        assert where["scrollX"] == 0 and where["pageWidth"] <= where["innerWidth"], (column, where)
        assert _in_frame(where), (column, where)


def test_status_verdict_and_brier_are_in_view_at_1280_px(visit) -> None:
    page = visit(REGISTER, width=1280).page
    page.wait_for_selector(f"{TABLE} button.needstable-sort")
    for column in FIRST_SEEN:
        where = _header(page, column)
        assert _in_frame(where), (column, where)


def test_sorting_by_a_column_orders_the_rows(visit) -> None:
    page = visit(REGISTER).page
    page.wait_for_selector(f"{TABLE} button.needstable-sort")
    _show_all_rows(page)
    header = page.locator(f"{TABLE} th[data-col='probability']")
    header.locator("button.needstable-sort").click()
    assert header.get_attribute("aria-sort") == "ascending"
    values = [float(v) for v in _column(page, "probability")]
    assert len(values) > 1 and values == sorted(values)

    header.locator("button.needstable-sort").click()
    assert header.get_attribute("aria-sort") == "descending"
    values = [float(v) for v in _column(page, "probability")]
    assert values == sorted(values, reverse=True)


def test_the_search_box_filters_the_rows(visit) -> None:
    from playwright.sync_api import expect

    page = visit(REGISTER).page
    page.wait_for_selector(f"{TABLE} button.needstable-sort")
    _show_all_rows(page)
    rows = page.locator(f"{TABLE} tbody tr")
    ids = _column(page, "id")
    everything = " ".join(page.locator(f"{TABLE} tbody").all_inner_texts())
    # an id that occurs nowhere else in the table, so exactly one row must match it
    wanted = next(i for i in ids if everything.count(i) == 1)

    search = page.locator("input.needstable-search-input").first
    search.fill(wanted.lower())
    expect(rows).to_have_count(1)
    assert _column(page, "id") == [wanted]

    search.fill("no forecast says this")
    expect(page.locator(f"{TABLE} tbody td.needs_id")).to_have_count(0)

    search.fill("")
    expect(rows).to_have_count(len(ids))


def test_a_forecast_permalink_brings_its_card_into_view(visit) -> None:
    """Every id in the register links to its card (chapter.html#F_NO_PERMANENT_BASE, ...):
    opening the link shows the card's header on screen, not under the sticky navigation."""
    register = visit(REGISTER).page
    _show_all_rows(register)
    links = register.locator(f"{TABLE} td.needs_id a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    assert "chapter.html#F_NO_PERMANENT_BASE" in links
    for link in links:
        page = visit(link).page
        anchor = link.split("#", 1)[1]
        # the browser scrolls once the page has loaded: wait for the card to be in view
        page.wait_for_function(
            """(id) => {
                const r = document.getElementById(id).getBoundingClientRect();
                return r.top >= 0 && r.bottom <= window.innerHeight;
            }""",
            arg=anchor,
            timeout=5000,
        )
        on_top = page.evaluate(
            """(id) => {
                const header = document.getElementById(id).closest("p, div");
                const card = header.closest("div.assessment");
                const r = header.getBoundingClientRect();
                const hit = document.elementFromPoint(r.left + 5, r.top + r.height / 2);
                return Boolean(card) && card.contains(hit);
            }""",
            anchor,
        )
        assert on_top, f"{link}: the card's header is covered or not in view"


@pytest.mark.parametrize("dark", ["storage", "system"])
def test_cards_keep_accessible_contrast_in_dark_mode(visit, axe, dark) -> None:
    """A reader's own choice (stored by the theme's switch) and the system's setting both give
    the dark theme, and the cards on the chapter page pass axe's colour-contrast rule in it."""
    page = visit("chapter.html", dark=dark).settle().page
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    background = page.evaluate(
        "getComputedStyle(document.querySelector('div.assessment')).backgroundColor"
    )
    red, green, blue = (int(c) for c in background[background.index("(") + 1 : -1].split(",")[:3])
    assert max(red, green, blue) < 80, f"the cards stayed light in dark mode: {background}"
    violations = axe(page, rules=["color-contrast"])
    assert not violations, str(violations)


def test_filters_by_status_verdict_and_kind(visit) -> None:
    page = visit(REGISTER).page
    page.wait_for_selector(f"{TABLE} button.needstable-sort")
    _show_all_rows(page)
    before = len(_column(page, "verdict"))
    verdict = page.locator("select[data-col='verdict']").first
    verdict.select_option("no")
    shown = _column(page, "verdict")
    assert shown and set(shown) == {"no"} and len(shown) < before
    verdict.select_option("")
    assert len(_column(page, "verdict")) == before
    # the table of every assessment filters by kind
    kinds = page.locator("select[data-col='type']")
    assert kinds.count() == 1
    kinds.select_option("judgement")
    kinds_shown = page.locator(f"{EVERY} tbody td.needs_type").all_inner_texts()
    assert kinds_shown and set(kinds_shown) == {"judgement"}


def test_status_and_verdict_are_labelled_badges(visit) -> None:
    page = visit(REGISTER).page
    badge = page.locator(f"{TABLE} tbody td.needs_verdict .badge").first
    assert badge.inner_text() in ("yes", "no", "ambiguous", "annulled")
    classes = badge.get_attribute("class")
    assert f"badge-verdict-{badge.inner_text()}" in classes
    colour = badge.evaluate("e => getComputedStyle(e).backgroundColor")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")
