"""An offline edition: no page of a built report loads a script, a stylesheet, a font or an image
from another host. Read from the built files, so it runs without a browser (tests/browser opens
the same pages in Chromium and blocks every request that leaves the site)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag

import pytest

#: A URL that leaves the site: another scheme's host, or a protocol-relative one.
_OUTSIDE = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
#: ``<link rel=…>`` values that make the browser fetch ``href`` (``canonical`` and the like don't).
_FETCHING_RELS = {
    "stylesheet",
    "preload",
    "modulepreload",
    "prefetch",
    "preconnect",
    "dns-prefetch",
    "icon",
    "shortcut",
    "apple-touch-icon",
    "manifest",
}
#: Elements whose ``src`` (or ``srcset``, ``poster``, ``data``) the browser fetches.
_FETCHING_TAGS = {"script", "img", "iframe", "source", "audio", "video", "track", "embed", "object"}
_CSS_URL = re.compile(
    r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)|@import\s+(?:"([^"]*)"|'([^']*)')"""
)


class _PageAssets(HTMLParser):
    """What a page makes the browser fetch: (what, URL) pairs, and its inline CSS."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.fetched: list[tuple[str, str]] = []
        self.stylesheets: list[str] = []
        self.inline_css: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if values.get("style"):
            self.inline_css.append(values["style"])
        if tag == "style":
            self._in_style = True
        elif tag == "link":
            rels = set(values.get("rel", "").lower().split())
            if rels & _FETCHING_RELS and values.get("href"):
                self.fetched.append((f"<link rel={'/'.join(sorted(rels))}>", values["href"]))
                if "stylesheet" in rels:
                    self.stylesheets.append(values["href"])
        elif tag in _FETCHING_TAGS:
            for name in ("src", "poster", "data"):
                if values.get(name):
                    self.fetched.append((f"<{tag} {name}>", values[name]))
            for candidate in values.get("srcset", "").split(","):
                if candidate.strip():
                    self.fetched.append((f"<{tag} srcset>", candidate.split()[0]))

    def handle_endtag(self, tag: str) -> None:
        self._in_style = self._in_style and tag != "style"

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.inline_css.append(data)


def _css_urls(css: str) -> list[str]:
    return [next(g for g in match.groups() if g is not None) for match in _CSS_URL.finditer(css)]


def _local_file(site: Path, page: Path, href: str) -> Path | None:
    """The file in the site a relative ``href`` of ``page`` names, or None (outside, absent)."""
    path = unquote(urldefrag(href).url.split("?", 1)[0])
    if not path or _OUTSIDE.match(href) or ":" in path.split("/", 1)[0]:
        return None
    target = (site / path.lstrip("/")) if path.startswith("/") else (page.parent / path)
    target = target.resolve()
    return target if target.is_file() and site.resolve() in target.parents else None


def outside_assets(site: Path) -> list[str]:
    """``page: what URL`` for everything a built page would fetch from another host: scripts,
    stylesheets, preloads, icons, images, and @import and url() in its CSS (inline, or in the
    site's stylesheets it links, followed through their local @imports)."""
    found: list[str] = []
    seen_css: dict[Path, list[str]] = {}

    def stylesheet(path: Path) -> list[str]:
        if path not in seen_css:
            seen_css[path] = []
            for url in _css_urls(path.read_text(encoding="utf-8", errors="replace")):
                if _OUTSIDE.match(url):
                    seen_css[path].append(f"url() {url} in {path.relative_to(site.resolve())}")
                elif url.endswith(".css") and (local := _local_file(site, path, url)):
                    seen_css[path].extend(stylesheet(local))
        return seen_css[path]

    for page in sorted(site.rglob("*.html")):
        relative = page.relative_to(site)
        if any(part.startswith(".") for part in relative.parts):
            continue
        assets = _PageAssets()
        assets.feed(page.read_text(encoding="utf-8"))
        problems = [f"{what} {url}" for what, url in assets.fetched if _OUTSIDE.match(url)]
        for css in assets.inline_css:
            problems += [f"url() {url} in its CSS" for url in _css_urls(css) if _OUTSIDE.match(url)]
        for href in assets.stylesheets:
            if (local := _local_file(site, page, href)) is not None:
                problems += stylesheet(local)
        found += [f"{relative.as_posix()}: {problem}" for problem in problems]
    return found


def _message(found: list[str]) -> str:
    return (
        "pages load from another host (an offline reader gets none of it; serve it from the "
        "site's _static):\n  " + "\n  ".join(found)
    )


def test_the_scan_names_each_page_and_what_it_loads_from_another_host(tmp_path: Path) -> None:
    (tmp_path / "_static").mkdir()
    (tmp_path / "_static" / "site.css").write_text(
        '@import "more.css";\n'
        "a { background: url(\"data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg'\") }\n"
        "b { background: url(img/local.png) }\n",
        encoding="utf-8",
    )
    (tmp_path / "_static" / "more.css").write_text(
        "@font-face { src: url('https://fonts.example.org/f.woff2') }", encoding="utf-8"
    )
    (tmp_path / "index.html").write_text(
        "<html><head>"
        '<link rel="stylesheet" href="_static/site.css">'
        '<link rel="canonical" href="https://example.org/index.html">'
        '<link rel="preload" as="font" href="//cdn.example.org/x.woff2">'
        '<script src="_static/local.js"></script>'
        '<script defer src="https://cdn.example.org/mathjax.js"></script>'
        "<style>@import 'http://css.example.org/a.css';</style>"
        '</head><body><a href="https://example.org/">a link is not a load</a>'
        '<img src="https://img.example.org/a.png" alt="">'
        "</body></html>",
        encoding="utf-8",
    )
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "page.html").write_text(
        '<link rel="stylesheet" href="../_static/more.css"><p style="background: url(x.png)">',
        encoding="utf-8",
    )
    assert outside_assets(tmp_path) == [
        "index.html: <link rel=preload> //cdn.example.org/x.woff2",
        "index.html: <script src> https://cdn.example.org/mathjax.js",
        "index.html: <img src> https://img.example.org/a.png",
        "index.html: url() http://css.example.org/a.css in its CSS",
        "index.html: url() https://fonts.example.org/f.woff2 in _static/more.css",
        "sub/page.html: url() https://fonts.example.org/f.woff2 in _static/more.css",
    ]


