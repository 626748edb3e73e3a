#!/usr/bin/env python3
"""Cut a release of the report.

``python scripts/release.py VERSION [--dry-run] [-m LINE]``, or ``tox -e release -- VERSION``.
The version has one source: ``version`` in the ``[project]`` table of ``pyproject.toml``;
``docs/conf.py`` reads it back through ``importlib.metadata``, so the PDF's title page and the
HTML show the version of the installed package. The steps:

1. check: the work tree is clean, VERSION is new and not tagged yet;
2. set ``[project] version = VERSION`` in ``pyproject.toml``;
3. build the HTML (``tox -e html``) and freeze the ledger of published forecasts
   (``report-checks ledger freeze --published`` today, which reads the built ``needs.json``);
4. add ``## VERSION — DATE`` at the top of ``docs/changelog.md`` with a line to describe the
   release (``--message``, or a placeholder to edit before pushing);
5. commit ``Release VERSION`` and make the annotated tag ``vVERSION``;
6. build the PDF (``tox -e pdf``), dated by the release commit (``SOURCE_DATE_EPOCH``).

Nothing is pushed: check the commit, then ``git push origin main vVERSION``; the publish
workflow attaches the PDF to the release of the tag. ``--dry-run`` prints the steps and runs only
the checks. ``VERSION --notes`` prints the changelog entry of VERSION (the release notes) and
fails if ``pyproject.toml`` does not carry VERSION: the publish workflow runs it on each tag.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = ROOT / "pyproject.toml"
CHANGELOG = ROOT / "docs" / "changelog.md"
LEDGER = ROOT / "forecast-ledger"
PLACEHOLDER = "Describe this release: what changed in the text, the forecasts and their outcomes."

VERSION_RE = re.compile(r"^\d+\.\d+\.\d+(?:(?:a|b|rc)\d+)?(?:\.post\d+)?$")


class ReleaseError(Exception):
    """A check failed or a step cannot be done: one line for the user."""


# --- the pure parts ---------------------------------------------------------------------------


def normalise_version(text: str) -> str:
    """``v1.2.0`` or ``1.2.0`` -> ``1.2.0``; anything else (``1.2``, ``1.2.0-dev``) is refused."""
    version = text.strip().removeprefix("v")
    if not VERSION_RE.match(version):
        raise ReleaseError(f"{text!r} is not a version like 1.2.0 (or 1.2.0rc1)")
    return version


def version_key(version: str) -> tuple:
    """A sort key for the versions VERSION_RE accepts: 1.2.0rc1 < 1.2.0 < 1.2.0.post1."""
    m = re.match(r"^(\d+)\.(\d+)\.(\d+)(?:(a|b|rc)(\d+))?(?:\.post(\d+))?$", version)
    if not m:
        raise ReleaseError(f"cannot compare version {version!r}")
    major, minor, patch, pre, pre_n, post = m.groups()
    pre_rank = {"a": 0, "b": 1, "rc": 2, None: 3}[pre]
    return (int(major), int(minor), int(patch), pre_rank, int(pre_n or 0), int(post or -1))


_PROJECT_TABLE = re.compile(r"^\[project\]\s*$", re.M)
_NEXT_TABLE = re.compile(r"^\[", re.M)
_VERSION_LINE = re.compile(r'^(version\s*=\s*)(["\'])([^"\']*)\2(.*)$', re.M)


def _project_span(text: str) -> tuple[int, int]:
    start = _PROJECT_TABLE.search(text)
    if start is None:
        raise ReleaseError("pyproject.toml has no [project] table")
    end = _NEXT_TABLE.search(text, start.end())
    return start.end(), end.start() if end else len(text)


def _version_line(pyproject_text: str) -> re.Match[str]:
    lo, hi = _project_span(pyproject_text)
    m = _VERSION_LINE.search(pyproject_text, lo, hi)
    if m is None:
        raise ReleaseError("the [project] table of pyproject.toml has no static version")
    return m


def read_version(pyproject_text: str) -> str:
    """The ``version`` of the ``[project]`` table."""
    return _version_line(pyproject_text).group(3)


def bump_version(pyproject_text: str, new: str) -> str:
    """``pyproject.toml`` with ``[project] version`` set to NEW; every other byte unchanged."""
    m = _version_line(pyproject_text)
    line = f"{m.group(1)}{m.group(2)}{new}{m.group(2)}{m.group(4)}"
    return pyproject_text[: m.start()] + line + pyproject_text[m.end() :]


def changelog_heading(version: str, date: dt.date) -> str:
    return f"## {version} — {date.isoformat()}"


def add_changelog_entry(text: str, version: str, date: dt.date, message: str | None = None) -> str:
    """The changelog with an entry for VERSION above the newest one (or at the end if none)."""
    if re.search(rf"^## {re.escape(version)}(\s|$)", text, re.M):
        raise ReleaseError(f"docs/changelog.md already has an entry for {version}")
    entry = f"{changelog_heading(version, date)}\n\n{(message or PLACEHOLDER).strip()}\n\n"
    first = re.search(r"^## ", text, re.M)
    if first is None:
        return text.rstrip("\n") + "\n\n" + entry.rstrip("\n") + "\n"
    return text[: first.start()] + entry + text[first.start() :]


def changelog_entry(text: str, version: str) -> str:
    """The body of VERSION's changelog entry (for the release notes)."""
    m = re.search(rf"^## {re.escape(version)}(?:\s.*)?$", text, re.M)
    if m is None:
        raise ReleaseError(f"docs/changelog.md has no entry for {version}")
    nxt = re.search(r"^## ", text[m.end() :], re.M)
    body = text[m.end() : m.end() + nxt.start()] if nxt else text[m.end() :]
    return body.strip() + "\n"


