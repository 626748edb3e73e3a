"""``report-checks new``: start an institute's next report from the toolkit's template.

The template is a folder of files shipped with the package (``checks/templates/report``), each
copied as it is but for ``@@name@@`` placeholders, filled from the title, the authors, the
yardstick and the publication date (a Python file is kept as ``NAME.py_t``, as sphinx-quickstart
keeps its own, so that linters do not read the template as code). The result builds at once
(``tox -e html``) and its own tests pass (``tox``). Nothing is asked: every choice has a default
or an option, as with ``sphinx-quickstart -q``. A folder that holds anything is refused before a
file is written.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as installed_version
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

from tradecraft import ledger
from tradecraft.errors import InputError
from tradecraft.yardstick import YARDSTICKS

#: The distribution a new report depends on.
TOOLKIT = "report-as-code"
#: Where the template lives inside the package.
TEMPLATE = ("templates", "report")
#: The forecast ledger a new report starts with (relative to the report's root).
LEDGER = ledger.DEFAULT_PATH
#: The suffix of a template file that is dropped when it is written (``conf.py_t``).
TEMPLATE_SUFFIX = "_t"
_PLACEHOLDER = re.compile(r"@@([a-z_]+)@@")


@dataclass(frozen=True)
class NewReport:
    """What ``new`` needs to know; everything else follows from it."""

    title: str
    authors: tuple[str, ...]
    yardstick: str = "phia"
    published: date | None = None  # None: today


def toolkit_version() -> str:
    """The installed toolkit's version (``0.0.0`` when run from a checkout never installed)."""
    try:
        return installed_version(TOOLKIT)
    except PackageNotFoundError:
        return "0.0.0"


def requirement(version: str) -> str:
    """The range of toolkit versions a new report accepts: this minor release and its fixes.

    Before 1.0 a minor release may change what a report sees, so ``0.3.1`` gives
    ``report-as-code>=0.3.1,<0.4``; from 1.0 on, ``1.2.0`` gives ``>=1.2.0,<2``.
    """
    match = re.match(r"(\d+)\.(\d+)(?:\.(\d+))?", version)
    if match is None:
        return TOOLKIT
    major, minor, micro = int(match[1]), int(match[2]), int(match[3] or 0)
    upper = f"{major}.{minor + 1}" if major == 0 else f"{major + 1}"
    return f"{TOOLKIT}>={major}.{minor}.{micro},<{upper}"


def slug(title: str) -> str:
    """A distribution name from a title: ``"Arctic Shipping, 2030"`` → ``arctic-shipping-2030``."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_title.lower())
    return "-".join(words)[:60].strip("-") or "report"


def _quoted(text: str) -> str:
    """``text`` made safe inside a double-quoted string, Python's and TOML's alike."""
    return text.replace("\\", "\\\\").replace('"', '\\"')


def values(spec: NewReport, today: date) -> dict[str, str]:
    """The placeholders' values for one report."""
    published = spec.published or today
    version = toolkit_version()
    authors = list(spec.authors)
    joined = authors[0] if len(authors) == 1 else ", ".join(authors[:-1]) + " and " + authors[-1]
    return {
        "title": spec.title,
        "title_quoted": _quoted(spec.title),
        "slug": slug(spec.title),
        "authors_joined": joined,
        "authors_quoted": _quoted(joined),
        "authors_list_py": "[" + ", ".join(f'"{_quoted(a)}"' for a in authors) + "]",
        "yardstick": spec.yardstick,
        "yardstick_title": YARDSTICKS[spec.yardstick].title,
        "published": published.isoformat(),
        "year": str(published.year),
        "prev_year": str(published.year - 1),
        "next_year": str(published.year + 1),
        "toolkit_version": version,
        "toolkit_requirement": requirement(version),
        "ledger": LEDGER,
    }


def render(text: str, fill: dict[str, str], name: str) -> str:
    """``text`` with every ``@@name@@`` filled; an unknown name is a bug in the template."""

    def one(match: re.Match[str]) -> str:
        key = match[1]
        if key not in fill:
            raise KeyError(f"template {name}: unknown placeholder @@{key}@@")
        return fill[key]

    return _PLACEHOLDER.sub(one, text)


def _walk(folder: Traversable, prefix: str = "") -> list[tuple[str, Traversable]]:
    found: list[tuple[str, Traversable]] = []
    for item in sorted(folder.iterdir(), key=lambda t: t.name):
        if item.name == "__pycache__":
            continue
        relative = f"{prefix}{item.name.removesuffix(TEMPLATE_SUFFIX)}"
        if item.is_dir():
            found += _walk(item, relative + "/")
        else:
            found.append((relative, item))
    return found


def template_files() -> list[tuple[str, Traversable]]:
    """Every file of the template, as (path relative to the report, file), sorted."""
    root = files("checks")
    for part in TEMPLATE:
        root = root / part
    return _walk(root)


def check_target(target: Path) -> None:
    """Refuse a target that exists and is not an empty folder (before anything is written)."""
    if target.exists() and not target.is_dir():
        raise InputError(f"{target}: a file of that name exists; give a new folder")
    if target.is_dir() and any(target.iterdir()):
        raise InputError(
            f"{target}: the folder is not empty; give a new or an empty folder "
            "(report-checks new writes nothing into a folder that holds files)"
        )


def check_spec(spec: NewReport, today: date) -> None:
    """One line for a bad title, author, yardstick or date."""
    if not spec.title.strip():
        raise InputError("--title is empty; give the report's title")
    if not spec.authors or not all(a.strip() for a in spec.authors):
        raise InputError('--author is empty; give each author\'s name, e.g. --author "Ann Example"')
    if spec.yardstick not in YARDSTICKS:
        raise InputError(
            f"--yardstick {spec.yardstick!r} is not a known yardstick; "
            f"accepted: {', '.join(sorted(YARDSTICKS))}"
        )
    if spec.published is not None and spec.published > today:
        raise InputError(
            f"--published {spec.published} is after today ({today}): a report's forecasts are "
            "made on or before the day it is started; leave it out to use today"
        )


def create(target: Path, spec: NewReport, today: date | None = None) -> list[Path]:
    """Write a new report into ``target`` (missing or empty) and return the files written."""
    today = today or date.today()
    check_spec(spec, today)
    check_target(target)
    fill = values(spec, today)
    rendered = [
        (relative, render(item.read_text(encoding="utf-8"), fill, relative))
        for relative, item in template_files()
    ]
    written: list[Path] = []
    for relative, text in rendered:
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
        written.append(path)
    # an empty ledger, as `report-checks ledger init` starts it: freeze fills it on publication
    book = ledger.init(target / LEDGER)
    written += sorted(p for p in book.path.iterdir() if p.is_file())
    return written


def next_steps(target: Path, spec: NewReport) -> str:
    """What to do next, printed after the files are written."""
    where = str(target)
    return (
        f"Wrote a new report, {spec.title!r}, in {where}. Next:\n"
        f"  cd {where}\n"
        "  git init && git add . && git commit -m 'Start the report'\n"
        "  python -m pip install tox && tox -e html   # build: docs/_build/html/index.html\n"
        "  tox                                         # the tests: builds with -W, lint passes\n"
        "Then replace the worked example in docs/chapter.md and the two entries of refs.bib.\n"
        "On publication day, record the forecasts: "
        "tox exec -e html -- report-checks ledger freeze\n"
        "If the toolkit is in a folder of wheels, not an index: "
        "PIP_FIND_LINKS=/path/to/wheels tox\n"
    )