def test_the_report_loads_nothing_from_another_host(report_html: Path) -> None:
    assert (report_html / "method.html").is_file(), "the method page has the formulas"
    found = outside_assets(report_html)
    assert not found, _message(found)


@pytest.mark.parametrize("theme", ["alabaster", "sphinx_book_theme"])
@pytest.mark.filterwarnings("ignore:.*HandleFootnoteTransform.app. is deprecated")
@pytest.mark.sphinx("html", testroot="math")
def test_a_report_with_formulas_loads_nothing_from_another_host(
    own_copy: Path, make_app, app_params, theme: str
) -> None:
    # its own copy: it reads the whole output folder, which another theme's build would share
    app = make_app(*app_params.args, **app_params.kwargs, confoverrides={"html_theme": theme})
    app.build()
    assert "<math" in (app.outdir / "index.html").read_text(encoding="utf-8")
    found = outside_assets(app.outdir)
    assert not found, _message(found)


@pytest.mark.sphinx("html", testroot="math", confoverrides={"html_math_renderer": "mathjax"})
def test_mathjax_from_its_cdn_is_found(own_copy: Path, app) -> None:
    # what every report loaded before the formulas became MathML, and what an author who
    # chooses MathJax without a copy of their own still gets
    app.build()
    found = outside_assets(app.outdir)
    assert [f.split("/npm/")[0] for f in found] == [
        "index.html: <script src> https://cdn.jsdelivr.net"
    ]