# --- the steps ----------------------------------------------------------------------------------


def _tox() -> list[str]:
    if importlib.util.find_spec("tox") is not None:
        return [sys.executable, "-m", "tox"]
    if shutil.which("tox"):
        return ["tox"]
    raise ReleaseError("tox is not installed: python -m pip install tox (or run tox -e release)")


def _git(*args: str) -> str:
    result = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)
    if result.returncode != 0:
        raise ReleaseError(f"git {' '.join(args)}: {result.stderr.strip()}")
    return result.stdout


def preflight(version: str) -> str:
    """Check the tree and the version; return the current version."""
    current = read_version(PYPROJECT.read_text(encoding="utf-8"))
    if version_key(version) <= version_key(current):
        raise ReleaseError(f"{version} is not newer than pyproject.toml's {current}")
    dirty = _git("status", "--porcelain", "--untracked-files=no").rstrip()
    if dirty:
        raise ReleaseError(f"the work tree has uncommitted changes:\n{dirty}")
    if _git("tag", "--list", f"v{version}").strip():
        raise ReleaseError(f"the tag v{version} exists already")
    return current


def _run(cmd: list[str], *, dry_run: bool, env: dict[str, str] | None = None) -> None:
    shown = " ".join(shlex.quote(c) for c in cmd)
    if env and "SOURCE_DATE_EPOCH" in env:
        shown = f"SOURCE_DATE_EPOCH={env['SOURCE_DATE_EPOCH']} {shown}"
    print(f"$ {shown}", flush=True)
    if dry_run:
        return
    result = subprocess.run(cmd, cwd=ROOT, env={**os.environ, **(env or {})})
    if result.returncode != 0:
        raise ReleaseError(f"step failed (exit {result.returncode}): {shown}")


def release(version: str, *, message: str | None, dry_run: bool, pdf: bool = True) -> None:
    today = dt.date.today()
    tox = _tox() if not dry_run else ["tox"]
    try:
        current = preflight(version)
    except ReleaseError as error:
        if not dry_run:
            raise
        print(f"(dry run) the release would stop here: {error}\n")
        current = read_version(PYPROJECT.read_text(encoding="utf-8"))
    say = (lambda s: print(f"(dry run) {s}")) if dry_run else print

    say(f"1. pyproject.toml: version {current} -> {version}")
    if not dry_run:
        PYPROJECT.write_text(
            bump_version(PYPROJECT.read_text(encoding="utf-8"), version), encoding="utf-8"
        )

    say("2. build the HTML and freeze the published forecasts")
    _run([*tox, "-e", "html"], dry_run=dry_run)
    # a release is the forecasts' publication: its date, never a date guessed from the text
    freeze = ["report-checks", "ledger", "freeze", "--published", today.isoformat()]
    _run([*tox, "exec", "-e", "html", "--", *freeze], dry_run=dry_run)

    say(f"3. docs/changelog.md: add {changelog_heading(version, today)!r}")
    if not dry_run:
        CHANGELOG.write_text(
            add_changelog_entry(CHANGELOG.read_text(encoding="utf-8"), version, today, message),
            encoding="utf-8",
        )

    say(f"4. commit and tag v{version}")
    paths = ["pyproject.toml", "docs/changelog.md"]
    if dry_run or LEDGER.exists():
        paths.append(LEDGER.name)
    _run(["git", "add", "--", *paths], dry_run=dry_run)
    _run(["git", "commit", "-m", f"Release {version}"], dry_run=dry_run)
    _run(["git", "tag", "-a", f"v{version}", "-m", f"Release {version}"], dry_run=dry_run)

    if pdf:
        say("5. build the PDF (its title page carries the version and the date)")
        epoch = "$(git log -1 --format=%ct)" if dry_run else _git("log", "-1", "--format=%ct")
        _run([*tox, "-e", "pdf"], dry_run=dry_run, env={"SOURCE_DATE_EPOCH": epoch.strip()})

    print()
    if message is None:
        print(
            f"Edit the line under '## {version}' in docs/changelog.md, then "
            f"`git commit --amend -a --no-edit && git tag -f -a v{version} -m 'Release {version}'`."
        )
    print(f"Then publish: git push origin main v{version}")
    if pdf:
        print("The PDF: docs/_build/latex/report.pdf")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="release.py", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("version", help="the new version, e.g. 0.2.0 (a leading v is dropped)")
    parser.add_argument("--dry-run", action="store_true", help="print the steps, change nothing")
    parser.add_argument("-m", "--message", help="the changelog line describing the release")
    parser.add_argument("--no-pdf", action="store_true", help="skip the PDF build (no TeX here)")
    parser.add_argument(
        "--notes",
        action="store_true",
        help="print VERSION's changelog entry; fail unless pyproject.toml carries VERSION",
    )
    args = parser.parse_args(argv)
    try:
        version = normalise_version(args.version)
        if args.notes:
            current = read_version(PYPROJECT.read_text(encoding="utf-8"))
            if current != version:
                raise ReleaseError(f"the tag says {version}, pyproject.toml says {current}")
            notes = changelog_entry(CHANGELOG.read_text(encoding="utf-8"), version)
            if PLACEHOLDER in notes:
                raise ReleaseError(
                    f"describe {version} in docs/changelog.md (the placeholder is left)"
                )
            sys.stdout.write(notes)
            return 0
        release(version, message=args.message, dry_run=args.dry_run, pdf=not args.no_pdf)
    except ReleaseError as error:
        print(f"release: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
