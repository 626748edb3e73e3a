"""The bibliography ``refs.bib``: read with pybtex, and its checks.

An entry needs an author or an organisation (``author``, ``editor``, ``organization``,
``institution`` or ``publisher``), a title, and a year or a date; its ``url`` is http(s); every
entry is cited somewhere (a ``{cite}``/``{footcite}`` role in ``docs/**/*.md`` or an assessment's
``basis``/``evidence``); and no key is defined twice. Whether the keys the assessments cite exist
is one of :mod:`tradecraft.rules`.

pybtex is imported only when a file is read, so commands that do not need it stay fast.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from tradecraft.errors import InputError
from tradecraft.problems import Problem, error

#: Fields that name who is responsible for a work, besides persons.
ORGANISATION_FIELDS: tuple[str, ...] = ("organization", "institution", "publisher")
PERSON_FIELDS: tuple[str, ...] = ("author", "editor")

_ENTRY_START = re.compile(r"^\s*@\s*(?P<type>\w+)\s*[{(]\s*(?P<key>[^,\s{}()]+)\s*,")
_NOT_ENTRIES = frozenset({"comment", "string", "preamble"})


@dataclass(frozen=True)
class BibEntry:
    """One entry: its key as written, type, fields (lower-case names) and persons by role."""

    key: str
    type: str
    fields: Mapping[str, str]
    persons: Mapping[str, int]
    lineno: int | None


@dataclass
class Bibliography:
    """A parsed ``.bib`` file; keys compare case-insensitively, as in BibTeX."""

    path: Path
    entries: dict[str, BibEntry] = field(default_factory=dict)
    #: Keys defined more than once: ``(line, key as written)`` of every definition.
    duplicates: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    #: Problems pybtex reported without giving up (a repeated field, a bad name list …).
    problems: list[Problem] = field(default_factory=list)

    #: Every key, lower case.
    known: set[str] = field(default_factory=set)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and key.lower() in self.known

    def location(self, lineno: int | None) -> str:
        """``refs.bib:12`` (or the bare file name when the line is unknown)."""
        return f"{self.path}:{lineno}" if lineno else str(self.path)


def load_bibliography(path: str | Path) -> Bibliography:
    """Parse a BibTeX file; a syntax error raises :class:`InputError` with file and line."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{path}: no such file; pass the bibliography with --bib PATH") from None
    except (IsADirectoryError, PermissionError, UnicodeDecodeError) as problem:
        raise InputError(f"{path}: cannot read it ({problem})") from None

    import pybtex.errors
    from pybtex.database import BibliographyDataError, parse_string
    from pybtex.database.input.bibtex import UndefinedMacro
    from pybtex.scanner import PybtexSyntaxError

    bib = Bibliography(path)
    lines = _entry_lines(text)
    with pybtex.errors.capture() as captured:
        try:
            data = parse_string(text, "bibtex")
        except PybtexSyntaxError as fatal:  # raised despite capture by some scanner paths
            captured.append(fatal)
            data = None
    for issue in captured:
        lineno = getattr(issue, "lineno", None)
        if isinstance(issue, PybtexSyntaxError) and not isinstance(issue, UndefinedMacro):
            where = f"{path}:{lineno}" if lineno else str(path)
            raise InputError(f"{where}: BibTeX {issue.error_type}: {issue.args[0]}; fix that entry")
        if isinstance(issue, BibliographyDataError) and str(issue).startswith("repeated"):
            continue  # reported from our own scan, with line numbers
        named = re.search(r"entry with key (\S+)", str(issue))
        key = named[1] if named else None
        if lineno is None and key is not None:
            lineno = _first_line(lines, key)
        bib.problems.append(error(key, bib.location(lineno), f"{issue}; fix the entry"))
    if data is None:
        raise InputError(f"{path}: pybtex could not read it")
    for key, entry in data.entries.items():
        bib.entries[key] = BibEntry(
            key=key,
            type=entry.type,
            fields={name.lower(): str(value) for name, value in entry.fields.items()},
            persons={role.lower(): len(people) for role, people in entry.persons.items()},
            lineno=_first_line(lines, key),
        )
    bib.known = {key.lower() for key in bib.entries}
    bib.duplicates = {key: found for key, found in lines.items() if len(found) > 1}
    return bib


def _entry_lines(text: str) -> dict[str, list[tuple[int, str]]]:
    """``(line, key)`` of each definition, by lower-case key, from ``@type{key,`` lines."""
    found: dict[str, list[tuple[int, str]]] = {}
    for lineno, line in enumerate(text.splitlines(), 1):
        match = _ENTRY_START.match(line)
        if match and match["type"].lower() not in _NOT_ENTRIES:
            found.setdefault(match["key"].lower(), []).append((lineno, match["key"]))
    return found


def _first_line(lines: dict[str, list[tuple[int, str]]], key: str) -> int | None:
    found = lines.get(key.lower())
    return found[0][0] if found else None


def entry_problems(bib: Bibliography) -> list[Problem]:
    """Duplicate keys, entries without author/organisation, title or year/date, non-http(s) URLs."""
    problems = list(bib.problems)
    for found in bib.duplicates.values():
        first = found[0][0]
        for lineno, key in found[1:]:
            problems.append(
                error(
                    key,
                    bib.location(lineno),
                    f"duplicate key (already defined on line {first}); "
                    "rename or delete one of the entries",
                )
            )
    for entry in bib.entries.values():
        where = bib.location(entry.lineno)
        fields = entry.fields
        if not any(entry.persons.get(role) for role in PERSON_FIELDS) and not any(
            fields.get(name, "").strip() for name in ORGANISATION_FIELDS
        ):
            problems.append(
                error(
                    entry.key,
                    where,
                    "no author or organisation; add author = {...} "
                    "or organization/institution/publisher = {...}",
                )
            )
        if not fields.get("title", "").strip():
            problems.append(error(entry.key, where, "no title; add title = {...}"))
        if not (fields.get("year", "").strip() or fields.get("date", "").strip()):
            problems.append(
                error(entry.key, where, "no year or date; add year = {YYYY} or date = {YYYY-MM-DD}")
            )
        url = fields.get("url", "").strip()
        if url:
            parts = urlsplit(url)
            if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
                problems.append(
                    error(
                        entry.key,
                        where,
                        f"url {url!r} is not http(s); give an http:// or https:// address",
                    )
                )
    return problems


def unused_entries(bib: Bibliography, cited: Iterable[str]) -> list[Problem]:
    """Entries cited nowhere (keys compared case-insensitively)."""
    used = {key.lower() for key in cited}
    return [
        error(
            entry.key,
            bib.location(entry.lineno),
            "entry is never cited (no {cite}/{footcite} in the docs, no basis or evidence); "
            "cite it or delete it",
        )
        for entry in bib.entries.values()
        if entry.key.lower() not in used
    ]
