"""Headless Chromium on a locally served copy of the built site.

Shared by the browser tests (``tests/browser/``) and ``scripts/screenshots.py`` so that both see the
site the same way. The browser is the system's Chromium (Debian: ``apt-get install chromium``),
driven by Playwright for Python; Playwright's own browser downloads are never used.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

#: Where Debian and Ubuntu put Chromium; ``CHROMIUM=path`` overrides.
CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")

#: Without the networking flags Chromium keeps trying to reach Google's services, which a machine
#: with no internet refuses many times a second; --no-sandbox because CI runs as root.
FLAGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)

INSTALL_HINT = (
    "install Chromium (Debian/Ubuntu: `apt-get install chromium`) and Playwright for Python "
    "(`pip install -e .[browser]`); browsers are never downloaded, set CHROMIUM=path to use another"
)


def find_chromium() -> str | None:
    """The Chromium executable to drive: ``$CHROMIUM`` if set, else the first one installed."""
    chosen = os.environ.get("CHROMIUM")
    for candidate in (chosen,) if chosen else (*CANDIDATES, shutil.which("chromium")):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


def unavailable() -> str | None:
    """Why the browser cannot run here (with how to fix it), or None when it can."""
    try:
        import axe_playwright_python  # noqa: F401
        import playwright.sync_api  # noqa: F401
    except ImportError as error:
        return f"{error.name} is not importable: {INSTALL_HINT}"
    if find_chromium() is None:
        where = os.environ.get("CHROMIUM") or ", ".join(CANDIDATES)
        return f"no Chromium found at {where}: {INSTALL_HINT}"
    return None


@contextlib.contextmanager
def chromium() -> Iterator[Any]:
    """A headless system Chromium; yields a Playwright Browser.

    Playwright's ``launch`` gives every browser a fresh profile directory of its own and removes it
    on close (it refuses a --user-data-dir flag), so no state leaks from one run to the next.
    """
    from playwright.sync_api import sync_playwright

    executable = find_chromium()
    if executable is None:
        raise RuntimeError(f"no Chromium: {INSTALL_HINT}")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, headless=True, args=list(FLAGS))
        try:
            yield browser
        finally:
            browser.close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base's name
        pass


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` over http on 127.0.0.1 at a free port; yields the base URL (with /)."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield f"http://{host}:{port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def keep_inside(context: Any, base_url: str) -> list[str]:
    """Refuse every request that would leave ``base_url``, as a reader without a network would
    see it (the request fails); returns the list that records the refused URLs as they happen.

    A page of the report loads nothing from another host: a test fails on each URL in the list,
    naming it. Refused, not answered: a stub answer would hide what an offline reader loses, and
    CI may have no network at all.
    """
    outside: list[str] = []

    def refuse(route: Any) -> None:
        outside.append(route.request.url)
        route.abort("blockedbyclient")

    context.route(lambda url: not url.startswith((base_url, "data:", "blob:")), refuse)
    return outside


def refused_message(outside: dict[str, list[str]]) -> str:
    """What each page asked of another host (refused by keep_inside), a line per page and URL;
    empty if nothing was."""
    lines = [f"{page}: {url}" for page, urls in outside.items() for url in urls]
    if not lines:
        return ""
    return (
        "a page asked another host for these (refused: an offline reader gets none of them; "
        "serve them from the site's _static):\n  " + "\n  ".join(lines)
    )
