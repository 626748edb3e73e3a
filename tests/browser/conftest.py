"""The built site in a real browser: Playwright drives the system's Chromium over http.

The report is built once per session, as tests/test_report.py builds it, unless REPORT_HTML
names a site that is already built (``REPORT_HTML=docs/_build/html pytest tests/browser``).
Without Chromium or Playwright every test here is skipped, with the reason saying how to
install them. The launch and the server are shared with scripts/screenshots.py.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).parent
REPO = HERE.parent.parent


def _load_headless():
    spec = importlib.util.spec_from_file_location("headless", REPO / "scripts" / "headless.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("headless", module)
    spec.loader.exec_module(module)
    return module


headless = _load_headless()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip every browser test, saying how to install what is missing, where none can run."""
    reason = headless.unavailable()
    if reason is None:
        return
    skip = pytest.mark.skip(reason=f"browser tests need Chromium and Playwright: {reason}")
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def site(request: pytest.FixtureRequest) -> Path:
    """The built HTML site: $REPORT_HTML, or the report built once for the session."""
    given = os.environ.get("REPORT_HTML")
    if given:
        path = Path(given)
        assert (path / "index.html").is_file(), f"REPORT_HTML={given} holds no index.html"
        return path
    built: Path = request.getfixturevalue("report_html")
    return built


@pytest.fixture(scope="session")
def site_pages(site: Path) -> list[str]:
    """Every HTML page the build wrote, relative to the site root (not the theme's _static)."""
    pages = sorted(
        path.relative_to(site).as_posix()
        for path in site.rglob("*.html")
        if not any(part.startswith("_") for part in path.relative_to(site).parts)
    )
    assert "index.html" in pages, f"no index.html among {pages}"
    return pages


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    with headless.serve(site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    with headless.chromium() as launched:
        yield launched


@dataclass
class Visit:
    """One page opened in a browser context of its own, with what went wrong while it loaded."""

    page: Any
    console_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    #: requests that would have left the site, refused (headless.keep_inside); each fails a test
    outside: list[str] = field(default_factory=list)

    def settle(self) -> Visit:
        """Wait until nothing loads any more, so that late errors (the favicon's) are seen."""
        self.page.wait_for_load_state("networkidle")
        return self

    def close(self) -> None:
        self.page.context.close()


class Opener:
    """Opens pages of the served site, each in a new context (fresh storage, given width)."""

    def __init__(self, browser: Any, base_url: str) -> None:
        self.browser, self.base_url = browser, base_url

    def __call__(self, path: str, width: int = 1280, dark: str | None = None) -> Visit:
        """``dark="storage"`` stores the reader's choice as pydata-sphinx-theme does (localStorage
        ``mode`` and ``theme``); ``dark="system"`` emulates ``prefers-color-scheme: dark`` and
        leaves the theme on its default mode, "auto"."""
        context = self.browser.new_context(
            viewport={"width": width, "height": 900},
            color_scheme="dark" if dark == "system" else "light",
        )
        if dark == "storage":
            context.add_init_script(
                "localStorage.setItem('mode', 'dark'); localStorage.setItem('theme', 'dark');"
            )
        page = context.new_page()
        seen = Visit(page, outside=headless.keep_inside(context, self.base_url))

        def on_console(message: Any) -> None:
            if message.type == "error":
                seen.console_errors.append(f"{message.text} ({message.location.get('url')})")

        def on_response(response: Any) -> None:
            if response.status >= 400:
                seen.failed_requests.append(f"{response.url}: HTTP {response.status}")

        page.on("console", on_console)
        page.on("pageerror", lambda error: seen.console_errors.append(f"uncaught: {error}"))
        page.on("requestfailed", lambda r: seen.failed_requests.append(f"{r.url}: {r.failure}"))
        page.on("response", on_response)
        page.goto(self.base_url + path, wait_until="load")
        return seen


@pytest.fixture(scope="session")
def opener(browser: Any, base_url: str) -> Opener:
    return Opener(browser, base_url)


@pytest.fixture
def visit(opener: Opener) -> Iterator[Opener]:
    """``visit(path, width=1280, dark=None)`` -> Visit; its contexts close after the test, which
    fails if one of its pages asked another host for anything."""
    opened: list[tuple[str, Visit]] = []

    def open_page(path: str, width: int = 1280, dark: str | None = None) -> Visit:
        opened.append((path, opener(path, width=width, dark=dark)))
        return opened[-1][1]

    yield open_page
    for _, seen in opened:
        seen.close()
    problems = headless.refused_message({path: seen.outside for path, seen in opened})
    assert not problems, problems


class Violations(list):
    """axe-core's violations, printed one a line: impact, rule, nodes, the first node and why."""

    def __str__(self) -> str:
        lines = []
        for v in self:
            node = v["nodes"][0]
            why = node.get("failureSummary", "").replace("\n", " ")
            lines.append(f"{v['impact']} {v['id']} x{len(v['nodes'])}: {node['target']} {why}")
        return "\n".join(lines)

    def at_least_serious(self) -> Violations:
        return Violations(v for v in self if v["impact"] in ("serious", "critical"))


@pytest.fixture(scope="session")
def axe() -> Any:
    """``axe(page, rules=None)``: axe-core's violations on the page as it is now."""
    from axe_playwright_python.sync_playwright import Axe

    runner = Axe()

    def run(page: Any, rules: list[str] | None = None) -> Violations:
        options: dict[str, Any] = {"resultTypes": ["violations"]}
        if rules:
            options["runOnly"] = {"type": "rule", "values": rules}
        return Violations(runner.run(page, options=options).response["violations"])

    return run
