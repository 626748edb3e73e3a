"""Every page of the built site, as Chromium loads it: no console error, no failed request, no
request leaving the site (each is refused, and named), and no serious or critical axe-core
violation, in light mode and in dark mode."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

# scripts/headless.py, as conftest.py loaded it
from headless import refused_message


@dataclass
class PageReport:
    console_errors: list[str]
    failed_requests: list[str]
    outside: list[str]
    violations: Any  # conftest.Violations

    @property
    def serious_violations(self) -> Any:
        return self.violations.at_least_serious()


def _survey(opener: Any, axe: Any, pages: list[str], dark: str | None) -> dict[str, PageReport]:
    """Open each page once, let it settle, and keep what went wrong and what axe found."""
    reports = {}
    for path in pages:
        seen = opener(path, dark=dark).settle()
        try:
            if dark:
                theme = seen.page.evaluate("document.documentElement.dataset.theme")
                assert theme == "dark", f"{path}: dark mode did not take (data-theme={theme!r})"
            # axe runs first: what it makes the page fetch counts too (it once asked for a
            # stylesheet at the wrong path, axe-core issue 5268)
            violations = axe(seen.page)
            reports[path] = PageReport(
                seen.console_errors, seen.failed_requests, seen.outside, violations
            )
        finally:
            seen.close()
    return reports


@pytest.fixture(scope="module")
def light(opener: Any, axe: Any, site_pages: list[str]) -> dict[str, PageReport]:
    return _survey(opener, axe, site_pages, dark=None)


@pytest.fixture(scope="module")
def dark(opener: Any, axe: Any, site_pages: list[str]) -> dict[str, PageReport]:
    return _survey(opener, axe, site_pages, dark="storage")


def _problems(reports: dict[str, PageReport], attribute: str) -> str:
    lines = []
    for path, report in reports.items():
        found = getattr(report, attribute)
        if found:
            text = "\n".join(found) if type(found) is list else str(found)
            lines.append(f"{path}:\n  " + text.replace("\n", "\n  "))
    return "\n".join(lines)


def test_the_pages_come_from_the_build(site: Path, site_pages: list[str]) -> None:
    # the list is discovered, not written down: check it found the report and not the theme
    for page in ("index.html", "chapter.html", "register.html", "bibliography.html"):
        assert page in site_pages
    assert not [p for p in site_pages if p.startswith("_")]
    assert (site / "favicon.ico").is_file(), "browsers ask for /favicon.ico by themselves"


def test_no_console_error(light: dict[str, PageReport]) -> None:
    problems = _problems(light, "console_errors")
    assert not problems, problems


def test_no_failed_request(light: dict[str, PageReport]) -> None:
    problems = _problems(light, "failed_requests")
    assert not problems, problems


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_no_request_leaves_the_site(mode: str, request: pytest.FixtureRequest) -> None:
    reports: dict[str, PageReport] = request.getfixturevalue(mode)
    problems = refused_message({path: report.outside for path, report in reports.items()})
    assert not problems, problems


def test_no_serious_or_critical_axe_violation(light: dict[str, PageReport]) -> None:
    problems = _problems(light, "serious_violations")
    assert not problems, problems


def test_no_serious_or_critical_axe_violation_in_dark_mode(dark: dict[str, PageReport]) -> None:
    problems = _problems(dark, "serious_violations")
    assert not problems, problems


def test_no_console_error_in_dark_mode(dark: dict[str, PageReport]) -> None:
    problems = _problems(dark, "console_errors")
    assert not problems, problems
