"""Screenshots of the built HTML edition, taken in the system's Chromium, as the tests see it.

    python scripts/screenshots.py --html docs/_build/html --out docs/_build/screenshots

rewrites the README's picture, docs/_static/readme-card.png (a forecast card above the top of the
forecast register), and writes to --out the register at 1280 px (register-1280.png) and one card
of the chapter in light and dark mode (chapter-card.png, chapter-card-dark.png). `tox -e
screenshots` builds the report and runs this. Needs Chromium and the `browser` extra, like the
browser tests (scripts/headless.py).
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path
from typing import Any

import headless

REPO = Path(__file__).resolve().parent.parent
README_PICTURE = REPO / "docs" / "_static" / "readme-card.png"
DESKTOP = {"width": 1280, "height": 900}
#: How much of the register the README shows under the card: controls, header, first rows.
REGISTER_CROP = 430
GAP = 16


def _card(page: Any, anchor: str) -> Any:
    card = page.locator(f"div.assessment:has([id='{anchor}'])")
    if card.count() != 1:
        raise SystemExit(f"no card with id {anchor} on {page.url}")
    return card


def _open(browser: Any, base_url: str, path: str, dark: bool = False) -> Any:
    context = browser.new_context(viewport=DESKTOP, color_scheme="dark" if dark else "light")
    mode = "dark" if dark else "light"
    context.add_init_script(
        f"localStorage.setItem('mode', '{mode}'); localStorage.setItem('theme', '{mode}');"
    )
    headless.keep_inside(context, base_url)
    page = context.new_page()
    page.goto(base_url + path, wait_until="load")
    page.wait_for_load_state("networkidle")
    # a card taller than the window is shot in slices: the sticky header and the skip link
    # would be painted across it
    page.add_style_tag(
        content=".bd-header, .bd-header-article, .skip-link { display: none !important; }"
    )
    return page


def take(site: Path, out: Path, card_id: str, readme: Path | None) -> list[Path]:
    """Take the screenshots; returns the files written."""
    from PIL import Image  # matplotlib, a dependency of the report, brings Pillow

    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with headless.serve(site) as base_url, headless.chromium() as browser:
        chapter = _open(browser, base_url, "chapter.html")
        card_png = _card(chapter, card_id).screenshot(path=str(out / "chapter-card.png"))
        written.append(out / "chapter-card.png")

        dark = _open(browser, base_url, "chapter.html", dark=True)
        _card(dark, card_id).screenshot(path=str(out / "chapter-card-dark.png"))
        written.append(out / "chapter-card-dark.png")

        register = _open(browser, base_url, "register.html")
        table = register.locator("div.needstable").first
        table.wait_for()
        register.evaluate("document.querySelector('div.needstable').scrollIntoView()")
        register.screenshot(path=str(out / "register-1280.png"))
        written.append(out / "register-1280.png")
        box = table.bounding_box()
        register_png = register.screenshot(
            clip={"x": box["x"], "y": box["y"], "width": box["width"], "height": REGISTER_CROP}
        )
        for page in (chapter, dark, register):
            page.context.close()

    if readme is not None:
        top, bottom = Image.open(io.BytesIO(card_png)), Image.open(io.BytesIO(register_png))
        width = max(top.width, bottom.width)
        picture = Image.new("RGB", (width, top.height + GAP + bottom.height), "white")
        picture.paste(top, (0, 0))
        picture.paste(bottom, (0, top.height + GAP))
        picture.save(readme, optimize=True)
        written.append(readme)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--html",
        type=Path,
        default=REPO / "docs" / "_build" / "html",
        help="the built site (default: docs/_build/html)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=REPO / "docs" / "_build" / "screenshots",
        help="where the fresh screenshots go (default: docs/_build/screenshots)",
    )
    parser.add_argument(
        "--card",
        default="F_DOCTRINE_UPDATE",
        help="the forecast whose card is shown (default: F_DOCTRINE_UPDATE)",
    )
    parser.add_argument(
        "--no-readme",
        action="store_true",
        help=f"leave {README_PICTURE.relative_to(REPO)} as it is",
    )
    args = parser.parse_args(argv)

    if not (args.html / "index.html").is_file():
        parser.error(f"{args.html} holds no built site (index.html): run `tox -e html` first")
    reason = headless.unavailable()
    if reason:
        print(f"screenshots: {reason}", file=sys.stderr)
        return 2
    readme = None if args.no_readme else README_PICTURE
    for path in take(args.html, args.out, args.card, readme):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
