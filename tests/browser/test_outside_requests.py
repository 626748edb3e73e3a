"""A request that leaves the site is refused, not answered, and the page and URL are named:
what a reader without a network would lose is what the tests see."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from headless import keep_inside, refused_message, serve

PAGE = """<!doctype html><html lang="en"><head><title>t</title>
<link rel="stylesheet" href="https://cdn.example.org/theme.css">
<script src="https://cdn.example.org/mathjax.js"></script>
<script src="local.js"></script></head><body><p>Text</p></body></html>"""


def test_a_request_to_another_host_is_refused_and_named(browser: Any, tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "local.js").write_text("window.localRan = true;", encoding="utf-8")
    with serve(tmp_path) as base_url:
        context = browser.new_context()
        try:
            outside = keep_inside(context, base_url)
            page = context.new_page()
            failed: dict[str, str] = {}
            page.on("requestfailed", lambda r: failed.update({r.url: r.failure}))
            page.goto(base_url + "index.html", wait_until="load")
            assert page.evaluate("window.localRan") is True, "the site's own script still runs"
        finally:
            context.close()
    assert sorted(outside) == [
        "https://cdn.example.org/mathjax.js",
        "https://cdn.example.org/theme.css",
    ]
    # refused as an offline browser would be, not answered with an empty stub
    assert sorted(failed) == sorted(outside)
    assert all("ERR_BLOCKED_BY_CLIENT" in why for why in failed.values()), failed
    assert refused_message({"index.html": sorted(outside)}).splitlines()[1:] == [
        "  index.html: https://cdn.example.org/mathjax.js",
        "  index.html: https://cdn.example.org/theme.css",
    ]
